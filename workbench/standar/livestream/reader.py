"""Reading a livestream recording with PyAV: the probe (bounds, streams, creation time) and
sparse measurement for :mod:`workbench.standar.livestream.check`.

A full decode of a 1-hour recording takes minutes; the check needs a few hundred numbers.
So the reader never decodes the whole picture stream of an indexed file:

- **Indexed** (MP4/MOV: the ``moov`` sample table lists every packet's time, byte offset,
  size and keyframe flag): keyframe times come from the index; a packet is read from its
  offset and decoded by a codec context of its own (the container's demuxer and
  ``stream.discard`` are not used: on MP4 the latter gave wrong timestamps). Audio is
  listened to about once a second (one AAC frame, primed by the one before); pictures are
  decoded only at keyframes the check's plan asks for (:func:`~.check.picture_needs`).
- **Sequential** (Matroska/WebM and anything else, including browser recordings without
  duration or seek index): read straight through once, decoding only keyframes
  (``skip_frame = "NONKEY"``) and all audio. Slower (the warning says so), same result.

Bad input raises :class:`~workbench.errors.InputError` (exit 2) before anything is written:
not a video, audio only, truncated, over the bounds of :mod:`workbench.limits`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from workbench.errors import InputError
from workbench.limits import (
    MAX_VIDEO_BYTES,
    MAX_VIDEO_PIXELS,
    MAX_VIDEO_SECONDS,
    size_text,
)
from workbench.standar.livestream.check import (
    ANALYSIS_SIDE,
    SIGNATURE_SIZE,
    Picture,
    Series,
    decimal,
    runs_similar,
)

#: Containers whose index PyAV exposes completely (``stream.index_entries``).
INDEXED_FORMATS = ("mov", "mp4", "m4a", "3gp")
#: Audio sampling step of the first listen (seconds).
LISTEN_STEP = 1.0
#: Loudness of digital silence (a block of zeros): below any threshold.
SILENT_LUFS = -120.0

_FIX_VIDEO = (
    "berikan berkas rekaman siaran (MP4 unduhan YouTube Studio, atau MP4/MKV/WebM rekaman OBS/Zoom)"
)


@dataclass(frozen=True)
class Probe:
    """What the container says about a recording (nothing decoded yet)."""

    path: Path
    size: int
    format: str
    duration: float | None  # seconds; None: the file does not say (read through)
    width: int
    height: int
    fps: float | None
    vfr: bool
    audio: bool
    creation_time: dt.datetime | None  # aware (UTC) when the file carries one
    indexed: bool
    warnings: tuple[str, ...] = ()


def _error(path: Path, problem: str, fix: str = _FIX_VIDEO) -> InputError:
    return InputError(problem, file=path, fix=fix)


def open_container(path: Path):
    """``av.open`` of ``path``; an unreadable file is bad input."""
    import av

    if not path.exists():
        raise _error(path, "berkas rekaman tidak ditemukan", "periksa ejaan lokasi berkasnya")
    if path.is_dir():
        raise _error(path, "ini folder, bukan berkas rekaman")
    size = path.stat().st_size
    if size > MAX_VIDEO_BYTES:
        raise _error(
            path,
            f"berkas rekaman terlalu besar: {size_text(size)} (batas {size_text(MAX_VIDEO_BYTES)})",
            "potong rekaman menjadi beberapa bagian, atau unduh versi resolusi lebih rendah",
        )
    try:
        return av.open(str(path), metadata_errors="replace")
    except (av.FFmpegError, UnicodeDecodeError, ValueError) as e:
        problem = "berkas ini bukan rekaman video yang dapat dibaca"
        fix = _FIX_VIDEO
        if _mp4_truncated(path):
            problem = (
                "rekaman MP4 ini terpotong atau belum selesai disimpan (indeks 'moov' tidak "
                "ada di berkas)"
            )
            fix = "unduh atau salin ulang rekamannya sampai selesai"
        raise _error(path, problem, fix) from e


def _mp4_truncated(path: Path) -> bool:
    """An MP4/MOV whose top-level boxes run past the end of the file or lack ``moov``."""
    import struct

    size = path.stat().st_size
    boxes: list[bytes] = []
    with path.open("rb") as f:
        pos = 0
        while pos + 8 <= size and len(boxes) < 1000:
            f.seek(pos)
            length, kind = struct.unpack(">I4s", f.read(8))
            if length == 1:
                (length,) = struct.unpack(">Q", f.read(8))
            elif length == 0:
                length = size - pos
            boxes.append(kind)
            if length < 8:
                return False
            if pos + length > size:
                return boxes[0] == b"ftyp"
            pos += length
    return bool(boxes) and boxes[0] == b"ftyp" and b"moov" not in boxes


def _creation_time(container) -> dt.datetime | None:
    text = (container.metadata or {}).get("creation_time", "")
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.year < 2000:  # 1904/1970: an encoder's zero, not a time
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def probe(path: Path, container) -> Probe:
    """Check ``container`` (opened from ``path``) against the bounds; raise InputError."""
    if not container.streams.video:
        kind = "hanya berisi suara" if container.streams.audio else "tidak berisi gambar"
        raise _error(path, f"berkas ini {kind}, bukan rekaman video siaran")
    video = container.streams.video[0]
    ctx = video.codec_context
    width, height = ctx.width, ctx.height
    if not width or not height:
        raise _error(path, "ukuran gambar video tidak dapat dibaca")
    if width * height > MAX_VIDEO_PIXELS:
        raise _error(
            path,
            f"gambar video berukuran {width}×{height} piksel (batas 3840×2160, 4K)",
            "unduh atau ekspor rekaman pada resolusi 1080p atau 720p",
        )
    duration = container.duration / 1_000_000 if container.duration else None
    if duration is not None and duration > MAX_VIDEO_SECONDS:
        raise _error(
            path,
            f"rekaman berdurasi {duration / 3600:.1f} jam (batas {MAX_VIDEO_SECONDS // 3600} jam)",
            "potong rekaman menjadi beberapa bagian",
        )
    fps = float(video.average_rate) if video.average_rate else None
    base = float(video.base_rate or video.guessed_rate or 0) or None
    vfr = bool(fps and base and abs(fps - base) / base > 0.05)
    formats = set((container.format.name or "").split(","))
    indexed = bool(formats & set(INDEXED_FORMATS)) and _index_covers(video, duration)
    warnings = []
    if fps and base and vfr:
        warnings.append(
            f"laju gambar berubah-ubah (VFR: rata-rata {decimal(fps, 2)}, nominal "
            f"{decimal(base, 2)} gambar per detik); waktu dihitung dari cap waktu tiap "
            "gambar, jadi hasilnya tetap berlaku"
        )
    if not indexed and duration is None:
        warnings.append(
            "berkas tanpa durasi dan indeks (mis. rekaman peramban/WebM): dibaca utuh dari "
            "awal sampai akhir, lebih lambat daripada MP4"
        )
    elif not indexed:
        warnings.append(
            "berkas bukan MP4/MOV (mis. MKV/WebM): dibaca utuh dari awal sampai akhir, lebih "
            "lambat daripada MP4 yang dapat dilompati lewat indeksnya"
        )
    return Probe(
        path=path,
        size=path.stat().st_size,
        format=container.format.name or "",
        duration=duration,
        width=width,
        height=height,
        fps=fps,
        vfr=vfr,
        audio=bool(container.streams.audio),
        creation_time=_creation_time(container),
        indexed=indexed,
        warnings=tuple(warnings),
    )


def _index_covers(video, duration: float | None) -> bool:
    """Whether the video stream's index reaches the end of the recording (a fragmented MP4
    whose fragments were not all read at open has a partial index: read it through)."""
    entries = video.index_entries
    if len(entries) == 0 or not duration:
        return False
    last = float((entries[len(entries) - 1].timestamp - (video.start_time or 0)) * video.time_base)
    return last >= duration - max(10.0, 0.02 * duration)


# ----------------------------------------------------------------------------- pictures
def _analysis_size(width: int, height: int) -> tuple[int, int]:
    scale = min(1.0, ANALYSIS_SIDE / max(width, height))
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


def signature(frame) -> Any:
    """The frame's small grey signature (float32, :data:`~.check.SIGNATURE_SIZE`)."""
    import numpy as np

    w, h = SIGNATURE_SIZE
    grey = frame.reformat(width=w, height=h, format="gray").to_ndarray()
    return np.asarray(grey, dtype=np.float32)


