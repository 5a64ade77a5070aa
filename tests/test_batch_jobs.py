"""Jobs table: reading CSV/XLSX/YAML, type conversion, errors, job names (no kernel)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench.batch.jobs import convert, read_jobs
from workbench.batch.notebook import inspect_parameters, load_notebook
from workbench.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


@pytest.fixture
def params():
    return load_notebook(FIXTURES / "types.ipynb").parameters


def test_parameter_types_from_papermill_inspection(params):
    assert {n: p.type for n, p in params.items()} == {
        "nama": "str",
        "jumlah": "int",
        "rasio": "float",
        "aktif": "bool",
        "tanggal": "date",
        "masukan": "str",
        "output_dir": "str",
    }
    assert params["nama"].help == "nama satker"


def test_notebook_without_parameters_cell():
    with pytest.raises(InputError, match="parameters"):
        load_notebook(FIXTURES / "noparams.ipynb")


def test_csv_values_converted_to_default_types(tmp_path, params):
    jobs_file = tmp_path / "jobs.csv"
    jobs_file.write_text(
        "job,nama,jumlah,rasio,aktif,tanggal\n"
        'Kab. Pamekasan,x,12,"1,5",ya,17/07/2025\n'
        ",y,3,2.25,tidak,2025-08-01\n"
        ",z,,,,\n",
        encoding="utf-8",
    )
    jobs = read_jobs(jobs_file, params)
    assert [j.name for j in jobs] == ["kab-pamekasan", "002", "003"]
    assert jobs[0].parameters == {
        "nama": "x",
        "jumlah": 12,
        "rasio": 1.5,
        "aktif": True,
        "tanggal": dt.date(2025, 7, 17),
    }
    assert jobs[1].parameters["aktif"] is False
    assert jobs[2].parameters == {"nama": "z"}  # empty cells: the notebook default applies
    assert [j.row for j in jobs] == [2, 3, 4]


def test_semicolon_csv_and_duplicate_names(tmp_path, params):
    jobs_file = tmp_path / "jobs.csv"
    jobs_file.write_text("job;jumlah\nSampang;1\nsampang;2\nSAMPANG;3\n", encoding="utf-8")
    assert [j.name for j in read_jobs(jobs_file, params)] == ["sampang", "sampang-2", "sampang-3"]


def test_headers_as_typed_in_a_spreadsheet(tmp_path, params):
    jobs_file = tmp_path / "jobs.csv"
    jobs_file.write_text("Job; Nama ;JUMLAH;Output-Dir\nSampang;x;1;hasil\n", encoding="utf-8")
    [job] = read_jobs(jobs_file, params)
    assert job.name == "sampang"
    assert job.parameters == {"nama": "x", "jumlah": 1, "output_dir": "hasil"}


def test_long_number_for_a_text_parameter_is_rejected(tmp_path, params):
    """An 18-digit NIP typed into a number cell has lost its last digits: say so."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["nama", "masukan"])
    book.active.append(["x", 198501012010012001])
    path = tmp_path / "jobs.xlsx"
    book.save(path)
    with pytest.raises(InputError) as info:
        read_jobs(path, params)
    assert "terlalu panjang" in info.value.message and "Teks" in info.value.message


def test_xlsx_rows_and_native_cell_types(tmp_path, params):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["job", "nama", "jumlah", "aktif", "tanggal"])
    sheet.append(["Satu", 35.28, 4.0, True, dt.datetime(2025, 7, 17)])
    sheet.append(["Dua", "b", "empat", False, None])
    book.save(tmp_path / "jobs.xlsx")
    with pytest.raises(InputError) as info:
        read_jobs(tmp_path / "jobs.xlsx", params)
    assert info.value.row == 3 and info.value.field == "jumlah"
    assert "jobs.xlsx" in str(info.value) and "empat" in str(info.value)
    sheet.delete_rows(3)
    book.save(tmp_path / "jobs.xlsx")
    (job,) = read_jobs(tmp_path / "jobs.xlsx", params)
    assert job.parameters == {
        "nama": "35.28",
        "jumlah": 4,
        "aktif": True,
        "tanggal": dt.date(2025, 7, 17),
    }


def test_yaml_errors_name_the_line(tmp_path, params):
    jobs_file = tmp_path / "jobs.yaml"
    jobs_file.write_text("- job: a\n  jumlah: 1\n- job: b\n  aktif: mungkin\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_jobs(jobs_file, params)
    assert (info.value.row, info.value.field) == (3, "aktif")
    assert "ya/tidak" in str(info.value)


def test_undeclared_column_suggests_the_parameter(tmp_path, params):
    jobs_file = tmp_path / "jobs.csv"
    jobs_file.write_text("jumlha\n1\n", encoding="utf-8")
    with pytest.raises(InputError, match='maksud Anda: "jumlah"'):
        read_jobs(jobs_file, params)


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("1.234", "int", 1234),
        (7.0, "int", 7),
        ("0", "bool", False),
        ("TRUE", "bool", True),
        ("2,5", "float", 2.5),
        (12, "str", "12"),
        ("[1, 2]", "list", [1, 2]),
        ("  ", "int", None),
    ],
)
def test_convert(raw, kind, expected):
    assert convert(raw, kind) == expected


@pytest.mark.parametrize(
    ("raw", "kind"), [("1.5", "int"), ("ya", "float"), ("32/13/2025", "date"), ("x", "list")]
)
def test_convert_rejects(raw, kind):
    with pytest.raises(ValueError):
        convert(raw, kind)


def test_inspect_uses_annotation_when_default_is_none():
    import nbformat

    cell = nbformat.v4.new_code_cell("kode: str = None\nbatas: int = None\nlain = None\n")
    cell.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(
        cells=[cell],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    types = {n: p.type for n, p in inspect_parameters(nb).items()}
    assert types == {"kode": "str", "batas": "int", "lain": "any"}


def test_notebook_without_kernelspec_runs_on_python(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("jumlah = 1")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params]
    path = tmp_path / "tanpa-kernel.ipynb"
    nbformat.write(nb, path)
    template = load_notebook(path)
    assert template.parameters["jumlah"].type == "int"
    assert template.node.metadata["kernelspec"]["name"] == "python3"
