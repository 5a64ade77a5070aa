"""``workbench minutes`` as one library call: :func:`run_minutes`.

It validates everything in-process (bad input: ``InputError``, nothing written; an edited
template is checked like ``workbench templates check``), builds the parameters of
``notebooks/rakor_minutes.ipynb`` (:func:`notebook_parameters`, named as in its
``parameters`` cell, see docs/parameters.md) and runs the notebook into
``DIR/<tanggal>-<slug>/`` (:func:`workbench.runner.run_to_folder`). The notebook's steps are
in :mod:`workbench.rakor.job`; this module sits above them and above
:mod:`workbench.template_check` (whose rakor kinds, :mod:`workbench.rakor.templates`, load their
sample data through those steps).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from workbench.atomic import output_path
from workbench.paths import REPORTS_DIR, resolve_from_project
from workbench.pdf import pdf_export
from workbench.rakor.job import input_files, load_inputs, output_folder_name, templates_used
from workbench.standar.foto.job import photo_cache, photo_notes
from workbench.standar.foto.run import PHOTOS_FOLDER

#: The notebook ``workbench minutes`` runs (in ``notebooks/``).
NOTEBOOK = "rakor_minutes.ipynb"
#: Modules the notebook's steps import lazily, imported while its kernel boots.
KERNEL_PRELOAD = (
    "pandas",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "docxtpl",
    "workbench.rakor.readers.attendance",
    "workbench.rakor.readers.record",
    "workbench.rakor.charts",
    "workbench.rakor.documents",
    # the photo check (imagehash, scipy.ndimage through skimage): ~0.4 s off the run
    "imagehash",
    "skimage.filters.edges",
    "workbench.standar.foto.reader",
    "workbench.standar.foto.check",
    "workbench.standar.foto.job",
)


@dataclass(frozen=True)
class MinutesRun:
    """What :func:`run_minutes` made."""

    folder: Path  # DIR/<tanggal>-<slug>/
    attendees: int  # rows of the merged attendance table
    #: What the readers decided on their own (one line each), for the terminal.
    warnings: tuple[str, ...] = ()
    #: Rows that are probably one person (see ``merge.probable_duplicates``), for review.
    review: tuple[dict, ...] = ()
    #: Each platform report's meeting (ID, topic, start), as in manifest.json.
    reports: tuple[dict, ...] = ()

    @property
    def files(self) -> list[str]:
        """The names in :attr:`folder`, sorted."""
        return sorted(p.name for p in self.folder.iterdir())


def run_minutes(
    record: str | Path,
    attendance: Sequence[str | Path] = (),
    *,
    out_dir: str | Path | None = None,
    min_share: float = 0.5,
    template_notula: str | Path | None = None,
    template_daftar_hadir: str | Path | None = None,
    pdf: bool = False,
    allow_other_date: bool = False,
    foto_maks: int = 12,
    daftar_hadir: str | None = None,
) -> MinutesRun:
    """Make the minutes of one meeting: ``notebooks/rakor_minutes.ipynb`` run into
    ``out_dir/<tanggal>-<slug>/`` (``out_dir`` defaults to ``reports/``), replaced whole.

    Parameters
    ----------
    record : str or Path
        The meeting record (``meeting.yaml`` or ``rapat.xlsx``), relative to the current
        directory.
    attendance : sequence of str or Path
        Attendance files (rosters, Google Form exports, Zoom reports), merged; none: the
        record workbook's ``Kehadiran`` sheet.
    out_dir : str or Path, optional
        Folder receiving the meeting's folder.
    min_share : float
        Zoom attendees present less than this fraction of the meeting are flagged
        (``workbench minutes --min-share`` is in percent).
    template_notula, template_daftar_hadir : str or Path, optional
        Edited Word templates, checked like ``workbench templates check`` first.
    pdf : bool
        Also convert both documents to PDF (LibreOffice, checked first).
    allow_other_date : bool
        Accept a platform report whose date differs from the record's ``tanggal`` or whose
        start is more than 3 hours from ``mulai`` (otherwise bad input).
    foto_maks : int
        Photos of a ``dokumentasi`` folder embedded at most: the sharpest unflagged ones,
        spread across the agenda items (photos listed one by one are all embedded).
    daftar_hadir : {'semua', 'satker'}, optional
        Who the daftar hadir lists (everyone, or only the writing office's people); None:
        the record's ``rapat.daftar_hadir``.

    Raises
    ------
    InputError
        Invalid record, attendance file, photo or template (nothing written).
    """
    from workbench.paths import NOTEBOOKS_DIR
    from workbench.rakor.news_output import NEWS_FOLDER
    from workbench.runner import StartedKernel, run_to_folder

    export_pdf = pdf_export(pdf, "notula.docx", "daftar-hadir.docx")
    templates = checked_templates(template_notula, template_daftar_hadir)
    with photo_cache() as shared, StartedKernel(preload=KERNEL_PRELOAD) as kernel:
        # Validate everything here first: invalid input exits 2 before anything is written.
        # The record reader opens every photo (a reduced-scale decode: not an image,
        # truncated, HEIC without decoder); the kernel reads, checks and embeds them once.
        # Each input resolved once (as the notebooks resolve it): the files validated here
        # are the files the kernel opens, whatever folder the command runs from.
        record, attendance = resolved_inputs(record, attendance)
        meeting, table = load_inputs(
            record, attendance, min_share=min_share, allow_other_date=allow_other_date
        )
        from workbench.rakor.documents import role_warnings
        from workbench.rakor.readers.record import acara_warnings

        attendance_files = list(attendance) or [record]
        target = output_path(out_dir or REPORTS_DIR, output_folder_name(meeting))
        reports = tuple(table.attrs.get("laporan", ()))

        run_to_folder(
            NOTEBOOKS_DIR / NOTEBOOK,
            target,
            notebook_parameters(
                record,
                attendance_files,
                min_share,
                templates,
                allow_other_date,
                foto_maks,
                daftar_hadir or "",
                foto_cache=shared,  # this run's own folder, an argument: no process-wide state
            ),
            command="minutes",
            after=export_pdf,
            inputs=[*input_files(meeting, attendance_files), *templates_used(templates)],
            # `workbench news` and `workbench photos --record` write their own subfolders
            keep=(NEWS_FOLDER, PHOTOS_FOLDER),
            kernel=kernel,
            owner=meeting_owner(record, meeting),  # another meeting's folder: exit 2
            # each platform report's meeting (ID, topic, start, rows)
            manifest_extra={"laporan_rapat": list(reports)} if reports else None,
        )
        notes = photo_notes(shared)  # the photos the kernel embedded anyway or left out
    return MinutesRun(
        target,
        len(table),
        warnings=(
            *table.attrs.get("peringatan", ()),
            *acara_warnings(meeting),
            *role_warnings(meeting, table),
            *notes,
        ),
        review=tuple(table.attrs.get("tinjau", ())),
        reports=reports,
    )


def resolved_inputs(
    record: str | Path, attendance: Sequence[str | Path] = ()
) -> tuple[Path, list[Path]]:
    """The record and attendance files resolved once, as the notebooks resolve them
    (:func:`workbench.paths.resolve_from_project`), absolute: validated and then handed to
    the kernel unchanged, so both open the same files."""
    from workbench.paths import resolve_from_project

    return resolve_from_project(record), [resolve_from_project(p) for p in attendance]


def meeting_owner(record: Path, meeting) -> dict[str, str]:
    """What a meeting's folder is made from (``manifest.json``'s ``sumber``): the record's
    path and the meeting's date and full title (:func:`workbench.manifest.check_owner`)."""
    from workbench.manifest import owner

    return owner(record, f"{meeting.rapat.tanggal.isoformat()} {meeting.rapat.judul}")