def picture(frame, t: float, with_image: bool = False) -> Picture:
    """A :class:`~.check.Picture` of a decoded frame (image at ≤ ANALYSIS_SIDE when asked)."""
    image = None
    if with_image:
        w, h = _analysis_size(frame.width, frame.height)
        image = frame.reformat(width=w, height=h, format="rgb24").to_image()
    return Picture(t, signature(frame), image)


# ----------------------------------------------------------------------------- loudness
def _biquads(rate: int):
    """ITU-R BS.1770 K-weighting at ``rate``: (b, a) of the shelf and the high-pass."""
    a_gain = 10 ** (3.999843853973347 / 40)
    w0 = 2 * math.pi * 1681.974450955533 / rate
    alpha = math.sin(w0) / (2 * 0.7071752369554196)
    cos, sq = math.cos(w0), math.sqrt(a_gain)
    shelf_b = [
        a_gain * ((a_gain + 1) + (a_gain - 1) * cos + 2 * sq * alpha),
        -2 * a_gain * ((a_gain - 1) + (a_gain + 1) * cos),
        a_gain * ((a_gain + 1) + (a_gain - 1) * cos - 2 * sq * alpha),
    ]
    shelf_a = [
        (a_gain + 1) - (a_gain - 1) * cos + 2 * sq * alpha,
        2 * ((a_gain - 1) - (a_gain + 1) * cos),
        (a_gain + 1) - (a_gain - 1) * cos - 2 * sq * alpha,
    ]
    w0 = 2 * math.pi * 38.13547087602444 / rate
    alpha = math.sin(w0) / (2 * 0.5003270373238773)
    cos = math.cos(w0)
    high_b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
    high_a = [1 + alpha, -2 * cos, 1 - alpha]
    return (shelf_b, shelf_a), (high_b, high_a)


