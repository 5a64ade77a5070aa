"""The dask engine on a real LocalCluster (one for the module, one worker process), and an
unreachable scheduler."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from workbench.batch.run import run_batch
from workbench.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


def jobs_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "jobs.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def one_worker():
    """A cluster with a single worker process (one thread): every job lands on it."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_jobs_run_on_dask_workers_with_warm_kernels(tmp_path, one_worker):
    """The module's one-worker cluster (the smallest): a failing job among good ones."""
    jobs = jobs_csv(tmp_path, "job,mode\nsatu,ok\ndua,galat\ntiga,ok\nempat,ok\n")
    out = tmp_path / "out"
    result = run_batch(FIXTURES / "failing.ipynb", jobs, out, scheduler=one_worker, progress=False)
    by_job = {r.job: r for r in result.results}
    assert {j: r.status for j, r in by_job.items()} == {
        "satu": "ok",
        "dua": "failed",
        "tiga": "ok",
        "empat": "ok",
    }
    assert by_job["dua"].error == "ValueError: data rusak"
    for name in ("satu", "tiga", "empat"):
        assert (out / name / "selesai.txt").read_text() == "ok"
        assert (out / name / "failing.ipynb").exists()
    assert (out / "dua.gagal.ipynb").exists() and not (out / "dua").exists()
    assert (out / "batch-summary.csv").exists()
    assert (out / ".batch-kernel.log").exists()  # the workers' kernels log there
    assert not list(out.glob(".*staging*"))


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_worker_reuses_its_warm_kernel(tmp_path, one_worker):
    """Two jobs on one worker run in the same kernel process (not a kernel per job)."""
    jobs = jobs_csv(tmp_path, "job\nsatu\ndua\n")
    out = tmp_path / "out"
    result = run_batch(FIXTURES / "pid.ipynb", jobs, out, scheduler=one_worker, progress=False)
    assert result.ok, result.results
    pids = {(out / name / "pid.txt").read_text() for name in ("satu", "dua")}
    assert len(pids) == 1


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_dask_dates_and_atomic_rerun(tmp_path, one_worker):
    """Same behaviour as the other engines: dates as dates, a failed rerun keeps the old folder."""
    jobs = jobs_csv(tmp_path, "job,tanggal\na,17/07/2025\n")
    out = tmp_path / "out"
    assert run_batch(FIXTURES / "types.ipynb", jobs, out, scheduler=one_worker, progress=False).ok
    assert json.loads((out / "a" / "hasil.json").read_text())["jenis_tanggal"] == "date"

    jobs_csv(tmp_path, "job,mode\na,ok\n")
    nb = FIXTURES / "failing.ipynb"
    assert run_batch(nb, jobs, out, scheduler=one_worker, progress=False).ok
    jobs_csv(tmp_path, "job,mode\na,galat\n")
    failed = run_batch(nb, jobs, out, scheduler=one_worker, progress=False)
    assert failed.results[0].status == "failed"
    assert (out / "a" / "selesai.txt").read_text() == "ok"
    assert nbformat.read(out / "a.gagal.ipynb", as_version=4).metadata.papermill.exception is True
    assert not (out / "a" / ".batch-state.json").exists()


def test_unreachable_scheduler_is_an_input_error(tmp_path, monkeypatch):
    from workbench.batch.engines import dask as engine

    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 1)
    jobs = jobs_csv(tmp_path, "mode\nok\n")
    out = tmp_path / "out"
    with pytest.raises(InputError) as info:
        run_batch(
            FIXTURES / "failing.ipynb", jobs, out, scheduler="tcp://127.0.0.1:1", progress=False
        )
    assert info.value.field == "--scheduler" and info.value.fix
    assert "tcp://127.0.0.1:1" in str(info.value)
    assert not out.exists()  # nothing written
