"""``workbench collect`` and ``workbench sample-data`` through the CLI."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from bakohumas_factory import GOOD, HEADER

from workbench.bakohumas.reader import read_reports
from workbench.cli import main


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(args)
    return info.value.code


@pytest.fixture(scope="module")
def sample_data(tmp_path_factory):
    """``workbench sample-data --seed 5`` once for the tests that read or change it (they
    copy it); test_sample_data_then_collect runs it itself."""
    folder = tmp_path_factory.mktemp("contoh")
    assert run_cli(["sample-data", "--seed", "5", "--out", str(folder)]) == 0
    return folder


def test_help_is_indonesian(capsys):
    assert run_cli(["collect", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Penggunaan:" in out and "--period" in out and "--out" in out


def test_sample_data_then_collect(tmp_path, capsys):
    assert run_cli(["sample-data", "--seed", "5", "--out", str(tmp_path)]) == 0
    assert "laporan-triwulan.csv" in capsys.readouterr().out
    out = tmp_path / "gabungan.xlsx"
    code = run_cli(
        ["collect", str(tmp_path / "kiriman"), "--out", str(out), "--period", "2025-TW2"]
    )
    text = capsys.readouterr().out
    assert code == 0
    assert "37 berkas dibaca" in text
    assert "Satker yang belum mengirim laporan TW 2 Tahun 2025 (1):" in text
    assert len(read_reports(out)) == 37


def test_invalid_file_exits_2_and_writes_nothing(tmp_path, capsys):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    (folder / "3528.csv").write_text(
        f"{HEADER}\n{GOOD.replace(',ya,', ',mungkin,')}\n", encoding="utf-8"
    )
    out = tmp_path / "gabungan.csv"
    assert run_cli(["collect", str(folder), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "3528.csv" in err and "baris 2" in err and "sarana_memadai" in err
    assert not out.exists()


def test_bad_period_and_bad_suffix_exit_2(tmp_path, capsys):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    (folder / "3528.csv").write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    assert (
        run_cli(["collect", str(folder), "--out", str(tmp_path / "x.csv"), "--period", "2025-TW7"])
        == 2
    )
    assert "2025-TW2" in capsys.readouterr().err
    assert run_cli(["collect", str(folder), "--out", str(tmp_path / "x.txt")]) == 2
    assert ".csv atau .xlsx" in capsys.readouterr().err


def test_collect_into_the_province_table_keeps_other_quarters(sample_data, tmp_path, capsys):
    """Collecting TW 2 into the table that holds TW 1 adds to it (the evaluation needs TW 1
    to find reports that were not updated); a resubmission replaces its row; --timpa
    replaces the whole table."""
    shutil.copytree(sample_data, tmp_path, dirs_exist_ok=True)  # sample-data --seed 5
    full = read_reports(tmp_path / "laporan-triwulan.csv")
    province = tmp_path / "provinsi.csv"
    tw1 = full[full["triwulan"] == 1]
    # an older TW 2 row of 35.28 that the office's new file replaces
    old_tw2 = full[(full["triwulan"] == 2) & (full["kode_satker"] == "35.28")].assign(
        siaran_pers=999
    )
    from workbench.bakohumas.collect import write_reports

    write_reports(pd.concat([tw1, old_tw2]), province)
    capsys.readouterr()
    assert (
        run_cli(
            ["collect", str(tmp_path / "kiriman"), "--out", str(province), "--period", "2025-TW2"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "38 baris lama tetap, 1 baris diganti kiriman baru, 36 baris baru" in out
    assert "Satker yang belum mengirim laporan TW 2 Tahun 2025 (1):" in out  # Kediri only
    merged = read_reports(province)
    assert len(merged) == 38 + 37
    row = merged[(merged["triwulan"] == 2) & (merged["kode_satker"] == "35.28")]
    assert len(row) == 1 and row["siaran_pers"].iloc[0] != 999
    assert (
        run_cli(
            [
                "collect",
                str(tmp_path / "kiriman"),
                "--out",
                str(province),
                "--period",
                "2025-TW2",
                "--timpa",
            ]
        )
        == 0
    )
    assert len(read_reports(province)) == 37


def test_an_invalid_existing_table_is_left_alone(sample_data, tmp_path, capsys):
    shutil.copytree(sample_data, tmp_path, dirs_exist_ok=True)  # sample-data --seed 5
    province = tmp_path / "provinsi.csv"
    province.write_text(f"{HEADER}\n{GOOD.replace(',ya,', ',mungkin,')}\n", encoding="utf-8")
    before = province.read_bytes()
    assert run_cli(["collect", str(tmp_path / "kiriman"), "--out", str(province)]) == 2
    err = capsys.readouterr().err
    assert "provinsi.csv" in err and "--timpa" in err
    assert province.read_bytes() == before


def test_late_file_collected_into_the_table_lists_only_offices_still_missing(
    sample_data, tmp_path, capsys
):
    """One late submission merged into the province table: the offices already in the table
    are not listed as missing (only the one whose report never came is)."""
    import shutil

    shutil.copytree(sample_data, tmp_path, dirs_exist_ok=True)  # sample-data --seed 5
    full = read_reports(tmp_path / "laporan-triwulan.csv")
    late = full[(full["triwulan"] == 2) & (full["kode_satker"] == "35.28")]
    province = tmp_path / "provinsi.xlsx"
    from workbench.bakohumas.collect import write_reports

    write_reports(full.drop(late.index), province)
    folder = tmp_path / "terlambat"
    folder.mkdir()
    [sent] = [p for p in (tmp_path / "kiriman").iterdir() if "3528" in p.name.replace(".", "")]
    shutil.copy(sent, folder / sent.name)
    capsys.readouterr()
    assert run_cli(["collect", str(folder), "--out", str(province), "--period", "2025-TW2"]) == 0
    out = capsys.readouterr().out
    assert "1 baris baru" in out
    assert "Satker yang belum mengirim laporan TW 2 Tahun 2025 (1):" in out
    never_sent = set(full.loc[full["triwulan"] == 1, "kode_satker"]) - set(
        full.loc[full["triwulan"] == 2, "kode_satker"]
    )
    assert len(never_sent) == 1 and f"  - {never_sent.pop()} KPU " in out
