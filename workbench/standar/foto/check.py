"""The photo check (Standar Foto): measurements and flags of documentation photos.

Pure analysis: upright RGB images (``PIL.Image``) and their times in, records out; reading
files is :mod:`workbench.standar.foto.reader`. The rules and the measured values behind
their thresholds are in docs/foto.md:

- ``blur``: variance of the Laplacian (scikit-image, 3×3 kernel, on 0-255 grey levels: the
  scale of OpenCV's ``cv2.Laplacian`` that the usual threshold 100 refers to) after
  downscaling the greyscale image to at most :data:`ANALYSIS_SIDE` px on the long side
  (never upscaling) is below :data:`BLUR_MIN`;
- ``gelap`` / ``terlalu_terang``: mean luminance and the share of near-black / near-white
  pixels of the luminance histogram;
- ``resolusi_rendah``: long side (as displayed) under :data:`MIN_LONG_SIDE` px;
- ``duplikat``: perceptual hash (``imagehash.phash``) distance at most
  :data:`DUPLICATE_MAX_DISTANCE` from another photo; the sharper one is kept, the other
  names it in ``duplikat_dari``.

Photos are placed on the rundown by their time: the last agenda item whose time is at or
before the photo's (before the first: the first item). Only a photo taken on the meeting's
date is placed: one whose time falls on another day is ``tanggal_beda`` (a flag naming its
date, or, when other dates are allowed, a photo outside the rundown with its date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Sequence

#: Long side the sharpness is measured at (px): the Laplacian variance depends on scale, so
#: every photo is measured at the same size.
ANALYSIS_SIDE = 1000
#: ``blur`` below this Laplacian variance (see docs/foto.md for the measured values).
BLUR_MIN = 100.0
#: ``gelap``: mean luminance (0-255) below this, or this share of pixels at most
#: :data:`BLACK_LEVEL`.
DARK_MEAN = 60.0
DARK_SHARE = 0.5
BLACK_LEVEL = 30
#: ``terlalu_terang``: mean luminance above this, or this share of pixels at least
#: :data:`WHITE_LEVEL`.
BRIGHT_MEAN = 210.0
BRIGHT_SHARE = 0.4
WHITE_LEVEL = 245
#: ``resolusi_rendah``: long side under this (px): 640 px over 8 cm is ~200 dpi.
MIN_LONG_SIDE = 640
#: A transparent photo is measured on its opaque pixels when at least this share is opaque.
MIN_OPAQUE_SHARE = 0.01
#: ``duplikat``: perceptual-hash distance at most this (of 64 bits).
DUPLICATE_MAX_DISTANCE = 8

#: Flag -> Indonesian words for the documents and the terminal.
FLAG_WORDS = {
    "blur": "kabur (blur)",
    "gelap": "terlalu gelap",
    "terlalu_terang": "terlalu terang",
    "resolusi_rendah": "resolusi rendah",
    "duplikat": "duplikat",
    "tanggal_beda": "tanggal berbeda",
}
#: Where a photo's time comes from (``periksa-foto.csv`` column ``sumber_waktu``).
SUMBER_EXIF, SUMBER_BERKAS, SUMBER_TIDAK_ADA = "exif", "berkas", "tidak ada"


@dataclass(frozen=True)
class Measure:
    """What one image measures."""

    ketajaman: float  # Laplacian variance at ANALYSIS_SIDE
    kecerahan: float  # mean luminance 0-255
    gelap_share: float  # share of pixels <= BLACK_LEVEL
    terang_share: float  # share of pixels >= WHITE_LEVEL
    hash: Any  # imagehash.ImageHash


@dataclass
class PhotoCheck:
    """One photo's row of the check (``periksa-foto.csv``)."""

    berkas: str
    lebar: int
    tinggi: int
    waktu_ambil: dt.datetime | None
    acara: int | None  # index into the rundown, None without a rundown time
    ketajaman: float
    kecerahan: float
    masalah: list[str] = field(default_factory=list)
    duplikat_dari: str = ""
    alasan: list[str] = field(default_factory=list)  # "ketajaman 14, batas 100"
    sumber_waktu: str = SUMBER_EXIF  # SUMBER_EXIF, SUMBER_BERKAS or SUMBER_TIDAK_ADA
    #: Taken on another day than the meeting's (never placed on its rundown).
    tanggal_beda: bool = False

    @property
    def ok(self) -> bool:
        return not self.masalah


