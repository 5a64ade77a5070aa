"""``workbench photos`` as one library call: :func:`run_photos` (Standar Foto).

It validates in-process (bad input: ``InputError``, nothing written), then runs
``notebooks/foto_kegiatan.ipynb`` into ``DIR/foto/<folder-name>/``
(:func:`workbench.runner.run_to_folder`). The notebook's steps are in
:mod:`workbench.standar.foto.job`. The meeting record whose rundown places the photos is
read by the caller (the CLI, with :func:`workbench.rakor.job.load_record`) and passed in as
data (``rundown``): ``standar`` never imports ``rakor``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.atomic import output_path
from workbench.manifest import owner
from workbench.paths import REPORTS_DIR, resolve_from_project
from workbench.pdf import pdf_export

#: The notebook ``workbench photos`` runs (in ``notebooks/``).
PHOTOS_NOTEBOOK = "foto_kegiatan.ipynb"
#: Modules the photo notebook's steps import lazily, imported while its kernel boots.
PHOTOS_PRELOAD = (
    "PIL.Image",
    "imagehash",
    "skimage.filters",
    "docxtpl",
    "workbench.rakor.readers.record",  # the notebook reads the record through rakor
    "workbench.standar.foto.reader",
    "workbench.standar.foto.check",
    "workbench.standar.foto.output",
)


@dataclass(frozen=True)
class PhotosRun:
    """What :func:`run_photos` made."""

    folder: Path  # DIR/foto/<folder-name>/
    checked: int  # photos
    flagged: tuple[str, ...]  # one Indonesian line per flagged photo
    #: Photos of another day, allowed (--izinkan-tanggal-beda): one line each.
    notes: tuple[str, ...] = ()

    @property
    def files(self) -> list[str]:
        """The names in :attr:`folder`, sorted."""
        return sorted(p.name for p in self.folder.iterdir())


#: The photo check's subfolder of a meeting's folder (``workbench minutes`` keeps it).
PHOTOS_FOLDER = "periksa-foto"


def photo_output_folder(base: Path, folder: Path, meeting_folder: str | None = None) -> Path:
    """Where one photo check goes: ``base/<meeting folder>/periksa-foto/`` for a meeting's
    photos; else ``base/foto/<the whole path as a slug>-<hash>/`` (the path relative to the
    current folder when inside it), so that two folders called ``foto/`` never share one
    output folder while a rerun on the same folder replaces its own."""
    import hashlib

    from workbench.text import slugify

    if meeting_folder:
        return base / meeting_folder / PHOTOS_FOLDER
    folder = Path(folder).resolve()
    try:
        shown = folder.relative_to(Path.cwd().resolve())
    except ValueError:
        shown = folder
    digest = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:8]
    return base / "foto" / f"{slugify(str(shown), max_len=80)}-{digest}"


def run_photos(
    folder: str | Path,
    *,
    record: str | Path | None = None,
    rundown: Any = None,
    out_dir: str | Path | None = None,
    pdf: bool = False,
    allow_other_date: bool = False,
    meeting_folder: str | None = None,
) -> PhotosRun:
    """Check a folder of documentation photos against the Standar Foto:
    ``notebooks/foto_kegiatan.ipynb`` run into ``out_dir/foto/<folder-name>/`` (default
    ``reports/``), replaced whole: periksa-foto.csv, periksa-foto.docx (contact sheet).

    Parameters
    ----------
    folder : str or Path
        The folder of photos (JPEG/PNG; HEIC with ``pillow-heif``).
    record : str or Path, optional
        The meeting record whose rundown (``acara`` with times) the photos are placed on,
        given to the notebook (which reads it again) and listed in the manifest.
    rundown : Meeting, optional
        That record as read by the caller (:func:`workbench.rakor.job.load_record`):
        required with ``record`` (``standar`` reads no meeting record itself).
    out_dir : str or Path, optional
        Folder receiving the check's folder (:func:`photo_output_folder`).
    meeting_folder : str, optional
        The meeting's folder name (``<tanggal>-<slug>``, as ``workbench minutes`` writes):
        the check goes to ``out_dir/<meeting_folder>/periksa-foto/``.
    pdf : bool
        Also convert the contact sheet to PDF (LibreOffice, checked first).
    allow_other_date : bool
        Photos taken on another day than the record's are not flagged (they stay off the
        rundown, shown with their date).

    Raises
    ------
    InputError
        A missing folder, one without photos, an unreadable photo, or an invalid record
        (nothing written).
    """
    from workbench.paths import NOTEBOOKS_DIR
    from workbench.runner import StartedKernel, run_to_folder
    from workbench.standar.foto.check import flag_text
    from workbench.standar.foto.job import check_photo_folder, photo_cache

    if record and rundown is None:
        raise ValueError("run_photos: give the record read by the caller as rundown=")
    export_pdf = pdf_export(pdf, "periksa-foto.docx")
    # inputs resolved once, as the notebook resolves them: the kernel opens what was checked
    record_path = resolve_from_project(record) if record else None
    with photo_cache() as shared, StartedKernel(preload=PHOTOS_PRELOAD) as kernel:
        result = check_photo_folder(  # bad input exits 2 here
            folder, rundown if record else None, allow_other_date, cache=shared
        )
        base = Path(out_dir or REPORTS_DIR).resolve()
        target = photo_output_folder(base, result.folder, meeting_folder if record else None)
        target = output_path(base, *target.relative_to(base).parts)  # a link below: exit 2

        inputs = [*result.folder.iterdir()]
        if record_path is not None:
            inputs.append(record_path)
        run_to_folder(
            NOTEBOOKS_DIR / PHOTOS_NOTEBOOK,
            target,
            {
                "folder": str(result.folder),
                "record": str(record_path or ""),
                "allow_other_date": allow_other_date,
                "foto_cache": str(shared),  # this run's own folder: no process-wide state
            },
            command="photos",
            after=export_pdf,
            inputs=[p for p in inputs if p.is_file()],
            kernel=kernel,
            owner=owner(result.folder),  # foto/<name> of another folder of that name: exit 2
        )
    flagged = tuple(f"{r.berkas}: {flag_text(r)}" for r in result.rows if not r.ok)
    other_days = tuple(
        f"foto {r.berkas} diambil {r.waktu_ambil:%d-%m-%Y} pukul {r.waktu_ambil:%H.%M}, bukan "
        "pada tanggal rapat: di luar susunan acara"
        for r in result.rows
        if r.tanggal_beda and r.ok and r.waktu_ambil
    )
    return PhotosRun(target, len(result.rows), flagged, other_days)
