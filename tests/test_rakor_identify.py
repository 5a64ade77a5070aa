"""Refusals name what a file is (platform and language, or "bukan ekspor kehadiran") and
list the supported formats and languages in at most 20 lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import lazy_kernel
import pytest

from workbench.errors import InputError
from workbench.rakor.readers.attendance import detect_kind, read_attendance

FIXTURES = Path(__file__).parent / "fixtures" / "attendance"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "rakor-bakohumas-2025-07-17"
LANGUAGES = ("Inggris", "Indonesia", "Portugis", "Prancis", "Polandia", "Spanyol", "Jerman")


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as exc:
        read_attendance([path])
    return str(exc.value)


def test_teams_report_in_an_unsupported_language_is_named_as_such():
    message = refusal(FIXTURES / "tidak-didukung-teams-it.csv")
    assert "laporan Microsoft Teams dalam bahasa atau bentuk yang belum didukung" in message
    assert "kolom 'nama' tidak ditemukan" not in message
    teams_line = next(ln for ln in message.splitlines() if ln.startswith("- Microsoft Teams"))
    assert all(lang in teams_line for lang in (*LANGUAGES, "Belanda"))
    assert len(message.splitlines()) <= 20
    assert detect_kind(FIXTURES / "tidak-didukung-teams-it.csv") == "unknown"


def test_a_table_that_is_no_export_says_so_and_lists_its_columns(tmp_path):
    path = tmp_path / "lain.csv"
    path.write_text("Kode Barang;Harga\nA1;100\n", encoding="utf-8")
    message = refusal(path)
    assert "bukan ekspor kehadiran" in message
    assert "kolom yang ada: Kode Barang, Harga" in message
    assert "Format yang didukung" in message


def test_an_attendance_log_is_named_as_a_log(tmp_path):
    path = tmp_path / "mesin.csv"
    path.write_text(
        "no;id_pegawai;nama_pegawai;tanggal;waktu\n1;7;Sari;26 07 2022;05:59:30\n", "utf-8"
    )
    message = refusal(path)
    assert "log atau rekap presensi (kolom 'nama_pegawai' dan 'tanggal')" in message


def test_cli_refusal_names_the_platform_and_lists_what_is_supported(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            lazy_kernel.__file__,  # `workbench`, its early kernel started only if used
            "minutes",
            str(SAMPLE / "meeting.yaml"),
            "-a",
            str(FIXTURES / "tidak-didukung-teams-it.csv"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stderr
    err = result.stderr
    assert "Microsoft Teams" in err and "belum didukung" in err
    assert "Format yang didukung" in err and "Google Meet" in err and "Zoom webinar" in err
    assert len(err.strip().splitlines()) <= 20
    assert "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())
