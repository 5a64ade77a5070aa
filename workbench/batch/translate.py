"""Parameters as Python literals: only plain data crosses into a notebook.

A jobs table is input from outside (a trust boundary). Papermill's own
``PythonTranslator`` quotes ``str(value)`` without escaping for any type it
does not know (a YAML ``!!set``, ``!!pairs``, ``!!binary``, a tuple), so a
crafted value could end the string and run code in the kernel. Here instead:

- :func:`plain_value` admits only JSON-shaped data: ``str`` (encodable as
  UTF-8: no lone surrogates), ``int``, finite
  ``float``, ``bool``, ``None``, and lists / dicts (``str`` keys) of those, at
  most :data:`MAX_DEPTH` levels deep. A ``date``/``datetime`` inside a list or
  dict becomes its ISO text. Anything else raises :class:`UnsafeValue` (a
  ``ValueError`` with an Indonesian message): the jobs reader turns it into an
  ``InputError`` naming the row and column before any kernel starts.
- :func:`literal` renders a plain value as a Python literal it builds itself
  (strings escaped character by character, double-quoted), and
  :class:`WorkbenchPythonTranslator` (registered for the ``python`` language by
  :func:`register` in the process that parameterises a notebook: the caller,
  each Dask worker, the single-run runner) writes the injected cell with it and
  refuses (``TypeError``) any value that is not plain. The injected cell is
  nothing but ``name = <literal>`` lines (a property test parses it).

Dates at the top level are the one exception to "literals only": a parameter
whose default in the notebook builds a date (``date(2025, 7, 17)``) receives a
date. :func:`injectable` marks such values with :class:`DateText` (a ``str``
holding the ISO text, so papermill's metadata and nbformat's JSON writer see
plain text), rendered as a call on the name the notebook's default uses::

    tanggal = date(2025, 7, 17)

(``date`` or ``datetime.date``: the parameters cell has just bound that name;
``__import__("datetime").date`` when only the annotation says date). The call's
arguments are the integers of a real date; nothing from the user is spliced in.
"""

from __future__ import annotations

import datetime as dt
import keyword
import math
from typing import Any

from workbench.batch.notebook import DATE_CALL

_ANY_NAME = '__import__("datetime").date'
#: The only spellings a date call may have (what :data:`DATE_CALL` can match, plus the default).
_DATE_CALLS = ("date", "datetime.date", _ANY_NAME)
#: Deepest nesting of lists/dicts a parameter value may have.
MAX_DEPTH = 20
_registered = False


class UnsafeValue(ValueError):
    """A value that is not plain data (see :func:`plain_value`); the message is Indonesian."""


_KIND_NAMES = {
    set: "himpunan (tag YAML !!set)",
    frozenset: "himpunan (tag YAML !!set)",
    tuple: "pasangan/tuple (tag YAML !!pairs atau !!omap)",
    bytes: "data biner (tag YAML !!binary)",
    bytearray: "data biner",
    dt.time: "jam tanpa tanggal",
    dt.timedelta: "durasi",
}


def plain_value(value: Any, _depth: int = 0) -> Any:
    """``value`` as plain data (nested dates as ISO text); :class:`UnsafeValue` otherwise."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise UnsafeValue(f"'{value}' bukan angka yang dapat diteruskan (NaN/tak hingga)")
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        if _depth >= MAX_DEPTH:
            raise UnsafeValue(f"daftar/pemetaan bersarang lebih dari {MAX_DEPTH} tingkat")
        if isinstance(value, list):
            return [plain_value(v, _depth + 1) for v in value]
        for key in value:
            if type(key) is not str:
                raise UnsafeValue(
                    f"kunci pemetaan {key!r} bukan teks (tulis kuncinya dalam tanda kutip)"
                )
            _text(key)
        return {k: plain_value(v, _depth + 1) for k, v in value.items()}
    kind = next(
        (name for t, name in _KIND_NAMES.items() if isinstance(value, t)),
        f"jenis {type(value).__name__}",
    )
    raise UnsafeValue(f"nilai berupa {kind} tidak dapat diteruskan ke notebook")


def _text(value: str) -> str:
    """``value`` when it can be written as UTF-8 (the executed notebook is UTF-8 JSON)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UnsafeValue(
            "teks berisi karakter surrogate tunggal (mis. \\ud83d dari "
            "escape YAML/JSON) yang tidak dapat disimpan sebagai UTF-8"
        ) from None
    return value


