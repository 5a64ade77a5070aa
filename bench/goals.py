"""Every speed goal of the project in one run, each as a paired ratio with CPU seconds.

``make bench`` runs this file. Each goal compares the measured command with its reference in
the same run, in alternating order, every command in its own process and temporary folder,
timed from outside (process start to exit). CPU seconds are those of the command and every
process it waited for (``getrusage(RUSAGE_CHILDREN)`` before and after: kernels, LibreOffice,
pytest-xdist workers). The machine is shared and noisy: the ratios of a round are what count,
wall seconds drift with the load, which is printed before and after.

Goals (issues #11, #13 and #19; the --help goal is ours, no issue sets one):

========================================  =====================================  ==========
measured                                  reference                              target
========================================  =====================================  ==========
514 reports (``reports --provinsi semua``) 10 s of wall on 2 cores                ≤ 1.0
514 reports                               in-process floor, same offices         ≤ 1.0
38 reports (``workbench reports``)        in-process floor                       ≤ 1.0
38 reports, per report                    a plain papermill loop, per report     ≥ 15×
``workbench minutes`` on the sample       papermill's CLI, same notebook         ≤ 0.6
``workbench --help``                      ``python -c pass``                     ≤ 3.0
``make test`` (whole suite)               180 CPU-s and 120 s of wall            ≤ 1.0
``make check`` (no kernel)                45 s of wall                           ≤ 1.0
========================================  =====================================  ==========

Usage::

    .venv/bin/python bench/goals.py                 # everything, 2 rounds (~8 min quiet)
    .venv/bin/python bench/goals.py --rounds 3
    .venv/bin/python bench/goals.py --tanpa-tes     # without make test / make check
    .venv/bin/python bench/goals.py --hanya batch   # one group: batch, minutes, help, tes
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from workbench.paths import PROJECT_ROOT as ROOT

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
GROUPS = ("help", "minutes", "batch", "tes")
#: Offices of the papermill loop (a fresh kernel each: ~4 s a report); compared per report.
PAPERMILL_OFFICES = 4


def _module(name: str):
    """``bench/<name>.py`` as a module (this folder is not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- measuring
@dataclass
class Run:
    wall: float
    cpu: float


def measure(cmd: list[str], *, cwd: Path = ROOT, env: dict | None = None) -> Run:
    """Run ``cmd`` to its end; wall seconds and the CPU seconds of it and its descendants."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        tail = (proc.stdout[-2000:] + proc.stderr[-3000:]).strip()
        raise SystemExit(f"Gagal ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu)


@dataclass
class Goal:
    """One line of the final table: ``measured / reference`` against ``target``."""

    name: str
    reference: str
    target: float
    higher_is_better: bool = False
    measured: list[Run] = field(default_factory=list)
    references: list[Run] = field(default_factory=list)
    #: A fixed reference (seconds of wall, CPU seconds) instead of a measured command.
    fixed: tuple[float, float | None] | None = None
    per: tuple[int, int] = (1, 1)  # (units of measured, units of reference): per-report ratios

    def ratio(self) -> float:
        """Median of the per-round ratios (wall)."""
        if self.fixed:
            return statistics.median(r.wall for r in self.measured) / self.fixed[0]
        n, m = self.per
        pairs = [
            (a.wall / n) / (b.wall / m) for a, b in zip(self.measured, self.references, strict=True)
        ]
        value = statistics.median(pairs)
        return 1 / value if self.higher_is_better else value

    def cpu_ratio(self) -> float | None:
        if self.fixed:
            limit = self.fixed[1]
            cpu = statistics.median(r.cpu for r in self.measured)
            return cpu / limit if limit else None
        n, m = self.per
        pairs = [
            (a.cpu / n) / max(b.cpu / m, 1e-9)
            for a, b in zip(self.measured, self.references, strict=True)
        ]
        value = statistics.median(pairs)
        return 1 / value if self.higher_is_better else value

    def met(self) -> bool:
        r = self.ratio()
        wall_ok = r >= self.target if self.higher_is_better else r <= self.target
        cpu = self.cpu_ratio() if self.fixed else None
        return wall_ok and (cpu is None or cpu <= self.target)


def paired(goal: Goal, measured: list[str], reference: list[str], rounds: int, label: str) -> None:
    """``rounds`` rounds of (reference, measured), the order alternating per round."""
    for i in range(rounds):
        order = [("ref", reference), ("ukur", measured)]
        if i % 2:
            order.reverse()
        line = []
        for kind, cmd in order:
            with tempfile.TemporaryDirectory(prefix="wb-goals-") as tmp:
                run = measure([a.replace("{OUT}", tmp) for a in cmd])
            (goal.references if kind == "ref" else goal.measured).append(run)
            line.append(f"{kind} {run.wall:.2f} s / {run.cpu:.1f} CPU-s")
        print(f"  {label}, putaran {i + 1}: " + "; ".join(line), flush=True)


# ----------------------------------------------------------------------------- goals
def goals_help(rounds: int) -> list[Goal]:
    goal = Goal("workbench --help", "python -c pass", 3.0)
    paired(
        goal,
        [str(BIN / "workbench"), "--help"],
        [sys.executable, "-c", "pass"],
        max(rounds, 5),
        "--help",
    )
    return [goal]


def goals_minutes(rounds: int) -> list[Goal]:
    minutes = _module("minutes")
    goal = Goal("workbench minutes (contoh rapat)", "papermill CLI, notebook sama", 0.6)
    paired(
        goal,
        minutes.workbench_command(Path("{OUT}")),
        minutes.papermill_command(Path("{OUT}")),
        rounds,
        "notula",
    )
    return [goal]


def goals_batch(rounds: int) -> list[Goal]:
    batch = _module("batch")
    goals = []
    for data, national, label in ((batch.SAMPLE, False, "38"), (batch.NATIONAL, True, "514")):
        codes = batch.office_codes(data, None)
        floor = [
            sys.executable,
            str(HERE / "batch.py"),
            "--run",
            "floor",
            "--data",
            str(data),
            "--codes",
            ",".join(codes),
            "--out",
            "{OUT}",
        ]
        cli = batch.reports_command(data, codes, codes, Path("{OUT}"), national)
        goal = Goal(
            f"{len(codes)} laporan satker (workbench reports)", "batas bawah dalam proses", 1.0
        )
        paired(goal, cli, floor, rounds, f"{label} laporan")
        goals.append(goal)
        if national:
            goals.append(
                Goal(
                    f"{len(codes)} laporan satker, waktu nyata",
                    "10 s (2 inti)",
                    1.0,
                    measured=goal.measured,
                    fixed=(10.0, None),
                )
            )
        else:
            loop = Goal(
                f"{len(codes)} laporan satker, per laporan",
                f"loop papermill ({PAPERMILL_OFFICES} satker), per laporan",
                15.0,
                higher_is_better=True,
                per=(len(codes), PAPERMILL_OFFICES),
            )
            first = codes[:PAPERMILL_OFFICES]
            papermill = [*floor[:3], "papermill", "--data", str(data), "--codes", ",".join(first)]
            paired(loop, cli, [*papermill, "--out", "{OUT}"], 1, f"{label} laporan vs papermill")
            goals.append(loop)
    return goals


def goals_tests(_rounds: int) -> list[Goal]:
    """The whole suite once (``make test``) and ``make check``: against fixed targets."""
    env = {**os.environ, "MAKEFLAGS": ""}
    suite = Goal("make test (seluruh tes)", "120 s nyata, 180 CPU-s", 1.0, fixed=(120.0, 180.0))
    run = measure(["make", "-s", "test"], env=env)
    suite.measured.append(run)
    print(f"  make test: {run.wall:.1f} s / {run.cpu:.1f} CPU-s", flush=True)
    check = Goal("make check (tanpa kernel)", "45 s nyata", 1.0, fixed=(45.0, None))
    run = measure(["make", "-s", "check"], env=env)
    check.measured.append(run)
    print(f"  make check: {run.wall:.1f} s / {run.cpu:.1f} CPU-s", flush=True)
    return [suite, check]


RUNNERS = {"help": goals_help, "minutes": goals_minutes, "batch": goals_batch, "tes": goals_tests}


# ----------------------------------------------------------------------------- report
def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 mnt), {five:.2f} (5 mnt)"


def report(goals: list[Goal]) -> None:
    print()
    print(
        f"{'sasaran':40s} {'pembanding':38s} {'rasio':>7s} {'rasio CPU':>9s} "
        f"{'target':>8s}  terpenuhi"
    )
    for g in goals:
        cpu = g.cpu_ratio()
        target = f"{'>=' if g.higher_is_better else '<='} {g.target:g}"
        print(
            f"{g.name:40s} {g.reference:38s} {g.ratio():7.2f} "
            f"{'-' if cpu is None else f'{cpu:.2f}':>9s} {target:>8s}  "
            f"{'ya' if g.met() else 'TIDAK'}"
        )
    print(
        "rasio = median rasio per putaran (waktu nyata); rasio CPU = detik CPU proses dan "
        "turunannya, dibagi pembanding (untuk batas tetap: dibagi batas CPU-nya)."
    )
    print(
        json.dumps(
            {
                g.name: {
                    "rasio": round(g.ratio(), 3),
                    "rasio_cpu": None if g.cpu_ratio() is None else round(g.cpu_ratio(), 3),
                    "nyata_s": [round(r.wall, 3) for r in g.measured],
                    "cpu_s": [round(r.cpu, 3) for r in g.measured],
                    "pembanding_nyata_s": [round(r.wall, 3) for r in g.references],
                    "pembanding_cpu_s": [round(r.cpu, 3) for r in g.references],
                }
                for g in goals
            },
            ensure_ascii=False,
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ukur semua sasaran kecepatan, berpasangan.")
    parser.add_argument("--rounds", type=int, default=2, metavar="N", help="putaran (bawaan 2)")
    parser.add_argument("--tanpa-tes", action="store_true", help="lewati make test dan make check")
    parser.add_argument("--hanya", choices=GROUPS, action="append", help="hanya kelompok ini")
    args = parser.parse_args(argv)
    groups = args.hanya or [g for g in GROUPS if not (args.tanpa_tes and g == "tes")]
    print(f"Sasaran kecepatan, {os.cpu_count()} CPU, beban awal {_load()}.", flush=True)
    goals: list[Goal] = []
    for group in groups:
        goals += RUNNERS[group](args.rounds)
    print(f"Beban akhir {_load()}.")
    report(goals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
