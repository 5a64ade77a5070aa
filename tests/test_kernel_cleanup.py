"""Kernel lifecycle: whoever starts a kernel stops it, also when starting it fails half-way.

Each test has the kernel write its own process id into ``tmp_path`` and then checks that
the process is gone (jupyter_client reaps the kernels it kills: no zombie is left).
"""

from __future__ import annotations

import dataclasses
import os
import threading
from pathlib import Path

import nbformat
import pytest
from notebook_factory import parameterised_notebook

from workbench.batch.engines import warm
from workbench.batch.engines.warm import WarmEngine, WarmKernel
from workbench.batch.jobs import Job
from workbench.batch.notebook import load_notebook
from workbench.errors import InputError
from workbench.runner import StartedKernel, run_to_folder

FIXTURES = Path(__file__).parent / "fixtures" / "batch"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def pid_then(pidfile: Path, then: str = "") -> str:
    """Kernel code: write the kernel's pid into ``pidfile``, then run ``then``."""
    return f"import os; open({str(pidfile)!r}, 'w').write(str(os.getpid()))\n{then}"


def warm_threads() -> int:
    return sum(t.name.startswith("warm-kernel") for t in threading.enumerate())


def test_warm_kernel_that_fails_to_warm_up_is_stopped(tmp_path, monkeypatch):
    """The kernel process exists once started: a failing warm-up must not leave it running,
    nor the kernel's thread."""
    pidfile = tmp_path / "pid"
    monkeypatch.setattr(warm, "_SNAPSHOT", pid_then(pidfile, "raise RuntimeError('rusak')"))
    threads = warm_threads()
    with pytest.raises(Exception, match="rusak"):
        WarmKernel(load_notebook(FIXTURES / "types.ipynb"))
    pid = int(pidfile.read_text())
    assert not alive(pid)
    assert warm_threads() == threads


def test_warm_engine_worker_without_a_kernel_fails_its_jobs_and_leaks_nothing(
    tmp_path, monkeypatch
):
    pidfile = tmp_path / "pid"
    monkeypatch.setattr(warm, "_SNAPSHOT", pid_then(pidfile, "raise RuntimeError('rusak')"))
    template = load_notebook(FIXTURES / "types.ipynb")
    jobs = [Job(n, {"nama": n}, i, out_dir=tmp_path / n) for i, n in enumerate("ab", 1)]
    results = WarmEngine(template, workers=1).run(jobs, lambda r: None)
    assert sorted(r.status for r in results) == ["failed", "failed"]
    assert all("rusak" in r.error for r in results)
    assert not alive(int(pidfile.read_text()))


def test_a_started_kernel_is_stopped_when_the_caller_fails_before_the_run(tmp_path):
    """``with StartedKernel()``: bad input found while the kernel boots stops the kernel and
    removes its temporary log."""
    with pytest.raises(InputError):
        with StartedKernel() as kernel:
            manager = kernel.manager
            assert manager.has_kernel
            pid = manager.provisioner.pid
            raise InputError("masukan salah")
    assert not alive(pid)
    assert not kernel.log.exists()


@pytest.mark.parametrize("fail", [False, True])
def test_run_to_folder_stops_the_kernel_it_was_given(tmp_path, fail):
    pidfile = tmp_path / "pid"
    nb = parameterised_notebook(
        tmp_path / "job.ipynb", pid_then(pidfile, "if fail:\n    raise ValueError('sengaja')")
    )
    with StartedKernel(cwd=tmp_path) as kernel:
        try:
            run_to_folder(
                nb, tmp_path / "out", {"fail": fail}, command="uji", inputs=[], kernel=kernel
            )
        except Exception as e:
            assert fail and "sengaja" in str(e)
        assert kernel.stopped and not alive(int(pidfile.read_text()))


def test_preloaded_modules_leave_the_namespace_and_counts_alone(tmp_path):
    """Modules imported while the kernel starts are imported; the notebook's namespace and
    execution counts are those of a fresh kernel; a module that does not exist is ignored."""
    nb = parameterised_notebook(
        tmp_path / "job.ipynb",
        (
            "import json, sys\n"
            "seen = {'modul': sorted(m for m in ('colorsys', 'tidak_ada_modul_ini') "
            "if m in sys.modules), 'nama': [n for n in ('importlib', 'name') if n in dir()]}\n"
            "open(output_dir + '/hasil.json', 'w').write(json.dumps(seen))\n"
        ),
    )
    with StartedKernel(cwd=tmp_path, preload=("colorsys", "tidak_ada_modul_ini")) as kernel:
        run_to_folder(nb, tmp_path / "out", {}, command="uji", inputs=[], kernel=kernel)
    import json

    assert json.loads((tmp_path / "out" / "hasil.json").read_text()) == {
        "modul": ["colorsys"],
        "nama": [],
    }
    executed = nbformat.read(tmp_path / "out" / "job.ipynb", as_version=4)
    assert [c.execution_count for c in executed.cells if c.cell_type == "code"] == [1, 2, 3]


def test_jobs_are_frozen_and_the_callers_jobs_are_not_changed(tmp_path):
    from workbench.batch.run import run_batch

    job = Job("a", {"nama": "A"}, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.out_dir = tmp_path  # type: ignore[misc]
    result = run_batch(FIXTURES / "types.ipynb", [job], tmp_path / "out", progress=False)
    assert result.ok, result.results
    assert job.out_dir is None and "output_dir" not in job.parameters
