"""Benchmark of the per-office Bakohumas reports (``workbench reports``).

Runs the same reports three ways, side by side, each in its own process and
temporary folder, and prints wall-clock time (total and per report), peak
memory and the ratios:

(a) papermill serial: ``papermill.execute_notebook`` of
    ``notebooks/office_report.ipynb`` once per office, one after another
    (a fresh kernel per report; IPC kernel manager as the batch engines use);
(b) ``workbench reports``: the real CLI as users run it (``.venv/bin/workbench``
    subprocess, default ``warm`` engine, default workers = one per CPU);
(c) in-process floor: one Python process that imports the package, reads the
    evaluation once and calls ``make_office_report`` for every office.

Then the HTML twin's cost per job (:mod:`workbench.html_export`; (b) writes one per report):
each executed notebook of (b) exported again with one exporter, in this process, as a
ratio to (b)'s time per report. Then the warm engine's own cost per job
(:func:`workbench.batch.bench.job_overhead`:
one worker, the first 12 offices; a job's time against the kernel's own run time of
its cells, and this process's CPU per job).

Every variant is timed from outside (process start to exit), so interpreter
start-up and imports count for all three. Peak memory is the largest sum of
the RSS of the variant's process and all its descendants (kernels), sampled
every 20 ms with psutil (``/proc`` when psutil is missing).

Usage::

    .venv/bin/python bench/batch.py                 # 38 offices (Jawa Timur sample)
    .venv/bin/python bench/batch.py --offices 8     # quick run on 8 offices
    .venv/bin/python bench/batch.py --national --skip-papermill   # 514 offices
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from workbench.paths import NOTEBOOKS_DIR, SAMPLE_BAKOHUMAS_DIR
from workbench.paths import PROJECT_ROOT as ROOT

BIN = Path(sys.executable).parent
SAMPLE = SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan.csv"
NATIONAL = SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan-nasional.csv"
NOTEBOOK = NOTEBOOKS_DIR / "office_report.ipynb"
PERIOD = "2025-TW2"
SAMPLE_EVERY = 0.02
#: Jobs of the per-job overhead measurement (the first offices).
OVERHEAD_JOBS = 12


# ----------------------------------------------------------------------------- variants
def office_codes(data: Path, limit: int | None) -> list[str]:
    """Every office of the table's evaluation (all provinces), optionally the first ``limit``."""
    from workbench.bakohumas.job import evaluate_file

    codes = list(evaluate_file(data, PERIOD).ringkasan["kode_satker"])
    return codes[:limit] if limit else codes


def run_papermill(data: Path, codes: list[str], out: Path) -> None:
    """(a) Serial ``papermill.execute_notebook``, one fresh kernel per office."""
    import papermill as pm

    from workbench.kernels import IPCAsyncKernelManager

    for kode in codes:
        folder = out / kode
        folder.mkdir(parents=True)
        pm.execute_notebook(
            str(NOTEBOOK),
            str(folder / "office_report.ipynb"),
            parameters={
                "data": str(data),
                "period": PERIOD,
                "office": kode,
                "output_dir": str(folder),
            },
            cwd=str(NOTEBOOK.parent),
            progress_bar=False,
            kernel_manager_class=IPCAsyncKernelManager,
        )


def run_floor(data: Path, codes: list[str], out: Path) -> None:
    """(c) The same per-office work in this process, evaluation read once."""
    from workbench.bakohumas.job import make_office_report

    for kode in codes:
        make_office_report(data, PERIOD, kode, out / kode)


def reports_command(
    data: Path, codes: list[str], all_codes: list[str], out: Path, national: bool
) -> list[str]:
    """(b) The ``workbench reports`` command line for these offices."""
    cmd = [str(BIN / "workbench"), "reports", str(data), "--period", PERIOD, "--out", str(out)]
    if national:
        cmd += ["--provinsi", "semua"]
    if codes != all_codes:
        cmd += ["--offices", ",".join(codes)]
    return cmd


