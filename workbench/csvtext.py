"""Decoding and splitting the CSV files users bring (shared by the roster, Zoom and report readers).

Files come from Google Forms and Zoom (UTF-8, sometimes with a byte-order mark), from
Excel's "Unicode text" (UTF-16 with a byte-order mark) or from Excel on an
Indonesian-locale machine (Windows-1252, ``;`` as the separator).

Decoding is strict (:func:`decode_text`): a file is read in one encoding or refused, never
silently re-decoded. The rule, in order:

1. a byte-order mark decides: UTF-8 (``EF BB BF``) or UTF-16 (``FF FE`` / ``FE FF``);
   UTF-16 without one is recognised by its NUL bytes (every other byte of ASCII text);
2. otherwise UTF-8 when the whole file decodes as UTF-8;
3. otherwise Windows-1252 when the file holds *no* valid multi-byte UTF-8 sequence at all
   (an old Excel CSV: every non-ASCII byte is a single Windows-1252 character);
4. otherwise the file is UTF-8 with a few damaged bytes (e.g. one name pasted from an old
   file): bad input naming the line and byte, because reading it as Windows-1252 would
   garble every correctly written accented name.

Sizes are bounded (:mod:`workbench.limits`): the file's bytes before reading, each cell's
length and the number of rows while parsing.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path
from typing import Iterator

from workbench.errors import InputError
from workbench.limits import MAX_ATTENDANCE_BYTES, cell_too_long, limited_rows, read_limited
from workbench.text import header_key as header_key  # re-exported for the attendance readers

#: Separators tried, in order of preference when counts tie.
DELIMITERS: tuple[str, ...] = (",", ";", "\t")
#: How to split an attendance file that is over a limit.
SPLIT_ATTENDANCE_FIX = (
    "bagi berkas menjadi beberapa berkas (mis. per provinsi atau per sesi) "
    "lalu berikan masing-masing dengan --attendance/-a"
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: A character decoded from a valid multi-byte UTF-8 sequence (not an escaped bad byte).
_UTF8_MULTIBYTE = re.compile("[\u0080-\ud7ff\ue000-\U0010ffff]")
_BAD_BYTES = re.compile("[\udc80-\udcff]+")
_RESAVE_FIX = (
    "simpan ulang berkas sebagai CSV UTF-8 (Excel: Save As > 'CSV UTF-8'; "
    "LibreOffice: Character set 'Unicode (UTF-8)') lalu periksa huruf di baris itu"
)


def read_text(
    path: str | Path, *, max_bytes: int = MAX_ATTENDANCE_BYTES, fix: str = SPLIT_ATTENDANCE_FIX
) -> str:
    """The file's text (see :func:`decode_text`), refusing a file over ``max_bytes``.

    Raises
    ------
    InputError
        When the file cannot be read, is too big (``fix`` says how to split it), or is
        not text in one encoding.
    """
    path = Path(path)
    try:
        data = read_limited(path, max_bytes, file=path, fix=fix)
    except OSError as e:
        raise InputError(
            f"berkas tidak dapat dibaca ({e.strerror or e})",
            file=path,
            fix="periksa nama dan lokasi berkas",
        ) from e
    return decode_text(data, file=path)


def decode_text(data: bytes, *, file=None) -> str:
    """``data`` decoded strictly by the rule in the module docstring.

    Raises
    ------
    InputError
        Bytes invalid in the encoding chosen, naming the line and byte offset.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode(data, codec, file)
    nul_codec = _utf16_without_bom(data)
    if nul_codec:
        return _decode(data, nul_codec, file)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first = e
    escaped = data.decode("utf-8", errors="surrogateescape")
    if not _UTF8_MULTIBYTE.search(escaped):
        return _decode(data, "cp1252", file)
    places = len(_BAD_BYTES.findall(escaped))
    raise InputError(
        f"berkas berenkode UTF-8 tetapi {places} tempat berisi byte yang bukan UTF-8; yang "
        f"pertama di baris {_line_at(data, first.start, 'utf-8')}, byte ke-{first.start + 1} "
        f"(0x{data[first.start]:02X}); berkas tidak dibaca agar huruf beraksen tidak rusak",
        file=file,
        fix=_RESAVE_FIX,
    ) from first


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for UTF-16 text saved without a byte-order mark (every other
    byte of its first characters NUL), else None. Text never holds NUL otherwise."""
    head = data[:400]
    if len(head) < 4 or head.count(0) < len(head) // 4:
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd > 3 * max(even, 1):
        return "utf-16-le"
    if even > 3 * max(odd, 1):
        return "utf-16-be"
    return None


def _decode(data: bytes, codec: str, file) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        name = {
            "utf-8-sig": "UTF-8",
            "utf-16": "UTF-16",
            "utf-16-le": "UTF-16 LE (tanpa BOM)",
            "utf-16-be": "UTF-16 BE (tanpa BOM)",
            "cp1252": "Windows-1252",
        }[codec]
        raise InputError(
            f"berkas berenkode {name} tetapi berisi byte yang tidak sah di baris "
            f"{_line_at(data, e.start, codec)}, byte ke-{e.start + 1} (0x{data[e.start]:02X})",
            file=file,
            fix=_RESAVE_FIX,
        ) from e


def _line_at(data: bytes, offset: int, codec: str) -> int:
    """The 1-based line holding byte ``offset`` of ``data`` (encoded in ``codec``)."""
    return data[:offset].decode(codec, errors="replace").count("\n") + 1


def sniff_delimiter(line: str) -> str:
    """The separator of a header line: whichever of ``, ; TAB`` occurs most (``,`` on a tie)."""
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def delimiter_line(text: str, look: int = 20) -> str:
    """The line to sniff the separator on: the first non-blank line, unless it holds no
    separator at all (a Teams report's "1. Summary" title), then the one with the most
    separators of the next ``look`` non-blank lines."""
    lines = [line for line in text.splitlines()[: look * 4] if line.strip()][: look + 1]
    if not lines:
        return ""
    if any(d in lines[0] for d in DELIMITERS):
        return lines[0]
    return max(lines, key=lambda line: max(line.count(d) for d in DELIMITERS))


def first_line(text: str) -> str:
    """The first non-blank line of ``text`` ('' when there is none)."""
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def csv_rows(
    text: str,
    delimiter: str | None = None,
    *,
    file=None,
    max_rows: int | None = None,
    fix: str = SPLIT_ATTENDANCE_FIX,
) -> list[tuple[int, list[str]]]:
    """Parse ``text`` into ``(line_number, cells)`` pairs, cells stripped.

    ``line_number`` is the 1-based line where the row starts, as a text editor shows it.
    Blank lines are kept as empty cell lists so callers can see block boundaries.

    Raises
    ------
    InputError
        A cell over :data:`~workbench.limits.MAX_CELL_CHARS`, more than ``max_rows``
        non-blank rows (None: unbounded; ``fix`` says how to split), or text the CSV
        parser rejects (``file`` is named in the message).
    """
    rows = limited_rows(_parse(text, delimiter, file), file=file, max_rows=max_rows, fix=fix)
    return [(start, [c.strip() for c in cells]) for start, cells in rows]


def _parse(text: str, delimiter: str | None, file) -> Iterator[tuple[int, list[str]]]:
    delimiter = delimiter or sniff_delimiter(delimiter_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise _csv_problem(e, text, file, start) from e
        yield start, cells
        start = reader.line_num + 1


def _csv_problem(error: csv.Error, text: str, file, start: int) -> InputError:
    """The CSV parser's complaint about the row starting at line ``start``, in words."""
    if "field larger than field limit" in str(error):
        return cell_too_long(csv.field_size_limit(), file=file, row=start, over=True)
    return InputError(
        f"baris CSV tidak dapat dibaca ({error})",
        file=file,
        row=start,
        fix="periksa tanda kutip dan karakter aneh di baris itu; simpan ulang "
        "berkas sebagai CSV dari Excel/LibreOffice",
    )


def is_blank(cells: list[str]) -> bool:
    """True when every cell is empty."""
    return not any(c.strip() for c in cells)