def measure(image, alpha=None) -> Measure:
    """Sharpness, exposure and perceptual hash of an upright RGB ``image``.

    ``alpha`` (the transparency of a PNG laid on white, same size): sharpness and exposure
    are measured on the pixels at least half opaque, so the white fill neither reads as
    "too bright" nor as a flat, blurred area (unless under :data:`MIN_OPAQUE_SHARE` of the
    picture is opaque: then on all of it).
    """
    import imagehash
    import numpy as np
    from PIL import Image
    from skimage.filters import laplace

    small = image
    if max(image.size) > ANALYSIS_SIDE:
        small = image.copy()
        small.thumbnail((ANALYSIS_SIDE, ANALYSIS_SIDE), Image.Resampling.LANCZOS)
    grey = np.asarray(small.convert("L"))
    # Float 0-255 so the variance has OpenCV's scale (cv2.Laplacian, the usual "100").
    lap = laplace(grey.astype(np.float64), ksize=3)
    if alpha is not None:
        mask = np.asarray(alpha.resize(small.size)) >= 128
        if mask.mean() >= MIN_OPAQUE_SHARE:
            lap, grey = lap[mask], grey[mask]
    sharp = float(lap.var())
    hist = np.bincount(grey.ravel(), minlength=256).astype(float)
    total = hist.sum() or 1.0
    mean = float((hist * np.arange(256)).sum() / total)
    return Measure(
        ketajaman=sharp,
        kecerahan=mean,
        gelap_share=float(hist[: BLACK_LEVEL + 1].sum() / total),
        terang_share=float(hist[WHITE_LEVEL:].sum() / total),
        hash=imagehash.phash(small),
    )


def place(taken: dt.datetime | None, times: Sequence[dt.time | None]) -> int | None:
    """Index of the agenda item a photo taken at ``taken`` shows (see module docstring)."""
    timed = [(t, i) for i, t in enumerate(times) if t is not None]
    if taken is None or not timed:
        return None
    at = taken.time()
    chosen = timed[0][1]
    for t, i in sorted(timed):
        if t <= at:
            chosen = i
    return chosen


