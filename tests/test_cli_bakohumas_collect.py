"""``workbench collect`` and ``workbench sample-data`` through the CLI."""

from __future__ import annotations

import pytest

from bakohumas_factory import GOOD, HEADER
from workbench.bakohumas.reader import read_reports
from workbench.cli import main


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(args)
    return info.value.code


def test_help_is_indonesian(capsys):
    assert run_cli(["collect", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Penggunaan:" in out and "--period" in out and "--out" in out


def test_sample_data_then_collect(tmp_path, capsys):
    assert run_cli(["sample-data", "--seed", "5", "--out", str(tmp_path)]) == 0
    assert "laporan-triwulan.csv" in capsys.readouterr().out
    out = tmp_path / "gabungan.xlsx"
    code = run_cli(["collect", str(tmp_path / "kiriman"), "--out", str(out),
                    "--period", "2025-TW2"])
    text = capsys.readouterr().out
    assert code == 0
    assert "37 berkas dibaca" in text
    assert "Satker yang belum mengirim laporan TW 2 Tahun 2025 (1):" in text
    assert len(read_reports(out)) == 37


def test_invalid_file_exits_2_and_writes_nothing(tmp_path, capsys):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    (folder / "3528.csv").write_text(f"{HEADER}\n{GOOD.replace(',ya,', ',mungkin,')}\n",
                                     encoding="utf-8")
    out = tmp_path / "gabungan.csv"
    assert run_cli(["collect", str(folder), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "3528.csv" in err and "baris 2" in err and "sarana_memadai" in err
    assert not out.exists()


def test_bad_period_and_bad_suffix_exit_2(tmp_path, capsys):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    (folder / "3528.csv").write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    assert run_cli(["collect", str(folder), "--out", str(tmp_path / "x.csv"),
                    "--period", "2025-TW7"]) == 2
    assert "2025-TW2" in capsys.readouterr().err
    assert run_cli(["collect", str(folder), "--out", str(tmp_path / "x.txt")]) == 2
    assert ".csv atau .xlsx" in capsys.readouterr().err