def loudness(samples, rate: int, skip: int = 0) -> float:
    """K-weighted loudness (LUFS, ungated, ITU-R BS.1770 channel weights 1) of ``samples``
    (channels × n, float), leaving out the first ``skip`` samples (the decoder's priming).

    The K-weighting is applied in the frequency domain (the two biquads' magnitude response
    times the block's spectrum, Parseval for the power): numpy only, no IIR state to prime.
    """
    import numpy as np

    x = np.asarray(samples, dtype=np.float64)[..., skip:]
    n = x.shape[-1]
    if n == 0:
        return SILENT_LUFS
    spectrum = np.abs(np.fft.rfft(x, axis=-1)) ** 2
    z = np.exp(-1j * 2 * np.pi * np.arange(spectrum.shape[-1]) / n)
    gain = np.ones_like(z, dtype=np.float64)
    for b, a in _biquads(rate):
        gain *= np.abs((b[0] + b[1] * z + b[2] * z**2) / (a[0] + a[1] * z + a[2] * z**2)) ** 2
    weights = np.full(spectrum.shape[-1], 2.0)
    weights[0] = 1.0
    if n % 2 == 0:
        weights[-1] = 1.0
    power = float((spectrum * gain * weights).sum(axis=-1).sum() / n**2)
    return max(SILENT_LUFS, -0.691 + 10 * math.log10(power)) if power > 0 else SILENT_LUFS


def _samples(frames) -> Any:
    import numpy as np

    arrays = [f.to_ndarray() for f in frames]
    if not arrays:
        return np.zeros((1, 0))
    fmt = frames[0].format
    if not fmt.is_planar:  # interleaved: (1, n*channels)
        channels = len(frames[0].layout.channels)
        arrays = [a.reshape(-1, channels).T for a in arrays]
    out = np.concatenate(arrays, axis=-1).astype(np.float64)
    if fmt.name.startswith("s16"):
        out /= 32768.0
    elif fmt.name.startswith("s32"):
        out /= 2147483648.0
    return out


# ----------------------------------------------------------------------------- recording
@dataclass(frozen=True)
class _Table:
    """Packets of one stream from the index, sorted by time: seconds, byte offset, size
    (numpy arrays: 24 bytes a packet, ~8 MB for the 337,000 AAC packets of 2 hours)."""

    t: Any
    pos: Any
    size: Any

    def __len__(self) -> int:
        return len(self.t)

    def end(self) -> int:
        return int((self.pos + self.size).max()) if len(self) else 0


