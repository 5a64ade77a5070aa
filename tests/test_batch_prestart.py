"""Warm kernels started ahead of a batch (warm.Prestarted): adopted by the batch, their log
moved into DIR/.batch-kernel.log, stopped when not adopted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.batch.engines.warm import Prestarted
from workbench.batch.notebook import load_notebook, peek_notebook
from workbench.batch.run import run_batch

FIXTURES = Path(__file__).parent / "fixtures" / "batch"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(90)]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_peek_reads_what_a_kernel_needs_as_load_notebook_does():
    for name in ("isolation.ipynb", "chart.ipynb", "values.ipynb"):
        peeked, loaded = peek_notebook(FIXTURES / name), load_notebook(FIXTURES / name)
        assert peeked.path == loaded.path and peeked.sha256 == loaded.sha256
        assert peeked.imports == loaded.imports and peeked.folder == loaded.folder
        assert peeked.kernel_name == loaded.kernel_name


def test_the_batch_adopts_the_kernels_and_gets_their_log(tmp_path):
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("job,langkah\npertama,1\nkedua,2\n", encoding="utf-8")
    out = tmp_path / "out"
    with Prestarted(FIXTURES / "isolation.ipynb", 1) as kernels:
        log = kernels.log
        started = kernels._kernels[0].result()
        pid = started._client.km.provisioner.process.pid
        result = run_batch(
            FIXTURES / "isolation.ipynb", jobs, out, workers=1, progress=False, kernels=kernels
        )
        assert not kernels._kernels  # adopted, not left over
    assert [r.status for r in result.results] == ["ok", "ok"], result.results
    assert started.kernel_log == out / ".batch-kernel.log"  # where a restart logs
    assert (out / ".batch-kernel.log").is_file() and not log.exists()
    assert not _alive(pid)


def test_kernels_not_adopted_are_stopped_and_their_log_removed(tmp_path):
    with Prestarted(FIXTURES / "isolation.ipynb", 1) as kernels:
        started = kernels._kernels[0].result()
        pid = started._client.km.provisioner.process.pid
        assert _alive(pid)
        log = kernels.log
    assert not _alive(pid) and not log.exists()


def test_a_kernel_of_another_notebook_is_not_adopted(tmp_path):
    with Prestarted(FIXTURES / "isolation.ipynb", 1) as kernels:
        started = kernels._kernels[0].result()
        pid = started._client.km.provisioner.process.pid
        assert kernels.take(load_notebook(FIXTURES / "values.ipynb"), None) is None
        assert not _alive(pid)
