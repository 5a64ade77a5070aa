"""Benchmark of the web app (``make app``): how soon the page is interactive, and the notula
generated from the app against ``workbench minutes`` on the same files (paired).

1. **Start-up**: ``make app``'s command is spawned on a free port (tests/app_server.py) and
   Chromium (Playwright) opens the page as soon as the port answers; timed from the spawn to
   the first upload button being visible and enabled (the page is interactive). One fresh
   server per round.
2. **Notula, paired**: each round runs, in rotating order,
   (a) ``workbench minutes meeting.yaml -a zoom-peserta.csv -a peserta-internal.csv [--pdf]``
       as a subprocess (process start to exit), and
   (b) the app's "Buat notula + daftar hadir" on the same files, uploaded once beforehand
       (click to the download links and previews shown).
   ``--pdf`` is given to (a) when LibreOffice is installed, as the app then makes PDFs too.
   CPU seconds: (a) the CLI process and its children (the kernel); (b) the server's process
   tree (Voilà, the session's kernel and the kernel that one starts).

Printed: every round, the medians and the ratio b/a; no threshold here (docs/performance.md).

Usage::

    .venv/bin/python bench/app.py                # 3 start-ups, 5 paired rounds
    .venv/bin/python bench/app.py --startups 5 --rounds 7
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workbench.paths import PROJECT_ROOT, SAMPLE_MEETING_DIR

sys.path.insert(0, str(PROJECT_ROOT / "tests"))

from app_server import start_app  # noqa: E402

BIN = Path(sys.executable).parent
RECORD = SAMPLE_MEETING_DIR / "meeting.yaml"
ATTENDANCE = [SAMPLE_MEETING_DIR / "zoom-peserta.csv", SAMPLE_MEETING_DIR / "peserta-internal.csv"]
FOTO = sorted((SAMPLE_MEETING_DIR / "foto").glob("*.jpg"))
PDF = shutil.which("soffice") is not None
TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int) -> float:
    """CPU seconds of a process and its live descendants, with their reaped children
    (Voilà starts each kernel in a session of its own, so a process group would miss them)."""
    stats = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(stat.parent.name)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))
    tree, total = {root}, 0
    changed = True
    while changed:
        changed = False
        for pid, (ppid, _) in stats.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                changed = True
    for pid in tree:
        total += stats.get(pid, (0, 0))[1]
    return total / TICK


def browser():
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(PROJECT_ROOT / "tests" / "browser"))
    from conftest import ARGS, find_chromium

    pw = sync_playwright().start()
    return pw, pw.chromium.launch(executable_path=find_chromium(), headless=True, args=ARGS)


def startup(chromium, folder: Path) -> float:
    app = start_app(folder / "reports", folder / "app.log")
    try:
        page = chromium.new_page()
        page.set_default_timeout(120_000)
        page.goto(app.url)
        page.locator(".wb-unggah-rapat:not([disabled])").wait_for()
        seconds = time.monotonic() - app.started
        page.close()
        return seconds
    finally:
        app.stop()


def upload(page, css: str, files) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(css).click()
    chooser.value.set_files([str(f) for f in files])


def cli_round(folder: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [
            str(BIN / "workbench"),
            "minutes",
            str(RECORD),
            *[a for p in ATTENDANCE for a in ("-a", str(p))],
            "--out",
            str(folder),
            *(["--pdf"] if PDF else []),
        ],
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def app_round(page, app) -> tuple[float, float]:
    done = page.locator(".wb-hasil").get_by_text("Dokumen selesai dibuat")
    cpu0 = tree_cpu(app.process.pid)
    t0 = time.perf_counter()
    page.locator(".wb-buat-notula").click()
    done.wait_for(state="detached")
    done.wait_for()
    wall = time.perf_counter() - t0
    return wall, tree_cpu(app.process.pid) - cpu0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--startups", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pw, chromium = browser()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-app-") as tmp:
            tmp_path = Path(tmp)
            starts = [startup(chromium, tmp_path / f"s{i}") for i in range(args.startups)]
            for i, s in enumerate(starts):
                print(f"start-up {i + 1}: {s:.2f} s (server spawn -> page interactive)")
            print(f"start-up median: {statistics.median(starts):.2f} s\n")

            app = start_app(tmp_path / "app" / "reports", tmp_path / "app.log")
            try:
                page = chromium.new_page()
                page.set_default_timeout(600_000)
                page.goto(app.url)
                upload(page, ".wb-unggah-rapat", [RECORD])
                upload(page, ".wb-unggah-kehadiran", ATTENDANCE)
                page.locator(".wb-kehadiran").wait_for()
                upload(page, ".wb-unggah-foto", FOTO)
                page.locator(".wb-status-rapat .wb-ok").wait_for()
                app_round(page, app)  # warm-up (first imports in the session's kernel)
                rows = []
                for r in range(args.rounds):
                    order = ("cli", "app") if r % 2 == 0 else ("app", "cli")
                    got = {}
                    for which in order:
                        if which == "cli":
                            got["cli"] = cli_round(tmp_path / f"cli{r}")
                        else:
                            got["app"] = app_round(page, app)
                    rows.append(got)
                    (cw, cc), (aw, ac) = got["cli"], got["app"]
                    print(
                        f"round {r + 1} ({'/'.join(order)}): workbench minutes {cw:.2f} s "
                        f"({cc:.2f} CPU s), app {aw:.2f} s ({ac:.2f} CPU s), b/a {aw / cw:.2f}"
                    )
            finally:
                app.stop()
    finally:
        chromium.close()
        pw.stop()
    med = {k: statistics.median(r[k][0] for r in rows) for k in ("cli", "app")}
    cpu = {k: statistics.median(r[k][1] for r in rows) for k in ("cli", "app")}
    ratios = [r["app"][0] / r["cli"][0] for r in rows]
    print(
        f"\nmedians: workbench minutes{' --pdf' if PDF else ''} {med['cli']:.2f} s "
        f"({cpu['cli']:.2f} CPU s); app {med['app']:.2f} s ({cpu['app']:.2f} CPU s)"
    )
    print(f"ratio app/CLI: median of paired rounds {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
