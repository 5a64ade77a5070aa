"""The jobs table: one row per job, one column per notebook parameter.

Reads CSV, XLSX or YAML (a list of mappings), converts every value to the
type of the parameter's default in the notebook and names each job's folder.
All problems are collected and raised together as :class:`InputErrors`
before anything runs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from workbench.batch.notebook import Parameter
from workbench.batch.translate import PLAIN_FIX, UnsafeValue, plain_value
from workbench.errors import InputError, InputErrors, did_you_mean
from workbench.limits import (
    MAX_CELL_CHARS,
    MAX_JOB_BYTES,
    MAX_JOB_ROWS,
    cell_too_long,
    count_text,
    read_limited,
    yaml_compose,
    yaml_load,
    yaml_syntax_error,
)
from workbench.office_guard import check_workbook
from workbench.text import slugify, yes_no

#: The optional column that names each job's folder.
JOB_COLUMN = "job"


@dataclass(frozen=True)
class Job:
    """One run of the notebook (immutable: a changed job is a new one, ``dataclasses.replace``).

    Attributes
    ----------
    name:
        Filesystem-safe folder name (unique in the batch).
    parameters:
        Converted parameter values (empty cells left out: the notebook default applies).
    row:
        Where the job is in the jobs file, as the user sees it (CSV line,
        spreadsheet row, YAML line).
    out_dir:
        The folder the job runs into (set by :func:`workbench.batch.run.run_batch`:
        ``DIR/<name>``, then its staging folder); ``None`` until then.
    """

    name: str
    parameters: dict[str, Any]
    row: int
    out_dir: Path | None = field(default=None, compare=False)

    @property
    def folder(self) -> Path:
        """:attr:`out_dir`, which an engine's job always has (``ValueError`` otherwise)."""
        if self.out_dir is None:
            raise ValueError(f"pekerjaan '{self.name}' belum punya folder (Job.into)")
        return self.out_dir

    def into(self, folder: Path, declared: Iterable[str] = ()) -> Job:
        """This job running into ``folder``: its ``out_dir``, and its ``output_dir``
        parameter when the notebook declares one (``declared``: its parameter names)."""
        parameters = dict(self.parameters)
        if "output_dir" in declared:
            parameters["output_dir"] = str(folder)
        return replace(self, parameters=parameters, out_dir=folder)


def read_jobs(path: str | Path, parameters: dict[str, Parameter]) -> list[Job]:
    """Read and validate the jobs table at ``path`` against the notebook's parameters."""
    path = Path(path)
    rows = read_rows(path)
    if not rows:
        raise InputError(
            "tabel pekerjaan kosong.",
            file=path,
            fix="Isi satu baris per pekerjaan, satu kolom per parameter.",
        )
    rows = _canonical_columns(rows, parameters)
    errors = _check_columns(path, rows, parameters)
    jobs: list[Job] = []
    for row, record in rows:
        values: dict[str, Any] = {}
        for column, raw in record.items():
            if column not in parameters:
                continue
            try:
                value = convert(raw, parameters[column].type)
            except UnsafeValue as e:
                errors.append(InputError(f"{e}.", file=path, row=row, field=column, fix=PLAIN_FIX))
                continue
            except ValueError as e:
                errors.append(
                    InputError(
                        str(e),
                        file=path,
                        row=row,
                        field=column,
                        fix=_fix_for(parameters[column].type),
                    )
                )
                continue
            if value is not None:
                values[column] = value
        jobs.append(Job(name=str(record.get(JOB_COLUMN) or ""), parameters=values, row=row))
    if errors:
        raise InputErrors(errors)
    jobs = name_jobs(jobs)
    bad_names = [
        InputError(problem, file=path, row=job.row, field=JOB_COLUMN, fix=FOLDER_NAME_FIX)
        for job in jobs
        if (problem := folder_name_problem(job.name))
    ]
    if bad_names:
        raise InputErrors(bad_names)
    return jobs