# ----------------------------------------------------------------------------- measuring
def _tree_rss(pid: int) -> int:
    """Bytes of RSS of ``pid`` and all its descendants (0 once it is gone)."""
    try:
        import psutil
    except ImportError:
        return _tree_rss_proc(pid)
    try:
        parent = psutil.Process(pid)
        procs = [parent, *parent.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _tree_rss_proc(pid: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = int(statm.split()[1]) * page
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def timed(cmd: list[str], expect: int, out: Path) -> tuple[float, int, str]:
    """Run ``cmd``; return (seconds, peak tree RSS in bytes, stdout). Checks the reports."""
    peak = 0
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(SAMPLE_EVERY):
            peak = max(peak, _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"Gagal ({proc.returncode}): {' '.join(cmd)}\n{stderr[-3000:]}")
    made = sum(1 for _ in out.rglob("laporan.docx"))
    if made != expect:
        raise SystemExit(f"Hanya {made} dari {expect} laporan dibuat oleh: {' '.join(cmd)}")
    return seconds, peak, stdout


# ----------------------------------------------------------------------------- report
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ukur kecepatan pembuatan laporan per satker.")
    parser.add_argument(
        "--offices", type=int, default=None, metavar="N", help="hanya N satker pertama (uji cepat)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="R",
        help="ulangi tiap varian R kali; yang dicetak waktu terbaik",
    )
    parser.add_argument(
        "--skip-papermill",
        action="store_true",
        help="lewati varian (a) papermill serial (tidak diperkirakan)",
    )
    parser.add_argument(
        "--national",
        action="store_true",
        help="data nasional: 514 satker (laporan-triwulan-nasional.csv)",
    )
    parser.add_argument("--run", choices=("papermill", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--codes", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.run:  # one variant, in this (child) process
        runner = run_papermill if args.run == "papermill" else run_floor
        runner(args.data, args.codes.split(","), args.out)
        return 0
    # Babel only in the parent: the child processes that run (a) and (c) import this module.
    from workbench.indonesian import angka

    data = NATIONAL if args.national else SAMPLE
    all_codes = office_codes(data, None)
    codes = all_codes[: args.offices] if args.offices else all_codes
    n = len(codes)

    def child(kind: str, out: Path) -> list[str]:
        return [
            sys.executable,
            __file__,
            "--run",
            kind,
            "--data",
            str(data),
            "--codes",
            ",".join(codes),
            "--out",
            str(out),
        ]

    variants = []
    if not args.skip_papermill:
        variants.append(("(a) papermill serial", lambda out: child("papermill", out)))
    variants.append(
        (
            "(b) workbench reports (warm)",
            lambda out: reports_command(data, codes, all_codes, out, args.national),
        )
    )
    variants.append(("(c) dalam proses (batas bawah)", lambda out: child("floor", out)))

    print(
        f"Benchmark laporan per satker: {n} satker dari {data.name}, periode {PERIOD}, "
        f"{os.cpu_count()} CPU, {args.repeat} ulangan (dicetak yang terbaik).",
        flush=True,
    )
    results: dict[str, tuple[float, int]] = {}
    for name, command in variants:
        best = None
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="wb-bench-") as tmp:
                seconds, peak, _ = timed(command(Path(tmp)), n, Path(tmp))
            best = (seconds, peak) if best is None or seconds < best[0] else best
            print(f"  {name}: {angka(seconds, 2)} s", flush=True)
        results[name] = best

    print()
    print(
        f"{'varian':34s} {'total (s)':>10s} {'per laporan (ms)':>17s} {'memori puncak (MB)':>19s}"
    )
    for name, (seconds, peak) in results.items():
        print(
            f"{name:34s} {angka(seconds, 2):>10s} {angka(seconds / n * 1000, 1):>17s} "
            f"{angka(peak / 2**20, 0):>19s}"
        )
    if args.skip_papermill:
        print("(a) papermill serial dilewati (--skip-papermill); tidak diperkirakan.")
    a = results.get("(a) papermill serial", (None,))[0]
    b = results["(b) workbench reports (warm)"][0]
    c = results["(c) dalam proses (batas bawah)"][0]
    if a is not None:
        print(f"rasio a/b: {angka(a / b, 1)}x (target >= 15x)")
    print(f"rasio b/c: {angka(b / c, 2)} (target <= 1)")
    print(
        "Memori: jumlah RSS proses varian dan semua proses turunannya (kernel), sampel tiap "
        f"{int(SAMPLE_EVERY * 1000)} ms ({'psutil' if _has_psutil() else '/proc'})."
    )
    html = html_seconds(data, codes[:OVERHEAD_JOBS], all_codes, args.national)
    print_html(html, b / n)
    print_overhead(data, codes[:OVERHEAD_JOBS])
    print(
        json.dumps(
            {
                k: {"detik": round(v[0], 3), "rss_puncak_mb": round(v[1] / 2**20)}
                for k, v in results.items()
            },
            ensure_ascii=False,
        )
    )
    return 0


def html_seconds(data: Path, codes: list[str], all_codes: list[str], national: bool) -> list[float]:
    """Seconds to build each HTML twin of a ``workbench reports`` run, as the batch builds
    them (:func:`workbench.html_export.twin_page`, the cached shell around the cells), first
    the shell's own build. The executed notebooks come from a run of the first offices with
    ``--simpan-notebook`` (by default the batch keeps only the twins)."""
    import time

    from workbench.html_export import twin_page

    with tempfile.TemporaryDirectory(prefix="wb-bench-html-") as tmp:
        cmd = reports_command(data, codes, all_codes, Path(tmp), national) + ["--simpan-notebook"]
        timed(cmd, len(codes), Path(tmp))
        notebooks = sorted(Path(tmp).rglob("satker/*/office_report.ipynb"))
        assert len(notebooks) == len(codes), f"{len(notebooks)} notebooks kept of {len(codes)}"
        texts = [json.loads(nb.read_text(encoding="utf-8")) for nb in notebooks]
    t0 = time.perf_counter()
    twin_page(texts[0], "office_report")
    times = [time.perf_counter() - t0]
    for nb in texts:
        t1 = time.perf_counter()
        twin_page(nb, "office_report")
        times.append(time.perf_counter() - t1)
    return times


def print_html(times: list[float], per_report: float) -> None:
    """The HTML twin's cost per job against (b)'s time per report (which includes it)."""
    import statistics

    from workbench.indonesian import angka

    build, jobs = times[0], times[1:]
    median = statistics.median(jobs)
    print(
        f"Kembaran HTML (cangkang tersimpan, tanpa sel kode) per pekerjaan: median "
        f"{angka(median * 1000, 1)} ms, maks {angka(max(jobs) * 1000, 1)} ms "
        f"({len(jobs)} notebook; halaman pertama, dengan cangkangnya, sekali per proses: "
        f"{angka(build * 1000, 0)} ms); rasio terhadap waktu per laporan (b): "
        f"{angka(median / per_report, 2)} (HTML sudah termasuk dalam (b); target: jauh < 1, "
        "tidak menggandakan batch)."
    )


def print_overhead(data: Path, codes: list[str]) -> None:
    """The warm engine's own cost per job (one worker, in this process; see
    :func:`workbench.batch.bench.job_overhead`)."""
    from workbench.batch.bench import job_overhead
    from workbench.indonesian import angka

    ms = job_overhead(
        NOTEBOOK, [{"data": str(data), "period": PERIOD, "office": kode} for kode in codes]
    )
    print(
        f"Overhead mesin warm per pekerjaan ({ms['jobs']} satker, 1 pekerja): "
        f"waktu pekerjaan {angka(ms['wall'], 1)} ms, "
        f"di dalam kernel {angka(ms['kernel'], 1)} ms, "
        f"overhead {angka(ms['overhead'], 1)} ms (median), CPU proses induk "
        f"{angka(ms['parent_cpu'], 1)} ms."
    )


def _has_psutil() -> bool:
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
