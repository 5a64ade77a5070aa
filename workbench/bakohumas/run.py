"""The Bakohumas commands as one library call each.

:func:`run_evaluation` (``workbench evaluate``) runs ``notebooks/bakohumas_evaluation.ipynb``
into ``DIR/bakohumas/<period>/``; :func:`run_office_reports` (``workbench reports``) runs
``notebooks/office_report.ipynb`` once per office through the generic batch engine into
``DIR/bakohumas/<period>/satker/<kode>-<slug>/``; :func:`run_collect` (``workbench
collect``) consolidates the offices' files into one table. Each validates its input
in-process before any kernel starts (invalid input: ``InputError``, exit 2, nothing
written) and builds the parameters its notebook receives under the names of the notebook's
``parameters`` cell (docs/parameters.md). The steps are in :mod:`workbench.bakohumas.job`;
this module sits above them and above :mod:`workbench.template_check` (which loads its
sample data through those steps).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence, TypedDict

from workbench.bakohumas.job import (
    OFFICES_FOLDER,
    Prepared,
    differences_from_evaluation,
    office_jobs,
    parse_codes,
    parse_tanggal_surat,
    prepare,
    select_offices,
)
from workbench.bakohumas.schema import Period
from workbench.errors import InputError, InputErrors

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from workbench.bakohumas.collect import Collected, Merged
    from workbench.bakohumas.evaluation import Evaluation
    from workbench.batch.run import BatchResult

#: The notebooks ``workbench evaluate`` and ``workbench reports`` run (in ``notebooks/``).
EVALUATION_NOTEBOOK = "bakohumas_evaluation.ipynb"
OFFICE_NOTEBOOK = "office_report.ipynb"


class ReportOptions(TypedDict, total=False):
    """The arguments ``run_evaluation`` and ``run_office_reports`` share: the notebooks'
    parameters under their own names (docs/parameters.md), plus ``out_dir``.

    ``deadline``: the submission deadline as users type it (``10/07/2025``); empty: the
    period's own. ``provinsi``: the province when the table holds several (reports: also
    ``semua``). ``out_dir``: the base folder (default ``reports/``). ``template``: an edited
    Word template, checked first. ``weights``: a scoring file like
    ``workbench/bakohumas/weights.yaml``. ``tanggal_surat``, ``penandatangan``,
    ``nip_penandatangan``, ``jabatan_penandatangan``: the signature block.
    """

    deadline: str | None
    provinsi: str | None
    out_dir: str | Path | None
    template: str | Path | None
    weights: str | Path | None
    tanggal_surat: str
    penandatangan: str
    nip_penandatangan: str
    jabatan_penandatangan: str


@dataclass(frozen=True)
class Settled:
    """What both commands settle in-process before any kernel starts."""

    run: Prepared  # the evaluation and the period folder
    template: Path | None  # the edited template, checked; None: the default one
    signer: dict[str, str]  # the signature parameters (:func:`signer_parameters`)


def settle(
    data: str | Path, period: str, options: ReportOptions, jenis: str, *, allow_all: bool = False
) -> Settled:
    """Check the template (as ``jenis``) and the signature, then evaluate (:func:`prepare`).

    Raises ``TypeError`` for a key of ``options`` that is no :class:`ReportOptions` (as a
    misspelt keyword argument would), ``InputError`` for invalid input.
    """
    import workbench.bakohumas.templates  # noqa: F401  (registers its template kinds)
    from workbench.template_check import require_valid

    for key in options:
        if key not in ReportOptions.__optional_keys__:
            raise TypeError(f"unexpected keyword argument {key!r}")
    template = options.get("template")
    checked = require_valid(template, jenis, "--templat") if template else None
    signer = signer_parameters(
        options.get("tanggal_surat", ""),
        options.get("penandatangan", ""),
        options.get("nip_penandatangan", ""),
        options.get("jabatan_penandatangan", ""),
    )
    run = prepare(
        data,
        period,
        out_dir=options.get("out_dir"),
        deadline=options.get("deadline"),
        provinsi=options.get("provinsi"),
        weights=options.get("weights"),
        allow_all=allow_all,
    )
    return Settled(run, checked, signer)


def run_evaluation(
    data: str | Path, period: str, *, pdf: bool = False, **options: Unpack[ReportOptions]
) -> Prepared:
    """``workbench evaluate``: the province evaluation of ``data`` for ``period``.

    Runs ``notebooks/bakohumas_evaluation.ipynb`` into ``out_dir/bakohumas/<period>/``
    (``out_dir`` defaults to ``reports/``), keeping its ``satker/`` folder, then writes the
    quarter's ``index.html`` there (:func:`write_quarter_index`). ``options``
    are :class:`ReportOptions`; ``pdf`` also converts the report (LibreOffice, checked
    first). Returns the evaluation and the folder written.

    Raises
    ------
    InputError
        Invalid table, period, deadline, province, template, weights or date (nothing
        written).
    """
    from workbench.bakohumas.report import PROVINCE_DOCX, PROVINCE_TEMPLATE
    from workbench.paths import NOTEBOOKS_DIR
    from workbench.pdf import convert_to_pdf, require_soffice
    from workbench.runner import run_to_folder

    if pdf:
        require_soffice()
    settled = settle(data, period, options, "evaluasi-provinsi")
    run = settled.run

    def export_pdf(stage: Path) -> None:
        if pdf:
            convert_to_pdf([stage / PROVINCE_DOCX], stage)

    run_to_folder(
        NOTEBOOKS_DIR / EVALUATION_NOTEBOOK,
        run.folder,
        evaluation_parameters(data, settled, deadline=options.get("deadline")),
        command="evaluate",
        after=export_pdf,
        keep=(OFFICES_FOLDER,),
        inputs=[Path(data).resolve(), settled.template or PROVINCE_TEMPLATE, run.weights_file],
    )
    write_quarter_index(run)
    return dataclasses.replace(run, notes=(*run.notes, *_letter_notes(run, settled)))


def _letter_notes(run: Prepared, settled: Settled) -> list[str]:
    """The warning about a letter dated today past the next period's deadline."""
    import datetime as dt

    from workbench.bakohumas.report import letter_date_notes

    given = settled.signer.get("tanggal_surat", "")
    when = dt.date.fromisoformat(given) if given else dt.date.today()
    return letter_date_notes(run.evaluation.period, when, given=bool(given))


