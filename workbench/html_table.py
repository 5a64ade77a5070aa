"""Tables for notebook displays as escaped HTML: what Lab shows and the HTML twins keep.

Every notebook table that carries user text (names, institutions, notes, file names) is shown
through :class:`HtmlTable`, never through pandas ``Styler.to_html()``, which writes cell
values, index labels and captions as they are: a participant named
``Mahdi<img src=x onerror=…>`` would run as script in Lab and in the twin. Here every piece of
text -- cells, column labels, index labels, the caption -- passes through
:func:`html.escape`; the only markup is this module's own (``<table>``, ``<tr>``, and a fixed
``style`` on highlighted rows). The twins' Content-Security-Policy
(:mod:`workbench.html_export`) is the second wall, not the first.

Neutral (no domain): both domains' display modules use it.
"""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING, Any, Mapping, Sequence

if TYPE_CHECKING:
    import pandas as pd

#: The class of our tables and their look (compact, left-aligned, a rule under each row).
TABLE_CLASS = "wb-table"
TABLE_CSS = (
    f".{TABLE_CLASS} {{border-collapse: collapse}} "
    f".{TABLE_CLASS} td, .{TABLE_CLASS} th "
    "{padding: 2px 6px; border-bottom: 1px solid #ccc; text-align: left}"
)


def cell_text(value: Any, digits: int | None = None) -> str:
    """``value`` as shown in a cell (not yet escaped): empty for None/NaN, ``digits``
    decimals for a number when given."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if digits is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:.{digits}f}"
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, str) and pd.isna(value) is True):
            return ""
    except (ImportError, TypeError, ValueError):
        pass
    return str(value)


def html_table(
    frame: "pd.DataFrame",
    *,
    highlight: Sequence[bool] = (),
    row_style: str = "",
    caption: str = "",
    digits: Mapping[str, int] | None = None,
    index: bool = True,
) -> str:
    """``frame`` as an HTML table whose every text is escaped.

    ``highlight`` (one flag per row, in order) gives the flagged rows ``row_style``;
    ``digits`` maps a column to its number of decimals; ``index=False`` leaves the index out.
    """
    digits = dict(digits or {})
    flags = list(highlight) + [False] * (len(frame) - len(highlight))
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    if index:
        head = f"<th>{escape(cell_text(frame.index.name))}</th>" + head
    rows = []
    columns = list(frame.columns)
    for flag, (label, values) in zip(flags, frame.iterrows()):
        style = f' style="{escape(row_style)}"' if flag and row_style else ""
        cells = [
            f"<td{style}>{escape(cell_text(v, digits.get(str(c))))}</td>"
            for c, v in zip(columns, values.tolist())
        ]
        if index:
            cells.insert(0, f"<th{style}>{escape(cell_text(label))}</th>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return _table(head, "".join(rows), caption)


def _table(head: str, body: str, caption: str = "") -> str:
    """Our table around escaped header cells ``head`` and rows ``body``."""
    top = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<style>{TABLE_CSS}</style><table class="dataframe {TABLE_CLASS}">{top}'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


class HtmlTable:
    """A table for display: escaped HTML (:func:`html_table`) in Lab and in the twins, the
    plain text of the frame elsewhere. ``frame`` is kept as given (tests and callers read it).
    """

    def __init__(self, frame: "pd.DataFrame", **options: Any):
        self.frame, self.options = frame, options

    def _repr_html_(self) -> str:
        return html_table(self.frame, **self.options)

    def to_html(self) -> str:
        """The escaped HTML (as a pandas ``Styler`` spells it, unescaped, there)."""
        return self._repr_html_()

    def __repr__(self) -> str:
        caption = self.options.get("caption", "")
        return "\n".join([*([caption] if caption else []), self.frame.to_string()])


class RowsTable:
    """A small table from plain rows, for display without pandas (a notebook that shows a
    few tables per job in a batch: building DataFrames and their reprs cost ~10 ms a job).

    ``columns`` are the header labels, the first one heading the row labels (the first
    value of each row, shown as ``<th>``). The HTML is :func:`html_table`'s (every text
    escaped, the same class and style); the plain text is the columns aligned.
    """

    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[Any]]):
        self.columns = [str(c) for c in columns]
        self.rows = [[cell_text(v) for v in row] for row in rows]

    def column(self, label: str) -> list[str]:
        """The cells of column ``label`` (the first one: the row labels)."""
        at = self.columns.index(label)
        return [row[at] for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{escape(c)}</th>" for c in self.columns)
        body = "".join(
            f"<tr><th>{escape(row[0])}</th>{''.join(f'<td>{escape(v)}</td>' for v in row[1:])}</tr>"
            for row in self.rows
        )
        return _table(head, body)

    def to_html(self) -> str:
        return self._repr_html_()

    def __repr__(self) -> str:
        lines = [self.columns, *self.rows]
        widths = [max(len(line[i]) for line in lines) for i in range(len(self.columns))]
        return "\n".join(
            "  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in lines
        )
