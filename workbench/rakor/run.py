"""``workbench minutes`` as one library call: :func:`run_minutes`.

It validates everything in-process (bad input: ``InputError``, nothing written; an edited
template is checked like ``workbench templates check``), builds the parameters of
``notebooks/rakor_minutes.ipynb`` (:func:`notebook_parameters`, named as in its
``parameters`` cell, see docs/parameters.md) and runs the notebook into
``DIR/<tanggal>-<slug>/`` (:func:`workbench.runner.run_to_folder`). The notebook's steps are
in :mod:`workbench.rakor.job`; this module sits above them and above
:mod:`workbench.template_check` (which loads its sample data through those steps).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from workbench.paths import REPORTS_DIR
from workbench.rakor.job import input_files, load_inputs, output_folder_name, templates_used

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
)


@dataclass(frozen=True)
class MinutesRun:
    """What :func:`run_minutes` made."""

    folder: Path  # DIR/<tanggal>-<slug>/
    attendees: int  # rows of the merged attendance table

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

    Raises
    ------
    InputError
        Invalid record, attendance file or template (nothing written).
    """
    from workbench.paths import NOTEBOOKS_DIR
    from workbench.pdf import convert_to_pdf, require_soffice
    from workbench.runner import StartedKernel, run_to_folder

    if pdf:
        require_soffice()
    templates = checked_templates(template_notula, template_daftar_hadir)
    with StartedKernel(preload=KERNEL_PRELOAD) as kernel:  # boots while inputs are validated
        # Validate everything here first: invalid input exits 2 before anything is written.
        meeting, table = load_inputs(record, attendance, min_share=min_share)
        attendance_files = [Path(p).resolve() for p in attendance] or [Path(record).resolve()]
        target = Path(out_dir or REPORTS_DIR).resolve() / output_folder_name(meeting)

        def export_pdf(stage: Path) -> None:
            if pdf:
                convert_to_pdf([stage / "notula.docx", stage / "daftar-hadir.docx"], stage)

        run_to_folder(
            NOTEBOOKS_DIR / NOTEBOOK,
            target,
            notebook_parameters(record, attendance_files, min_share, templates),
            command="minutes",
            after=export_pdf,
            inputs=[*input_files(meeting, attendance_files), *templates_used(templates)],
            kernel=kernel,
        )
    return MinutesRun(target, len(table))


def checked_templates(
    template_notula: str | Path | None, template_daftar_hadir: str | Path | None
) -> dict[str, Path]:
    """The edited templates given, checked and resolved, keyed by notebook parameter."""
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
) -> dict[str, object]:
    """The parameters ``rakor_minutes.ipynb`` receives (``output_dir`` is the runner's)."""
    return {
        "record": str(Path(record).resolve()),
        "attendance": [str(p) for p in attendance_files],
        "min_share": min_share,
        **{k: str(v) for k, v in templates.items()},
    }