def write_quarter_index(run: Prepared) -> Path:
    """``<period folder>/index.html`` (:mod:`workbench.bakohumas.index_page`), linking what
    the folder holds now. Written under the folder's lock, like the documents: while another
    ``evaluate`` writes the folder this is an ``InputError`` naming it."""
    from workbench.atomic import folder_lock
    from workbench.bakohumas.index_page import write_index

    with folder_lock(run.folder):
        return write_index(run.evaluation, run.folder)


def evaluation_parameters(
    data: str | Path, settled: Settled, *, deadline: str | None
) -> dict[str, str]:
    """The parameters ``bakohumas_evaluation.ipynb`` receives (``output_dir`` is the
    runner's): the table resolved, the period and province as :func:`prepare` settled
    them, the deadline as typed (the notebook parses it), the signature as
    :func:`signer_parameters` wrote it."""
    run = settled.run
    return {
        "data": str(Path(data).resolve()),
        "period": str(run.evaluation.period),
        "deadline": deadline or "",
        "provinsi": run.evaluation.provinsi[0],
        "template": str(settled.template or ""),
        "weights": str(run.weights or ""),
        **settled.signer,
    }


@dataclass(frozen=True)
class OfficeReports:
    """What :func:`run_office_reports` did."""

    evaluation: "Evaluation"
    batch: "BatchResult"
    index: Path  # the quarter's index.html, linking every report written


