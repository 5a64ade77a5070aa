"""``workbench evaluate`` and ``workbench reports`` through the CLI: real kernels, real DOCX."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from bakohumas_factory import GOOD, HEADER
from docx import Document
from docx_helpers import docx_text

from workbench.bakohumas.job import evaluate_file
from workbench.cli import main
from workbench.paths import SAMPLE_BAKOHUMAS_DIR

SAMPLE = SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan.csv"
NATIONAL = SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan-nasional.csv"


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(args)
    return info.value.code


def workbench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    result = workbench("evaluate", str(SAMPLE), "--period", "2025-TW2", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out / "bakohumas" / "2025-TW2", result.stdout


@pytest.mark.slow
def test_evaluate_writes_the_province_report(evaluated):
    folder, stdout = evaluated
    names = {p.name for p in folder.iterdir()}
    assert {
        "evaluasi-provinsi.docx",
        "ringkasan.csv",
        "status-laporan.png",
        "indikator-satker.png",
        "tren-triwulan.png",
        "bakohumas_evaluation.ipynb",
        "ringkasan.xlsx",
        "manifest.json",
    } <= names
    assert not [n for n in names if "staging" in n or n.endswith(".tmp")]
    stale = (
        "Terdapat 2 KPU Kabupaten/Kota yang menyampaikan laporan TW 2 Tahun 2025 yang belum "
        "diperbarui dari laporan periode sebelumnya: KPU Kabupaten Jember dan KPU Kabupaten "
        "Madiun; laporan tersebut tidak dinilai"
    )
    assert stale in stdout
    assert stale in docx_text(folder / "evaluasi-provinsi.docx")


@pytest.mark.slow
def test_ringkasan_csv_has_every_office_once(evaluated):
    folder, _ = evaluated
    with open(folder / "ringkasan.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 38 and len({r["kode_satker"] for r in rows}) == 38
    for column in (
        "kode_satker",
        "nama_satker",
        "status_laporan",
        "tidak_diperbarui",
        "skor",
        "peringkat",
    ):
        assert column in rows[0]
    status = {r["kode_satker"]: r["status_laporan"] for r in rows}
    assert status["35.06"] == "belum"  # Kabupaten Kediri sent nothing
    stale = sorted(r["nama_satker"] for r in rows if r["tidak_diperbarui"] == "ya")
    assert stale == ["KPU Kabupaten Jember", "KPU Kabupaten Madiun"]
    kediri = next(r for r in rows if r["kode_satker"] == "35.06")
    assert kediri["siaran_pers"] == "" and kediri["skor"] == "0.0"  # sent nothing
    pamekasan = next(r for r in rows if r["kode_satker"] == "35.28")
    assert pamekasan["siaran_pers"].isdigit()  # counts are integers


@pytest.mark.slow
def test_evaluate_manifest_and_executed_notebook(evaluated):
    folder, _ = evaluated
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["perintah"] == "evaluate"
    assert manifest["parameter"]["period"] == "2025-TW2"
    assert manifest["parameter"]["output_dir"] == str(folder)
    assert any(i["path"].endswith("laporan-triwulan.csv") for i in manifest["masukan"])
    assert "evaluasi-provinsi.docx" in {o["path"] for o in manifest["keluaran"]}
    executed = (folder / "bakohumas_evaluation.ipynb").read_text(encoding="utf-8")
    assert "staging" not in executed


@pytest.mark.slow
def test_reports_for_chosen_offices_and_evaluate_keeps_them(evaluated):
    """Also: an evaluation signed by a named official on a given date."""
    folder, _ = evaluated
    out = folder.parent.parent
    result = workbench(
        "reports",
        str(SAMPLE),
        "--period",
        "2025-TW2",
        "--offices",
        "35.28, 35.09",
        "--out",
        str(out),
        "--workers",
        "1",
    )
    assert result.returncode == 0, result.stderr
    satker = folder / "satker"
    assert sorted(p.name for p in satker.iterdir() if p.is_dir()) == [
        "35.09-kabupaten-jember",
        "35.28-kabupaten-pamekasan",
    ]
    text = docx_text(satker / "35.09-kabupaten-jember" / "laporan.docx")
    assert "KPU Kabupaten Jember" in text and "TW 2 Tahun 2025" in text
    assert "belum diperbarui" in text  # its own stale finding
    with open(satker / "batch-summary.csv", encoding="utf-8") as f:
        assert [r["status"] for r in csv.DictReader(f)] == ["ok", "ok"]
    # A new evaluation replaces the province files but keeps the office reports; this one
    # is signed by a named official on a given date.
    again = workbench("evaluate", str(SAMPLE), "--period", "2025-TW2", "--out", str(out), *SIGNED)
    assert again.returncode == 0, again.stderr
    assert (satker / "35.28-kabupaten-pamekasan" / "laporan.docx").is_file()
    text = docx_text(folder / "evaluasi-provinsi.docx")
    for expected in (
        "Surabaya, 15 Juli 2025",
        "Kepala Bagian Parmas dan SDM,",
        "Dra. Siti Aminah, M.Si.",
        "NIP. 197001011995032001",
    ):
        assert expected in text


SIGNED = (
    "--tanggal",
    "15/07/2025",
    "--penandatangan",
    "Dra. Siti Aminah, M.Si.",
    "--nip",
    "197001011995032001",
    "--jabatan",
    "Kepala Bagian Parmas dan SDM",
)


def _table(tmp_path, *lines: str):
    path = tmp_path / "laporan.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


TW1 = GOOD.replace(",2025,2,08/07/2025,", ",2025,1,08/04/2025,")
BAD_TABLES = {
    "kode-tidak-dikenal": ([GOOD.replace("35.28,", "35.99,", 1)], "kode_satker"),
    "baris-ganda": ([GOOD, GOOD], "35.28"),
    "jumlah-negatif": ([GOOD.replace(",3,10,50,", ",-3,10,50,")], "siaran_pers"),
    "realisasi-melebihi": (
        [GOOD.replace(",1500000,1000000,", ",1000000,1500000,")],
        "realisasi_anggaran",
    ),
    "triwulan-5": ([GOOD.replace(",2025,2,", ",2025,5,")], "triwulan"),
    "periode-tanpa-baris": ([TW1], "2025-TW2"),
}


@pytest.mark.parametrize("command", ["evaluate", "reports"])
@pytest.mark.parametrize("case", list(BAD_TABLES))
def test_invalid_table_exits_2_and_writes_nothing(tmp_path, capsys, command, case):
    lines, expected = BAD_TABLES[case]
    table = _table(tmp_path, *lines)
    out = tmp_path / "hasil"
    assert run_cli([command, str(table), "--period", "2025-TW2", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Galat:") and expected in err
    if case != "periode-tanpa-baris":
        assert "laporan.csv" in err and "baris" in err
    assert not out.exists()


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--period", "2025-TW7"], "PERIODE"),
        (["--period", "2025-TW2", "--offices", "35.28,35.99"], "35.99"),
        (["--period", "2025-TW2", "--offices", "31.71"], "31.71"),
        (["--period", "2025-TW2", "--provinsi", "31"], "--provinsi"),
        (["--period", "2025-TW2", "--tenggat", "31/02/2025"], "opsi --tenggat"),
        (["--period", "2025-TW2", "--tanggal", "kemarin"], "opsi --tanggal"),
    ],
)
def test_invalid_options_exit_2(tmp_path, capsys, args, expected):
    out = tmp_path / "hasil"
    assert run_cli(["reports", str(SAMPLE), *args, "--out", str(out)]) == 2
    assert expected.lower() in capsys.readouterr().err.lower()
    assert not out.exists()


def test_national_table_needs_a_province(tmp_path, capsys):
    out = tmp_path / "hasil"
    assert run_cli(["evaluate", str(NATIONAL), "--period", "2025-TW2", "--out", str(out)]) == 2
    assert "--provinsi" in capsys.readouterr().err
    assert not out.exists()


def test_bad_deadline_exits_2(tmp_path, capsys):
    out = tmp_path / "hasil"
    assert (
        run_cli(
            [
                "evaluate",
                str(SAMPLE),
                "--period",
                "2025-TW2",
                "--tenggat",
                "10 Juli",
                "--out",
                str(out),
            ]
        )
        == 2
    )
    assert "10/07/2025" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
def test_reports_use_the_same_deadline_and_an_edited_template(tmp_path):
    """--tenggat moves the deadline for the office reports as for the evaluation (Jember sent
    on 20 July: late against 10 July, on time against 25 July); --templat renders the
    secretariat's copy."""
    import zipfile

    from workbench.paths import TEMPLATES_DIR

    template = tmp_path / "laporan-satker-jatim.docx"
    with (
        zipfile.ZipFile(TEMPLATES_DIR / "laporan-satker.docx") as src,
        zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                assert b"Hasil Evaluasi" in data
                data = data.replace(b"Hasil Evaluasi", b"Hasil Penilaian")
            dst.writestr(item, data)
    result = workbench(
        "reports",
        str(SAMPLE),
        "--period",
        "2025-TW2",
        "--offices",
        "35.09",
        "--tenggat",
        "25/07/2025",
        "--templat",
        str(template),
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    doc = Document(
        str(
            tmp_path
            / "bakohumas"
            / "2025-TW2"
            / "satker"
            / "35.09-kabupaten-jember"
            / "laporan.docx"
        )
    )
    assert [c.text for c in doc.tables[0].rows[1].cells][:2] == ["Tepat waktu", "20 Juli 2025"]
    assert "Hasil Penilaian" in "\n".join(p.text for p in doc.paragraphs)


@pytest.mark.parametrize("command", ["evaluate", "reports"])
def test_edited_template_with_an_unknown_tag_exits_2(tmp_path, capsys, command):
    from pathlib import Path

    bad = Path(__file__).parent / "fixtures" / "templates" / "notula-tag-asing.docx"
    out = tmp_path / "hasil"
    assert (
        run_cli(
            [command, str(SAMPLE), "--period", "2025-TW2", "--templat", str(bad), "--out", str(out)]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "opsi --templat" in err and "templates check" in err
    assert not out.exists()


@pytest.mark.slow
def test_weights_file_changes_scores_in_both_documents(tmp_path):
    """--bobot: the province's own weights reach the evaluation and the office reports alike,
    and --resume reruns the reports when the weights file changes."""
    from workbench.bakohumas.weights import DEFAULT_WEIGHTS_PATH

    weights = tmp_path / "bobot.yaml"
    weights.write_text(
        DEFAULT_WEIGHTS_PATH.read_text(encoding="utf-8").replace("terlambat: 10", "terlambat: 0"),
        encoding="utf-8",
    )
    common = [str(SAMPLE), "--period", "2025-TW2", "--bobot", str(weights), "--out", str(tmp_path)]
    evaluated = workbench("evaluate", *common)
    assert evaluated.returncode == 0, evaluated.stderr
    folder = tmp_path / "bakohumas" / "2025-TW2"
    with open(folder / "ringkasan.csv", encoding="utf-8-sig", newline="") as f:
        malang = next(r for r in csv.DictReader(f) if r["kode_satker"] == "35.73")
    default = evaluate_file(SAMPLE, "2025-TW2").ringkasan.set_index("kode_satker")
    assert float(malang["skor"]) == round(default.loc["35.73", "skor"] + 10, 1)  # late, no cut
    reports = workbench("reports", *common, "--offices", "35.73", "--resume")
    assert reports.returncode == 0, reports.stderr
    doc = Document(str(folder / "satker" / "35.73-kota-malang" / "laporan.docx"))
    skor = doc.tables[0].rows[1].cells[3].text
    assert skor.startswith(malang["skor"].replace(".", ",")), (skor, malang["skor"])
    again = workbench("reports", *common, "--offices", "35.73", "--resume")
    assert "1 dilewati" in again.stdout
    weights.write_text(weights.read_text(encoding="utf-8").replace("terlambat: 0", "terlambat: 5"))
    changed = workbench("reports", *common, "--offices", "35.73", "--resume")
    assert "1 berhasil" in changed.stdout and "0 dilewati" in changed.stdout


def test_invalid_weights_file_exits_2(tmp_path, capsys):
    weights = tmp_path / "bobot.yaml"
    weights.write_text("indikator:\n  siaran_pres: 10\n", encoding="utf-8")
    out = tmp_path / "hasil"
    assert (
        run_cli(
            [
                "evaluate",
                str(SAMPLE),
                "--period",
                "2025-TW2",
                "--bobot",
                str(weights),
                "--out",
                str(out),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "bobot.yaml" in err and "siaran_pers" in err
    assert not out.exists()


@pytest.mark.slow
def test_each_province_of_a_national_table_gets_its_own_folder(tmp_path):
    for kode in ("35", "11"):
        result = workbench(
            "evaluate",
            str(NATIONAL),
            "--period",
            "2025-TW2",
            "--provinsi",
            kode,
            "--out",
            str(tmp_path),
        )
        assert result.returncode == 0, result.stderr
    folder = tmp_path / "bakohumas" / "2025-TW2"
    assert sorted(p.name for p in folder.iterdir()) == ["11-aceh", "35-jawa-timur"]
    assert "JAWA TIMUR" in docx_text(folder / "35-jawa-timur" / "evaluasi-provinsi.docx")
    assert "ACEH" in docx_text(folder / "11-aceh" / "evaluasi-provinsi.docx")
    reports = workbench(
        "reports",
        str(NATIONAL),
        "--period",
        "2025-TW2",
        "--provinsi",
        "35",
        "--offices",
        "35.28",
        "--out",
        str(tmp_path),
    )
    assert reports.returncode == 0, reports.stderr
    assert (
        folder / "35-jawa-timur" / "satker" / "35.28-kabupaten-pamekasan" / "laporan.docx"
    ).is_file()


@pytest.mark.slow
def test_reports_warn_when_they_would_disagree_with_the_evaluation(evaluated):
    folder, _ = evaluated
    result = workbench(
        "reports",
        str(SAMPLE),
        "--period",
        "2025-TW2",
        "--offices",
        "35.28",
        "--tenggat",
        "25/07/2025",
        "--out",
        str(folder.parent.parent),
    )
    assert result.returncode == 0, result.stderr
    assert "Peringatan: evaluasi provinsi memakai tenggat 10/07/2025" in result.stderr
    assert "--tenggat" in result.stderr
    same = workbench(
        "reports",
        str(SAMPLE),
        "--period",
        "2025-TW2",
        "--offices",
        "35.28",
        "--out",
        str(folder.parent.parent),
    )
    assert same.returncode == 0 and "Peringatan" not in same.stderr
