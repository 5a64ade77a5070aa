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
from workbench.errors import NotebookError

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
    result = run_batch(
        FIXTURES / "isolation.ipynb", jobs, tmp_path / "out", workers=1, progress=False
    )
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
        first, second = (
            Job(n, {"langkah": i}, i, out_dir=tmp_path / n) for i, n in ((1, "a"), (2, "b"))
        )
        assert kernel.run(first).status == "ok"
        failed = kernel.run(second)
        assert failed.status == "failed" and "AssertionError: nama bocor" in failed.error
    finally:
        kernel.shutdown()


def test_failures_are_reported_and_kernel_replaced(tmp_path):
    jobs = jobs_csv(
        tmp_path,
        "job,mode,durasi\n"
        "galat,galat,\nbaik-1,ok,\nmati,mati,\nbaik-2,ok,\n"
        "lambat,lambat,30\nbaik-3,ok,\n",
    )
    out = tmp_path / "out"
    result = run_batch(FIXTURES / "failing.ipynb", jobs, out, workers=1, timeout=3, progress=False)
    by_job = {r.job: r for r in result.results}
    assert {j: r.status for j, r in by_job.items()} == {
        "galat": "failed",
        "baik-1": "ok",
        "mati": "failed",
        "baik-2": "ok",
        "lambat": "failed",
        "baik-3": "ok",
    }
    assert by_job["galat"].cell == 3 and by_job["galat"].error == "ValueError: data rusak"
    assert by_job["mati"].error.startswith("DeadKernelError")
    assert by_job["lambat"].error.startswith("TimeoutError")
    assert result.exit_code == 1
    for ok in ("baik-1", "baik-2", "baik-3"):
        assert (out / ok / "selesai.txt").read_text() == "ok"
    # the failed notebook is kept beside the job folders, with the error in the failing cell
    assert by_job["galat"].notebook == out / "galat.gagal.ipynb"
    failed = nbformat.read(out / "galat.gagal.ipynb", as_version=4)
    assert failed.cells[3].outputs[-1].output_type == "error"
    assert failed.metadata.papermill.exception is True
    assert not (out / "galat").exists()  # no previous success: no folder
    assert not list(out.glob(".*staging*"))
    rows = summary(out)
    assert rows["galat"]["status"] == "failed"
    assert rows["galat"]["error"] == "sel ke-4: ValueError: data rusak"
    assert rows["baik-1"] == {**rows["baik-1"], "status": "ok", "error": ""}


@pytest.mark.parametrize("engine", ["warm", "papermill"])
def test_outputs_types_and_cwd(tmp_path, engine):
    jobs = jobs_csv(tmp_path, "nama,jumlah,aktif,tanggal\nA,2,ya,17/07/2025\n")
    out = tmp_path / "out"
    result = run_batch(FIXTURES / "types.ipynb", jobs, out, engine=engine, progress=False)
    assert result.ok, result.results
    data = json.loads((out / "001" / "hasil.json").read_text())
    assert data == {
        "nama": "A",
        "jumlah": 2,
        "rasio": 0.5,
        "aktif": True,
        "tanggal": "2025-07-17",
        "jenis_tanggal": "date",
        "cwd": str(FIXTURES.resolve()),
    }
    executed = nbformat.read(out / "001" / "types.ipynb", as_version=4)
    injected = executed.cells[2]
    assert "injected-parameters" in injected.metadata.tags
    # the date is injected as a date, spelled like the notebook's default
    assert "tanggal = date(2025, 7, 17)" in injected.source
    # the injected output_dir names the final folder, not the staging folder
    assert f"output_dir = {json.dumps(str(out / '001'))}" in injected.source
    assert executed.metadata.papermill.parameters["tanggal"] == "2025-07-17"
    assert executed.metadata.papermill.parameters["output_dir"] == str(out / "001")
    assert "staging" not in (out / "001" / "types.ipynb").read_text()
    assert executed.cells[3].outputs[0].data["text/plain"] == "4"
    assert executed.cells[3].execution_count == 3  # counted per job, not per kernel