def run_office_reports(
    data: str | Path,
    period: str,
    *,
    offices: str | Sequence[str] | None = None,
    workers: int | None = None,
    engine: str = "warm",
    resume: bool = False,
    scheduler: str | None = None,
    warn: Callable[[str], None] | None = None,
    notebooks: bool = False,
    **options: Unpack[ReportOptions],
) -> OfficeReports:
    """``workbench reports``: one report per office, ``notebooks/office_report.ipynb`` run
    by the batch engine into ``out_dir/bakohumas/<period>/satker/<kode>-<slug>/``, then
    the quarter's ``index.html`` (:func:`write_quarter_index`), linking the reports.

    ``offices`` (codes, or one comma-separated text) picks offices; each becomes one job
    whose notebook parameter ``office`` is its code. ``options`` are
    :class:`ReportOptions` (``provinsi="semua"``: every province of the table).
    ``workers``, ``engine``, ``resume`` and ``scheduler`` go to
    :func:`workbench.batch.run.run_batch`. ``warn`` receives each way these reports would
    differ from the province evaluation already in the period folder. Each office folder
    holds the report's HTML twin ``office_report.html``; the executed notebook
    ``office_report.ipynb`` too only with ``notebooks`` (``--simpan-notebook``; a failed
    office's notebook is always kept, as ``<folder>.gagal.ipynb``).

    Raises
    ------
    InputError
        Invalid input of any kind (nothing run, nothing written).
    """
    from workbench.paths import NOTEBOOKS_DIR

    # the kernels start while the table is read and evaluated here (stopped if it is invalid)
    with _prestarted_kernels(
        NOTEBOOKS_DIR / OFFICE_NOTEBOOK, offices, engine, workers, resume, scheduler
    ) as kernels:
        batch, run, evaluation = _office_batch(
            data,
            period,
            offices,
            workers,
            engine,
            resume,
            scheduler,
            warn,
            notebooks,
            kernels,
            options,
        )
    index = write_quarter_index(run)  # after the reports: it links the ones that exist
    return OfficeReports(evaluation, batch, index)


#: Modules the office notebook's first job would import (the report, the evaluation, the
#: charts): the prestarted kernels import them while they wait for the table's evaluation.
OFFICE_WARM_IMPORTS = (
    "workbench.bakohumas.report",
    "workbench.bakohumas.evaluate",
    "workbench.bakohumas.reader",
    "workbench.bakohumas.charts",
    "workbench.bakohumas.findings",
    "workbench.lab.outputs",
)


def _prestarted_kernels(notebook, offices, engine, workers, resume, scheduler):
    """Warm kernels for the office batch, started now (:class:`~workbench.batch.engines.warm.
    Prestarted`): one per worker (one per CPU), no more than the offices named. None (a null
    context) for another engine or ``--resume`` (which may have nothing to run)."""
    import contextlib
    import os

    if engine != "warm" or scheduler or resume:
        return contextlib.nullcontext(None)
    from workbench.batch.engines.warm import Prestarted

    count = workers or os.cpu_count() or 1
    named = parse_codes(offices) if isinstance(offices, str) else offices
    if named:
        count = min(count, len(set(named)))
    return Prestarted(notebook, max(1, count), warm_imports=OFFICE_WARM_IMPORTS)


def _office_batch(
    data, period, offices, workers, engine, resume, scheduler, warn, notebooks, kernels, options
):
    """:func:`run_office_reports` up to the batch: (batch result, the settled run, the
    evaluation)."""
    from workbench.bakohumas.report import OFFICE_TEMPLATE
    from workbench.batch.run import run_batch
    from workbench.paths import NOTEBOOKS_DIR

    settled = settle(data, period, options, "laporan-satker", allow_all=True)
    run, evaluation = settled.run, settled.run.evaluation
    codes = select_offices(
        evaluation, parse_codes(offices) if isinstance(offices, str) else offices
    )
    for note in differences_from_evaluation(run.folder, data, evaluation, run.weights):
        if warn is not None:
            warn(note)
    deadline = options.get("deadline")
    jobs = office_jobs(
        Path(data).resolve(),
        str(evaluation.period),
        codes,
        deadline=deadline and evaluation.deadline.isoformat(),
        template=settled.template or "",
        weights=run.weights or "",
        **settled.signer,
    )
    from workbench.atomic import output_path

    result = run_batch(
        NOTEBOOKS_DIR / OFFICE_NOTEBOOK,
        jobs,
        output_path(run.folder, OFFICES_FOLDER),  # a linked satker/ is refused (exit 2)
        engine=engine,
        workers=workers,
        resume=resume,
        scheduler=scheduler,
        extra_inputs=[settled.template or OFFICE_TEMPLATE, run.weights_file],
        html=True,  # each office's office_report.html, linked from the index
        notebooks=notebooks,
        kernels=kernels,
    )
    return result, run, evaluation


