"""HTML twins of executed notebooks: written by the single run and the batch, readable offline,
without code cells."""

from __future__ import annotations

import re
import shutil
import threading

import nbformat
import pytest

from workbench.batch.jobs import Job
from workbench.batch.run import run_batch
from workbench.errors import NotebookError
from workbench.html_export import exporter, notebook_html, warm_up
from workbench.runner import run_to_folder

CODE = (
    "import base64, pathlib\n"
    "from IPython.display import HTML, Image, display\n"
    "if fail:\n    raise ValueError('sengaja gagal')\n"
    "PNG = base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
    "DwAEhQGAhKmMIQAAAABJRU5ErkJggg==')\n"
    "display(Image(PNG))\n"
    "display(HTML('<table><tr><td>Kabupaten ' + nama + '</td></tr></table>'))\n"
    "print('ditulis ke', output_dir)\n"
    "pathlib.Path(output_dir, 'hasil.txt').write_text(nama)\n"
)


def _notebook(path):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("nama = 'Jember'\nfail = False\noutput_dir = '.'")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Laporan uji"),
        params,
        nbformat.v4.new_code_cell(CODE),
    ]
    nb.metadata.update(kernelspec=dict(name="python3", display_name="Python 3", language="python"))
    nbformat.write(nb, path)
    return path


def assert_offline_page_without_code(page: str) -> None:
    """Nothing is loaded from elsewhere; no code cell and no prompt is shown."""
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]*\bsrc=", page), "a script is loaded from a URL"
    assert not re.search(r"<link[^>]*\bhref=", page), "a stylesheet is loaded from a URL"
    for url in re.findall(r"""\b(?:src|href)\s*=\s*["']([^"']*)""", page):
        assert not re.match(r"(?i)(https?:)?//", url), url
    assert not re.search(r"@import|url\((?!data:)", page)  # CSS pulls nothing in either
    assert not re.search(r'class="[^"]*(jp-CodeMirrorEditor|jp-InputPrompt|jp-OutputPrompt)', page)
    assert "base64.b64decode" not in page  # the code itself


@pytest.fixture(scope="module")
def single_run(tmp_path_factory):
    """One single run of the test notebook (a real kernel), read by several tests: its
    notebook and its target folder (copied by a test that writes there)."""
    folder = tmp_path_factory.mktemp("tunggal")
    nb = _notebook(folder / "laporan.ipynb")
    target = folder / "keluaran" / "hasil"
    run_to_folder(nb, target, {"nama": "Jember <&>"}, command="uji", inputs=[])
    return nb, target


@pytest.mark.slow
def test_single_run_writes_an_offline_twin_that_names_the_target(single_run):
    _, target = single_run
    page = (target / "laporan.html").read_text(encoding="utf-8")
    assert_offline_page_without_code(page)
    assert "<h1" in page and "Laporan uji" in page  # markdown stays
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', page)) == 1
    assert "Kabupaten Jember <&>" in page  # the HTML output, as the kernel sent it
    assert f"ditulis ke {target}" in page and "staging" not in page
    assert '<html lang="id">' in page


@pytest.mark.slow
def test_failed_run_writes_no_twin_and_keeps_the_previous_one(single_run, tmp_path):
    nb, done = single_run
    target = tmp_path / "hasil"
    shutil.copytree(done, target)  # the previous (successful) run's folder
    before = (target / "laporan.html").read_bytes()
    with pytest.raises(NotebookError):
        run_to_folder(nb, target, {"fail": True}, command="uji", inputs=[])
    assert (target / "laporan.html").read_bytes() == before
    assert not (tmp_path / "hasil.gagal.html").exists()


@pytest.mark.slow
def test_batch_writes_a_twin_per_successful_job(tmp_path):
    nb = _notebook(tmp_path / "laporan.ipynb")
    jobs = [
        Job("jember", {"nama": "Jember"}, 2),
        Job("gagal", {"nama": "X", "fail": True}, 3),
        Job("madiun", {"nama": "Madiun"}, 4),
    ]
    result = run_batch(nb, jobs, tmp_path / "out", workers=2, progress=False, html=True)
    assert [r.status for r in result.results] == ["ok", "failed", "ok"]
    for name, nama in (("jember", "Jember"), ("madiun", "Madiun")):
        page = (tmp_path / "out" / name / "laporan.html").read_text(encoding="utf-8")
        assert_offline_page_without_code(page)
        assert f"Kabupaten {nama}<" in page
        assert str(tmp_path / "out" / name) in page and "staging" not in page
    assert not (tmp_path / "out" / "gagal").exists()
    assert sorted(p.name for p in (tmp_path / "out").glob("*.html")) == []


def test_exporters_are_reused_and_never_shared_at_once():
    warm_up().join()
    with exporter() as first:
        pass
    with exporter() as again:
        assert again is first  # a free one is reused
        inside: list = []
        thread = threading.Thread(target=lambda: inside.append(exporter().__enter__()))
        thread.start()
        thread.join()
        assert inside[0] is not again  # one in use is not handed to another thread


def test_lab_template_scripts_from_a_cdn_are_gone(tmp_path):
    """The ``lab`` template would load require.js and MathJax from cdnjs; the twin does not."""
    from nbconvert import HTMLExporter

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("Rumus $x^2$ dan **tebal**")]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    stock, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    assert "cdnjs.cloudflare.com" in stock  # what would otherwise be loaded
    page = notebook_html(path)
    assert_offline_page_without_code(page)
    assert "<strong>tebal</strong>" in page


def _text(page: str) -> list[str]:
    """The words a reader sees (no style, no script)."""
    from html.parser import HTMLParser

    words: list[str] = []

    class Text(HTMLParser):
        skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("style", "script")

        def handle_endtag(self, tag):
            self.skip -= tag in ("style", "script")

        def handle_data(self, data):
            if not self.skip:
                words.extend(data.split())

    Text().feed(page)
    return words


@pytest.mark.slow
def test_twin_shows_what_the_stock_exporter_shows(tmp_path):
    """The twin's exporter skips two passes of nbconvert's (see html_export): the page still
    has the same text and images as nbconvert's own HTMLExporter makes of it."""
    from nbconvert import HTMLExporter

    nb = _notebook(tmp_path / "laporan.ipynb")
    target = tmp_path / "hasil"
    run_to_folder(nb, target, {"nama": "Jember"}, command="uji", inputs=[])
    executed = nbformat.read(target / "laporan.ipynb", as_version=4)
    stock, _ = HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    ).from_notebook_node(executed, resources={"metadata": {"name": "laporan"}})
    twin = (target / "laporan.html").read_text(encoding="utf-8")
    assert _text(twin) == _text(stock) and "Jember" in _text(twin)
    images = re.findall(r'<img [^>]*src="(data:[^"]+)"', twin)
    assert images == re.findall(r'<img [^>]*src="(data:[^"]+)"', stock) and images
    assert re.search(r'<img alt="Grafik" src="data:image/png', twin)