def check(
    names: Sequence[str],
    sizes: Sequence[tuple[int, int]],
    taken: Sequence[dt.datetime | None],
    measures: Sequence[Measure],
    agenda_times: Sequence[dt.time | None] = (),
    *,
    sources: Sequence[str] | None = None,
    meeting_date: dt.date | None = None,
    allow_other_dates: bool = False,
) -> list[PhotoCheck]:
    """The check of a set of photos (same order as given).

    ``sources``: where each time comes from (:data:`SUMBER_EXIF` when not given). With
    ``meeting_date``, a photo taken on another day is never placed on the rundown; it is
    flagged ``tanggal_beda`` unless ``allow_other_dates``.
    """
    rows = []
    sources = list(sources) if sources is not None else [SUMBER_EXIF] * len(names)
    for name, (w, h), t, m, source in zip(names, sizes, taken, measures, sources):
        other_day = bool(meeting_date and t and t.date() != meeting_date)
        row = PhotoCheck(
            name,
            w,
            h,
            t,
            None if other_day else place(t, agenda_times),
            m.ketajaman,
            m.kecerahan,
            sumber_waktu=source if t is not None else SUMBER_TIDAK_ADA,
            tanggal_beda=other_day,
        )
        if other_day and not allow_other_dates:
            assert t is not None and meeting_date is not None
            row.masalah.append("tanggal_beda")
            row.alasan.append(
                f"diambil {t:%d-%m-%Y} pukul {t:%H.%M}, bukan pada tanggal rapat "
                f"{meeting_date:%d-%m-%Y}"
            )
        if m.ketajaman < BLUR_MIN:
            row.masalah.append("blur")
            row.alasan.append(f"ketajaman {m.ketajaman:.0f}, batas {BLUR_MIN:.0f}")
        if m.kecerahan < DARK_MEAN or m.gelap_share >= DARK_SHARE:
            row.masalah.append("gelap")
            row.alasan.append(
                f"kecerahan {m.kecerahan:.0f}, batas {DARK_MEAN:.0f}; "
                f"{m.gelap_share:.0%} piksel hampir hitam"
            )
        elif m.kecerahan > BRIGHT_MEAN or m.terang_share >= BRIGHT_SHARE:
            row.masalah.append("terlalu_terang")
            row.alasan.append(
                f"kecerahan {m.kecerahan:.0f}, batas {BRIGHT_MEAN:.0f}; "
                f"{m.terang_share:.0%} piksel hampir putih"
            )
        if max(w, h) < MIN_LONG_SIDE:
            row.masalah.append("resolusi_rendah")
            row.alasan.append(f"sisi panjang {max(w, h)} piksel, batas {MIN_LONG_SIDE}")
        rows.append(row)
    _mark_duplicates(rows, measures)
    return rows


def _mark_duplicates(rows: list[PhotoCheck], measures: Sequence[Measure]) -> None:
    """Near-duplicates: within each group the sharpest is kept, the others are flagged,
    each naming that kept photo (the same pair in ``duplikat_dari`` and in the reason)."""
    best: list[int] = []  # each group's sharpest photo so far
    group_of: dict[int, int] = {}
    for i, m in enumerate(measures):
        g = next(
            (g for g, k in enumerate(best) if m.hash - measures[k].hash <= DUPLICATE_MAX_DISTANCE),
            None,
        )
        if g is None:
            group_of[i] = len(best)
            best.append(i)
            continue
        group_of[i] = g
        if m.ketajaman > measures[best[g]].ketajaman:
            best[g] = i
    for i, g in group_of.items():
        keep = best[g]
        if keep == i:
            continue
        distance = measures[i].hash - measures[keep].hash
        rows[i].masalah.append("duplikat")
        rows[i].duplikat_dari = rows[keep].berkas
        rows[i].alasan.append(
            f"hampir sama dengan {rows[keep].berkas} yang lebih tajam (beda sidik gambar "
            f"{distance} dari 64, batas {DUPLICATE_MAX_DISTANCE})"
        )


def flag_text(row: PhotoCheck) -> str:
    """'kabur (blur): ketajaman 14, batas 100; duplikat: hampir sama dengan a.jpg (...)'."""
    return "; ".join(
        f"{FLAG_WORDS[flag]}: {reason}" for flag, reason in zip(row.masalah, row.alasan)
    )


def choose(rows: Sequence[PhotoCheck], limit: int) -> list[int]:
    """Indexes of the best ``limit`` unflagged photos, spread across agenda items.

    Round robin over the agenda items in rundown order (photos without an item last), each
    time taking the sharpest photo left of that item; returned in the original order.
    """
    groups: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        if row.ok:
            groups.setdefault(row.acara if row.acara is not None else 10**9, []).append(i)
    for members in groups.values():
        members.sort(key=lambda i: -rows[i].ketajaman)
    chosen: list[int] = []
    order = sorted(groups)
    while len(chosen) < limit and any(groups[g] for g in order):
        for g in order:
            if groups[g] and len(chosen) < limit:
                chosen.append(groups[g].pop(0))
    return sorted(chosen)
