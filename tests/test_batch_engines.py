"""Warm and papermill engines with real kernels: isolation, failures, summary."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import nbformat
import pytest

from workbench.batch.engines import get_engine, register_engine
from workbench.batch.engines.warm import WarmKernel
from workbench.batch.jobs import Job
from workbench.batch.notebook import load_notebook
from workbench.batch.run import run_batch

FIXTURES = Path(__file__).parent / "fixtures" / "batch"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(60)]


def jobs_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "jobs.csv"
    path.write_text(text, encoding="utf-8")
    return path


def summary(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "batch-summary.csv", encoding="utf-8") as f:
        return {row["job"]: row for row in csv.DictReader(f)}


def test_warm_kernel_isolates_jobs(tmp_path):
    """Job 1 leaves a name, a figure, an rcParams change and a cwd; job 2 sees none."""
    jobs = jobs_csv(tmp_path, "job,langkah\npertama,1\nkedua,2\n")
    result = run_batch(FIXTURES / "isolation.ipynb", jobs, tmp_path / "out", workers=1,
                       progress=False)
    assert [r.status for r in result.results] == ["ok", "ok"], result.results
    executed = nbformat.read(tmp_path / "out" / "kedua" / "isolation.ipynb", as_version=4)
    assert "langkah = 2" in executed.cells[1].source  # papermill's injected cell
    assert "injected-parameters" in executed.cells[1].metadata.tags


def test_isolation_notebook_does_fail_without_reset(tmp_path):
    """The isolation test can fail: the same two jobs in one namespace break job 2."""
    template = load_notebook(FIXTURES / "isolation.ipynb")
    kernel = WarmKernel(template)
    try:
        kernel._reset = lambda: None  # disable the reset between jobs
        first, second = (Job(n, {"langkah": i}, i, out_dir=tmp_path / n)
                         for i, n in ((1, "a"), (2, "b")))
        assert kernel.run(first).status == "ok"
        failed = kernel.run(second)
        assert failed.status == "failed" and "AssertionError: nama bocor" in failed.error
    finally:
        kernel.shutdown()


def test_failures_are_reported_and_kernel_replaced(tmp_path):
    jobs = jobs_csv(tmp_path, "job,mode,durasi\n"
                              "galat,galat,\nbaik-1,ok,\nmati,mati,\nbaik-2,ok,\n"
                              "lambat,lambat,30\nbaik-3,ok,\n")
    out = tmp_path / "out"
    result = run_batch(FIXTURES / "failing.ipynb", jobs, out, workers=1, timeout=3,
                       progress=False)
    by_job = {r.job: r for r in result.results}
    assert {j: r.status for j, r in by_job.items()} == {
        "galat": "failed", "baik-1": "ok", "mati": "failed", "baik-2": "ok",
        "lambat": "failed", "baik-3": "ok"}
    assert by_job["galat"].cell == 3 and by_job["galat"].error == "ValueError: data rusak"
    assert by_job["mati"].error.startswith("DeadKernelError")
    assert by_job["lambat"].error.startswith("TimeoutError")
    assert result.exit_code == 1
    for ok in ("baik-1", "baik-2", "baik-3"):
        assert (out / ok / "selesai.txt").read_text() == "ok"
    # the failed notebook is kept, with the error in the failing cell
    failed = nbformat.read(out / "galat" / "failing.ipynb", as_version=4)
    assert failed.cells[3].outputs[-1].output_type == "error"
    assert failed.metadata.papermill.exception is True
    rows = summary(out)
    assert rows["galat"]["status"] == "failed"
    assert rows["galat"]["error"] == "sel ke-4: ValueError: data rusak"
    assert rows["baik-1"] == {**rows["baik-1"], "status": "ok", "error": ""}


def test_outputs_types_and_cwd(tmp_path):
    jobs = jobs_csv(tmp_path, "nama,jumlah,aktif,tanggal\nA,2,ya,17/07/2025\n")
    out = tmp_path / "out"
    result = run_batch(FIXTURES / "types.ipynb", jobs, out, progress=False)
    assert result.ok, result.results
    data = json.loads((out / "001" / "hasil.json").read_text())
    assert data == {"nama": "A", "jumlah": 2, "rasio": 0.5, "aktif": True,
                    "tanggal": "2025-07-17", "cwd": str(FIXTURES.resolve())}
    executed = nbformat.read(out / "001" / "types.ipynb", as_version=4)
    assert executed.cells[3].outputs[0].data["text/plain"] == "4"
    assert executed.cells[3].execution_count == 3  # counted per job, not per kernel


def test_papermill_engine(tmp_path):
    jobs = jobs_csv(tmp_path, "job,mode\nbaik,ok\ngalat,galat\n")
    out = tmp_path / "out"
    result = run_batch(FIXTURES / "failing.ipynb", jobs, out, engine="papermill",
                       workers=2, progress=False)
    by_job = {r.job: r for r in result.results}
    assert by_job["baik"].status == "ok" and (out / "baik" / "selesai.txt").exists()
    assert by_job["galat"].status == "failed"
    assert by_job["galat"].error == "ValueError: data rusak"
    assert (out / "galat" / "failing.ipynb").exists()
    assert not list((out / "baik").glob(".*.tmp*"))


def test_engine_registry():
    class Custom:
        pass

    register_engine("custom-test", Custom)
    assert get_engine("custom-test") is Custom
    assert get_engine("warm").name == "warm"


def test_warm_kernel_ready_without_iopub_flush_keeps_outputs(tmp_path):
    """The quick readiness check (no 0.2 s IOPub flush) loses no output of the first job."""
    template = load_notebook(FIXTURES / "types.ipynb")
    kernel = WarmKernel(template)
    try:
        assert type(kernel._client.kc).__name__ == "QuickReadyKernelClient"
        out = tmp_path / "a"
        out.mkdir()
        job = Job("a", {"nama": "A", "jumlah": 2, "output_dir": str(out)}, 1, out_dir=out)
        assert kernel.run(job).status == "ok"
        executed = nbformat.read(out / "types.ipynb", as_version=4)
        assert executed.cells[3].outputs[0].data["text/plain"] == "4"
        assert json.loads((out / "hasil.json").read_text())["nama"] == "A"
    finally:
        kernel.shutdown()
