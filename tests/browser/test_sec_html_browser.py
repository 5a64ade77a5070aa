"""Hostile data in a real browser (issue #14, item 1): a real ``workbench minutes`` run whose
attendance file is hostile in every field and in its name, its HTML twin opened in Chromium
from ``file://``; beside it a twin whose outputs and markdown carry raw markup, and a quarter
index whose every text is hostile. No script may run: every payload (tests/hostile.py) would
set the page's title or open a dialog.
"""

from __future__ import annotations

import nbformat
import pytest
from hostile import INSTANSI, JABATAN, KETERANGAN, NAME, PWNED, hostile_meeting, live_markup

from workbench.bakohumas.index_page import IndexData, Link, OfficeRow, render
from workbench.html_export import write_html_twin
from workbench.rakor.run import run_minutes

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The three pages: the real run's twin, a twin of raw markup, the index."""
    record, attendance = hostile_meeting(tmp_path_factory.mktemp("rapat"))
    run = run_minutes(record, attendance, out_dir=tmp_path_factory.mktemp("keluaran"))
    twin = run.folder / "rakor_minutes.html"

    folder = tmp_path_factory.mktemp("mentah")
    nb = nbformat.v4.new_notebook()
    outputs = [
        nbformat.v4.new_output("display_data", data={mime: text, "text/plain": "x"})
        for mime, text in (
            ("text/html", NAME + KETERANGAN),
            ("text/markdown", f"## {INSTANSI}"),
            ("application/javascript", f"document.title = '{PWNED}'"),
        )
    ]
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# Rapat {JABATAN}"),
        nbformat.v4.new_code_cell("tampilkan()", outputs=outputs),
    ]
    nbformat.write(nb, folder / "mentah.ipynb")
    raw = write_html_twin(folder / "mentah.ipynb")

    index = folder / "index.html"
    office = OfficeRow("35.28", NAME, "terlambat", False, 1.0, 1, (Link(INSTANSI, "x.html"),))
    index.write_text(
        render(
            IndexData("Evaluasi", "TW 2", (("Satker", KETERANGAN),), (NAME,), (), (), (office,))
        ),
        encoding="utf-8",
    )
    return twin, raw, index


def test_no_script_from_data_runs_in_any_page(page, pages):
    twin, raw, index = pages
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)

    for path, title in ((twin, "rakor_minutes"), (raw, "mentah"), (index, "Evaluasi, TW 2")):
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.wait_for_function("() => [...document.images].every(i => i.complete)")
        assert page.title() == title, path.name  # no payload renamed the page
        if path == twin:
            shown = page.inner_text("body")
            assert NAME in shown and JABATAN in shown  # the names are there, as text
    assert dialogs == []
    assert live_markup(twin.read_text(encoding="utf-8")) == []  # escaped: nothing to block
    # the raw page's markup tried to run and the policy refused it
    assert any("script" in text for text in refused), refused
