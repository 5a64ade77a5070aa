"""HTML that never runs, a terminal that never obeys a file name, a Lab save that never keeps
outputs (issue #14, items 1 and 5).

In-process: the notebook tables are built from hostile attendance files and photos
(tests/hostile.py) by the readers the notebooks use, and the HTML twin is made by the
exporter the runs use. The same data through a real run, opened in Chromium, is
tests/browser/test_sec_html_browser.py.
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from click.testing import CliRunner
from hostile import (
    INSTANSI,
    JABATAN,
    KETERANGAN,
    NAME,
    PHOTO_NAME,
    PWNED,
    ROSTER_NAME,
    hostile_meeting,
    live_markup,
)

from workbench.bakohumas.index_page import SORT_SCRIPT, IndexData, Link, OfficeRow, render
from workbench.cli import cli
from workbench.html_export import notebook_html
from workbench.paths import SAMPLE_MEETING_DIR
from workbench.rakor import job
from workbench.rakor.display import attendance_view
from workbench.standar.foto.display import photo_check_view
from workbench.standar.foto.job import check_photo_folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_meeting(tmp_path_factory.mktemp("rapat"))


def test_attendance_table_escapes_every_field_and_the_file_name(hostile):
    record, attendance = hostile
    _, table = job.load_inputs(record, attendance)
    page = attendance_view(table)._repr_html_()
    assert live_markup(page) == []
    assert "<img" not in page and "<script" not in page and "<iframe" not in page
    for text in (NAME, JABATAN, INSTANSI, KETERANGAN, ROSTER_NAME):  # shown, as text
        assert _escaped(text) in page, text


def test_photo_table_escapes_the_photo_file_name(hostile):
    record, _ = hostile
    result = check_photo_folder(record.parent / "foto", job.load_record(record))
    page = photo_check_view(result)._repr_html_()
    assert live_markup(page) == [] and "<img" not in page
    assert _escaped(PHOTO_NAME) in page


def _escaped(text: str) -> str:
    from html import escape

    return escape(text)


def _twin(tmp_path, outputs: list, markdown: str = "# Laporan") -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(markdown),
        nbformat.v4.new_code_cell("tampilkan()", outputs=outputs),
    ]
    path = tmp_path / "laporan.ipynb"
    nbformat.write(nb, path)
    return notebook_html(path)


def _display(mime: str, text: str):
    return nbformat.v4.new_output("display_data", data={mime: text, "text/plain": "x"})


def test_twin_of_the_tables_has_no_live_markup_and_a_policy_first(tmp_path, hostile):
    record, attendance = hostile
    _, table = job.load_inputs(record, attendance)
    photos = check_photo_folder(record.parent / "foto", job.load_record(record))
    page = _twin(
        tmp_path,
        [
            _display("text/html", attendance_view(table)._repr_html_()),
            _display("text/html", photo_check_view(photos)._repr_html_()),
        ],
    )
    assert live_markup(page) == [] and "<script" not in page
    _assert_policy_first(page)


def _assert_policy_first(page: str) -> None:
    """A policy that forbids every script and every load, in the head before anything it
    must cover."""
    head = page.split("</head>")[0]
    metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head)
    assert len(metas) == 1
    policy = dict(
        (d.split(" ", 1) + [""])[:2] for d in (p.strip() for p in metas[0].split(";")) if d
    )
    assert policy["script-src"] == "'none'" and policy["default-src"] == "'none'"
    assert "http" not in metas[0] and "*" not in metas[0]
    assert head.index("Content-Security-Policy") < head.index("<style")
    assert "<script" not in head  # the twin itself needs none


def test_twin_keeps_markup_from_outputs_and_markdown_inert(tmp_path):
    """``display(HTML(...))``, a markdown output and a markdown cell with a user's value pass
    through nbconvert as markup: the policy is what keeps them from running."""
    page = _twin(
        tmp_path,
        [
            _display("text/html", NAME),
            _display("text/markdown", f"## {INSTANSI}"),
            _display("application/javascript", f"document.title = '{PWNED}'"),
        ],
        markdown=f"# Rapat {JABATAN}",
    )
    _assert_policy_first(page)
    body = page.split("</head>")[1]
    # the raw output is there, as markup: only the policy stops it
    assert 'onerror="document.title' in body and "<script" in body


def test_index_page_escapes_names_and_keeps_its_policy():
    office = OfficeRow(
        kode="35.28",
        nama=NAME,
        status="terlambat",
        tidak_diperbarui=False,
        skor=1.0,
        peringkat=1,
        links=(Link(INSTANSI, "satker/35.28/<img src=x onerror=alert(1)>.html"),),
    )
    page = render(
        IndexData(
            title=f"Evaluasi {JABATAN}",
            period_label="TW 2 Tahun 2025",
            summary=(("Jumlah satker", KETERANGAN),),
            findings=(NAME,),
            offices=(office,),
        )
    )
    own = f"<script>{SORT_SCRIPT}</script>"
    assert page.count(own) == 1 and live_markup(page.replace(own, "")) == []
    assert "script-src 'sha256-" in page and "script-src 'unsafe-inline'" not in page


# ------------------------------------------------------------------------- the terminal
ESCAPES = {
    "\x1b[31m": "\\x1b[31m",  # CSI: colour (click strips it only when not on a terminal)
    "\x1b]8;;x\x07": "\\x1b]8;;x\\x07",  # OSC 8: a planted hyperlink
    "\x9b2J": "\\x9b2J",  # C1 CSI: clear screen
    "\r": "\\x0d",  # overwrite the line
    "\u202e": "\\u202e",  # right-to-left override: 'gpj.exe' shows as 'exe.jpg'
}


def test_visible_writes_every_control_character_as_its_escape():
    from workbench.cli.visible import visible

    for raw, shown in ESCAPES.items():
        assert visible(f"a{raw}b") == f"a{shown}b"
    assert visible("baris 1\r\nbaris 2\tkolom") == "baris 1\nbaris 2\tkolom"
    assert visible("berkas-\udcff.csv") == "berkas-\\udcff.csv"  # an undecodable byte


def test_cli_message_shows_control_characters_in_a_file_name(tmp_path):
    name = "zoom" + "".join(ESCAPES) + ".csv"
    result = CliRunner().invoke(
        cli,
        [
            "minutes",
            str(SAMPLE_MEETING_DIR / "meeting.yaml"),
            "-a",
            str(tmp_path / name),
            "--out",
            str(tmp_path / "k"),
        ],
        color=True,  # as on a terminal: click passes ANSI sequences through
    )
    assert result.exit_code == 2, result.output
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", result.output)
    for shown in ESCAPES.values():
        assert shown in result.output, (shown, result.output)
    assert not (tmp_path / "k").exists()


# ------------------------------------------------------------------------- the Lab hook
def _ran(cells_meta) -> dict:
    """A notebook as Lab sends it after a run, with ``cells_meta`` as its code cell's
    metadata."""
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "cells": [
            {
                "id": "a1",
                "cell_type": "code",
                "source": "print(nama)",
                "metadata": cells_meta,
                "execution_count": 3,
                "outputs": [{"output_type": "stream", "name": "stdout", "text": "NIK 3528\n"}],
            }
        ],
    }


def _manager(tmp_path):
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from traitlets.config import Config

    config = Config()  # as jupyter/jupyter_server_config.py sets it
    config.ContentsManager.pre_save_hook = "workbench.lab.save.strip_on_save"
    return FileContentsManager(root_dir=str(tmp_path), config=config)


@pytest.mark.parametrize(
    "meta",
    [
        {"jupyter": "outputs_hidden"},  # the reported crash: metadata.jupyter not a mapping
        {"jupyter": ["outputs_hidden"]},
        "tidak-sebuah-objek",
        {"jupyter": {"outputs_hidden": True}, "tags": ["parameters"]},
    ],
)
def test_lab_saves_odd_notebooks_stripped(tmp_path, meta):
    """Through jupyter_server's own save (its pre-save hooks as the server runs them)."""
    _manager(tmp_path).save({"type": "notebook", "content": _ran(meta)}, "catatan.ipynb")
    saved = json.loads((tmp_path / "catatan.ipynb").read_text(encoding="utf-8"))
    (cell,) = saved["cells"]
    assert cell["outputs"] == [] and cell["execution_count"] is None
    assert "NIK 3528" not in (tmp_path / "catatan.ipynb").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "shape",
    [
        {"cells": {"0": "bukan daftar"}},
        {"cells": ["bukan sel"]},
        {"metadata": "papermill"},  # not a run record: a string is not metadata
    ],
)
def test_lab_refuses_a_save_it_cannot_strip_or_strips_it(tmp_path, shape):
    from tornado.web import HTTPError

    nb = {**_ran({}), **shape}
    try:
        _manager(tmp_path).save({"type": "notebook", "content": nb}, "catatan.ipynb")
    except HTTPError as e:
        assert e.status_code == 400
        message = e.log_message % e.args
        assert "tidak disimpan" in message and "Perbaikan:" in message
        assert not (tmp_path / "catatan.ipynb").exists()
        return
    assert "NIK 3528" not in (tmp_path / "catatan.ipynb").read_text(encoding="utf-8")


def test_no_module_prints_a_table_through_styler():
    """``Styler.to_html()`` escapes nothing: notebook tables go through ``html_table``. Any
    call of ``.to_html(...)``, ``Styler(...)`` or ``<frame>.style.<method>(...)`` in the
    package is reported."""
    import ast

    from workbench.paths import PROJECT_ROOT

    def styler_call(node: ast.AST) -> bool:
        if not isinstance(node, ast.Call):
            return False
        f = node.func
        return (
            (isinstance(f, ast.Attribute) and f.attr == "to_html")
            or (isinstance(f, (ast.Name, ast.Attribute)) and getattr(f, "id", "") == "Styler")
            or (isinstance(f, ast.Attribute) and f.attr == "Styler")
            or (
                isinstance(f, ast.Attribute)
                and isinstance(f.value, ast.Attribute)
                and f.value.attr == "style"
            )
        )

    found = [
        f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}"
        for path in sorted((PROJECT_ROOT / "workbench").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if styler_call(node)
    ]
    assert found == []
