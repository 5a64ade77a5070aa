"""The workbench's error tree.

Every error a user can cause is a :class:`WorkbenchError` carrying a message
in Indonesian. :class:`InputError` (bad input: exit code 2) names the file,
the row or line, the field and how to fix it. The CLI turns these into
messages and exit codes in one place (:mod:`workbench.cli`).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Iterable


class WorkbenchError(Exception):
    """Base class. ``message`` is shown to the user as is (Indonesian)."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(WorkbenchError):
    """Invalid user input: a file, row/line, field, and the fix.

    Parameters
    ----------
    problem:
        What is wrong, in Indonesian.
    file:
        The file the problem is in.
    row:
        Row number as the user sees it (spreadsheet row, CSV line, YAML line).
    field:
        Column, sheet key or YAML key.
    fix:
        How to fix it, in Indonesian.
    row_label:
        What ``row`` counts: ``"baris"`` (default) or e.g. ``"sheet Materi baris"``.
    """

    exit_code = 2

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        field: str | None = None,
        fix: str | None = None,
        row_label: str = "baris",
    ):
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.row = row
        self.field = field
        self.fix = fix
        self.row_label = row_label
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = []
        if self.file:
            where.append(f"berkas {self.file}")
        if self.row is not None:
            where.append(f"{self.row_label} {self.row}")
        if self.field and str(self.field).startswith("--"):
            where.append(f"opsi {self.field}")  # a command-line option
        elif self.field:
            where.append(f"kolom/kunci '{self.field}'")
        text = ", ".join(where)
        text = f"{text}: {self.problem}" if text else self.problem
        if self.fix:
            text += f"\n  Perbaikan: {self.fix}"
        return text


#: At most this many problems are listed in an :class:`InputErrors` message.
MAX_LISTED_ERRORS = 20


def _rows_text(rows: list[int], limit: int = 10) -> str:
    """'5, 9, 12, … 17.001' for the rows of the problems left out."""
    if len(rows) <= limit:
        return ", ".join(map(str, rows))
    return ", ".join(map(str, rows[: limit - 1])) + f", … {rows[-1]}"


class InputErrors(InputError):
    """Several input errors found in one pass (all are reported at once; the message lists
    :data:`MAX_LISTED_ERRORS` of them, then how many more and on which rows)."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        first = errors[0]
        super().__init__(
            first.problem,
            file=first.file,
            row=first.row,
            field=first.field,
            fix=first.fix,
            row_label=first.row_label,
        )
        if len(errors) > 1:
            listed = [e.message for e in errors[:MAX_LISTED_ERRORS]]
            rest = errors[MAX_LISTED_ERRORS:]
            if rest:
                rows = [e.row for e in rest if e.row is not None]
                where = f" ({rest[0].row_label} {_rows_text(rows)})" if rows else ""
                listed.append(f"… dan {len(rest)} masalah lain{where}")
            self.message = "\n".join(listed)

    def __str__(self) -> str:
        return self.message


class NotebookError(WorkbenchError):
    """A notebook run failed (the executed notebook was kept for inspection).

    Carries what the user needs to find the failure: the cell (``cell``, its execution
    count), the error's name and value as the kernel raised them, and where the executed
    notebook was kept (``notebook``, set once it is). A workbench ``InputError`` raised in
    the kernel is bad input, so the run ends with exit code 2 like the same error raised
    in-process.
    """

    #: Error names raised in a kernel that mean bad input (exit code 2).
    INPUT_ERRORS = ("InputError", "InputErrors")

    def __init__(
        self,
        message: str,
        *,
        cell: int | None = None,
        ename: str | None = None,
        evalue: str | None = None,
        notebook: Path | None = None,
    ):
        super().__init__(message)
        self.cell, self.ename, self.evalue, self.notebook = cell, ename, evalue, notebook

    @property
    def exit_code(self) -> int:  # type: ignore[override]
        return 2 if self.ename in self.INPUT_ERRORS else 1

    def kept_at(self, notebook: Path | None) -> NotebookError:
        """Record where the failed notebook was kept (named in the message)."""
        self.notebook = notebook
        if notebook is not None:
            self.message += f"\nNotebook yang gagal disimpan di: {notebook}"
        return self


class ToolMissingError(WorkbenchError):
    """An external program (LibreOffice) is not installed."""

    exit_code = 3


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word`` (a likely misspelling of it), or None."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (maksud Anda: "x"?)' for the closest choice, or ''."""
    match = closest(word, choices)
    return f' (maksud Anda: "{match}"?)' if match else ""