def signer_parameters(
    tanggal_surat: str = "",
    penandatangan: str = "",
    nip_penandatangan: str = "",
    jabatan_penandatangan: str = "",
) -> dict[str, str]:
    """The notebooks' signature parameters, the date checked and written as ISO."""
    when = parse_tanggal_surat(tanggal_surat)
    return {
        "tanggal_surat": when.isoformat() if when else "",
        "penandatangan": penandatangan,
        "nip_penandatangan": nip_penandatangan,
        "jabatan_penandatangan": jabatan_penandatangan,
    }


@dataclass(frozen=True)
class CollectRun:
    """What :func:`run_collect` did: the files read (their table, before any merge), the
    merge into an existing table (None when there was none), and the table written."""

    collected: "Collected"
    merged: "Merged | None"
    out: Path

    @property
    def period(self) -> Period:
        """The quarter checked for missing offices: ``period``, else the latest read."""
        return checked_period(self.collected)


def checked_period(collected: "Collected") -> Period:
    """``collected.period``, which :func:`~workbench.bakohumas.collect.collect_folder`
    always sets (its type allows None)."""
    assert collected.period is not None
    return collected.period


def run_collect(
    folder: str | Path, out: str | Path, *, period: str | None = None, overwrite: bool = False
) -> CollectRun:
    """``workbench collect``: the offices' files in ``folder`` as one table at ``out``.

    ``out`` (.csv or .xlsx) is merged into when it exists (other quarters kept), unless
    ``overwrite``. Offices missing from the merged table are listed in
    ``collected.missing``.

    Raises
    ------
    InputError
        Any invalid file (all problems at once), a bad ``period`` or ``out`` (nothing
        written).
    """
    import dataclasses

    from workbench.bakohumas.collect import collect_folder, missing_offices, write_reports

    out = Path(out)
    chosen = Period.parse(period) if period is not None else None
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise InputError(
            f"format keluaran '{out.suffix or out.name}' tidak didukung",
            file=out,
            field="--out",
            fix="akhiri nama berkas keluaran dengan .csv atau .xlsx",
        )
    result = collect_folder(folder, chosen)
    merged = None
    if out.exists() and not overwrite:
        merged = _merge_or_explain(result.table, out)
        # Offices are missing when the merged table lacks them, not just this folder.
        missing = missing_offices(merged.table, checked_period(result))
        result = dataclasses.replace(result, missing=tuple(missing))
    write_reports(merged.table if merged else result.table, out)
    return CollectRun(result, merged, out)


def _merge_or_explain(table, out: Path) -> "Merged":
    """Merge into ``out``; if ``out`` itself is invalid, say that --timpa would replace it."""
    from workbench.bakohumas.collect import merge_into_existing

    try:
        return merge_into_existing(table, out)
    except InputError as e:
        errors = list(e.errors) if isinstance(e, InputErrors) else [e]
        errors.append(
            InputError(
                "tabel --out yang sudah ada tidak sah, jadi kiriman baru tidak dapat digabung ke "
                "dalamnya",
                file=out,
                field="--out",
                fix="perbaiki tabel itu, tulis ke berkas lain, atau ganti seluruhnya "
                "dengan --timpa",
            )
        )
        raise InputErrors(errors) from e
