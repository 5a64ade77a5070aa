"""Every bound on user input, in one place, and the guards that enforce them.

Files from outside (meeting records, rosters, Zoom reports, quarterly reports, weights,
jobs tables, photos) are a trust boundary: each has a size limit, and going over it is bad
input (:class:`~workbench.errors.InputError`, exit code 2) naming the file, where it went
over, the limit, and how to split or shrink the input. ``docs/limits.md`` lists them all
with the reasoning; keep it in step with this module.

The values are sized from the largest real input plus a wide margin, so a user never meets
them with an honest file:

- KPU has 514 KPU Kabupaten/Kota and 38 KPU Provinsi offices (552 reporting offices, plus
  KPU RI);
- a national online rakor is the largest meeting: a few people from every office, with
  Zoom listing each reconnection as a row (~3,000 people, ~10,000 Zoom rows);
- Excel itself cannot hold more than 32,767 characters in one cell.

The guards here are the generic ones shared by several readers (file size, rows and cells,
YAML expansion, image formats); the Office containers (XLSX, DOCX) are guarded by
:mod:`workbench.office_guard` with the bounds from here; checks that belong to one reader
(photo pixels) live in that reader and take their limit from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import yaml

from workbench.errors import InputError

KB = 1024
MB = 1024 * KB

# ----------------------------------------------------------------------------- cells
#: Characters in one cell of a CSV or XLSX file. Excel's own maximum, so no cell typed in
#: Excel or LibreOffice is longer; a CSV field longer than this is not a table cell a person
#: wrote. (Python's ``csv`` module would stop at 131,072 with a traceback.)
MAX_CELL_CHARS = 32_767

# ----------------------------------------------------------------------------- attendance
#: Non-blank rows in one attendance file (roster CSV/XLSX, Zoom report, the ``Kehadiran``
#: sheet). The largest meeting, a national rakor of all 552 offices with ~5 people each and
#: Zoom's extra row per reconnection, is ~10,000 rows; twice that leaves room.
MAX_ATTENDANCE_ROWS = 20_000
#: Bytes of one attendance file: a CSV on disk, or an XLSX both on disk and unpacked. 20,000
#: rows of ~250 bytes (a Zoom row with e-mail and times is ~150) is ~5 MB.
MAX_ATTENDANCE_BYTES = 20 * MB

# ----------------------------------------------------------------------------- meeting record
#: Bytes of ``rapat.xlsx`` on disk and unpacked: it may carry the ``Kehadiran`` sheet, so it
#: has the attendance files' bound.
MAX_RECORD_XLSX_BYTES = MAX_ATTENDANCE_BYTES
#: Non-blank rows in one sheet of ``rapat.xlsx`` other than ``Kehadiran`` (materi points,
#: conclusions, follow-ups, photos). A record of 2,000 points is a book, not minutes.
MAX_RECORD_SHEET_ROWS = 2_000
#: Bytes of one documentation photo. A 48-megapixel phone JPEG is 10-25 MB.
MAX_PHOTO_BYTES = 50 * MB
#: Pixels of one documentation photo (width x height). 48-megapixel phone cameras (8000x6000)
#: pass; Pillow needs ~3 bytes per pixel to decode, so this caps a photo at ~150 MB of memory.
MAX_PHOTO_PIXELS = 50_000_000
#: Documentation photos of one meeting or one ``workbench photos`` folder. A full-day event
#: photographed in bursts is a few hundred; each is decoded at 1600 px (~6 MB of memory).
MAX_PHOTOS = 500

# ----------------------------------------------------------------------------- livestream
#: Bytes of one livestream recording. A 3-hour 1080p YouTube download is ~3-5 GB, an OBS
#: recording at 6 Mbit/s ~8 GB; the check reads only its index and a few packets.
MAX_VIDEO_BYTES = 16 * 1024 * MB
#: Seconds of one recording: a full-day event (8 hours) streamed as one file.
MAX_VIDEO_SECONDS = 8 * 3600
#: Pixels of one video frame (width x height): 4K (3840x2160) passes; a decoded frame is
#: ~1.5 bytes a pixel, and only a few are held at once.
MAX_VIDEO_PIXELS = 3840 * 2160

# ----------------------------------------------------------------------------- reports
#: Data rows in one quarterly-report table (one row per office and quarter): 552 offices x
#: 4 quarters x 20 years is 44,160.
MAX_REPORT_ROWS = 50_000
#: Bytes of one report table: a CSV on disk, or an XLSX both on disk and unpacked. The
#: national sample is ~640 bytes a row as CSV and ~1,250 a row unpacked from XLSX, so
#: 50,000 rows are ~65 MB.
MAX_REPORT_BYTES = 100 * MB
#: Files in one ``collect`` folder: one per office, 552 nationally.
MAX_REPORT_FILES = 1_000

# ----------------------------------------------------------------------------- workbooks
#: Largest unpacked/packed ratio of one XLSX part over :data:`ZIP_RATIO_FROM_BYTES`. Sheets
#: written by Excel, LibreOffice and openpyxl compress 5-20:1; a "zip bomb" part (one cell
#: of millions of repeated characters) is over 1,000:1.
MAX_ZIP_RATIO = 100
#: Parts smaller than this are not ratio-checked (tiny XML parts can compress very well).
ZIP_RATIO_FROM_BYTES = 1 * MB
#: Parts (zip members) of one XLSX or DOCX. Excel/Word/LibreOffice files hold 10-40; a
#: template with a few dozen pictures stays under 100.
MAX_OFFICE_PARTS = 1_000
#: Rows one table spans, blank or not: CSV lines parsed, and the last row one sheet reaches
#: (its ``<dimension>``, and every row and cell present: openpyxl builds or pads every row up
#: to it). Every reader walks blank rows several times (~20 us each), so only non-blank rows
#: counted let 20 MB of newlines run for minutes. Twice the largest data-row bound
#: (:data:`MAX_REPORT_ROWS`), so blank rows between and below a full table still pass.
MAX_TABLE_ROWS = 100_000
#: Last column one sheet reaches. Our widest table (the quarterly report) has 18 columns;
#: 256 is Excel 2003's own limit (column IV).
MAX_SHEET_COLUMNS = 256
#: Cells of the grid one sheet spans (last row x last column), blank or not: openpyxl makes
#: one object per cell of it (a roster spanning 1,000,000 cells, nearly all blank, takes
#: ~22 s and ~300 MB to read). A national report is 50,000 x 18 = 900,000.
MAX_SHEET_CELLS = 1_000_000

# ----------------------------------------------------------------------------- templates
#: Bytes of one DOCX template, on disk and unpacked. The bundled templates are 40-60 KB; a
#: kop with a few high-resolution logos is a few MB.
MAX_TEMPLATE_BYTES = 20 * MB
#: Bytes of one XML part of a DOCX template once unpacked (``document.xml``, a header...).
#: The bundled templates' largest is ~800 KB (``styles.xml`` of ``laporan-satker.docx``);
#: docxtpl holds each several times over while it patches, renders and re-parses it.
MAX_DOCX_XML_BYTES = 5 * MB

# ----------------------------------------------------------------------------- images
#: Pillow formats an image (photo, kop, cover) is opened as, whatever its name says; the
#: formats docs/foto.md lists. Pillow would otherwise try every plugin it has (a ".jpg"
#: holding PostScript reaches the EPS plugin, which runs Ghostscript). ``HEIF`` is opened
#: when ``pillow-heif`` is installed (:mod:`workbench.heif`). Add a format here, nowhere else.
IMAGE_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "HEIF")

# ----------------------------------------------------------------------------- YAML
#: Bytes (characters, for text already read) of one YAML document: ``meeting.yaml``, a
#: ``--bobot`` weights file, a jobs table, a YAML cell. The sample meeting record is 6 KB and
#: a long one (30 materi of 20 points) under 100 KB; a jobs table of 552 offices with ten
#: values each is ~150 KB.
MAX_YAML_BYTES = 1 * MB
#: Nodes of one YAML document counted with every alias expanded (``*a`` counts as the whole
#: ``&a`` value again). A meeting record is ~500 nodes, a national jobs table ~12,000; a
#: 1 KB "billion laughs" document expands to 10^9.
MAX_YAML_NODES = 100_000
#: Nesting depth of one YAML document. Real files nest 3-6 levels; the limit keeps every
#: reader's recursion far from Python's (deeper nesting used to raise RecursionError).
MAX_YAML_DEPTH = 50


# ============================================================================= guards
# --- batch jobs tables -------------------------------------------------------
#: Rows of a jobs table (`workbench batch --jobs`): one job per office per period; 514 offices
#: nationally, so 10,000 rows is a national table of every office for ~20 periods.
MAX_JOB_ROWS = 10_000
#: Size of a jobs table on disk (and unpacked, for XLSX): 10,000 rows of ~1 KB of parameters.
MAX_JOB_BYTES = 10 * MB

# --- batch --resume ----------------------------------------------------------
#: Input files hashed for one job's ``--resume`` state (parameter values naming files, plus
#: the caller's shared inputs). A report job reads ~3; a job naming more is never skipped.
MAX_RESUME_FILES = 200
#: Bytes of one file hashed for ``--resume`` (inputs and outputs): sha256 ran at ~160 MB/s on
#: the 2-core CI machine, so the bound costs ~1.6 s a file (memory: one 1 MB block). A national
#: report table is ~65 MB. A larger file is not hashed: its job always reruns.
MAX_RESUME_FILE_BYTES = 256 * MB
#: Output files of one job hashed for ``--resume`` (a report writes ~6).
MAX_RESUME_OUTPUTS = 2_000

# --- posting logs (`workbench posts`) ----------------------------------------
#: Rows of a posting log: 552 offices × 4 platforms × ~20 events a quarter ≈ 44,000 rows for a
#: national quarter; 50,000 covers it.
MAX_POSTS_ROWS = 50_000
#: Size of a posting log on disk (and unpacked, for XLSX): 50,000 rows of ≤ 300 bytes (the
#: link is most of a row) ≈ 15 MB; 20 MB.
MAX_POSTS_BYTES = 20 * MB

# --- the web app's uploads (`workbench app`) ---------------------------------
#: Attendance files one browser session holds: one per platform report or roster; a national
#: rakor has a few reports and rosters, 50 is far above.
MAX_APP_ATTENDANCE_FILES = 50
#: A zip of photos or of the offices' submissions, all entries unpacked: 500 phone photos of
#: ~4 MB, or 552 submissions of a few MB; 2 GB.
MAX_APP_ZIP_BYTES = 2048 * MB
#: One upload message (every file of one selection together), the websocket's own bound
#: (Voilà drops a bigger message silently; the page says to upload in parts).
MAX_APP_UPLOAD_BYTES = 256 * MB


def size_text(n: int) -> str:
    """A byte count as users read it: '20 MB', '1,5 MB', '512 KB'."""
    from workbench.indonesian import angka

    if n >= MB:
        value, unit = n / MB, "MB"
    else:
        value, unit = n / KB, "KB"
    return f"{angka(round(value, 1))} {unit}"


def count_text(n: int) -> str:
    """'20.000' (Indonesian digit grouping)."""
    from workbench.indonesian import angka

    return angka(n)


def too_big(size: int, limit: int, *, file, what: str, fix: str) -> InputError:
    """The error for a file over its byte limit."""
    return InputError(
        f"{what} terlalu besar: {size_text(size)} (batas {size_text(limit)})", file=file, fix=fix
    )


def read_limited(path: Path, limit: int, *, file=None, what: str = "berkas", fix: str) -> bytes:
    """The bytes of ``path``, refusing a file over ``limit`` bytes before reading it.

    ``OSError`` is left to the caller (each reader words "cannot read" its own way).
    """
    size = path.stat().st_size
    if size > limit:
        raise too_big(size, limit, file=file or path, what=what, fix=fix)
    with path.open("rb") as f:
        data = f.read(limit + 1)  # the file may have grown since stat()
    if len(data) > limit:
        raise too_big(len(data), limit, file=file or path, what=what, fix=fix)
    return data


def open_image(fp):
    """``PIL.Image.open(fp)`` for only the :data:`IMAGE_FORMATS` (those registered); a file
    in any other format raises ``PIL.UnidentifiedImageError`` like one Pillow cannot read."""
    from PIL import Image

    from workbench.heif import register_heif

    register_heif()  # HEIF joins Pillow's openers when pillow-heif is installed
    Image.init()
    formats = [f for f in IMAGE_FORMATS if f in Image.OPEN]
    return Image.open(fp, formats=formats)


def cell_too_long(
    length: int,
    *,
    file,
    row: int | None,
    column: int | None = None,
    row_label: str = "baris",
    over: bool = False,
) -> InputError:
    """The error for a cell of ``length`` (``over``: more than ``length``) characters, over
    :data:`MAX_CELL_CHARS` (``column`` counted from 1, when known)."""
    where = f" di kolom ke-{column}" if column is not None else ""
    amount = ("lebih dari " if over else "") + count_text(length)
    return InputError(
        f"sel{where} berisi {amount} karakter (batas {count_text(MAX_CELL_CHARS)} karakter "
        "per sel)",
        file=file,
        row=row,
        row_label=row_label,
        fix="periksa sel itu (mungkin seluruh dokumen tertempel ke satu sel, atau tanda kutip "
        "tidak ditutup); pindahkan teks panjang ke dokumen terpisah",
    )


def limited_rows(
    rows: Iterable[tuple[int, Sequence[Any]]],
    *,
    file,
    max_rows: int | None,
    fix: str,
    what: str = "berkas",
    row_label: str = "baris",
) -> Iterator[tuple[int, Sequence[Any]]]:
    """Pass ``(row_number, cells)`` through, refusing a cell over :data:`MAX_CELL_CHARS`,
    more than ``max_rows`` non-blank rows (None: no such bound) and more than
    :data:`MAX_TABLE_ROWS` rows blank or not."""
    filled = parsed = 0
    for number, cells in rows:
        parsed += 1
        if parsed > MAX_TABLE_ROWS:
            raise InputError(
                f"{what} berisi lebih dari {count_text(MAX_TABLE_ROWS)} baris, kosong atau tidak "
                f"(batas {count_text(MAX_TABLE_ROWS)}; terlampaui di {row_label} {number})",
                file=file,
                fix="hapus baris kosong di bawah tabel, lalu simpan ulang; " + fix,
            )
        for index, value in enumerate(cells):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise cell_too_long(
                    len(value), file=file, row=number, column=index + 1, row_label=row_label
                )
        if max_rows is not None and any(v is not None and str(v).strip() for v in cells):
            filled += 1
            if filled > max_rows:
                raise InputError(
                    f"{what} berisi lebih dari {count_text(max_rows)} baris data (batas "
                    f"{count_text(max_rows)}; terlampaui di {row_label} {number})",
                    file=file,
                    fix=fix,
                )
        yield number, cells


# ----------------------------------------------------------------------------- numbers
def finite_number(value: object, *, field: str, fix: str, file=None) -> float:
    """``value`` as a finite ``float``; ``.nan``/``.inf`` (YAML), ``nan``/``inf`` (an option)
    or a non-number are bad input. Every comparison with NaN is false, so a range check alone
    lets it through (``--min-share nan`` flagged nobody; a NaN weight ranked every office 1).
    """
    import math

    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number):
        raise InputError(
            f"nilai {value!r} bukan bilangan terhingga", field=field, fix=fix, file=file
        )
    return number


# ----------------------------------------------------------------------------- YAML
class _YamlLimit(Exception):
    """A YAML document over a limit (converted to InputError by :func:`yaml_compose`)."""

    def __init__(self, problem: str, fix: str, mark):
        super().__init__(problem)
        self.problem, self.fix, self.mark = problem, fix, mark


_ANCHOR_FIX = (
    "hapus anchor dan alias (&nama, *nama) dan tulis nilainya langsung; berkas ini "
    "tidak memerlukannya"
)


class BoundedSafeLoader(yaml.SafeLoader):
    """:class:`yaml.SafeLoader` refusing documents over :data:`MAX_YAML_NODES` nodes (aliases
    expanded), nested deeper than :data:`MAX_YAML_DEPTH`, or with a self-referencing anchor.

    Counting happens while the node tree is composed, before anything is constructed: an
    alias adds the expanded size of the node it names (known, since that node is complete),
    so a "billion laughs" document is refused after reading a few lines, wherever it sits.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._expanded = 0
        self._sizes: dict[int, int] = {}  # id(node) -> expanded size, once complete

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None:
                size = self._sizes.get(id(target))
                if size is None:
                    raise _YamlLimit(
                        f"alias '*{event.anchor}' merujuk ke dirinya sendiri "
                        "(struktur tak berujung)",
                        _ANCHOR_FIX,
                        event.start_mark,
                    )
                self._grow(size, event.start_mark)
            return super().compose_node(parent, index)
        mark = self.peek_event().start_mark
        self._depth += 1
        if self._depth > MAX_YAML_DEPTH:
            raise _YamlLimit(
                f"struktur bersarang lebih dari {MAX_YAML_DEPTH} tingkat",
                "kurangi tingkat indentasi/kurung bersarang; berkas yang sah "
                "hanya beberapa tingkat",
                mark,
            )
        start = self._expanded
        self._grow(1, mark)
        node = super().compose_node(parent, index)
        self._depth -= 1
        self._sizes[id(node)] = self._expanded - start
        return node

    def construct_object(self, node, deep=False):
        """PyYAML's construction, a value it cannot build (``2025-13-45`` read as a date, an
        int of 5,000 digits, a float overflow) refused as bad input naming its line rather
        than raised as a bare ``ValueError`` (a traceback, exit 1)."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError, ArithmeticError, TypeError) as e:
            raise _YamlLimit(
                f"nilai '{_shown(node)}' tidak dapat dibaca ({_reason(e)})",
                "tulis tanggal sebagai TAHUN-BULAN-HARI yang ada (mis. 2025-07-17) dan angka "
                "dengan paling banyak 4.300 digit; apit nilai dengan tanda kutip bila "
                "maksudnya teks",
                node.start_mark,
            ) from e

    def _grow(self, nodes: int, mark) -> None:
        self._expanded += nodes
        if self._expanded > MAX_YAML_NODES:
            raise _YamlLimit(
                f"isi YAML melebihi batas {count_text(MAX_YAML_NODES)} nilai bila setiap alias "
                "(*nama) diuraikan",
                _ANCHOR_FIX + "; bila memang sebesar itu, bagi berkasnya",
                mark,
            )


def _shown(node) -> str:
    value = node.value if isinstance(node.value, str) else node.tag
    return value if len(value) <= 40 else value[:37] + "..."


def _reason(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    if "digits" in text and "int" in text:
        return "bilangan bulat terlalu panjang"
    if "month" in text or "day" in text or "year" in text:
        return "tanggal tidak ada di kalender"
    return text[:80]


def yaml_compose(text: str, *, file=None) -> yaml.Node | None:
    """The node tree of one YAML document, within the limits of :class:`BoundedSafeLoader`.

    Raises
    ------
    InputError
        A document over :data:`MAX_YAML_BYTES` or a limit of the loader (file, line, limit).
    yaml.YAMLError
        Syntax errors, left to the caller's own wording.
    """
    return _bounded(text, file, lambda loader: loader.get_single_node())


def yaml_load(text: str, *, file=None) -> Any:
    """Like ``yaml.safe_load(text)`` within the limits of :class:`BoundedSafeLoader`.

    Use this (never ``yaml.safe_load``/``yaml.load``) for any YAML from outside.
    Raises as :func:`yaml_compose`.
    """
    return _bounded(text, file, lambda loader: loader.get_single_data())


def yaml_syntax_error(
    error: yaml.YAMLError, *, file, problem: str = "YAML tidak sah: {}.", fix: str | None = None
) -> InputError:
    """A YAML syntax error as bad input: ``problem`` (with ``{}`` for the parser's reason),
    the file and the line the parser stopped at."""
    mark = getattr(error, "problem_mark", None)
    return InputError(
        problem.format(getattr(error, "problem", error)),
        file=file,
        row=mark.line + 1 if mark else None,
        fix=fix,
    )


def _bounded(text: str, file, read) -> Any:
    if len(text) > MAX_YAML_BYTES:
        raise InputError(
            f"teks YAML terlalu panjang: {count_text(len(text))} karakter (batas "
            f"{count_text(MAX_YAML_BYTES)})",
            file=file,
            fix="bagi isinya menjadi beberapa berkas",
        )
    loader = BoundedSafeLoader(text)
    try:
        return read(loader)
    except _YamlLimit as e:
        raise InputError(
            e.problem, file=file, row=e.mark.line + 1 if e.mark else None, fix=e.fix
        ) from e
    finally:
        loader.dispose()