def _canonical_columns(
    rows: list[tuple[int, dict[str, Any]]], parameters: dict[str, Parameter]
) -> list[tuple[int, dict[str, Any]]]:
    """Headers as typed in a spreadsheet (' Job', 'OUTPUT_DIR') mapped to the parameter
    names they unambiguously mean; other headers are left for the unknown-column check."""
    names = [JOB_COLUMN, *parameters]
    by_folded: dict[str, list[str]] = {}
    for name in names:
        by_folded.setdefault(_fold(name), []).append(name)

    def canonical(column: str) -> str:
        if column in names:
            return column
        matches = by_folded.get(_fold(column), [])
        return matches[0] if len(matches) == 1 else column

    return [(row, {canonical(c): v for c, v in record.items()}) for row, record in rows]


def _fold(header: Any) -> str:
    """'Tanggal Surat', ' NIP-penandatangan ' -> 'tanggal_surat', 'nip_penandatangan'."""
    return re.sub(r"[\s\-]+", "_", str(header).strip()).casefold()


def _check_columns(
    path: Path, rows: list[tuple[int, dict[str, Any]]], parameters: dict[str, Parameter]
) -> list[InputError]:
    columns = list(dict.fromkeys(c for _, r in rows for c in r))
    errors = []
    for column in columns:
        if column != JOB_COLUMN and column not in parameters:
            errors.append(
                InputError(
                    f"kolom '{column}' bukan parameter notebook{did_you_mean(column, parameters)}.",
                    file=path,
                    row=None if path.suffix.lower() in (".yaml", ".yml") else 1,
                    field=column,
                    fix="Parameter yang tersedia: "
                    + ", ".join(parameters)
                    + f"; kolom '{JOB_COLUMN}' (opsional) menamai folder tiap pekerjaan.",
                )
            )
    return errors


#: Names Windows reserves for devices, with or without an extension, in any case
#: (``con``, ``NUL.txt``, ``com1``, ``lpt9``; superscript digits count too).
_RESERVED = re.compile(
    r"^(con|prn|aux|nul|conin\$|conout\$|clock\$|com[1-9\u00b9\u00b2\u00b3]"
    r"|lpt[1-9\u00b9\u00b2\u00b3])(\..*)?$",
    re.IGNORECASE,
)

FOLDER_NAME_FIX = (
    "Beri nama folder lain di kolom 'job' (mis. tambahkan awalan: 'kantor-con'); "
    "nama perangkat Windows (con, prn, aux, nul, com1-com9, lpt1-lpt9) tidak dapat "
    "menjadi nama folder."
)