#: How to fix an :class:`UnsafeValue` in a jobs table.
PLAIN_FIX = (
    "Tulis nilai biasa: teks, angka, ya/tidak, tanggal, atau daftar [a, b] / pemetaan "
    "{kunci: nilai} dari nilai-nilai itu, tanpa tag YAML seperti !!set, !!pairs atau "
    "!!binary."
)


class DateText(str):
    """A date parameter: ISO text (``"2025-07-17"``) that the translator renders as a date.

    ``call`` is the expression naming the date class in the notebook (one of
    ``"date"``, ``"datetime.date"``, ``__import__("datetime").date``).
    """

    call: str

    def __new__(cls, value: dt.date, call: str = _ANY_NAME) -> "DateText":
        if call not in _DATE_CALLS:
            raise ValueError(f"unexpected date spelling {call!r}")
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
        return f"{self.call}({d.year:d}, {d.month:d}, {d.day:d})"


def _date_text(text: str, call: str) -> DateText:
    return DateText(dt.date.fromisoformat(text), call)


def date_call(default: str) -> str:
    """How the notebook spells the date class in a parameter's default source text."""
    match = DATE_CALL.match(default or "")
    return match.group(1) if match else _ANY_NAME


def injectable(
    parameters: dict[str, Any], defaults: dict[str, str] | None = None
) -> dict[str, Any]:
    """Parameters ready for papermill: plain values; top-level dates become :class:`DateText`.

    ``defaults`` (parameter name -> default source text) chooses how each date
    is spelled (see :func:`date_call`). A ``datetime`` keeps its time only as
    ISO text (the jobs table has no datetime type). Raises :class:`UnsafeValue`
    for a value that is not plain data.
    """
    defaults = defaults or {}
    out = {}
    for name, value in parameters.items():
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            out[name] = DateText(value, date_call(defaults.get(name, "")))
        else:
            out[name] = plain_value(value)
    return out


# --- rendering ----------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ch.isprintable():
        return ch
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def string_literal(text: str) -> str:
    """``text`` as a double-quoted Python string literal (printable characters kept as typed)."""
    return '"' + "".join(_escape_char(ch) for ch in text) + '"'


def literal(value: Any) -> str:
    """A plain value (see :func:`plain_value`) as Python source; ``TypeError`` for anything else."""
    if isinstance(value, DateText):
        return value.code()
    if value is None or type(value) is bool:
        return repr(value)
    if type(value) is int:
        return repr(value)
    if type(value) is float and math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        return string_literal(str(value))
    if type(value) is list:
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if type(value) is dict and all(type(k) is str for k in value):
        return "{" + ", ".join(f"{string_literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"parameter value of type {type(value).__name__} is not plain data")


def assignments(parameters: dict[str, Any], comment: str = "Parameters") -> str:
    """The injected cell: ``# comment`` then one ``name = <literal>`` line per parameter."""
    lines = [f"# {comment}".strip()]
    for name, value in parameters.items():
        if not (isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)):
            raise ValueError(f"parameter name {name!r} is not a Python identifier")
        lines.append(f"{name} = {literal(value)}")
    return "\n".join(lines) + "\n"


def register() -> None:
    """Register :class:`WorkbenchPythonTranslator` for the python language (idempotent)."""
    global _registered
    if _registered:
        return
    from papermill.translators import papermill_translators

    papermill_translators.register("python", _translator())
    _registered = True


def _translator() -> type:
    from papermill.translators import PythonTranslator

    class WorkbenchPythonTranslator(PythonTranslator):
        """Papermill's Python translator with rendering replaced by :func:`literal`
        (plain values and :class:`DateText` only) and no code formatter run."""

        @classmethod
        def translate(cls, val: Any) -> str:
            return literal(val)

        @classmethod
        def codify(cls, parameters: dict[str, Any], comment: str = "Parameters") -> str:
            return assignments(parameters, comment)

    return WorkbenchPythonTranslator