@dataclass
class Recording:
    """An open recording: its probe and the measuring calls the job's loop makes."""

    probe: Probe
    container: Any
    keyframes: list[float] = field(default_factory=list)
    # indexed mode: the packet tables
    _keys: _Table | None = None
    _audio: _Table | None = None
    _file: Any = None
    # sequential mode: everything measured in the pass
    _pictures: dict[float, Picture] = field(default_factory=dict)
    _loud: list[tuple[float, float]] = field(default_factory=list)
    _kept: dict[float, Any] = field(default_factory=dict)  # t -> frame, for images

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self.container.close()

    def __enter__(self) -> Recording:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- first look --------------------------------------------------------------------
    def first_series(self) -> Series:
        """Keyframes, the first listen (about once a second) and, read straight through,
        every keyframe's signature."""
        if self.probe.indexed:
            self._read_index()
            audio = self.listen(_grid(self.duration)) if self._audio is not None else None
            return Series(self.duration, list(self.keyframes), audio, {})
        self._read_through()
        audio = list(self._loud) if self.probe.audio else None
        return Series(self.duration, list(self.keyframes), audio, dict(self._pictures))

    @property
    def duration(self) -> float:
        if self.probe.duration:
            return self.probe.duration
        return max([*self.keyframes, *(t for t, _ in self._loud), 0.0])

    def _read_index(self) -> None:
        video = self.container.streams.video[0]
        path = self.probe.path
        keys = self._keys = _entries(video, keyframes_only=True)
        if self.container.streams.audio:
            self._audio = _entries(self.container.streams.audio[0], keyframes_only=False)
        tables = [t for t in (keys, self._audio) if t is not None]
        if max(t.end() for t in tables) > self.probe.size:
            beyond = [t.t[t.pos + t.size > self.probe.size] for t in tables]
            cut = float(min(b.min() for b in beyond if len(b)))
            raise _error(
                path,
                f"rekaman terpotong: data berhenti pada menit {cut / 60:.1f} dari "
                f"{self.duration / 60:.1f} menit yang tercatat di indeksnya",
                "unduh atau salin ulang rekamannya sampai selesai",
            )
        self.keyframes = keys.t.tolist()
        self._file = path.open("rb")

    def _read_through(self) -> None:
        import av

        video = self.container.streams.video[0]
        video.codec_context.skip_frame = "NONKEY"
        audio = self.container.streams.audio[0] if self.container.streams.audio else None
        block: list = []
        block_start = 0.0
        tracker = _RunTracker()
        try:
            for packet in self.container.demux():
                if packet.pts is None or packet.size == 0:
                    continue
                t = float((packet.pts - (packet.stream.start_time or 0)) * packet.time_base)
                if t > MAX_VIDEO_SECONDS:
                    raise _error(
                        self.probe.path,
                        f"rekaman lebih dari {MAX_VIDEO_SECONDS // 3600} jam",
                        "potong rekaman menjadi beberapa bagian",
                    )
                if packet.stream.type == "video" and packet.is_keyframe:
                    for frame in packet.decode():
                        pic = picture(frame, t)
                        self.keyframes.append(t)
                        self._pictures[t] = pic
                        tracker.add(pic, frame, self._kept)
                elif audio is not None and packet.stream is audio:
                    frames = packet.decode()
                    if t - block_start >= 0.5 and block:
                        self._loud.append((block_start, loudness(_samples(block), audio.rate)))
                        block, block_start = [], t
                    block.extend(frames)
        except av.FFmpegError as e:
            raise _error(self.probe.path, f"rekaman rusak dan tidak dapat dibaca ({e})") from e
        if block and audio is not None:
            self._loud.append((block_start, loudness(_samples(block), audio.rate)))
        if not self.keyframes:
            raise _error(self.probe.path, "tidak ada satu pun gambar yang dapat dibaca")

    # -- measuring on request ------------------------------------------------------------
    def listen(self, times: Iterable[float]) -> list[tuple[float, float]]:
        """Loudness (LUFS) of the audio packet at or after each time (indexed mode)."""
        if not self.probe.indexed:
            return []
        import av

        stream = self.container.streams.audio[0]
        decoder = _decoder(stream)
        table = self._audio
        assert table is not None
        out: list[tuple[float, float]] = []
        seen: set[int] = set()
        for t in sorted(times):
            i = min(int(table.t.searchsorted(t)), len(table) - 1)
            if i in seen:
                continue
            seen.add(i)
            frames = []
            try:
                for j in (i - 1, i):
                    if j >= 0:
                        frames.append(list(decoder.decode(self._packet(table, j))))
            except av.FFmpegError:
                continue  # one damaged packet: no sample there
            decoder.flush_buffers()
            if not frames or not frames[-1]:
                continue
            skip = _samples(frames[0]).shape[-1] if len(frames) > 1 else 0
            both = [f for group in frames for f in group]
            out.append((float(table.t[i]), loudness(_samples(both), stream.rate, skip)))
        return out

    def look(self, times: Iterable[float], images: bool = False) -> dict[float, Picture]:
        """Pictures at the keyframes ``times`` (decoded from the index, or from the pass)."""
        import av

        wanted = sorted(set(times))
        if not self.probe.indexed:
            out = {t: self._pictures[t] for t in wanted if t in self._pictures}
            if images:
                for t in wanted:
                    if t in self._kept and t in out:
                        out[t] = picture(self._kept[t], t, with_image=True)
            return out
        stream = self.container.streams.video[0]
        decoder = _decoder(stream)
        keys = self._keys
        assert keys is not None
        by_time = {t: i for i, t in enumerate(self.keyframes)}
        out = {}
        for t in wanted:
            i = by_time.get(t)
            if i is None:
                continue
            try:
                frames = list(decoder.decode(self._packet(keys, i))) + list(decoder.decode(None))
            except av.FFmpegError:
                frames = []
            decoder.flush_buffers()
            if frames:
                out[t] = picture(frames[0], t, with_image=images)
        return out

    def _packet(self, table: _Table, i: int):
        import av

        self._file.seek(int(table.pos[i]))
        return av.Packet(self._file.read(int(table.size[i])))


