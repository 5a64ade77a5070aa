"""``workbench livestream`` as one library call: :func:`run_livestream`.

It checks the recording in-process first (bad input: ``InputError``, exit 2, nothing
written), then runs ``notebooks/standar_livestream.ipynb`` (parameters named as in its
``parameters`` cell, docs/parameters.md) into ``DIR/livestream/<video-stem>/`` — under the
meeting's own folder when the caller passes one (``workbench livestream --record``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The notebook ``workbench livestream`` runs (in ``notebooks/``).
NOTEBOOK = "standar_livestream.ipynb"
#: Modules the notebook's steps import lazily, imported while its kernel boots.
PRELOAD = (
    "av",
    "PIL.Image",
    "imagehash",
    "skimage.filters",
    "docxtpl",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "workbench.standar.livestream.job",
    "workbench.standar.livestream.reader",
    "workbench.standar.livestream.output",
    "workbench.standar.livestream.charts",
)


@dataclass(frozen=True)
class LivestreamRun:
    """What :func:`run_livestream` made."""

    folder: Path  # DIR/[<meeting>/]livestream/<video-stem>/
    masalah: tuple[str, ...]  # one Indonesian line per finding
    warnings: tuple[str, ...]
    jadwal: str

    @property
    def files(self) -> list[str]:
        """The names in :attr:`folder`, sorted."""
        return sorted(p.name for p in self.folder.iterdir())


def run_livestream(
    video: str | Path,
    *,
    cover: str | Path | None = None,
    schedule=None,
    meeting_folder: str = "",
    out_dir: str | Path | None = None,
    pdf: bool = False,
) -> LivestreamRun:
    """Check one livestream recording against the Standar Livestream.

    Parameters
    ----------
    video : str or Path
        The recording (MP4 from YouTube Studio, MP4/MKV/WebM from OBS/Zoom/a browser).
    cover : str or Path, optional
        The office's official cover image (PNG/JPEG): ``cover_tidak_resmi`` when the
        stream's cover differs.
    schedule : workbench.standar.livestream.check.Schedule, optional
        The rundown's start (from the meeting record), compared with the end of the opening
        cover when the file carries a creation time.
    meeting_folder : str
        The meeting's folder name under ``out_dir`` (``<tanggal>-<slug>``), or empty.
    out_dir : str or Path, optional
        Output folder (default ``reports/``).
    pdf : bool
        Also convert periksa-livestream.docx to PDF (LibreOffice, checked first).

    Raises
    ------
    InputError
        Not a video, audio only, truncated, over the bounds, a bad cover image (nothing
        written).
    """
    from workbench.paths import NOTEBOOKS_DIR, resolve_from_project
    from workbench.pdf import convert_to_pdf, require_soffice
    from workbench.runner import StartedKernel, run_to_folder
    from workbench.standar.livestream.check import CODE_WORDS
    from workbench.standar.livestream.job import check_video, output_dir_for
    from workbench.standar.livestream.reader import open_recording

    if pdf:
        require_soffice()
    path = resolve_from_project(video)
    cover_path = resolve_from_project(cover) if cover else None
    mulai = schedule.start.isoformat() if schedule is not None else ""
    zona = schedule.zone if schedule is not None else "WIB"

    def export(stage: Path) -> None:
        if pdf:
            convert_to_pdf([stage / "periksa-livestream.docx"], stage)

    with open_recording(path):  # not a video, audio only, truncated: exit 2, no kernel
        pass
    with StartedKernel(preload=PRELOAD) as kernel:
        result = check_video(path, cover=cover_path or "", mulai=mulai, zona=zona)
        target = output_dir_for(path, out_dir, meeting_folder)
        run_to_folder(
            NOTEBOOKS_DIR / NOTEBOOK,
            target,
            {
                "video": str(path),
                "cover": str(cover_path or ""),
                "mulai": mulai,
                "zona_waktu": zona,
            },
            command="livestream",
            after=export,
            inputs=[p for p in (path, cover_path) if p is not None],
            kernel=kernel,
        )
    row = result.row
    lines = tuple(f"{CODE_WORDS[c]}: {why}" for c, why in zip(row.masalah, row.alasan))
    return LivestreamRun(target, lines, (*result.warnings, *row.catatan), row.jadwal)
