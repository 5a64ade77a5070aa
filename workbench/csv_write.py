"""Writing CSV so that no cell runs as a spreadsheet formula (the CSV side of
:mod:`workbench.xlsx_write`).

Excel, LibreOffice and Google Sheets run a CSV cell starting with ``=``, ``+``, ``-`` or
``@`` (and, in some versions, a tab or a carriage return before one) as a formula:
``=cmd|' /C calc'!A0`` in a participant's name or a report's free text would run when an
analyst opens ``ringkasan.csv``. Every CSV the project writes goes through
:func:`csv_text` (rows) or :func:`frame_csv` (a DataFrame), which put a ``'`` before such a
text cell (OWASP's advice): the spreadsheet shows the text, the ``'`` hidden in Excel.

Only ``str`` cells are touched, and not those that read as a plain number (``-5``,
``+62812``, ``-1.5e3``): a number is no formula, and numeric columns keep their values.
A lone ``-`` or ``+`` (a dash for "none") is kept as is. XLSX needs no prefix: there a
string cell stays text (:mod:`workbench.xlsx_write`). The quarterly-report reader reads the
``'`` back off (:func:`unguard`), so ``collect --out X.csv`` round-trips unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    import pandas as pd

#: First characters that make a spreadsheet read a CSV cell as a formula (with their
#: full-width forms, which some spreadsheet versions normalise).
FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """``value``, with ``'`` before a text that a spreadsheet would run as a formula."""
    if not isinstance(value, str) or len(value) < 2 or value[0] not in FORMULA_START:
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


def unguard(value: object) -> object:
    """The inverse of :func:`safe_cell` for a CSV the workbench reads back (``collect``'s own
    merged table): ``'=x`` -> ``=x`` exactly when :func:`safe_cell` would have added the
    ``'``, so the round trip changes no data. A spreadsheet reads a leading ``'`` the same
    way: as "text follows", not as part of the value."""
    if isinstance(value, str) and value[:1] == "'" and safe_cell(value[1:]) == value:
        return value[1:]
    return value


def csv_text(
    rows: Iterable[Sequence[object]],
    header: Sequence[str] | None = None,
    *,
    lineterminator: str = "\r\n",
    delimiter: str = ",",
) -> str:
    """CSV text of ``rows`` (after ``header``), every cell through :func:`safe_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator, delimiter=delimiter)
    if header is not None:
        writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def frame_csv(frame: "pd.DataFrame", *, lineterminator: str = "\r\n") -> str:
    """``frame.to_csv(index=False)``, every text cell through :func:`safe_cell`."""
    out = frame.copy()
    out.columns = [safe_cell(c) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype) in ("string", "str"):
            out[column] = out[column].map(safe_cell)
    return out.to_csv(index=False, lineterminator=lineterminator)
