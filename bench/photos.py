"""Benchmark of documentation photos in the notula (``workbench minutes``).

Makes ten phone-like photos (4000×3000 JPEG at quality 95, ~5-6 MB each: scikit-image's
public-domain sample photos upscaled with sensor-like noise, EXIF times on the sample
rundown), then runs the real CLI (``.venv/bin/workbench minutes`` subprocess) on the sample
meeting three ways, each in its own temporary folder:

(a) no photos;
(b) the ten photos listed one by one in ``dokumentasi``;
(c) the same ten as a folder entry (``dokumentasi: [foto/]``, ``--foto-maks 12``).

It runs the three in turn ``ROUNDS`` times (default 3) and prints, from the fastest run
of each, notula.docx size and wall-clock time, the ratio to (a), and the size the
photos had before (the sum of the originals, which the notula embedded unchanged before
photos were downscaled).

Usage::

    .venv/bin/python bench/photos.py [ROUNDS]
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "rakor-bakohumas-2025-07-17"
WORKBENCH = Path(sys.executable).with_name("workbench")
RUNDOWN = ["09.00", "09.20", "10.00", "10.40", "11.10", "11.40"]


def make_photos(folder: Path, n: int = 10) -> list[Path]:
    import numpy as np
    from PIL import Image
    from skimage import data

    folder.mkdir(parents=True, exist_ok=True)
    sources = [data.astronaut(), data.coffee(), data.chelsea(), data.rocket()]
    rng = np.random.default_rng(0)
    start = dt.datetime(2025, 7, 17, 9, 3)
    paths = []
    for i in range(n):
        im = Image.fromarray(sources[i % len(sources)]).resize((4000, 3000), Image.BICUBIC)
        arr = np.asarray(im).astype(np.int16) + rng.normal(0, 6, (3000, 4000, 3)).astype(np.int16)
        im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        exif = Image.Exif()
        exif.get_ifd(0x8769)[0x9003] = (start + dt.timedelta(minutes=17 * i)).strftime(
            "%Y:%m:%d %H:%M:%S"
        )
        path = folder / f"IMG_{1301 + i}.jpg"
        im.save(path, quality=95, exif=exif)
        paths.append(path)
    return paths


def record(folder: Path, dokumentasi: list[str]) -> Path:
    text = (SAMPLE / "meeting.yaml").read_text(encoding="utf-8")
    lines = []
    acara = 0
    for line in text.splitlines():
        if line.startswith("  acara:"):
            acara = 1
        elif acara and line.startswith("    - ") and acara <= len(RUNDOWN):
            item = line[6:].strip().strip('"')
            if not re.match(r"\d{1,2}[.:]\d{2}\s", item):  # the sample's own times kept
                line = f'    - "{RUNDOWN[acara - 1]} {item}"'
            acara += 1
        elif line.startswith("dokumentasi:"):
            break
        lines.append(line)
    lines.append("dokumentasi:")
    lines += [f"  - {d}" for d in dokumentasi]
    path = folder / "meeting.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(folder: Path, dokumentasi: list[str]) -> tuple[float, int]:
    meeting = record(folder, dokumentasi)
    out = folder / "out"
    t0 = time.perf_counter()
    subprocess.run(
        [
            str(WORKBENCH),
            "minutes",
            str(meeting),
            "-a",
            str(SAMPLE / "zoom-peserta.csv"),
            "-a",
            str(SAMPLE / "peserta-internal.csv"),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - t0
    (notula,) = out.glob("*/notula.docx")
    return seconds, notula.stat().st_size


def main(rounds: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        photos = make_photos(base / "foto-asli")
        originals = sum(p.stat().st_size for p in photos)
        cases = {
            "(a) tanpa foto": [],
            "(b) 10 foto satu per satu": [f"foto/{p.name}" for p in photos],
            "(c) folder foto/": ["foto/"],
        }
        for name, entries in cases.items():
            folder = base / name.split()[0].strip("()")
            folder.mkdir()
            if entries:
                shutil.copytree(base / "foto-asli", folder / "foto")
        samples: dict[str, list[tuple[float, int]]] = {name: [] for name in cases}
        for _ in range(rounds):  # interleaved, so a busy moment does not hit one case only
            for name, entries in cases.items():
                samples[name].append(run(base / name.split()[0].strip("()"), entries))
    mb = 1024 * 1024
    print(
        f"10 photos 4000x3000: {originals / mb:.1f} MB of originals "
        f"({originals / len(photos) / mb:.1f} MB each); fastest of {rounds} runs each"
    )
    results = {name: min(runs) for name, runs in samples.items()}
    t0, s0 = results["(a) tanpa foto"]
    for name, (seconds, size) in results.items():
        every = " ".join(f"{t:.1f}" for t, _ in samples[name])
        print(
            f"{name:28s} notula {size / mb:6.2f} MB  {seconds:5.1f} s  "
            f"time x{seconds / t0:.2f}  size x{size / s0:.1f}  (runs: {every} s)"
        )
    print(f"before (photos embedded unchanged): notula ~{(s0 + originals) / mb:.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
