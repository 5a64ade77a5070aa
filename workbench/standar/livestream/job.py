"""The steps of ``notebooks/standar_livestream.ipynb``: measure and check one recording
(:func:`check_video`), then write its outputs (:func:`write_outputs`). The only code of
this package that chooses paths and writes (through :mod:`workbench.atomic`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.paths import REPORTS_DIR, resolve_from_project, resolve_output

#: The folder (under the output folder, or the meeting's folder) receiving the checks.
FOLDER = "livestream"
#: What ``workbench livestream`` writes into ``DIR/livestream/<video-stem>/``.
FILES = ("periksa-livestream.csv", "segmen.csv", "periksa-livestream.docx", "linimasa.png")
#: Rounds of the measuring loop at most (each round: one plan, one batch of decodes).
MAX_ROUNDS = 40
#: Long side of a thumbnail (px).
THUMB_SIDE = 640


@dataclass
class VideoCheck:
    """One recording's check and what its documents show."""

    video: Path
    probe: Any  # reader.Probe
    row: Any  # check.LivestreamCheck
    images: dict[str, Any] = field(default_factory=dict)  # label -> PIL image
    decoded: int = 0  # pictures decoded (for the benchmark)
    listened: int = 0  # audio samples measured

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.probe.warnings


def measure(recording) -> tuple[Any, int, int]:
    """Run the plan/measure loop on an open recording: ``(series, pictures, samples)``."""
    from workbench.standar.livestream.check import audio_needs, image_needs, picture_needs

    series = recording.first_series()
    listened = len(series.audio or ())
    decoded = 0
    for _ in range(MAX_ROUNDS):
        sounds = audio_needs(series)
        if sounds:
            heard = recording.listen(sounds)
            listened += len(heard)
            series = series.with_audio(heard)
        wanted = picture_needs(series)
        if wanted:
            seen = recording.look(wanted)
            decoded += len(seen)
            series = series.with_pictures(seen)
        if (not sounds or not heard) and (not wanted or not seen):
            break
    images = recording.look(image_needs(series), images=True)
    decoded += len(images)
    return series.with_pictures(images), decoded, listened


def official_cover(cover: str | Path) -> Any:
    """The perceptual hash of the office's official cover image (``--cover``)."""
    from workbench.standar.foto.check import measure as photo_measure
    from workbench.standar.foto.reader import read_photo

    return photo_measure(read_photo(resolve_from_project(cover), field="--cover").image).hash


def schedule_of(mulai: str, zona: str):
    """The rundown's start from the notebook's ``mulai`` (ISO 8601 with offset), or None."""
    from workbench.standar.livestream.check import Schedule

    if not str(mulai):
        return None
    try:
        start = dt.datetime.fromisoformat(str(mulai))
    except ValueError as e:
        raise InputError(
            f"waktu mulai acara '{mulai}' tidak dapat dibaca",
            field="mulai",
            fix="tulis seperti 2025-07-17T09:00:00+07:00",
        ) from e
    if start.tzinfo is None:
        raise InputError(
            f"waktu mulai acara '{mulai}' tidak menyebut zona waktu",
            field="mulai",
            fix="tambahkan selisih zona, mis. +07:00 untuk WIB",
        )
    return Schedule(start, zona or "WIB")


def check_video(video: str | Path, *, cover: str | Path = "", mulai: str = "", zona: str = "WIB"):
    """Probe, measure and check one recording. Raises InputError on bad input."""
    from workbench.standar.foto.check import measure as photo_measure
    from workbench.standar.livestream.check import check, thumbnails
    from workbench.standar.livestream.reader import open_recording

    path = resolve_from_project(video)
    official = official_cover(cover) if str(cover) else None
    schedule = schedule_of(mulai, zona)
    with open_recording(path) as recording:
        series, decoded, listened = measure(recording)
        probe = recording.probe
    labels = thumbnails(series)
    images = {
        label: series.pictures[t].image
        for label, t in labels.items()
        if t in series.pictures and series.pictures[t].image is not None
    }
    covers = {labels[k] for k in ("Cover pembuka", "Cover penutup") if k in labels}
    measures = {
        t: photo_measure(series.pictures[t].image)
        for t in covers
        if series.pictures[t].image is not None
    }
    row = check(
        series,
        path.name,
        measures=measures,
        official=official,
        schedule=schedule,
        recorded_at=probe.creation_time,
        notes=(),
    )
    return VideoCheck(path, probe, row, images, decoded, listened)


def output_dir_for(video: Path, out_dir: str | Path | None, meeting_folder: str = "") -> Path:
    """``out_dir[/meeting_folder]/livestream/<video-stem>/`` (``out_dir``: reports/)."""
    base = Path(out_dir).resolve() if out_dir else REPORTS_DIR
    if meeting_folder:
        base = base / meeting_folder
    return base / FOLDER / video.stem


def _jpeg(image) -> bytes:
    import io

    small = image.copy()
    small.thumbnail((THUMB_SIDE, THUMB_SIDE))
    buf = io.BytesIO()
    small.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def thumbnail_name(i: int, label: str) -> str:
    from workbench.text import slugify

    return f"gambar-{i}-{slugify(label)}.jpg"


def write_outputs(result: VideoCheck, output_dir: str | Path) -> dict[str, Path]:
    """Write the CSVs, the timeline, the thumbnails and periksa-livestream.docx into
    ``output_dir`` (empty: ``reports/livestream/<video-stem>/``)."""
    from workbench.atomic import write_bytes
    from workbench.charts.png import figure_png
    from workbench.documents import render_docx
    from workbench.paths import TEMPLATES_DIR
    from workbench.standar.livestream.charts import timeline_chart
    from workbench.standar.livestream.output import check_csv, context, segments_csv

    out = resolve_output(output_dir) if str(output_dir) else output_dir_for(result.video, None)
    out.mkdir(parents=True, exist_ok=True)
    row = result.row
    chart = figure_png(timeline_chart(row.segmen, row.durasi_detik))
    thumbs = {label: _jpeg(image) for label, image in result.images.items()}
    written = {
        "periksa-livestream.csv": write_bytes(out / "periksa-livestream.csv", check_csv(row)),
        "segmen.csv": write_bytes(out / "segmen.csv", segments_csv(row)),
        "linimasa.png": write_bytes(out / "linimasa.png", chart),
    }
    for i, (label, data) in enumerate(thumbs.items(), start=1):
        name = thumbnail_name(i, label)
        written[name] = write_bytes(out / name, data)
    ctx = context(row, chart_png=chart, thumbs=thumbs, warnings=result.warnings)
    written["periksa-livestream.docx"] = render_docx(
        TEMPLATES_DIR / "periksa-livestream.docx", ctx, out / "periksa-livestream.docx"
    )
    return written
