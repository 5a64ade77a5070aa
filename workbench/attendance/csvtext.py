"""Decoding and splitting the CSV files users bring (shared by the roster and Zoom readers).

Files come from Google Forms and Zoom (UTF-8, sometimes with a byte-order mark) or from
Excel on an Indonesian-locale machine (Windows-1252, ``;`` as the separator).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workbench.errors import InputError

#: Separators tried, in order of preference when counts tie.
DELIMITERS: tuple[str, ...] = (",", ";", "\t")


def read_text(path: str | Path) -> str:
    """The file's text: UTF-8 (with or without BOM), falling back to Windows-1252.

    Raises
    ------
    InputError
        When the file cannot be read.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"berkas tidak dapat dibaca ({e.strerror or e})", file=path,
                         fix="periksa nama dan lokasi berkas") from e
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; 'replace' keeps a stray byte from failing the run.
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(line: str) -> str:
    """The separator of a header line: whichever of ``, ; TAB`` occurs most (``,`` on a tie)."""
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def first_line(text: str) -> str:
    """The first non-blank line of ``text`` ('' when there is none)."""
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def csv_rows(text: str, delimiter: str | None = None) -> list[tuple[int, list[str]]]:
    """Parse ``text`` into ``(line_number, cells)`` pairs, cells stripped.

    ``line_number`` is the 1-based line where the row starts, as a text editor shows it.
    Blank lines are kept as empty cell lists so callers can see block boundaries.
    """
    delimiter = delimiter or sniff_delimiter(first_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for cells in reader:
        rows.append((start, [c.strip() for c in cells]))
        start = reader.line_num + 1
    return rows


def is_blank(cells: list[str]) -> bool:
    """True when every cell is empty."""
    return not any(c.strip() for c in cells)


def header_key(text: object) -> str:
    """A header cell as a lookup key: lower case, single spaces, no spaces around '/'."""
    key = " ".join(str(text or "").replace("\ufeff", "").lower().split())
    return key.replace(" / ", "/").replace("/ ", "/").replace(" /", "/").rstrip(":").strip()
