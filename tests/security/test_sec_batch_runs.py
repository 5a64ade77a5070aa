"""Batch runs that meet each other or die: one run per output folder, killed runs cleaned up,
``--resume`` reruns a job whose outputs went missing, one bad job never stops the others.

Real ``workbench batch`` processes (``python -m workbench``). No sleeps decide anything: a
job of ``wait.ipynb`` holds until the test creates its ``tunggu`` file, and the test waits
for files to appear (pytest-timeout guards a hang).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.atomic import STALE_MARKER, folder_lock, lock_file, staged_dir
from workbench.batch.engines.papermill import PapermillEngine
from workbench.batch.engines.warm import WarmEngine
from workbench.batch.jobs import Job
from workbench.batch.notebook import load_notebook
from workbench.errors import InputError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "batch"
WAIT = FIXTURES / "wait.ipynb"


def jobs_csv(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "jobs.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def batch(tmp_path: Path, jobs: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "workbench",
            "batch",
            str(WAIT),
            "--jobs",
            str(jobs),
            "--out",
            str(out),
            "--workers",
            "1",
            *extra,
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(find, process: subprocess.Popen | None = None):
    """Poll until ``find()`` returns something (the test's timeout bounds the wait)."""
    while not (found := find()):
        if process is not None and process.poll() is not None:
            raise AssertionError(f"proses berakhir lebih dulu: {process.communicate()}")
        time.sleep(0.05)
    return found


def started_job(out: Path, job: str):
    """The kernel PID a running job wrote into its staging folder, once it is there."""

    def find():
        for marker in out.glob(f".{job}.staging-*/mulai.txt"):
            text = marker.read_text()
            if text:
                return marker.parent, int(text)
        return None

    return find


def statuses(out: Path) -> dict[str, str]:
    with open(out / "batch-summary.csv", encoding="utf-8") as f:
        return {row["job"]: row["status"] for row in csv.DictReader(f)}


def kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_second_run_into_the_same_out_is_refused_and_the_first_completes(tmp_path):
    release = tmp_path / "lanjut"
    jobs = jobs_csv(tmp_path, [{"job": j, "nama": j, "tunggu": str(release)} for j in "abc"])
    out = tmp_path / "out"
    first = batch(tmp_path, jobs, out)
    try:
        _, kernel = wait_for(started_job(out, "a"), first)
        second = batch(tmp_path, jobs, out)
        _, err = second.communicate()
        assert second.returncode == 2, err
        assert "sedang dipakai oleh proses lain" in err and f"PID {first.pid}" in err, err
        assert "Traceback" not in err
        release.touch()
        stdout, err = first.communicate()
        assert first.returncode == 0, (stdout, err)
    finally:
        release.touch()
        first.kill()
    for job in "abc":  # every office folder has its output
        assert (out / job / "laporan.txt").read_text() == job
    assert statuses(out) == {"a": "ok", "b": "ok", "c": "ok"}
    assert not list(out.glob(".*staging*")) and not lock_file(out).exists()


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_killed_run_is_cleaned_up_and_resume_reruns_missing_outputs(tmp_path):
    release = tmp_path / "lanjut"
    release.touch()
    jobs = jobs_csv(tmp_path, [{"job": j, "nama": j, "tunggu": str(release)} for j in "ab"])
    out = tmp_path / "out"
    done = batch(tmp_path, jobs, out, "--resume")
    assert done.wait() == 0, done.communicate()
    state = json.loads((out / "b" / ".batch-state.json").read_text(encoding="utf-8"))
    assert set(state["outputs"]) == {"laporan.txt", "mulai.txt", "wait.ipynb", "wait.html"}
    assert state["parameters"] and state["notebook"]

    # a run that is killed while job "a" runs (its inputs changed: it must rerun)
    release.unlink()
    jobs = jobs_csv(tmp_path, [{"job": j, "nama": j + "2", "tunggu": str(release)} for j in "ab"])
    killed = batch(tmp_path, jobs, out, "--resume")
    kernel = None
    try:
        stage, kernel = wait_for(started_job(out, "a"), killed)
        assert statuses(out) == {"a": "running", "b": "running"}  # not the earlier "ok"
        killed.kill()
        killed.wait()
    finally:
        release.touch()
        killed.kill()
        if kernel:
            kill(kernel)
    assert stage.is_dir()  # left behind by the killed run
    (out / "b" / "laporan.txt").unlink()  # an output goes missing

    jobs = jobs_csv(tmp_path, [{"job": j, "nama": j, "tunggu": str(release)} for j in "ab"])
    after = batch(tmp_path, jobs, out, "--resume")
    stdout, err = after.communicate()
    assert after.returncode == 0, (stdout, err)
    assert not stage.exists() and not list(out.glob(".*staging*"))  # swept at start
    assert statuses(out) == {"a": "skipped", "b": "ok"}  # "a" unchanged; "b" lost its output
    assert (out / "b" / "laporan.txt").read_text() == "b"


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("engine", ["warm", "papermill"])
def test_a_job_failing_outside_its_cells_fails_alone(tmp_path, engine):
    """Saving the notebook fails (the job replaced its folder by a file): that job fails, the
    next ones on the same worker succeed, and the summary is written."""
    from workbench.cli import main

    rows = [
        {"job": "rusak", "nama": "x", "mode": "rusak"},
        *({"job": j, "nama": j, "mode": "ok"} for j in ("satu", "dua")),
    ]
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as info:
        main(
            [
                "batch",
                str(WAIT),
                "--jobs",
                str(jobs_csv(tmp_path, rows)),
                "--out",
                str(out),
                "--workers",
                "1",
                "--engine",
                engine,
            ]
        )
    assert info.value.code == 1
    assert statuses(out) == {"rusak": "failed", "satu": "ok", "dua": "ok"}
    assert (out / "dua" / "laporan.txt").read_text() == "dua"
    assert not list(out.glob(".*staging*"))


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_warm_worker_replaces_its_kernel_after_an_unsendable_value(tmp_path):
    """A value that cannot be injected (here a set, from a caller that skipped validation)
    fails its job only; the worker's kernel is replaced and the next jobs run."""
    template = load_notebook(FIXTURES / "values.ipynb")
    jobs = [
        Job(
            "buruk",
            {"bebas": {1, 2}, "output_dir": str(tmp_path / "buruk")},
            1,
            out_dir=tmp_path / "buruk",
        ),
        *(
            Job(n, {"bebas": n, "output_dir": str(tmp_path / n)}, 2, out_dir=tmp_path / n)
            for n in ("satu", "dua")
        ),
    ]
    for job in jobs:
        job.folder.mkdir()
    engine = WarmEngine(template, workers=1)
    results = {r.job: r for r in engine.run(jobs, lambda r: None)}
    assert {j: r.status for j, r in results.items()} == {
        "buruk": "failed",
        "satu": "ok",
        "dua": "ok",
    }
    assert results["buruk"].error.startswith(("UnsafeValue", "TypeError"))
    assert engine.kernels[0].restarts == 1
    assert json.loads((tmp_path / "dua" / "hasil.json").read_text())["bebas"] == "dua"


def test_papermill_engine_reports_an_unsendable_value_as_a_failed_job(tmp_path):
    template = load_notebook(FIXTURES / "values.ipynb")
    job = Job("buruk", {"bebas": b"x"}, 1, out_dir=tmp_path / "buruk")
    [result] = PapermillEngine(template).run([job], lambda r: None)
    assert result.status == "failed" and result.error.startswith("UnsafeValue")


def test_single_run_folder_is_locked_and_stale_staging_swept(tmp_path):
    target = tmp_path / "hasil"
    stale = tmp_path / ".hasil.staging-deadbeef"
    stale.mkdir()
    (stale / "setengah.docx").write_text("x")
    (stale / STALE_MARKER).write_text("")  # a killed run's staging folder carries the marker
    with folder_lock(target):  # another run holds it (a lock is per open file: works in-process)
        with pytest.raises(InputError) as info:
            with staged_dir(target):
                pass
        assert f"PID {os.getpid()}" in str(info.value) and info.value.exit_code == 2
        assert stale.exists()  # not ours to sweep while someone holds the folder
    with staged_dir(target) as stage:
        (stage / "notula.docx").write_text("baru")
        assert not stale.exists()  # swept once the lock is ours
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil"]


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_runner_refuses_a_held_folder_before_starting_a_kernel(tmp_path):
    from workbench.runner import run_to_folder

    target = tmp_path / "out" / "rapat"
    with folder_lock(target):
        with pytest.raises(InputError) as info:
            run_to_folder(FIXTURES / "values.ipynb", target, {}, command="uji", inputs=[])
    assert "sedang dipakai" in str(info.value)
    assert sorted(p.name for p in target.parent.iterdir()) == []
