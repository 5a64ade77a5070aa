"""Date parameters injected as real dates (a papermill translator).

Papermill injects only literals: a ``datetime.date`` would reach the notebook
as the text ``"2025-07-17"``. :func:`injectable` marks date values with
:class:`DateText` (a ``str`` holding the ISO text, so papermill's metadata and
nbformat's JSON writer see plain text), and :class:`WorkbenchPythonTranslator`,
registered for the ``python`` language by :func:`register` in the process that
parameterises a notebook, renders them as code building the date::

    tanggal = date(2025, 7, 17)

The call is spelled like the parameter's default in the notebook
(``date(...)`` or ``datetime.date(...)``: the parameters cell has just bound
that name), and ``__import__("datetime").date(...)`` otherwise (a default of
``None`` with an annotation), which needs no name at all. Other values are
translated by papermill's own ``PythonTranslator``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from workbench.batch.notebook import DATE_CALL

_ANY_NAME = '__import__("datetime").date'
_registered = False


class DateText(str):
    """A date parameter: ISO text (``"2025-07-17"``) that the translator renders as a date.

    ``call`` is the expression naming the date class in the notebook
    (``"date"``, ``"datetime.date"``; default ``__import__("datetime").date``).
    """

    call: str

    def __new__(cls, value: dt.date, call: str = _ANY_NAME) -> "DateText":
        self = super().__new__(cls, value.isoformat())
        self.call = call
        return self

    def __reduce__(self) -> tuple:  # pickled for Dask workers
        return (_date_text, (str(self), self.call))

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(str(self))

    def code(self) -> str:
        d = self.date
        return f"{self.call}({d.year}, {d.month}, {d.day})"


def _date_text(text: str, call: str) -> DateText:
    return DateText(dt.date.fromisoformat(text), call)


def date_call(default: str) -> str:
    """How the notebook spells the date class in a parameter's default source text."""
    match = DATE_CALL.match(default or "")
    return match.group(1) if match else _ANY_NAME


def injectable(parameters: dict[str, Any], defaults: dict[str, str] | None = None) -> dict[str, Any]:
    """Parameters ready for papermill: dates become :class:`DateText`.

    ``defaults`` (parameter name -> default source text) chooses how each date
    is spelled (see :func:`date_call`). A ``datetime`` keeps its time only as
    ISO text (the jobs table has no datetime type).
    """
    defaults = defaults or {}
    out = {}
    for name, value in parameters.items():
        if isinstance(value, dt.datetime):
            value = value.isoformat()
        elif isinstance(value, dt.date):
            value = DateText(value, date_call(defaults.get(name, "")))
        out[name] = value
    return out


def register() -> None:
    """Register :class:`WorkbenchPythonTranslator` for the python language (idempotent).

    It differs from papermill's ``PythonTranslator`` only for :class:`DateText`.
    """
    global _registered
    if _registered:
        return
    from papermill.translators import papermill_translators

    papermill_translators.register("python", _translator())
    _registered = True


def _translator() -> type:
    from papermill.translators import PythonTranslator

    class WorkbenchPythonTranslator(PythonTranslator):
        """Papermill's Python translator, plus dates (:class:`DateText`)."""

        @classmethod
        def translate(cls, val: Any) -> str:
            if isinstance(val, DateText):
                return val.code()
            return super().translate(val)

    return WorkbenchPythonTranslator
