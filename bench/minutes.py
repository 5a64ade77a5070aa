"""Latency benchmark of one meeting's minutes (``workbench minutes`` on the sample).

Each round runs three variants, one after another, each in its own process and
temporary folder, timed from outside (process start to exit: interpreter start-up
and imports count for all three):

(a) papermill's own CLI on ``notebooks/rakor_minutes.ipynb`` with the parameters
    ``workbench minutes`` passes (the reference a single run is compared with);
(b) ``workbench minutes`` as users run it (``.venv/bin/workbench`` subprocess);
(c) in-process floor: one Python process that calls the notebook's library steps
    (``load_inputs``, ``attendance_figure``, ``write_outputs``) without a kernel.

The order of the variants rotates from round to round (paired runs under the same
machine load). Printed: every round, then the medians and the ratios b/a and b/c side
by side; no threshold is applied here (the target is in docs/performance.md).

Usage::

    .venv/bin/python bench/minutes.py               # 5 rounds
    .venv/bin/python bench/minutes.py --rounds 9
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workbench.paths import NOTEBOOKS_DIR, SAMPLE_MEETING_DIR
from workbench.paths import PROJECT_ROOT as ROOT

BIN = Path(sys.executable).parent
NOTEBOOK = NOTEBOOKS_DIR / "rakor_minutes.ipynb"
RECORD = SAMPLE_MEETING_DIR / "meeting.yaml"
ATTENDANCE = [SAMPLE_MEETING_DIR / "zoom-peserta.csv", SAMPLE_MEETING_DIR / "peserta-internal.csv"]
MIN_SHARE = 0.5
PRODUCED = ("notula.docx", "daftar-hadir.docx", "kehadiran.png")

PAPERMILL, WORKBENCH, FLOOR = "(a) papermill CLI", "(b) workbench minutes", "(c) dalam proses"


# ----------------------------------------------------------------------------- variants
def papermill_command(out: Path) -> list[str]:
    """(a) papermill's CLI, the parameters ``workbench minutes`` gives the notebook."""
    parameters = {
        "record": str(RECORD),
        "attendance": [str(p) for p in ATTENDANCE],
        "min_share": MIN_SHARE,
        "output_dir": str(out),
    }
    return [
        str(BIN / "papermill"),
        str(NOTEBOOK),
        str(out / NOTEBOOK.name),
        "-y",
        json.dumps(parameters),
        "--cwd",
        str(NOTEBOOKS_DIR),
        "-k",
        "python3",
        "--no-progress-bar",
    ]


def workbench_command(out: Path) -> list[str]:
    """(b) the real CLI (writes into ``out/<tanggal>-<judul>/``)."""
    return [
        str(BIN / "workbench"),
        "minutes",
        str(RECORD),
        *[a for p in ATTENDANCE for a in ("-a", str(p))],
        "--out",
        str(out),
    ]


def floor_command(out: Path) -> list[str]:
    """(c) this file in a child process, ``--floor``."""
    return [sys.executable, __file__, "--floor", str(out)]


def run_floor(out: Path) -> None:
    """The notebook's steps in this process (what the kernel runs, without a kernel)."""
    from workbench.charts.png import figure_png
    from workbench.rakor import job

    meeting, table = job.load_inputs(RECORD, ATTENDANCE, min_share=MIN_SHARE)
    figure = job.attendance_figure(table)
    figure_png(figure)  # the notebook shows the chart
    job.write_outputs(meeting, table, out, figure=figure)


VARIANTS = {PAPERMILL: papermill_command, WORKBENCH: workbench_command, FLOOR: floor_command}


def timed(cmd: list[str], out: Path) -> float:
    """Wall seconds of ``cmd`` (process start to exit); checks that it made the documents."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"Gagal ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    missing = [name for name in PRODUCED if not any(out.rglob(name))]
    if missing:
        raise SystemExit(f"{', '.join(missing)} tidak dibuat oleh: {' '.join(cmd)}")
    return seconds


# ----------------------------------------------------------------------------- report
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ukur lama pembuatan satu notula (contoh rapat).")
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        metavar="N",
        help="jumlah putaran berpasangan (bawaan 5); yang dicetak median",
    )
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor:  # variant (c), in this (child) process
        run_floor(args.floor)
        return 0
    from workbench.indonesian import angka

    names = list(VARIANTS)
    times: dict[str, list[float]] = {name: [] for name in names}
    print(
        f"Benchmark notula: {RECORD.parent.name}, {args.rounds} putaran berpasangan "
        "(urutan varian bergilir).",
        flush=True,
    )
    for round_ in range(args.rounds):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        line = []
        for name in order:
            with tempfile.TemporaryDirectory(prefix="wb-bench-minutes-") as tmp:
                seconds = timed(VARIANTS[name](Path(tmp)), Path(tmp))
            times[name].append(seconds)
            line.append(f"{name[:3]} {angka(seconds, 2)} s")
        print(f"  putaran {round_ + 1}: " + ", ".join(line), flush=True)

    medians = {name: statistics.median(values) for name, values in times.items()}
    a, b, c = medians[PAPERMILL], medians[WORKBENCH], medians[FLOOR]
    print()
    print(f"{'varian':26s} {'median (s)':>11s} {'min (s)':>9s} {'maks (s)':>9s}")
    for name in names:
        print(
            f"{name:26s} {angka(medians[name], 2):>11s} {angka(min(times[name]), 2):>9s} "
            f"{angka(max(times[name]), 2):>9s}"
        )
    ratios = [
        statistics.median(x / y for x, y in zip(times[WORKBENCH], times[PAPERMILL])),
        statistics.median(x / y for x, y in zip(times[WORKBENCH], times[FLOOR])),
    ]
    print(f"rasio b/a: {angka(b / a, 2)} (median rasio per putaran {angka(ratios[0], 2)})")
    print(f"rasio b/c: {angka(b / c, 2)} (median rasio per putaran {angka(ratios[1], 2)})")
    print(
        json.dumps(
            {name: [round(s, 3) for s in values] for name, values in times.items()},
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
