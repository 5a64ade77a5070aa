"""A workbench error in a notebook cell: the Indonesian message and fix, no library traceback;
the cell still fails for Papermill, the batch and the CLI."""

from __future__ import annotations

import csv

import nbformat
import pytest
from click.testing import CliRunner
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from workbench.cli import cli
from workbench.errors import InputError
from workbench.kernels import kernel_manager
from workbench.lab.kernel import error_lines
from workbench.paths import NOTEBOOKS_DIR, PROJECT_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

SETUP = "from workbench.lab.kernel import show_errors_plainly\nshow_errors_plainly()"
RAISE = (
    "from workbench.errors import InputError\n"
    "def baca():\n"
    "    raise InputError('satker 35.99 tidak ada', file='laporan.csv', row=4,\n"
    "                     field='kode_satker', fix='pakai kode satker yang ada di tabel')\n"
    "baca()"
)


def _run(*sources: str, allow_errors: bool = True):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    NotebookClient(
        nb,
        kernel_name="python3",
        allow_errors=allow_errors,
        timeout=120,
        kernel_manager_class=kernel_manager(),
        resources={"metadata": {"path": str(PROJECT_ROOT)}},
    ).execute()
    return nb


def _error(cell):
    (error,) = [o for o in cell.outputs if o.output_type == "error"]
    return error


def test_input_error_shows_message_and_fix_without_traceback():
    nb = _run(SETUP, RAISE)
    error = _error(nb.cells[1])
    shown = "\n".join(error.traceback)
    assert "satker 35.99 tidak ada" in shown
    assert "Perbaikan: pakai kode satker yang ada di tabel" in shown
    assert "Kesalahan masukan" in shown
    assert "Traceback" not in shown and ".py" not in shown and "baca()" not in shown
    assert error.ename == "InputError"  # what Papermill and the CLI key on
    assert error.evalue.startswith("berkas laporan.csv, baris 4")


def test_the_cell_still_fails():
    with pytest.raises(CellExecutionError) as failed:
        _run(SETUP, RAISE, "print('tidak dijalankan')", allow_errors=False)
    assert failed.value.ename == "InputError"


def test_other_errors_keep_their_traceback():
    nb = _run(SETUP, "def f():\n    return 1 / 0\nf()")
    error = _error(nb.cells[1])
    assert error.ename == "ZeroDivisionError"
    assert "Traceback" in "\n".join(error.traceback)


def test_without_the_handler_the_traceback_is_long():
    """The baseline the handler changes (so the first test can fail)."""
    error = _error(_run(RAISE).cells[0])
    assert "baca()" in "\n".join(error.traceback)


def test_error_lines_for_several_input_errors():
    lines = error_lines(InputError("kolom kosong", field="nama", fix="isi kolom nama"))
    assert "Kesalahan masukan" in lines[0] and "kolom/kunci 'nama': kolom kosong" in lines[0]
    assert lines[1] == "  Perbaikan: isi kolom nama"


def test_batch_counts_a_bad_office_as_failed_with_the_short_message(tmp_path):
    jobs = tmp_path / "jobs.csv"
    with open(jobs, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["job", "office"])
        writer.writerow(["salah", "35.99"])
        writer.writerow(["benar", "35.28"])
    out = tmp_path / "hasil"
    result = CliRunner().invoke(
        cli,
        [
            "batch",
            str(NOTEBOOKS_DIR / "office_report.ipynb"),
            "--jobs",
            str(jobs),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 1, result.output
    summary = {
        row["job"]: row
        for row in csv.DictReader(open(out / "batch-summary.csv", encoding="utf-8-sig"))
    }
    assert summary["salah"]["status"] == "failed" and "InputError" in summary["salah"]["error"]
    assert summary["benar"]["status"] == "ok"
    failed = nbformat.read(out / "salah.gagal.ipynb", as_version=4)  # kept aside (docs/batch.md)
    shown = "\n".join(
        "\n".join(o.traceback)
        for c in failed.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    )
    assert "kode satker '35.99' tidak dikenal" in shown and "Traceback" not in shown