def folder_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a job's folder on every system we support, or ``None``.

    Refused: empty, ``.``/``..``, a path separator, a leading dot (hidden, and the
    batch's own staging names start with one), a trailing dot or space, and the
    device names Windows reserves.
    """
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        return f"nama folder pekerjaan '{name}' tidak sah."
    if name.startswith("."):
        return f"nama folder pekerjaan '{name}' diawali titik (folder tersembunyi)."
    if name[-1] in ". ":
        return f"nama folder pekerjaan '{name}' diakhiri titik atau spasi (tidak sah di Windows)."
    if _RESERVED.match(name):
        return f"nama folder pekerjaan '{name}' adalah nama perangkat yang dicadangkan Windows."
    return None


def name_jobs(jobs: list[Job]) -> list[Job]:
    """Give every job a unique, filesystem-safe folder name (001, 002… when unnamed)."""
    width = max(3, len(str(len(jobs))))
    seen: dict[str, int] = {}
    named = []
    for number, job in enumerate(jobs, start=1):
        base = slugify(job.name) if job.name.strip() else f"{number:0{width}d}"
        name = base
        while name in seen:
            seen[base] += 1
            name = f"{base}-{seen[base]}"
        seen.setdefault(name, 1)
        named.append(replace(job, name=name))
    return named


# --- conversion -----------------------------------------------------------------


def convert(raw: Any, kind: str) -> Any:
    """Convert one table value to ``kind`` (see ``PARAMETER_TYPES``); ``None`` when empty.

    Raises ``ValueError`` with an Indonesian message when the value does not fit, and
    :class:`~workbench.batch.translate.UnsafeValue` (a ``ValueError``) when it is not plain
    data (see :func:`~workbench.batch.translate.plain_value`), e.g. a YAML ``!!set``.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = raw.strip() if isinstance(raw, str) else raw
    if not isinstance(text, (str, int, float, bool, dt.date, dt.time)):
        plain_value(text)  # a !!set, !!binary, tuple… is refused as typed, not as str() of it
    value = _CONVERTERS[kind](text)
    return value if isinstance(value, dt.date) else plain_value(value)


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan bilangan bulat.")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return int(str(value).replace(".", "") if _looks_grouped(str(value)) else str(value))
    except ValueError:
        raise ValueError(f"'{value}' bukan bilangan bulat.") from None


def _looks_grouped(text: str) -> bool:
    """'1.234.567' (Indonesian thousands separators)."""
    parts = text.lstrip("-").split(".")
    return (
        len(parts) > 1 and all(p.isdigit() for p in parts) and all(len(p) == 3 for p in parts[1:])
    )


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan angka.")
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an int of hundreds of digits
            raise ValueError(f"'{value}' terlalu besar.") from None
    else:
        text = str(value)
        if "," in text and "." not in text:  # Indonesian decimal comma: 1,5
            text = text.replace(",", ".")
        try:
            number = float(text)
        except (ValueError, OverflowError):
            raise ValueError(f"'{value}' bukan angka.") from None
    if not math.isfinite(number):  # nan/inf: every comparison in the notebook false
        raise ValueError(f"'{value}' bukan bilangan terhingga.")
    return number


def _to_bool(value: Any) -> bool:
    answer = yes_no(value)  # workbench.text.YES_WORDS / NO_WORDS, as in report tables
    if answer is None:
        raise ValueError(f"'{value}' bukan nilai ya/tidak.")
    return answer


def _to_str(value: Any) -> str:
    if isinstance(value, (list, dict)):
        raise ValueError("berisi daftar/pemetaan, padahal parameter ini teks.")
    if isinstance(value, float) and abs(value) >= 2**53:
        # A spreadsheet stored a long code (a NIP has 18 digits) as a number: its last
        # digits are already lost.
        raise ValueError(
            f"angka {value:.0f} terlalu panjang untuk disimpan sebagai angka; "
            "digit terakhirnya sudah hilang"
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{value}' bukan tanggal (tulis 2025-07-17 atau 17/07/2025).")


def _to_container(kind: type):
    def convert_container(value: Any) -> Any:
        if isinstance(value, str):
            import yaml

            try:
                value = yaml_load(value)
            except yaml.YAMLError:
                pass
            except InputError as e:  # over a YAML bound; the caller adds row and column
                raise ValueError(e.problem) from None
        if not isinstance(value, kind):
            what = "daftar [a, b]" if kind is list else "pemetaan {kunci: nilai}"
            raise ValueError(f"'{value}' bukan {what}.")
        return value

    return convert_container


_CONVERTERS = {
    "int": _to_int,
    "float": _to_float,
    "bool": _to_bool,
    "str": _to_str,
    "date": _to_date,
    "list": _to_container(list),
    "dict": _to_container(dict),
    "any": lambda v: v,
}

_FIXES = {
    "int": "Tulis bilangan bulat, misalnya 12.",
    "float": "Tulis angka, misalnya 1.5 atau 1,5.",
    "bool": "Tulis ya/tidak, true/false, atau 1/0.",
    "date": "Tulis tanggal seperti 2025-07-17 atau 17/07/2025.",
    "list": "Tulis daftar seperti [a, b].",
    "dict": "Tulis pemetaan seperti {a: 1}.",
    "str": "Format sel itu sebagai Teks di Excel (atau awali dengan ') lalu ketik ulang isinya.",
}


def _fix_for(kind: str) -> str | None:
    return _FIXES.get(kind)


# --- readers --------------------------------------------------------------------


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a CSV/XLSX/YAML jobs file as ``(row number as the user sees it, record)``."""
    if not path.is_file():
        raise InputError("tabel pekerjaan tidak ditemukan.", file=path)
    suffix = path.suffix.lower()
    readers = {".csv": _read_csv, ".xlsx": _read_xlsx, ".yaml": _read_yaml, ".yml": _read_yaml}
    if suffix not in readers:
        raise InputError(
            f"format '{suffix}' tidak didukung.",
            file=path,
            fix="Gunakan tabel pekerjaan berformat CSV, XLSX atau YAML.",
        )
    rows = [
        (row, {str(k).strip(): v for k, v in rec.items()})
        for row, rec in readers[suffix](path)
        if any(v not in (None, "") for v in rec.values())
    ]
    if len(rows) > MAX_JOB_ROWS:
        raise InputError(
            f"tabel pekerjaan berisi {count_text(len(rows))} pekerjaan (batas "
            f"{count_text(MAX_JOB_ROWS)}).",
            file=path,
            row=rows[MAX_JOB_ROWS][0],
            fix="Bagi tabel menjadi beberapa berkas (mis. per provinsi) dan jalankan "
            "masing-masing dengan --out yang sama atau berbeda.",
        )
    return rows


def _table_bytes(path: Path) -> bytes:
    """The jobs table's bytes, refused over :data:`workbench.limits.MAX_JOB_BYTES`."""
    return read_limited(
        path,
        MAX_JOB_BYTES,
        what="tabel pekerjaan",
        fix="Bagi tabel menjadi beberapa berkas (mis. per provinsi).",
    )


def _read_csv(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    from workbench.csvtext import decode_text

    text = decode_text(_table_bytes(path), file=path)  # strict: one encoding or bad input
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if reader.fieldnames is None:
        return []
    rows = []
    try:
        for record in reader:
            if None in record:
                raise InputError(
                    "baris ini berisi lebih banyak nilai daripada kolom judul.",
                    file=path,
                    row=reader.line_num,
                    fix="Periksa pemisah (koma/titik koma) dan tanda kutip.",
                )
            _check_cells(path, reader.line_num, record.values())
            rows.append((reader.line_num, record))
    except csv.Error as e:  # a field over csv.field_size_limit() characters
        raise cell_too_long(
            csv.field_size_limit(), file=path, row=reader.line_num + 1, over=True
        ) from e
    return rows


def _check_cells(path: Path, row: int, values: Iterable[Any]) -> None:
    """Refuse a cell over :data:`workbench.limits.MAX_CELL_CHARS` characters."""
    for value in values:
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise cell_too_long(len(value), file=path, row=row)


def _read_xlsx(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    import openpyxl

    check_workbook(
        path, MAX_JOB_BYTES, fix="Bagi tabel menjadi beberapa berkas (mis. per provinsi)."
    )
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:
        raise InputError(f"berkas Excel tidak dapat dibaca ({e}).", file=path) from e
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        records = []
        for number, values in enumerate(rows, start=2):
            _check_cells(path, number, values)
            records.append((number, {h: v for h, v in zip(header, values) if h}))
        return records
    finally:
        book.close()


def _read_yaml(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    import yaml

    from workbench.csvtext import decode_text

    text = decode_text(_table_bytes(path), file=path)
    try:  # bounded: alias expansion, depth and size (workbench.limits)
        node = yaml_compose(text, file=path)
        data = yaml_load(text, file=path)
    except yaml.YAMLError as e:
        raise yaml_syntax_error(e, file=path) from e
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise InputError(
            "YAML pekerjaan harus berupa daftar pemetaan (satu '- ' per pekerjaan).",
            file=path,
            fix="Contoh:\n  - job: pamekasan\n    kode: '35.28'",
        )
    items = node.value if node is not None else []  # a list was loaded: a node was composed
    return [(item.start_mark.line + 1, record) for item, record in zip(items, data)]


def canonical_json(parameters: dict[str, Any]) -> str:
    """Parameters as canonical JSON (sorted keys; dates as ISO text)."""
    return json.dumps(parameters, sort_keys=True, ensure_ascii=False, default=_to_str)