def checked_templates(
    template_notula: str | Path | None, template_daftar_hadir: str | Path | None
) -> dict[str, Path]:
    """The edited templates given, checked and resolved, keyed by notebook parameter."""
    import workbench.rakor.templates  # noqa: F401  (registers its template kinds)
    from workbench.template_check import require_valid

    templates = {}
    if template_notula:
        templates["template_notula"] = require_valid(template_notula, "notula", "--templat-notula")
    if template_daftar_hadir:
        templates["template_daftar_hadir"] = require_valid(
            template_daftar_hadir, "daftar-hadir", "--templat-daftar-hadir"
        )
    return templates


def notebook_parameters(
    record: str | Path,
    attendance_files: Sequence[Path],
    min_share: float,
    templates: dict[str, Path],
    allow_other_date: bool = False,
    foto_maks: int = 12,
    daftar_hadir: str = "",
    *,
    foto_cache: str | Path = "",
) -> dict[str, object]:
    """The parameters ``rakor_minutes.ipynb`` receives (``output_dir`` is the runner's);
    ``foto_cache`` is the run's shared photo folder (:func:`photo_cache`)."""
    return {
        "record": str(resolve_from_project(record)),
        "attendance": [str(resolve_from_project(p)) for p in attendance_files],
        "min_share": min_share,
        "allow_other_date": allow_other_date,
        "foto_maks": foto_maks,
        "daftar_hadir": daftar_hadir,
        "foto_cache": str(foto_cache),
        **{k: str(v) for k, v in templates.items()},
    }


