"""`workbench minutes` end to end: a real kernel runs the notebook; the DOCX are read back."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx_helpers import docx_text, table_rows

from workbench.manifest import sha256_file
from workbench.paths import SAMPLE_MEETING_DIR

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

RECORD = SAMPLE_MEETING_DIR / "meeting.yaml"
ZOOM = SAMPLE_MEETING_DIR / "zoom-peserta.csv"
INTERNAL = SAMPLE_MEETING_DIR / "peserta-internal.csv"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.fixture(scope="module")
def sample_run(demo):
    """The session's one run of the sample (tests/conftest.py ``demo``): its meeting folder
    and the minutes command's result. Read-only."""
    folders = [p for p in demo.out.iterdir() if p.is_dir()]
    assert folders == [demo.minutes]
    return demo.minutes, subprocess.CompletedProcess([], **demo.results["minutes"])


def test_outputs_exist(sample_run):
    folder, result = sample_run
    assert folder.name.startswith("2025-07-17-")
    names = {p.name for p in folder.iterdir()}
    assert {
        "notula.docx",
        "daftar-hadir.docx",
        "kehadiran.png",
        "rakor_minutes.ipynb",
        "manifest.json",
    } <= names
    assert not [n for n in names if n.startswith(".")]
    assert str(folder) in result.stdout


def test_notula_content(sample_run):
    from workbench.rakor.readers.record import load_meeting

    folder, _ = sample_run
    meeting = load_meeting(RECORD)
    text = docx_text(folder / "notula.docx")
    assert "NOTULA RAPAT" in text
    assert "KOMISI PEMILIHAN UMUM KABUPATEN PAMEKASAN" in text
    assert "Kamis, 17 Juli 2025" in text
    assert "pukul 09.00 WIB s.d. selesai" in text
    assert "Reni Rinjani Pratiwi" in text and "Standar Output Kehumasan KPU" in text
    rows = table_rows(folder / "notula.docx")
    for item in meeting.tindak_lanjut:
        assert any(item.uraian in r for r in rows), item.uraian


def test_daftar_hadir_lists_each_attendee_once(sample_run):
    from workbench.rakor import job as minutes

    folder, _ = sample_run
    _, table = minutes.load_inputs(RECORD, [ZOOM, INTERNAL])
    rows = table_rows(folder / "daftar-hadir.docx")
    # No, Nama, Jabatan, Instansi, Keterangan, Tanda Tangan
    people = [(r[1], r[3]) for r in rows if r and r[0].rstrip(".").isdigit()]
    expected = list(zip(table["nama"], table["instansi"]))
    assert sorted(people) == sorted(expected)
    assert len(set(people)) == len(people)
    assert [int(r[0].rstrip(".")) for r in rows if r and r[0].rstrip(".").isdigit()] == list(
        range(1, len(expected) + 1)
    )


def test_manifest_hashes_match(sample_run):
    folder, _ = sample_run
    manifest = json.loads((folder / "manifest.json").read_text())
    for entry in manifest["keluaran"]:
        assert sha256_file(folder / entry["path"]) == entry["sha256"]
    inputs = {Path(e["path"]).name: e["sha256"] for e in manifest["masukan"]}
    assert inputs["meeting.yaml"] == sha256_file(RECORD)
    assert inputs["zoom-peserta.csv"] == sha256_file(ZOOM)
    assert manifest["versi"]["papermill"]
    assert manifest["waktu_detik"]["notebook"] > 0


def test_rerun_replaces_outputs_whole(demo, tmp_path):
    """A second run into the folder of a first one (a copy of the session's sample run)."""
    args = ("minutes", str(RECORD), "-a", str(ZOOM), "--out", str(tmp_path))
    folder = Path(shutil.copytree(demo.minutes, tmp_path / demo.minutes.name))
    (folder / "sisa-lama.txt").write_text("x")
    assert run_cli(*args).returncode == 0
    assert not (folder / "sisa-lama.txt").exists()
    assert (folder / "notula.docx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]


def test_pdf_export(demo, soffice, pdftotext):
    """The session's sample run was made with ``--pdf`` (LibreOffice is installed)."""
    assert demo.pdf
    folder = demo.minutes
    for name in ("notula", "daftar-hadir"):
        pdf = folder / f"{name}.pdf"
        text = subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Kamis, 17 Juli 2025" in text
        if name == "notula":
            assert "NOTULA RAPAT" in text and "Reni Rinjani Pratiwi" in text
        else:
            assert "DAFTAR HADIR" in text and "Mahdi" in text


def test_pdf_without_libreoffice_is_a_clear_error(tmp_path):
    env_path = str(Path(sys.executable).parent)  # python only, no soffice on PATH
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "minutes",
            str(RECORD),
            "-a",
            str(ZOOM),
            "--out",
            str(tmp_path),
            "--pdf",
        ],
        capture_output=True,
        text=True,
        env={"PATH": env_path},
    )
    assert result.returncode == 3
    assert "LibreOffice tidak ditemukan" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_edited_templates_are_used(tmp_path):
    """--templat-notula / --templat-daftar-hadir: the secretariat's restyled copies are
    rendered and recorded in the manifest."""
    import zipfile

    from workbench.paths import TEMPLATES_DIR

    def restyle(name: str, old: str, new: str) -> Path:
        target = tmp_path / "kantor" / f"{Path(name).stem}-pamekasan.docx"
        target.parent.mkdir(exist_ok=True)
        with (
            zipfile.ZipFile(TEMPLATES_DIR / name) as src,
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst,
        ):
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "word/document.xml":
                    assert old.encode() in data
                    data = data.replace(old.encode(), new.encode())
                dst.writestr(item, data)
        return target

    notula = restyle("notula.docx", "NOTULA RAPAT", "NOTULEN RAPAT")
    daftar = restyle("daftar-hadir.docx", "DAFTAR HADIR", "DAFTAR HADIR PESERTA")
    out = tmp_path / "hasil"
    result = run_cli(
        "minutes",
        str(RECORD),
        "-a",
        str(ZOOM),
        "-a",
        str(INTERNAL),
        "--out",
        str(out),
        "--templat-notula",
        str(notula),
        "--templat-daftar-hadir",
        str(daftar),
    )
    assert result.returncode == 0, result.stderr
    folder = next(out.iterdir())
    assert "NOTULEN RAPAT" in docx_text(folder / "notula.docx")
    assert "DAFTAR HADIR PESERTA" in docx_text(folder / "daftar-hadir.docx")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    inputs = {Path(i["path"]).name for i in manifest["masukan"]}
    assert {"notula-pamekasan.docx", "daftar-hadir-pamekasan.docx"} <= inputs
