"""Consolidating the files offices send."""

from __future__ import annotations

import pandas as pd
import pytest
from bakohumas_factory import GOOD, HEADER

from workbench.bakohumas.collect import collect_folder, write_reports
from workbench.bakohumas.reader import read_reports
from workbench.errors import InputError, InputErrors
from workbench.samples.bakohumas import write_samples


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    out = tmp_path_factory.mktemp("sampel")
    write_samples(out, seed=11)
    return out


def test_happy_path_reads_every_file_and_lists_the_missing_office(samples):
    result = collect_folder(samples / "kiriman", "2025-TW2")
    table = read_reports(samples / "laporan-triwulan.csv")
    tw2 = table[table["triwulan"] == 2].reset_index(drop=True)
    pd.testing.assert_frame_equal(result.table, tw2)
    assert len(result.files) == 37
    assert [o.kode for o in result.missing] == sorted(
        set(table["kode_satker"]) - set(tw2["kode_satker"])
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_write_reports_round_trips(samples, tmp_path, suffix):
    table = collect_folder(samples / "kiriman").table
    out = write_reports(table, tmp_path / f"gabungan{suffix}")
    pd.testing.assert_frame_equal(read_reports(out), table)


def test_bad_file_names_file_and_row_and_nothing_else_stops(tmp_path):
    (tmp_path / "3528-pamekasan.csv").write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    bad = GOOD.replace("35.28", "35.01", 1).replace(",3,10,", ",-3,10,", 1)
    (tmp_path / "3501-pacitan.csv").write_text(f"{HEADER}\n{bad}\n", encoding="utf-8")
    (tmp_path / "catatan.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputErrors) as info:
        collect_folder(tmp_path)
    assert len(info.value.errors) == 1
    assert "3501-pacitan.csv" in info.value.message and "baris 2" in info.value.message


def test_same_office_in_two_files_names_both(tmp_path):
    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    with pytest.raises(InputErrors, match="a.csv baris 2 dan b.csv baris 2"):
        collect_folder(tmp_path)


def test_period_filter_and_ignored_files(tmp_path):
    tw1 = GOOD.replace("2025,2,08/07/2025", "2025,1,08/04/2025")
    (tmp_path / "x.csv").write_text(f"{HEADER}\n{GOOD}\n{tw1}\n", encoding="utf-8")
    (tmp_path / "~$x.xlsx").write_bytes(b"")
    result = collect_folder(tmp_path, "2025-TW2")
    assert len(result.table) == 1 and result.skipped_rows == 1
    assert [p.name for p in result.ignored] == ["~$x.xlsx"]
    assert len(result.missing) == 37


def test_empty_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="tidak berisi berkas"):
        collect_folder(tmp_path)


def test_misspelt_header_in_one_file_is_named_once_with_a_suggestion(tmp_path):
    (tmp_path / "3528-pamekasan.csv").write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    header = HEADER.replace("siaran_pers", "Siaran Pres")
    other = GOOD.replace("35.28", "35.01", 1)
    (tmp_path / "3501-pacitan.csv").write_text(f"{header}\n{other}\n", encoding="utf-8")
    with pytest.raises(InputErrors) as info:
        collect_folder(tmp_path)
    assert len(info.value.errors) == 1
    error = info.value.errors[0]
    assert error.file.endswith("3501-pacitan.csv") and error.row == 1
    assert error.problem == "kolom 'Siaran Pres' tidak dikenal (maksud Anda: \"siaran_pers\"?)"