# ----------------------------------------------------------------------------- workbench news
#: The notebook ``workbench news`` runs (in ``notebooks/``).
NEWS_NOTEBOOK = "berita_kegiatan.ipynb"
#: Modules the berita notebook's steps import lazily, imported while its kernel boots.
NEWS_PRELOAD = (
    "pandas",
    "docxtpl",
    "PIL.Image",
    "workbench.rakor.readers.attendance",
    "workbench.rakor.readers.record",
    "workbench.rakor.news",
    "workbench.rakor.news_output",
)


@dataclass(frozen=True)
class NewsRun:
    """What :func:`run_news` made."""

    folder: Path  # DIR/<tanggal>-<slug>/berita/
    headline: str
    notes: tuple[str, ...]  # what the writer should check (Indonesian)
    captions: tuple[str, ...]  # one line per platform: length and limits (Indonesian)

    @property
    def files(self) -> list[str]:
        """The names in :attr:`folder`, sorted."""
        return sorted(p.name for p in self.folder.iterdir())


def run_news(
    record: str | Path,
    attendance: Sequence[str | Path] = (),
    *,
    out_dir: str | Path | None = None,
    template_berita: str | Path | None = None,
    pdf: bool = False,
) -> NewsRun:
    """Write the berita kegiatan and captions of one meeting:
    ``notebooks/berita_kegiatan.ipynb`` run into ``out_dir/<tanggal>-<slug>/berita/`` (the
    meeting folder ``workbench minutes`` writes; only its ``berita/`` subfolder is replaced,
    the notula files beside it stay).

    Parameters
    ----------
    record : str or Path
        The meeting record (``meeting.yaml`` or ``rapat.xlsx``).
    attendance : sequence of str or Path
        Attendance files; the berita names the attendees from the writing office. None: the
        record workbook's ``Kehadiran`` sheet when it has rows, else no attendee is named.
    out_dir : str or Path, optional
        Folder receiving the meeting's folder (default ``reports/``).
    template_berita : str or Path, optional
        An edited Word template, checked like ``workbench templates check`` first.
    pdf : bool
        Also convert berita.docx to PDF (LibreOffice, checked first).

    Raises
    ------
    InputError
        Invalid record, attendance file, photo or template (nothing written).
    """
    import workbench.rakor.templates  # noqa: F401  (registers its template kinds)
    from workbench.manifest import check_owner
    from workbench.paths import NOTEBOOKS_DIR
    from workbench.rakor.news_output import NEWS_FOLDER, build, load_news_inputs
    from workbench.rakor.news_output import templates_used as news_templates
    from workbench.runner import StartedKernel, run_to_folder
    from workbench.template_check import require_valid

    export_pdf = pdf_export(pdf, "berita.docx")
    template = (
        require_valid(template_berita, "berita", "--templat-berita") if template_berita else None
    )
    with StartedKernel(preload=NEWS_PRELOAD) as kernel:
        record, files = resolved_inputs(record, attendance)  # once: the kernel opens these
        meeting, table = load_news_inputs(record, files)
        article, captions = build(meeting, table)  # photos are read here: bad ones exit 2
        target = output_path(out_dir or REPORTS_DIR, output_folder_name(meeting), NEWS_FOLDER)
        check_owner(target.parent, meeting_owner(record, meeting))  # another meeting's folder

        parameters: dict[str, object] = {
            "record": str(record),
            "attendance": [str(p) for p in files],
            "template_berita": str(template or ""),
        }
        run_to_folder(
            NOTEBOOKS_DIR / NEWS_NOTEBOOK,
            target,
            parameters,
            command="news",
            after=export_pdf,
            inputs=[*input_files(meeting, files), *news_templates(template or "")],
            kernel=kernel,
            owner=meeting_owner(record, meeting),
        )
    from workbench.indonesian import angka

    lines = tuple(
        f"{c.platform}: {angka(c.length)}/{angka(c.max_length)} karakter"
        + (f", {c.tags}/{c.max_tags} tagar" if c.max_tags else "")
        + (" (dipersingkat)" if c.shortened else "")
        for c in captions.items
    )
    return NewsRun(target, article.judul, article.notes, lines)
