"""The dask engine on a real LocalCluster (2 worker processes, 4 jobs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.batch.run import run_batch

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_jobs_run_on_dask_workers_with_warm_kernels(tmp_path):
    from distributed import LocalCluster

    jobs = tmp_path / "jobs.csv"
    jobs.write_text("job,mode\nsatu,ok\ndua,galat\ntiga,ok\nempat,ok\n", encoding="utf-8")
    out = tmp_path / "out"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        result = run_batch(FIXTURES / "failing.ipynb", jobs, out,
                           scheduler=cluster.scheduler_address, progress=False)
    by_job = {r.job: r for r in result.results}
    assert {j: r.status for j, r in by_job.items()} == {
        "satu": "ok", "dua": "failed", "tiga": "ok", "empat": "ok"}
    assert by_job["dua"].error == "ValueError: data rusak"
    for name in ("satu", "tiga", "empat"):
        assert (out / name / "selesai.txt").read_text() == "ok"
        assert (out / name / "failing.ipynb").exists()
    assert (out / "batch-summary.csv").exists()