def test_papermill_engine(tmp_path):
    jobs = jobs_csv(tmp_path, "job,mode\nbaik,ok\ngalat,galat\n")
    out = tmp_path / "out"
    result = run_batch(
        FIXTURES / "failing.ipynb", jobs, out, engine="papermill", workers=2, progress=False
    )
    by_job = {r.job: r for r in result.results}
    assert by_job["baik"].status == "ok" and (out / "baik" / "selesai.txt").exists()
    assert by_job["galat"].status == "failed"
    assert by_job["galat"].error == "ValueError: data rusak"
    assert (out / "galat.gagal.ipynb").exists()
    # the failure carries a NotebookError naming the 4th code cell and the kept notebook
    failure = by_job["galat"].failure
    assert isinstance(failure, NotebookError)
    assert (failure.cell, failure.ename) == (4, "ValueError")
    assert failure.notebook == out / "galat.gagal.ipynb"
    assert by_job["baik"].failure is None
    assert sorted(p.name for p in (out / "baik").iterdir()) == [
        ".batch-state.json",
        "failing.ipynb",
        "selesai.txt",
    ]
    assert not list(out.glob(".*staging*"))


@pytest.mark.parametrize("engine", ["warm", "papermill"])
def test_failed_rerun_keeps_previous_outputs_whole(tmp_path, engine):
    """A job that fails on a rerun leaves its previous folder untouched; the failure lies
    beside it."""
    jobs = jobs_csv(tmp_path, "job,mode\na,ok\n")
    out = tmp_path / "out"
    nb = FIXTURES / "failing.ipynb"
    assert run_batch(nb, jobs, out, engine=engine, progress=False).ok
    before = {p.name: p.read_bytes() for p in (out / "a").iterdir()}
    assert ".batch-state.json" in before and "selesai.txt" in before

    jobs_csv(tmp_path, "job,mode\na,galat\n")
    failed = run_batch(nb, jobs, out, engine=engine, progress=False)
    assert failed.results[0].status == "failed"
    assert failed.results[0].notebook == out / "a.gagal.ipynb"
    after = {p.name: p.read_bytes() for p in (out / "a").iterdir()}
    # the previous outputs are intact; only the resume state is dropped (the job reruns)
    assert after == {k: v for k, v in before.items() if k != ".batch-state.json"}
    kept = nbformat.read(out / "a" / "failing.ipynb", as_version=4)
    assert not kept.metadata.papermill.get("exception")  # the earlier success
    gagal = nbformat.read(out / "a.gagal.ipynb", as_version=4)
    assert gagal.metadata.papermill.exception is True
    assert gagal.metadata.papermill.parameters["output_dir"] == str(out / "a")
    assert not list(out.glob(".*staging*"))
    # --resume reruns the failed job; success removes the failure notebook
    jobs_csv(tmp_path, "job,mode\na,ok\n")
    again = run_batch(nb, jobs, out, engine=engine, progress=False, resume=True)
    assert again.results[0].status == "ok"
    assert not (out / "a.gagal.ipynb").exists()
    assert (out / "a" / ".batch-state.json").exists()


def test_papermill_kernel_noise_goes_to_the_kernel_log(tmp_path, capfd):
    """A timeout's client log line and the dying kernel's traceback stay off the terminal."""
    jobs = jobs_csv(tmp_path, "job,mode,durasi\nlambat,lambat,30\n")
    out = tmp_path / "out"
    result = run_batch(
        FIXTURES / "failing.ipynb", jobs, out, engine="papermill", timeout=2, progress=False
    )
    assert result.results[0].error == "TimeoutError: waktu habis setelah 2 detik"
    captured = capfd.readouterr()
    assert "Timeout waiting" not in captured.err and "Traceback" not in captured.err
    assert "Timeout waiting for execute reply" in (out / ".batch-kernel.log").read_text()


def test_papermill_timeout_is_per_job(monkeypatch):
    """Each cell gets what is left of the job's time, counted from the first cell."""
    from workbench.batch.engines import papermill as engine

    clock = iter([100.0, 103.0, 106.0])
    monkeypatch.setattr(engine.time, "monotonic", lambda: next(clock))
    deadline = engine._JobDeadline(5)
    assert [deadline(None), deadline(None), deadline(None)] == [5.0, 2.0, 0.001]


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
