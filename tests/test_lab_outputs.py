"""Each notebook shows its results inline, links to what it wrote, and writes a true manifest
wherever it runs (a Lab run into a folder the CLI wrote leaves no stale PDF or record)."""

from __future__ import annotations

import json
import os
import re

import nbformat
import pandas as pd
import papermill as pm
import pytest

from workbench.lab.outputs import Links, is_staging
from workbench.manifest import sha256_file
from workbench.paths import NOTEBOOKS_DIR
from workbench.rakor.display import SHARED_LOGIN, SHORT_STAY, flagged_first


def _execute(notebook: str, tmp_path, **parameters):
    """Run ``notebook`` as JupyterLab does (kernel in notebooks/); the executed notebook."""
    return pm.execute_notebook(
        str(NOTEBOOKS_DIR / notebook),
        str(tmp_path / "dijalankan.ipynb"),
        parameters=parameters,
        cwd=str(NOTEBOOKS_DIR),
        progress_bar=False,
        kernel_name="python3",
    )


def _outputs(nb, mime: str) -> list[str]:
    return [
        "".join(o["data"][mime])
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if mime in o.get("data", {})
    ]


def _manifest_is_true(folder, written: set[str]) -> dict:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in manifest["keluaran"]} == written
    for entry in manifest["keluaran"]:
        assert sha256_file(folder / entry["path"]) == entry["sha256"], entry["path"]
    return manifest


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    "office, name", [("35.28", "KPU Kabupaten Pamekasan"), ("35.07", "KPU Kabupaten Malang")]
)
def test_office_report_shows_scorecard_chart_trend_and_links(
    tmp_path, office, name, notebook_defaults
):
    if office == "35.28":  # the default office: the session's run (tests/conftest.py)
        folder = notebook_defaults("office_report.ipynb")
        out, nb = folder / "hasil", nbformat.read(folder / "dijalankan.ipynb", as_version=4)
    else:
        out = tmp_path / "hasil"
        nb = _execute("office_report.ipynb", tmp_path, office=office, output_dir=str(out))
    markdown = "\n".join(_outputs(nb, "text/markdown"))
    assert f"## {name} \u2014 TW 2 Tahun 2025" in markdown
    assert "Kartu skor" in markdown and "Tren antartriwulan" in markdown
    tables = "\n".join(_outputs(nb, "text/html"))
    for label in ("Status laporan", "Skor", "Peringkat", "Median provinsi", "TW 1 Tahun 2025"):
        assert label in tables, label
    # office vs province median: linked relative to the notebook (notebooks/), not embedded
    assert _outputs(nb, "image/png") == []
    assert re.findall(r'<img src="([^"]+)"', tables) == [_rel(out / "perbandingan-median.png")]
    hrefs = re.findall(r'href="([^"]+)"', tables)
    assert hrefs == [
        _rel(out / f) for f in ("laporan.docx", "perbandingan-median.png", "manifest.json")
    ]
    manifest = _manifest_is_true(out, {"laporan.docx", "perbandingan-median.png"})
    assert manifest["perintah"] == "notebook office_report.ipynb"
    assert manifest["parameter"]["office"] == office


def _rel(path) -> str:
    """``path`` as a link in a notebook open in notebooks/."""
    return os.path.relpath(path, NOTEBOOKS_DIR)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_minutes_in_lab_into_a_cli_folder_leaves_nothing_stale(tmp_path, sample_meeting_dir, demo):
    """Into a copy of the shared CLI run's meeting folder (tests/conftest.py ``demo``:
    ``workbench minutes`` with ``--pdf`` when LibreOffice is installed)."""
    import shutil

    folder = tmp_path / "reports" / demo.minutes.name
    shutil.copytree(demo.minutes, folder, ignore=shutil.ignore_patterns("berita"))
    for name in ("notula.pdf", "daftar-hadir.pdf"):  # as --pdf writes them
        if not (folder / name).exists():
            (folder / name).write_bytes(b"%PDF-1.4 dari run sebelumnya\n")
    before = {p.name for p in folder.iterdir()}
    assert {"rakor_minutes.ipynb", "manifest.json", "notula.pdf"} <= before

    nb = _execute("rakor_minutes.ipynb", tmp_path, output_dir=str(folder))

    written = {"notula.docx", "daftar-hadir.docx", "kehadiran.png"}
    assert {p.name for p in folder.iterdir()} == written | {"manifest.json"}
    manifest = _manifest_is_true(folder, written)
    assert manifest["perintah"] == "notebook rakor_minutes.ipynb"
    assert manifest["parameter"]["min_share"] == 0.5
    read = {e["path"] for e in manifest["masukan"]}
    assert str(sample_meeting_dir / "zoom-peserta.csv") in read
    shown = "\n".join(_outputs(nb, "text/html"))
    assert "notula.pdf" in shown and "--pdf" in shown  # says what it removed and why
    assert f'href="{_rel(folder / "notula.docx")}" download' in shown

    # the attendance table: flagged people first, highlighted, all 87 rows shown
    (table,) = [h for h in _outputs(nb, "text/html") if "Perhatian" in h]
    assert table.count("<tr>") >= 87
    # Indonesian headers and Ya/Tidak, not the code names and True/False
    assert "Kurang durasi" in table and "Durasi (menit)" in table and ">Tidak<" in table
    assert "kurang_durasi" not in table and ">False<" not in table and ">True<" not in table
    first_row = table.split("<tbody>")[1].split("</tr>")[0]
    assert SHORT_STAY in first_row or SHARED_LOGIN in first_row


def test_flagged_first_keeps_order_and_says_why():
    table = pd.DataFrame(
        {
            "nama": ["A", "B", "C", "D"],
            "keterangan": ["", "melalui akun Zoom bersama", "", ""],
            "kurang_durasi": [False, False, True, False],
        }
    )
    view = flagged_first(table)
    assert list(view["nama"]) == ["B", "C", "A", "D"]
    assert list(view["perhatian"]) == [SHARED_LOGIN, SHORT_STAY, "", ""]
    assert list(view.index) == [1, 2, 3, 4]


def test_links_are_relative_to_where_the_notebook_is(tmp_path):
    stage = tmp_path / ".laporan.staging-ab12"
    files = [stage / "notula.docx", stage / "kehadiran.png"]
    html = Links(files, folder=stage, base=stage)._repr_html_()
    assert is_staging(stage) and not is_staging(tmp_path / "laporan")
    assert 'href="notula.docx" download' in html  # Lab cannot show a DOCX: download
    assert 'href="kehadiran.png" target' in html  # an image opens in a tab
    lab = Links(files, folder=stage, base=tmp_path / "notebooks")._repr_html_()
    assert 'href="../.laporan.staging-ab12/notula.docx"' in lab
    assert str(stage) in repr(Links(files, folder=stage, base=stage))
    # the HTML (the notebook's twin) names no machine path: the folder the run becomes
    assert str(tmp_path) not in html and "<code>laporan</code>" in html
