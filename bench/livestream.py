"""Benchmark of the Standar Livestream check against one full decode of the same file.

Makes (once, cached under ``/tmp/workbench-bench-livestream/``) a long recording shaped like
a YouTube Studio download: H.264 (libx264 ``--preset``, default ``veryfast``; a keyframe
every 2 s) + AAC 48 kHz, a 60-second cover with music at each end, speech-like audio
between, a 30-second stall in the middle. Then, in rounds, each in a fresh subprocess:

(a) the check: ``check_video(FILE)`` (imports done before the clock starts; the import
    cost is printed apart);
(b) the reference: PyAV decoding every video and audio frame (the machine has no ``ffmpeg``
    binary; with one, ``ffmpeg -v error -i FILE -f null -`` is used instead).

It prints per round the wall time and CPU seconds of both and their ratio (a / b), then the
median ratio and the check's peak memory (ru_maxrss). CPU seconds are the figure to trust
on a shared machine; the wall ratio moves with the load (print ``uptime`` next to it).

Usage::

    .venv/bin/python bench/livestream.py [--minutes 60] [--size 1280x720] [--fps 25] \\
        [--rounds 3] [--preset veryfast]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

CACHE = Path("/tmp/workbench-bench-livestream")

CHECK = """
import json, resource, sys, time
from workbench.standar.livestream.job import check_video
import workbench.standar.livestream.reader, skimage.filters, imagehash
t0, c0 = time.perf_counter(), time.process_time()
result = check_video(sys.argv[1])
print(json.dumps({
    "wall": time.perf_counter() - t0,
    "cpu": time.process_time() - c0,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "masalah": result.row.masalah,
    "decoded": result.decoded,
    "listened": result.listened,
}))
"""

DECODE = """
import json, sys, time
import av
t0, c0 = time.perf_counter(), time.process_time()
with av.open(sys.argv[1]) as c:
    for s in c.streams:
        s.thread_type = "AUTO"
    n = sum(1 for _ in c.decode(*c.streams))
print(json.dumps({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "frames": n}))
"""


def make(path: Path, minutes: float, size: tuple[int, int], fps: int, preset: str) -> Path:
    """The long recording (see the module docstring); 100 distinct scene frames cycle."""
    import av
    import numpy as np

    from workbench.samples.livestream import RATE, Plan, _audio, _scene, cover_image

    duration = minutes * 60
    plan = Plan(
        duration=duration,
        cover_open=60.0,
        cover_close=60.0,
        stall_at=duration / 2,
        stall=30.0,
        size=size,
        fps=fps,
    )
    tmp = path.with_suffix(".part.mp4")
    cover = av.VideoFrame.from_ndarray(np.asarray(cover_image(size, plan.title)), format="rgb24")
    scenes = [
        av.VideoFrame.from_ndarray(_scene(size, k * 0.37), format="rgb24") for k in range(100)
    ]
    frozen = scenes[0]
    with av.open(str(tmp), "w") as out:
        video = out.add_stream("libx264", rate=fps)
        video.width, video.height = size
        video.pix_fmt = "yuv420p"
        video.codec_context.gop_size = 2 * fps
        video.options = {"preset": preset, "crf": "26", "sc_threshold": "0"}
        audio = out.add_stream("aac", rate=RATE)
        audio.layout = "mono"
        sample = 0
        for i in range(int(duration * fps)):
            t = i / fps
            if t < plan.cover_open or t >= duration - plan.cover_close:
                frame = cover
            elif plan.stall_at <= t < plan.stall_at + plan.stall:
                frame = frozen
            else:
                frame = scenes[i % len(scenes)]
            frame.pts, frame.time_base = i, Fraction(1, fps)
            for packet in video.encode(frame):
                out.mux(packet)
            while sample < (i + 1) * RATE // fps:
                chunk = _audio(plan, sample, 1024)
                af = av.AudioFrame.from_ndarray(chunk[None, :], format="flt", layout="mono")
                af.sample_rate, af.pts, af.time_base = RATE, sample, Fraction(1, RATE)
                sample += 1024
                for packet in audio.encode(af):
                    out.mux(packet)
        for stream in (video, audio):
            for packet in stream.encode():
                out.mux(packet)
    tmp.replace(path)
    return path


def child(code: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def ffmpeg_decode(path: Path) -> dict:
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "null", "-"], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": time.perf_counter() - t0, "cpu": cpu}


def import_cost() -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import workbench.standar.livestream.job"],
        check=True,
    )
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--fps", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--preset", default="veryfast", help="libx264 preset of the made file")
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"rekaman-{args.minutes:g}m-{w}x{h}-{args.fps}fps-{args.preset}.mp4"
    if not path.exists():
        t0 = time.perf_counter()
        make(path, args.minutes, (w, h), args.fps, args.preset)
        print(f"made {path.name} in {time.perf_counter() - t0:.0f} s")
    size_mb = path.stat().st_size / 2**20
    reference = "ffmpeg -f null" if shutil.which("ffmpeg") else "PyAV full decode (no ffmpeg)"
    print(f"{path.name}: {size_mb:.0f} MB; reference: {reference}")
    walls, cpus = [], []
    check = {}
    for r in range(args.rounds):  # paired and interleaved: a busy moment hits both
        check = child(CHECK, path)
        full = ffmpeg_decode(path) if shutil.which("ffmpeg") else child(DECODE, path)
        walls.append(check["wall"] / full["wall"])
        cpus.append(check["cpu"] / full["cpu"])
        print(
            f"round {r + 1}: check {check['wall']:.2f} s wall / {check['cpu']:.2f} CPU-s  "
            f"full decode {full['wall']:.1f} s wall / {full['cpu']:.1f} CPU-s  "
            f"ratio wall {walls[-1]:.3f}  CPU {cpus[-1]:.3f}"
        )
    print(
        f"median ratio: wall {statistics.median(walls):.3f}x  CPU {statistics.median(cpus):.3f}x; "
        f"check peak RSS {check['rss_mb']:.0f} MB; pictures decoded {check['decoded']}, "
        f"audio samples {check['listened']}; codes {check['masalah']}"
    )
    print(f"import of the check's modules (not in the ratio): {import_cost():.1f} s wall")


if __name__ == "__main__":
    main()
