"""A failed batch job: its NotebookError (cell, error, kept notebook) reaches the summary and
the CLI, and the kept notebook marks the failing cell as papermill does (in Indonesian).

One warm run (a good job and a failing one) serves the tests of this file; the papermill
engine's NotebookError is checked in test_batch_engines.py::test_papermill_engine and the
CLI's message in test_cli_batch.py::test_exit_codes_0_and_1 (their runs have the same jobs).
"""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pytest

from workbench.batch.engines.warm import ERROR_MARKER_TAG
from workbench.batch.run import run_batch
from workbench.errors import NotebookError

FIXTURES = Path(__file__).parent / "fixtures" / "batch"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def warm_run(tmp_path_factory):
    """The warm engine on ``failing.ipynb``: job ``baik`` succeeds, ``galat`` fails."""
    tmp_path = tmp_path_factory.mktemp("gagal")
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("job,mode\nbaik,ok\ngalat,galat\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch(
        FIXTURES / "failing.ipynb", jobs, out, engine="warm", workers=1, progress=False
    )
    return out, {r.job: r for r in result.results}


def test_warm_failure_carries_a_notebook_error_naming_the_kept_notebook(warm_run):
    out, by_job = warm_run
    failure = by_job["galat"].failure
    assert isinstance(failure, NotebookError)
    assert (failure.cell, failure.ename) == (4, "ValueError")  # 4th code cell
    assert failure.evalue.startswith("data rusak")
    assert failure.notebook == out / "galat.gagal.ipynb"
    assert f"Notebook yang gagal disimpan di: {out / 'galat.gagal.ipynb'}" in failure.message
    assert by_job["baik"].failure is None
    with open(out / "batch-summary.csv", encoding="utf-8") as f:
        rows = {row["job"]: row for row in csv.DictReader(f)}
    assert rows["galat"]["notebook"] == str(out / "galat.gagal.ipynb")
    assert rows["baik"]["notebook"] == str(out / "baik" / "failing.ipynb")


def test_warm_kept_notebook_marks_the_failing_cell(warm_run):
    out, by_job = warm_run
    nb = nbformat.read(out / "galat.gagal.ipynb", as_version=4)
    index = by_job["galat"].cell
    failing, note = nb.cells[index], nb.cells[index + 1]
    assert failing.outputs[-1].output_type == "error"
    assert failing.metadata.papermill == {"exception": True, "status": "failed"}
    assert note.cell_type == "markdown" and note.metadata.tags == [ERROR_MARKER_TAG]
    assert (
        "Eksekusi berhenti karena galat pada sel di atas (In [4]): ValueError: data rusak"
        in note.source
    )
    markers = [c for c in nb.cells if ERROR_MARKER_TAG in c.metadata.get("tags", [])]
    assert markers == [note]
    # a successful job's notebook has no marker
    ok = nbformat.read(out / "baik" / "failing.ipynb", as_version=4)
    assert not [c for c in ok.cells if ERROR_MARKER_TAG in c.metadata.get("tags", [])]
