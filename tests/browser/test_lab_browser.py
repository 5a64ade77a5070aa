"""JupyterLab in a real browser, started as ``make lab`` starts it: each notebook opened, its
parameters pointed at a temporary folder by typing in the cell, *Run → Run All Cells*, the
results checked, then saved — and git still sees the committed notebook.

The server serves a git copy of ``notebooks/`` (:func:`lab_server.copy_project_notebooks`),
not the checkout: a test that typed into the real notebooks and then failed before undoing
the edit would leave them changed (the save hook keeps edits, by design: docs/jupyterlab.md).
The server is the session's one (tests/conftest.py ``lab``, shared with test_lab_save.py).
What the notebooks write goes to ``tmp_path`` (their ``output_dir`` is typed in, and typed
back before saving), never to the checkout's ``reports/``.

``--LabApp.expose_app_in_browser`` (test only) lets the test read the notebook's model —
every output of every cell, also of cells Lab has not drawn because they are off screen —
and the kernel's status; the clicks and the typing go through the page.
"""

from __future__ import annotations

import json
import re

import pytest
from lab_server import git

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

NOTEBOOKS = {
    # notebook: (screenshot, the text its results show, at least this many images, tables)
    "rakor_minutes.ipynb": ("lab-rakor.png", "Perhatian", 1, 1),
    # the office chart is linked (<img src="perbandingan-median.png">), not embedded
    "office_report.ipynb": ("lab-office.png", "KPU Kabupaten Pamekasan", 0, 2),
    "bakohumas_evaluation.ipynb": ("lab-evaluasi.png", "KPU Kabupaten Lumajang", 3, 1),
}

#: The notebook's state from Lab's own model: kernel status, and per code cell its execution
#: count, output types, mime types and text.
STATE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = [];
  for (const cell of panel.content.widgets) {
    if (cell.model.type !== "code") continue;
    const outputs = cell.model.outputs.toJSON();
    cells.push({
      count: cell.model.executionCount,
      types: outputs.map(o => o.output_type),
      mimes: outputs.flatMap(o => Object.keys(o.data || {})),
      text: outputs.map(o => JSON.stringify(o.data || o.text || o.evalue || "")).join("\\n"),
      errors: outputs.filter(o => o.output_type === "error").map(o => o.ename + ": " + o.evalue),
    });
  }
  return {
    kernel: kernel ? kernel.status : "none",
    dirty: panel.context.model.dirty,
    path: panel.context.path,
    cells,
  };
}"""


@pytest.fixture
def lab_page(page, lab):
    """The browser page; afterwards every tab in Lab is closed and every kernel stopped, so
    the next test opens its notebook alone."""
    yield page
    page.evaluate(
        "() => window.jupyterapp && window.jupyterapp.commands.execute('application:close-all')"
    )
    for session in lab.api("GET", "sessions"):
        lab.api("DELETE", f"sessions/{session['id']}")


def open_notebook(page, lab, name: str) -> None:
    page.goto(f"{lab.url}lab/tree/notebooks/{name}?token={lab.token}")
    page.wait_for_function(
        """name => window.jupyterapp && window.jupyterapp.shell.currentWidget
                   && window.jupyterapp.shell.currentWidget.context
                   && window.jupyterapp.shell.currentWidget.context.path.endsWith(name)""",
        arg=name,
    )
    wait_idle(page)


def wait_idle(page, timeout: float = 120_000) -> dict:
    """Wait until the kernel is idle and no cell is queued or running; return the state."""
    page.wait_for_function(
        """() => {
          const panel = window.jupyterapp.shell.currentWidget;
          const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
          if (!kernel || kernel.status !== "idle") return false;
          return !panel.node.querySelector(".jp-InputPrompt") ||
            ![...panel.node.querySelectorAll(".jp-InputPrompt")]
              .some(p => p.textContent.includes("*"));
        }""",
        timeout=timeout,
    )
    return page.evaluate(STATE)


def parameters_cell(page):
    """The cell tagged ``parameters`` (its index from the model, the cell from the page)."""
    index = page.evaluate(
        """() => [...window.jupyterapp.shell.currentWidget.content.widgets].findIndex(
              c => (c.model.getMetadata("tags") || []).includes("parameters"))"""
    )
    assert index >= 0, "no cell tagged parameters"
    page.evaluate(
        "i => window.jupyterapp.shell.currentWidget.content.scrollToItem(i, 'start')", index
    )
    panel = page.evaluate("() => window.jupyterapp.shell.currentWidget.id")
    cell = page.locator(f"[id='{panel}'] .jp-Notebook .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    return cell


def set_source(page, cell, text: str) -> None:
    """Replace a cell's text by typing: click into its editor, select all, type."""
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)
    page.keyboard.press("Escape")  # back to command mode
    page.wait_for_function(
        "t => window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel"
        ".getSource() === t",
        arg=text,
    )


