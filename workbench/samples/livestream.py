"""Synthetic livestream recordings for the demo, tests and the benchmark.

:func:`make_recording` encodes, with PyAV (FFmpeg bundled in the ``av`` wheel), a recording
shaped like a rakor stream downloaded from YouTube Studio: a PIL-drawn cover with music
(opening), the event (a moving scene with speech-like audio: syllable bursts with short
pauses), optionally a stall (a frozen picture with silence), and the cover again (closing).
Every part can be left out or spoiled (silent cover, blurred cover, no audio track), so
each rule of :mod:`workbench.standar.livestream.check` has a recording that breaks it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

#: Audio sample rate of the generated recordings (Hz).
RATE = 48_000


@dataclass(frozen=True)
class Plan:
    """What a generated recording holds (seconds; 0 = that part is absent)."""

    duration: float = 40.0
    cover_open: float = 8.0
    cover_close: float = 8.0
    cover_audio: str = "music"  # "music" | "silent"
    blur_cover: bool = False
    stall_at: float = 0.0  # start of a frozen, silent stretch between the covers
    stall: float = 0.0
    audio: bool = True
    size: tuple[int, int] = (320, 180)
    fps: int = 10
    gop: int = 20  # frames between keyframes
    creation_time: dt.datetime | None = None
    title: str = "Rapat Koordinasi Kehumasan"
    indexed: bool = True  # False (WebM only): no duration, no cues, as a browser records
    vfr: bool = False  # variable frame rate: every other second at a third of ``fps``


def cover_image(size: tuple[int, int], title: str = "Rapat Koordinasi Kehumasan", blur=False):
    """The stream's cover (a ``PIL.Image``): banner, title, logo and small print."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    w, h = size
    image = Image.new("RGB", size, (128, 20, 28))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(10, h // 12))
    small = ImageFont.load_default(size=max(8, h // 22))
    draw.rectangle([0, int(h * 0.72), w, h], fill=(245, 245, 245))
    draw.ellipse([w // 20, h // 10, w // 20 + h // 4, h // 10 + h // 4], fill=(250, 200, 30))
    draw.text((w // 20 + h // 3, h // 8), "SIARAN LANGSUNG", fill="white", font=font)
    draw.text((w // 20, int(h * 0.42)), title, fill="white", font=font)
    for i in range(3):  # small print: the detail a sharp cover shows
        draw.text(
            (w // 20, int(h * 0.75) + i * (h // 20)),
            f"KPU Provinsi Contoh · baris keterangan {i + 1} · kanal resmi",
            fill=(40, 40, 40),
            font=small,
        )
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(max(3, w // 80)))
    return image


def _scene(size: tuple[int, int], t: float, frozen_at: float | None = None):
    """The event's picture at time ``t``: a hall with people moving (numpy RGB array)."""
    import numpy as np

    if frozen_at is not None:
        t = frozen_at
    w, h = size
    y, x = np.ogrid[0:h, 0:w]
    frame = np.empty((h, w, 3), np.uint8)
    frame[..., 0] = (90 + 40 * np.sin(x / 23.0 + t * 0.7)).astype(np.uint8)
    frame[..., 1] = (110 + 30 * np.cos(y / 17.0 - t * 0.5)).astype(np.uint8)
    frame[..., 2] = (80 + 50 * np.sin((x + y) / 31.0 + t)).astype(np.uint8)
    for k in range(4):  # "speakers" walking across the stage
        cx = int((w * (0.15 + 0.22 * k) + 25 * np.sin(t * (0.9 + k * 0.3))) % w)
        cy = int(h * 0.55 + 10 * np.cos(t * (1.1 + k * 0.2)))
        frame[max(0, cy - h // 6) : cy + h // 6, max(0, cx - w // 30) : cx + w // 30] = (
            30 + 50 * k,
            200 - 40 * k,
            60 + 30 * k,
        )
    return frame


def _audio(plan: Plan, start: int, count: int):
    """Mono float32 samples ``start .. start+count`` of the recording's soundtrack."""
    import numpy as np

    t = (start + np.arange(count)) / RATE
    out = np.zeros(count, np.float32)
    rng = np.random.default_rng(start)
    cover = (t < plan.cover_open) | (t >= plan.duration - plan.cover_close)
    stalled = (t >= plan.stall_at) & (t < plan.stall_at + plan.stall)
    if not plan.stall:
        stalled = cover & False
    if plan.cover_audio == "music":
        note = 220.0 * 2 ** (np.floor(t * 2) % 5 / 12.0 * 3)  # a new note every half second
        music = 0.2 * np.sin(2 * np.pi * note * t) + 0.1 * np.sin(2 * np.pi * 1.5 * note * t)
        out = np.where(cover, music, out)
    # speech-like: noise shaped by ~4 syllables a second, a 0.3 s pause every 2.5 s
    envelope = np.clip(np.sin(2 * np.pi * 4.0 * t), 0, None) * ((t % 2.5) < 2.2)
    voice = 0.3 * envelope * (rng.standard_normal(count) * 0.5 + np.sin(2 * np.pi * 160 * t))
    speaking = ~cover & ~stalled
    out = np.where(speaking, voice, out)
    return out.astype(np.float32)


def _frame_times(plan: Plan) -> list[float]:
    """Presentation times (s) of the frames: constant rate, or (``vfr``) a third of the
    rate every other second."""
    if not plan.vfr:
        return [i / plan.fps for i in range(int(plan.duration * plan.fps))]
    times, t = [], 0.0
    while t < plan.duration:
        times.append(t)
        t += (1 if int(t) % 2 == 0 else 3) / plan.fps
    return times


def make_recording(path: str | Path, plan: Plan = Plan()) -> Path:
    """Encode ``plan`` into ``path`` (``.mp4``: H.264 + AAC; ``.webm``: VP8 + Opus;
    ``.mkv``: H.264 + AAC). Returns the path."""
    import av
    import numpy as np

    path = Path(path)
    suffix = path.suffix.lower()
    video_codec, audio_codec = ("libvpx", "libopus") if suffix == ".webm" else ("libx264", "aac")
    cover = np.asarray(cover_image(plan.size, plan.title, plan.blur_cover))
    options = {"live": "1"} if suffix == ".webm" and not plan.indexed else {}
    with av.open(str(path), "w", options=options) as out:
        if plan.creation_time is not None:
            out.metadata["creation_time"] = plan.creation_time.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
        video: Any = out.add_stream(video_codec, rate=plan.fps)
        video.width, video.height = plan.size
        video.pix_fmt = "yuv420p"
        video.codec_context.gop_size = plan.gop
        if video_codec == "libx264":
            video.options = {"preset": "ultrafast", "crf": "28", "sc_threshold": "0"}
        else:
            video.options = {"deadline": "realtime", "cpu-used": "8", "b": "300k"}
        audio: Any = None
        if plan.audio:
            audio = out.add_stream(audio_codec, rate=RATE)
            audio.layout = "mono"
        if plan.vfr:
            video.codec_context.time_base = Fraction(1, 1000)
        times = _frame_times(plan)
        step = RATE // plan.fps
        audio_frame = 960 if audio_codec == "libopus" else 1024
        pending = np.zeros(0, np.float32)
        sample = 0
        for i, t in enumerate(times):
            if t < plan.cover_open or t >= plan.duration - plan.cover_close:
                picture = cover
            elif plan.stall and plan.stall_at <= t < plan.stall_at + plan.stall:
                picture = _scene(plan.size, t, frozen_at=plan.stall_at)
            else:
                picture = _scene(plan.size, t)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            if plan.vfr:
                frame.pts, frame.time_base = round(t * 1000), Fraction(1, 1000)
            else:
                frame.pts, frame.time_base = i, Fraction(1, plan.fps)
            for packet in video.encode(frame):
                out.mux(packet)
            if audio is not None:
                if plan.vfr:  # the samples up to the next frame's time
                    end = times[i + 1] if i + 1 < len(times) else plan.duration
                    step = round(end * RATE) - (sample + len(pending))
                pending = np.concatenate([pending, _audio(plan, sample + len(pending), step)])
                while len(pending) >= audio_frame:
                    chunk, pending = pending[:audio_frame], pending[audio_frame:]
                    af = av.AudioFrame.from_ndarray(chunk[None, :], format="flt", layout="mono")
                    af.sample_rate = RATE
                    af.pts = sample
                    af.time_base = Fraction(1, RATE)
                    sample += audio_frame
                    for packet in audio.encode(af):
                        out.mux(packet)
        for packet in video.encode():
            out.mux(packet)
        if audio is not None:
            for packet in audio.encode():
                out.mux(packet)
    return path


def save_cover(path: str | Path, size: tuple[int, int] = (1280, 720), **kwargs) -> Path:
    """The official cover image (PNG) matching :func:`cover_image`, for ``--cover``."""
    path = Path(path)
    cover_image(size, **kwargs).save(path)
    return path


#: The sample recording the demo and the notebook's defaults use (generated, not committed).
SAMPLE_PLAN = Plan(
    duration=90.0,
    cover_open=10.0,
    cover_close=10.0,
    size=(640, 360),
    fps=10,
    gop=20,
    creation_time=dt.datetime(2025, 7, 17, 2, 0, 30, tzinfo=dt.timezone.utc),
    title="Rakor Bakohumas 17 Juli 2025",
)


def sample_recording(folder: str | Path | None = None) -> Path:
    """``data/samples/livestream/rakor-livestream.mp4`` (made once, ~1.5 MB; a 90-second
    recording meeting the standard, recorded from 09.00.30 WIB)."""
    from workbench.paths import PROJECT_ROOT

    base = Path(folder) if folder else PROJECT_ROOT / "data" / "samples" / "livestream"
    path = base / "rakor-livestream.mp4"
    if not path.exists():
        from workbench.atomic import atomic_path

        base.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            make_recording(tmp.with_suffix(".mp4"), SAMPLE_PLAN).replace(tmp)
    return path


if __name__ == "__main__":  # `python -m workbench.samples.livestream`: make it, print its path
    print(sample_recording())
