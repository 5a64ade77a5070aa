"""The Bakohumas jobs as named steps, shared by :mod:`workbench.bakohumas.run` (one call
per command) and the two notebooks.

``workbench evaluate`` runs ``notebooks/bakohumas_evaluation.ipynb`` into
``DIR/bakohumas/<period>/``; ``workbench reports`` runs
``notebooks/office_report.ipynb`` once per office through the generic batch
engine into ``DIR/bakohumas/<period>/satker/<kode>-<slug>/``. Both validate
their input here, in-process, before any kernel starts (invalid input: exit 2,
nothing written).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from workbench.bakohumas.schema import Period
from workbench.errors import InputError
from workbench.paths import REPORTS_DIR, resolve_from_project, resolve_output
from workbench.text import slugify
from workbench.wilayah import get_office

if TYPE_CHECKING:
    from workbench.bakohumas.evaluation import Evaluation
    from workbench.bakohumas.weights import Weights

#: Sub-folder of the period folder holding the per-office reports.
OFFICES_FOLDER = "satker"


def period_folder(out_dir: str | Path | None, period, scope: str | None = None) -> Path:
    """``DIR/bakohumas/<period>/`` (``DIR`` defaults to ``reports/``), and ``<scope>/`` below
    it when given (one province of a multi-province table, see :func:`prepare`)."""
    from workbench.atomic import output_path
    from workbench.bakohumas.schema import Period

    base = Path(out_dir).expanduser().resolve() if out_dir else REPORTS_DIR  # --out: cwd
    # no symbolic link below DIR is followed (atomic.output_path: exit 2 naming it)
    return output_path(base, "bakohumas", str(Period.parse(period)), *([scope] if scope else []))


def _province_scope(full, evaluation) -> str | None:
    """``35-jawa-timur`` when ``evaluation`` is one province of ``full``, an evaluation of
    several (each province's documents then get their own folder), else None."""
    if len(full.provinsi) > 1 and len(evaluation.provinsi) == 1:
        province = get_office(evaluation.provinsi[0])
        return f"{province.kode}-{slugify(province.nama_wilayah)}"
    return None


def office_folder_name(kode: str) -> str:
    """``35.28-kabupaten-pamekasan``: the folder of one office's report."""
    office = get_office(kode)
    return f"{office.kode}-{slugify(office.nama.removeprefix('KPU '))}"


#: ``workbench reports --provinsi semua``: the offices of every province in the table.
ALL_PROVINCES = "semua"


def evaluate(
    data: str | Path,
    period: str,
    *,
    deadline: str | None = None,
    provinsi: str | None = None,
    allow_all: bool = False,
    weights: str | Path | None = None,
):
    """Read and evaluate ``data`` for ``period`` (one province), validating everything.

    ``deadline`` is an ISO date or empty (the default deadline of the period).
    ``provinsi`` picks one province when the table holds several; it must be given then.
    With ``allow_all``, ``provinsi="semua"`` keeps every province (per-office reports).
    ``weights`` is a scoring file like ``workbench/bakohumas/weights.yaml`` (empty: that one).
    """
    return _evaluate(data, period, deadline, provinsi, allow_all, weights)[1]


def _evaluate(data, period, deadline, provinsi, allow_all, weights):
    """(evaluation of the whole table, the evaluation asked for)."""
    from workbench.bakohumas.report import one_province

    path = resolve_from_project(data)
    full = evaluate_file(
        path, parse_period(period), deadline=parse_deadline(deadline), weights=weights_path(weights)
    )
    if allow_all and str(provinsi or "").strip().lower() == ALL_PROVINCES:
        return full, full
    return full, one_province(full, _province(full, provinsi, path))


@dataclass(frozen=True)
class Prepared:
    """What ``workbench evaluate`` and ``reports`` settle before any kernel starts."""

    evaluation: "Evaluation"
    folder: Path  # DIR/bakohumas/<period>/[<province>/]
    weights: Path | None  # the scoring file given (resolved), None for the default
    #: What the user should know about the run (Indonesian, one line each), for the terminal.
    notes: tuple[str, ...] = ()

    @property
    def weights_file(self) -> Path:
        from workbench.bakohumas.weights import DEFAULT_WEIGHTS_PATH

        return self.weights or DEFAULT_WEIGHTS_PATH


def prepare(
    data: str | Path,
    period: str,
    *,
    out_dir: str | Path | None,
    deadline: str | None = None,
    provinsi: str | None = None,
    weights: str | Path | None = None,
    allow_all: bool = False,
) -> Prepared:
    """Evaluate (validating everything, see :func:`evaluate`) and place the outputs."""
    full, evaluation = _evaluate(data, period, deadline, provinsi, allow_all, weights)
    folder = period_folder(out_dir, evaluation.period, _province_scope(full, evaluation))
    return Prepared(evaluation, folder, weights_path(weights))


def parse_period(text) -> "Period":
    """``2025-TW2`` as a Period; an error names the ``--period`` option."""
    from workbench.bakohumas.schema import Period

    try:
        return Period.parse(text)
    except InputError as e:
        raise InputError(e.problem, field="--period", fix=e.fix) from None


def weights_path(value: str | Path | None) -> Path | None:
    """The scoring file to use (resolved), or None for the default one."""
    return resolve_from_project(value) if value not in (None, "") else None


def parse_deadline(value):
    """A deadline as users type it (``10/07/2025``, ``2025-07-10``, ``10 Juli 2025``), or None."""
    return _date_option(value, "tenggat", "--tenggat", "10")


def parse_tanggal_surat(value):
    """The report's date as users type it (``15/07/2025``, ``15 Juli 2025``, ISO), or None."""
    return _date_option(value, "tanggal laporan", "--tanggal", "15")


def _date_option(value, what: str, option: str, day: str):
    from workbench.dates import parse_tanggal

    if value in (None, ""):
        return None
    parsed = parse_tanggal(value)
    if parsed is None:
        raise InputError(
            f"{what} '{value}' bukan tanggal",
            field=option,
            fix=f"tulis tanggal seperti {day}/07/2025, {day} Juli 2025, atau 2025-07-{day}",
        )
    return parsed


def _province(evaluation, provinsi: str | None, path: Path) -> str:
    codes = tuple(evaluation.provinsi)
    if provinsi:
        try:
            kode = get_office(str(provinsi)).kode
        except InputError as e:
            raise InputError(
                e.problem,
                field="--provinsi",
                fix="pilih salah satu kode provinsi dalam data: "
                + ", ".join(codes)
                + " ('semua' hanya untuk workbench reports)",
            ) from None
        if kode not in codes:
            raise InputError(
                f"provinsi {kode} tidak ada dalam data",
                file=path,
                field="--provinsi",
                fix="pilih salah satu kode provinsi dalam data: " + ", ".join(codes),
            )
        return kode
    if len(codes) > 1:
        raise InputError(
            f"data memuat {len(codes)} provinsi",
            file=path,
            field="--provinsi",
            fix="pilih satu provinsi dengan --provinsi, mis. --provinsi " + codes[0],
        )
    return codes[0]


def select_offices(evaluation, offices: Iterable[str] | None) -> list[str]:
    """The office codes to report on: all of the evaluation's, or those named (validated)."""
    all_codes = list(evaluation.ringkasan["kode_satker"])
    if not offices:
        return all_codes
    chosen, errors = [], []
    for raw in offices:
        try:
            kode = get_office(raw).kode
            evaluation.office(kode)
        except InputError as e:
            errors.append(f"'{raw}': {e.problem}")
            continue
        if kode not in chosen:
            chosen.append(kode)
    if errors:
        raise InputError(
            "kode satker tidak sah: " + "; ".join(errors),
            field="--offices",
            fix="pakai kode KPU Kabupaten/Kota provinsi "
            + ", ".join(evaluation.provinsi)
            + " (kolom kode_satker tabel), dipisah koma, mis. --offices "
            "35.28,35.09",
        )
    return chosen


def parse_codes(text: str | None) -> list[str] | None:
    """``"35.28, 35.09"`` → ``["35.28", "35.09"]``; empty → ``None`` (all offices)."""
    if not text:
        return None
    return [c.strip() for c in text.replace(";", ",").split(",") if c.strip()]


def office_jobs(data: Path, period: str, offices: Sequence[str], **options: str | Path | None):
    """One batch job per office, named like its folder.

    ``options`` are further notebook parameters for every job (``deadline``, ``template``);
    empty ones are left out (the notebook's default applies).
    """
    from workbench.batch.jobs import Job

    common = {
        "data": str(data),
        "period": str(period),
        **{k: str(v) for k, v in options.items() if v},
    }
    return [
        Job(name=office_folder_name(kode), parameters={**common, "office": kode}, row=i)
        for i, kode in enumerate(offices, start=1)
    ]


def signing(tanggal: str = "", nama: str = "", nip: str = "", jabatan: str = "") -> dict:
    """Report options for the signature block: the report's date (empty: today) and the
    signatory (empty name: dotted lines to fill in by hand, under the default jabatan)."""
    options: dict = {}
    if str(tanggal).strip():
        options["tanggal"] = parse_tanggal_surat(tanggal)
    if str(nama).strip() or str(jabatan).strip() or str(nip).strip():
        from workbench.bakohumas.report import DEFAULT_SIGNER

        options["penandatangan"] = {
            "nama": str(nama).strip() or DEFAULT_SIGNER["nama"],
            "nip": str(nip).strip(),
            "jabatan": str(jabatan).strip() or DEFAULT_SIGNER["jabatan"],
        }
    return options


def differences_from_evaluation(
    folder: Path, data: str | Path, evaluation, weights: Path | None
) -> list[str]:
    """How these office reports would differ from the province evaluation in ``folder``.

    Read from that evaluation's ``manifest.json`` (none: nothing to compare). The office
    reports and the province report should agree on the table, deadline and weights.
    """
    import json

    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        used = manifest["parameter"]
    except (OSError, ValueError, KeyError):
        return []
    notes = []
    if used.get("data") and Path(used["data"]) != resolve_from_project(data):
        notes.append(f"evaluasi provinsi dibuat dari tabel {used['data']}")
    try:
        their_deadline = parse_deadline(used.get("deadline")) or evaluation.period.deadline
    except InputError:
        their_deadline = None
    if their_deadline and their_deadline != evaluation.deadline:
        notes.append(
            f"evaluasi provinsi memakai tenggat {their_deadline:%d/%m/%Y}, laporan "
            f"ini {evaluation.deadline:%d/%m/%Y} (samakan dengan --tenggat)"
        )
    ours = str(weights or "")
    if str(used.get("weights") or "") != ours:
        notes.append(
            f"evaluasi provinsi memakai bobot {used.get('weights') or 'bawaan'}, "
            f"laporan ini {ours or 'bawaan'} (samakan dengan --bobot)"
        )
    return notes


# ----------------------------------------------------------------------------- notebook steps
def province_output_dir(output_dir: str | Path, period) -> Path:
    """An empty ``output_dir`` means ``reports/bakohumas/<period>/``."""
    return resolve_output(output_dir) if str(output_dir) else period_folder(None, period)


def office_output_dir(output_dir: str | Path, period, office: str) -> Path:
    """An empty ``output_dir`` means ``reports/bakohumas/<period>/satker/<kode>-<slug>/``."""
    if str(output_dir):
        return resolve_output(output_dir)
    return period_folder(None, period) / OFFICES_FOLDER / office_folder_name(office)


def write_province_report(
    evaluation, output_dir: str | Path, *, template: str | Path = "", **signer: str
) -> list[Path]:
    """Render the province report files into ``output_dir`` (see ``render_province_report``).

    ``signer``: ``tanggal``, ``nama``, ``nip``, ``jabatan`` as for :func:`signing`.
    """
    from workbench.bakohumas.report import render_province_report

    out = province_output_dir(output_dir, evaluation.period)
    tpl = resolve_from_project(template) if str(template) else None
    return render_province_report(evaluation, out, template=tpl, **signing(**signer))


def write_office_report(
    data: str | Path,
    period: str,
    office: str,
    output_dir: str | Path,
    *,
    deadline: str = "",
    template: str | Path = "",
    weights: str | Path = "",
    **signer: str,
) -> Path:
    """Render one office's ``laporan.docx`` (evaluation cached per kernel).

    ``signer``: ``tanggal``, ``nama``, ``nip``, ``jabatan`` as for :func:`signing`.
    """

    out = office_output_dir(output_dir, period, office)
    options = {"template": resolve_from_project(template)} if str(template) else {}
    options.update(signing(**signer))
    return make_office_report(
        resolve_from_project(data),
        period,
        office,
        out,
        deadline=parse_deadline(deadline),
        weights=weights_path(weights),
        **options,
    )


def evaluate_file(
    path: str | Path,
    period: "Period | str",
    *,
    deadline: dt.date | None = None,
    weights: "Weights | str | Path | None" = None,
) -> Evaluation:
    """Read ``path`` and evaluate ``period``, cached by (file, size, mtime, period, deadline).

    Repeated calls in one process (e.g. 514 per-office reports in a warm kernel)
    return the same :class:`Evaluation` object while the file is unchanged.
    """
    p = Path(path).resolve()
    try:
        st = p.stat()
    except OSError as e:
        raise InputError(
            "berkas laporan tidak ditemukan", file=path, fix="periksa nama dan lokasi berkas"
        ) from e
    wkey = str(Path(weights).resolve()) if isinstance(weights, (str, Path)) else weights
    return _evaluate_file_cached(
        str(p), st.st_size, st.st_mtime_ns, str(Period.parse(period)), deadline, wkey
    )


@lru_cache(maxsize=16)
def _evaluate_file_cached(
    path: str, size: int, mtime_ns: int, period: str, deadline: dt.date | None, weights
) -> Evaluation:
    from workbench.bakohumas.evaluate import evaluate_period
    from workbench.bakohumas.reader import read_reports
    from workbench.bakohumas.weights import resolve_weights

    return evaluate_period(
        read_reports(path), period, deadline=deadline, weights=resolve_weights(weights)
    )


def make_office_report(
    data_path: str | Path,
    period: str,
    office: str,
    output_dir: str | Path,
    *,
    deadline: dt.date | None = None,
    weights: str | Path | None = None,
    **options,
) -> Path:
    """Read + evaluate (cached per process) + render one office's report.

    The per-office unit of work of the batch (``notebooks/office_report.ipynb``).

    Parameters
    ----------
    data_path : str or Path
        The quarterly report table (CSV/XLSX), read by
        :func:`~workbench.bakohumas.job.evaluate_file` (cached while unchanged).
    period : str
        The quarter, e.g. ``"2025-TW2"``.
    office : str
        The office's code, e.g. ``"35.28"``.
    output_dir : str or Path
        Folder receiving ``laporan.docx`` and ``perbandingan-median.png``.
    deadline : date, optional
        Submission deadline of ``period`` (default: the period's own), as for the province
        evaluation, so both documents agree on who was late.
    weights : str or Path, optional
        Scoring configuration file (default: ``workbench/bakohumas/weights.yaml``).
    options
        Passed to :func:`render_office_report` (``template``, ``tanggal``, ...).

    Returns
    -------
    Path
        The DOCX written.
    """

    from workbench.bakohumas.report import render_office_report

    evaluation = evaluate_file(data_path, period, deadline=deadline, weights=weights)
    return render_office_report(evaluation, get_office(office).kode, output_dir, **options)