def source_of(page, cell) -> str:
    cell.locator(".cm-content").click()
    page.keyboard.press("Escape")
    return page.evaluate(
        "() => window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel"
        ".getSource()"
    )


def run_all(page) -> dict:
    """*Run → Run All Cells* from the menu bar; the state once everything ran."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    page.wait_for_function(  # the run has started: some cell is queued or has a count
        """() => [...window.jupyterapp.shell.currentWidget.content.widgets]
                 .some(c => c.model.type === "code" && c.model.executionCount !== null)"""
    )
    return wait_idle(page)


def save(page) -> None:
    page.keyboard.press("Control+S")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")
    page.wait_for_timeout(300)  # the contents API answered; the file is written before


def assert_ran_cleanly(state: dict, shows: str, images: int, tables: int) -> None:
    cells = state["cells"]
    assert all(c["count"] is not None for c in cells), "a cell did not run"
    assert not [e for c in cells for e in c["errors"]], [e for c in cells for e in c["errors"]]
    mimes = [m for c in cells for m in c["mimes"]]
    assert mimes.count("image/png") >= images, mimes
    html = "\n".join(c["text"] for c in cells)
    assert html.count("<table") >= tables
    assert shows in html


def assert_links_its_chart(state: dict, folder) -> None:
    """The office report shows its chart as a link to the PNG it wrote (lab.outputs.LinkedImage)."""
    text = "\n".join(c["text"] for c in state["cells"])
    assert "<img src=" in text and "perbandingan-median.png" in text, text[-2000:]
    assert (folder / "perbandingan-median.png").is_file()


def screenshot_of_results(page, screenshots, name: str) -> None:
    """The first output with an image or a table in view, then a 1280x800 screenshot."""
    page.evaluate(
        """() => {
          const panel = window.jupyterapp.shell.currentWidget;
          const cells = panel.content.widgets;
          const i = cells.findIndex(c => c.model.type === "code" && c.model.outputs.toJSON()
              .some(o => o.data && (o.data["text/html"] || o.data["image/png"])));
          if (i >= 0) { panel.content.activeCellIndex = i; panel.content.scrollToItem(i, "start"); }
        }"""
    )
    page.wait_for_timeout(500)
    page.screenshot(path=str(screenshots / name))


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_run_all_in_lab_shows_results_and_saves_a_clean_tree(
    lab_page, lab, tmp_path, screenshots, name
):
    page = lab_page
    shot, shows, images, tables = NOTEBOOKS[name]
    open_notebook(page, lab, name)
    cell = parameters_cell(page)
    original = source_of(page, cell)
    assert 'output_dir = ""' in original
    set_source(page, cell, original.replace('output_dir = ""', f'output_dir = "{tmp_path}"'))

    state = run_all(page)
    assert_ran_cleanly(state, shows, images, tables)
    assert any(tmp_path.iterdir()), "the notebook wrote nothing into output_dir"
    if name == "office_report.ipynb":
        assert_links_its_chart(state, tmp_path)
    screenshot_of_results(page, screenshots, shot)
    if name == "office_report.ipynb":  # the same kernel runs it again for another office
        another_office(page, original, tmp_path / "35.09")

    set_source(page, parameters_cell(page), original)  # the analyst's edit undone
    assert page.evaluate(STATE)["cells"][-1]["types"], "the outputs are still on screen"
    save(page)
    assert git(lab.root, "status", "--porcelain") == ""
    saved = json.loads((lab.root / "notebooks" / name).read_text(encoding="utf-8"))
    assert not [c for c in saved["cells"] if c.get("outputs") or c.get("execution_count")]


def another_office(page, original: str, folder) -> None:
    """Another office typed into the parameters cell, Run All again: that office's results."""
    folder.mkdir()
    assert 'office = "35.28"' in original
    edited = original.replace('office = "35.28"', 'office = "35.09"').replace(
        'output_dir = ""', f'output_dir = "{folder}"'
    )
    set_source(page, parameters_cell(page), edited)
    before = max(c["count"] for c in page.evaluate(STATE)["cells"])
    run_all(page)
    page.wait_for_function(  # every code cell ran again (counts past the first run's)
        f"""() => [...window.jupyterapp.shell.currentWidget.content.widgets]
                 .filter(c => c.model.type === "code")
                 .every(c => c.model.executionCount > {before})""",
        timeout=120_000,
    )
    state = wait_idle(page)
    assert_ran_cleanly(state, "KPU Kabupaten Jember", 0, 2)
    assert_links_its_chart(state, folder)
    assert "Pamekasan" not in "\n".join(c["text"] for c in state["cells"])
    # what the page shows, not only the model: the heading of the results
    panel = page.evaluate("() => window.jupyterapp.shell.currentWidget.id")
    heading = page.locator(
        f"[id='{panel}'] .jp-OutputArea-output :is(h1, h2)", has_text="KPU Kabupaten"
    ).first
    heading.scroll_into_view_if_needed()
    assert "KPU Kabupaten Jember" in heading.inner_text()
    assert (folder / "laporan.docx").is_file()