class _RunTracker:
    """Read straight through, keeps the frames the document may show: the first keyframe,
    the first one after the opening run, and the two around the start of the current run
    (the last run at the end: the closing cover and the picture before it)."""

    def __init__(self) -> None:
        self.first: Picture | None = None
        self.after_open: float | None = None
        self.run_start: Picture | None = None
        self.prev: tuple[float, Any] | None = None

    def add(self, pic: Picture, frame, kept: dict[float, Any]) -> None:
        if self.first is None:
            self.first = self.run_start = pic
            kept[pic.t] = frame
        else:
            assert self.run_start is not None
            if self.after_open is None and not runs_similar(self.first, pic):
                self.after_open = pic.t
                kept[pic.t] = frame
            if not runs_similar(self.run_start, pic):
                protected = {self.first.t, self.after_open}
                for t in [t for t in kept if t not in protected]:
                    del kept[t]
                if self.prev is not None:
                    kept[self.prev[0]] = self.prev[1]
                kept[pic.t] = frame
                self.run_start = pic
        self.prev = (pic.t, frame)


def _entries(stream, keyframes_only: bool) -> _Table:
    import numpy as np

    entries = stream.index_entries
    n = len(entries)
    ts = np.empty(n, np.int64)
    pos = np.empty(n, np.int64)
    size = np.empty(n, np.int64)
    keep = np.empty(n, bool)
    for i, e in enumerate(entries):
        ts[i], pos[i], size[i] = e.timestamp, e.pos, e.size
        keep[i] = e.size > 0 and (e.is_keyframe or not keyframes_only)
    seconds = (ts[keep] - (stream.start_time or 0)) * float(stream.time_base)
    order = np.argsort(seconds, kind="stable")
    return _Table(seconds[order], pos[keep][order], size[keep][order])


def _decoder(stream):
    import av

    ctx = av.CodecContext.create(stream.codec_context.name, "r")
    ctx.extradata = stream.codec_context.extradata
    if stream.type == "audio":
        ctx.sample_rate = stream.codec_context.sample_rate
        ctx.layout = stream.codec_context.layout
    return ctx


def _grid(duration: float) -> list[float]:
    return [i * LISTEN_STEP for i in range(int(duration / LISTEN_STEP) + 1)]


def open_recording(path: str | Path) -> Recording:
    """Open and probe a recording (the caller closes it); bad input raises InputError."""
    path = Path(path)
    container = open_container(path)
    try:
        return Recording(probe(path, container), container)
    except BaseException:
        container.close()
        raise
