"""The sandbox every Word template renders in: only data crosses it, every render is bounded.

Templates are input from outside (the secretariat edits them; other offices send theirs),
so a template is untrusted code. :class:`DataSandbox` is a Jinja
``ImmutableSandboxedEnvironment`` whose allow-lists admit *data only*:

- attributes and methods are reachable only on plain values, and only those named in
  :data:`ALLOWED_ATTRIBUTES` (``str.upper``, ``dict.items``, ``loop.index``...); any other
  attribute, any name starting with ``_``, and anything at all on another object (an image,
  a macro, a function, ``self``, ``lipsum``) is refused;
- images are :class:`ImageHandle` values that print as the picture and expose nothing;
- only ``range``, ``dict`` and ``namespace`` are global; filters are the harmless ones
  (:data:`FILTERS`), without ``safe``, ``format``, ``urlize``, ``xmlattr``, ``pprint``,
  ``tojson``;
- every value the template computes and every render is bounded (:data:`LIMITS`): text
  and lists it builds (``*``, ``+``, ``~``, filters, methods), integers (``**``), ``range``,
  loop iterations and operations per document, characters produced per document, and a
  wall-clock limit checked in the same hooks. Compile-time constant folding is off and
  every binary operator is intercepted, so ``{{ 9**(9**9) }}`` is refused, not computed.

A refusal raises :class:`TemplateRejected` (a ``jinja2.SecurityError``) with an Indonesian
reason; :func:`workbench.documents.render_error` turns it into an ``InputError`` (exit 2)
naming the paragraph of the tag.

User text prints literally: ``{{ }}`` output is escaped for XML, its braces are written as
character references (docxtpl would otherwise turn ``{_{``/``}_}``/``{_%``/``%_}`` in the
rendered XML into ``{{``/``}}``/``{%``/``%}``), and control characters that docxtpl turns
into paragraph or page breaks (``\\a``, ``\\f``), or that XML cannot hold, are dropped;
``\\n`` (line break) and ``\\t`` (tab) keep their docxtpl meaning.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import re
import time
import types
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, NoReturn

from jinja2 import Template, nodes, pass_eval_context
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.filters import do_join, make_attrgetter
from jinja2.runtime import LoopContext, Macro, Undefined, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace, _PassArg
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

#: Characters of one text value a template computes (``*``, ``+``, ``~``, filters, methods).
MAX_TEXT = 1_000_000
#: Items of one list a template computes, and the longest ``range()``.
MAX_ITEMS = 100_000
#: Bits of one integer a template computes (``**``, ``*``): about 1,200 digits.
MAX_INT_BITS = 4_096
#: Operations per document: attribute/item lookups, calls, filters, operators, loop
#: iterations, outputs. The sample notula takes ~4,000, a 5,000-person daftar hadir ~250,000.
MAX_STEPS = 2_000_000
#: Characters a document's template may produce in total (output and computed values).
MAX_PRODUCED = 100_000_000
#: XML elements a document's template may produce in total (tags counted in the output
#: as it is joined). Characters alone do not bound a render: 96 M characters of empty runs
#: (``<w:r><w:t></w:t></w:r>``) pass :data:`MAX_PRODUCED` and make 8 M elements, 2.3 GB
#: once docxtpl and python-docx parse them. A daftar hadir takes ~75 per person: 380,000
#: for 5,000 people, 1.5 M for 20,000 (the attendance file bound).
MAX_PRODUCED_ELEMENTS = 2_000_000
#: Wall-clock seconds per document, checked at every operation.
MAX_SECONDS = 120.0

LIMITS = {
    "MAX_TEXT": MAX_TEXT,
    "MAX_ITEMS": MAX_ITEMS,
    "MAX_INT_BITS": MAX_INT_BITS,
    "MAX_STEPS": MAX_STEPS,
    "MAX_PRODUCED": MAX_PRODUCED,
    "MAX_PRODUCED_ELEMENTS": MAX_PRODUCED_ELEMENTS,
    "MAX_SECONDS": MAX_SECONDS,
}

_SCALARS = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time)

#: The attributes and methods a template may use, by type of value (nothing on other types).
ALLOWED_ATTRIBUTES: dict[type, frozenset[str]] = {
    str: frozenset(
        {
            "capitalize",
            "casefold",
            "count",
            "endswith",
            "find",
            "index",
            "isalnum",
            "isalpha",
            "isdecimal",
            "isdigit",
            "islower",
            "isnumeric",
            "isspace",
            "istitle",
            "isupper",
            "join",
            "lower",
            "lstrip",
            "partition",
            "removeprefix",
            "removesuffix",
            "replace",
            "rfind",
            "rindex",
            "rpartition",
            "rsplit",
            "rstrip",
            "split",
            "splitlines",
            "startswith",
            "strip",
            "swapcase",
            "title",
            "upper",
        }
    ),
    dict: frozenset({"get", "items", "keys", "values"}),
    list: frozenset({"count", "index"}),
    dt.date: frozenset({"year", "month", "day", "weekday", "isoweekday", "isoformat"}),
    LoopContext: frozenset(
        {
            "index",
            "index0",
            "revindex",
            "revindex0",
            "first",
            "last",
            "length",
            "depth",
            "depth0",
            "previtem",
            "nextitem",
            "cycle",
            "changed",
        }
    ),
}
ALLOWED_ATTRIBUTES[Markup] = ALLOWED_ATTRIBUTES[str]
ALLOWED_ATTRIBUTES[tuple] = ALLOWED_ATTRIBUTES[list]
ALLOWED_ATTRIBUTES[dt.datetime] = ALLOWED_ATTRIBUTES[dt.date] | {"hour", "minute", "second"}

#: Types whose items a template may read (``x[0]``, ``x['kunci']``, ``x.kunci``).
_SUBSCRIPTABLE = (dict, list, tuple, str, Namespace)

#: Jinja's filters a template may use. Left out: ``safe`` (would put user text into the
#: XML unescaped), ``format`` (printf widths build any size), ``urlize``/``xmlattr`` (HTML),
#: ``pprint``/``tojson`` (no use in a document).
FILTERS = frozenset(
    {
        "abs",
        "attr",
        "batch",
        "capitalize",
        "center",
        "count",
        "d",
        "default",
        "dictsort",
        "e",
        "escape",
        "filesizeformat",
        "first",
        "float",
        "forceescape",
        "groupby",
        "indent",
        "int",
        "items",
        "join",
        "last",
        "length",
        "list",
        "lower",
        "map",
        "max",
        "min",
        "random",
        "reject",
        "rejectattr",
        "replace",
        "reverse",
        "round",
        "select",
        "selectattr",
        "slice",
        "sort",
        "string",
        "striptags",
        "sum",
        "title",
        "trim",
        "truncate",
        "unique",
        "upper",
        "urlencode",
        "wordcount",
        "wordwrap",
    }
)
#: Filters that turn their input into text first.
_TEXT_FILTERS = frozenset(
    {
        "capitalize",
        "center",
        "e",
        "escape",
        "forceescape",
        "indent",
        "join",
        "lower",
        "replace",
        "string",
        "striptags",
        "title",
        "trim",
        "truncate",
        "upper",
        "urlencode",
        "wordcount",
        "wordwrap",
    }
)

# Internal filters the parser wraps around every loop and every `~`.
_ITER, _CONCAT = "_wb_batas_iterasi", "_wb_batas_gabung"

# Control characters XML cannot hold or docxtpl turns into paragraph/page breaks; \t, \n kept.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


class TemplateRejected(SecurityError):
    """A template did something the sandbox refuses; the message is Indonesian."""


def _reject(reason: str) -> NoReturn:
    raise TemplateRejected(reason)


# ----------------------------------------------------------------------------- the budget
@dataclass
class Budget:
    """What one document's render has spent (see :data:`LIMITS`)."""

    deadline: float
    steps: int = 0
    produced: int = 0
    elements: int = 0

    def tick(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_STEPS:
            _reject(
                f"templat melampaui batas {_n(MAX_STEPS)} operasi per dokumen "
                f"(perulangan terlalu banyak atau bersarang terlalu dalam)"
            )
        if time.monotonic() > self.deadline:
            _reject(f"templat melampaui batas waktu {MAX_SECONDS:.0f} detik per dokumen")

    def charge(self, size: int) -> None:
        self.produced += size
        if self.produced > MAX_PRODUCED:
            _reject(f"templat menghasilkan lebih dari {_n(MAX_PRODUCED)} karakter per dokumen")

    def emit(self, xml: str) -> None:
        """Charge a piece of the document's output: its characters and its XML elements
        (start and empty-element tags: every ``<`` that does not open an end tag)."""
        self.charge(len(xml))
        self.elements += xml.count("<") - xml.count("</")
        if self.elements > MAX_PRODUCED_ELEMENTS:
            _reject(
                f"templat menghasilkan lebih dari {_n(MAX_PRODUCED_ELEMENTS)} elemen XML per "
                "dokumen (perulangan membuat terlalu banyak baris, sel, atau run)"
            )


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("wb_budget", default=None)


@contextmanager
def bounded_render() -> Iterator[Budget]:
    """One document's budget for the renders inside (a nested call shares the outer one)."""
    budget = _BUDGET.get()
    if budget is not None:
        yield budget
        return
    budget = Budget(time.monotonic() + MAX_SECONDS)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def _budget() -> Budget:
    # Outside a render (constant folding while compiling) each check stands alone.
    return _BUDGET.get() or Budget(time.monotonic() + MAX_SECONDS)


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple, dict)) else 1


def _check_len(value: Any, n: int) -> None:
    limit, what = (MAX_TEXT, "karakter") if isinstance(value, str) else (MAX_ITEMS, "butir")
    if n > limit:
        _reject(f"sebuah tag membuat nilai {_n(n)} {what}, melebihi batas {_n(limit)} {what}")


def _check_bits(bits: int) -> None:
    if bits > MAX_INT_BITS:
        _reject(
            f"sebuah tag menghitung bilangan lebih dari {MAX_INT_BITS} bit "
            f"(mis. pangkat yang terlalu besar)"
        )


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _text_len(value: Any) -> int:
    """Length of ``value`` as text. Only plain values are text: printing a whole list, dict,
    loop or macro is refused (its ``repr`` could be any size)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    if isinstance(value, (*_SCALARS, Undefined)):
        return 64
    _reject(
        f"sebuah tag mencetak atau menggabungkan {_kind(value)} utuh, bukan teks; pilih "
        f"bagiannya (mis. {{{{ x.nama }}}}) atau pakai perulangan {{% for %}}"
    )


# ----------------------------------------------------------------------------- values
class ImageHandle:
    """An image in the render context: prints as the picture, exposes nothing else."""

    __slots__ = ("_drawing",)

    def __init__(self, drawing: Callable[[], str]):
        self._drawing = drawing

    def __repr__(self) -> str:
        return "<gambar>"

    __str__ = __repr__


def _kind(obj: Any) -> str:
    """What a value is, in Indonesian (for messages)."""
    if isinstance(obj, ImageHandle):
        return "gambar"
    if isinstance(obj, Macro):
        return "makro"
    if isinstance(obj, str):
        return "teks"
    if isinstance(obj, (int, float)):
        return "angka"
    if isinstance(obj, (list, tuple)):
        return "daftar"
    if isinstance(obj, (dict, Namespace)):
        return "data"
    if isinstance(obj, LoopContext):
        return "loop"
    if isinstance(obj, Undefined):
        return "yang tidak disediakan program"
    if callable(obj):
        return "fungsi"
    return f"objek {type(obj).__name__}"


def _allowed(obj: Any, name: str) -> bool:
    return not name.startswith("_") and name in ALLOWED_ATTRIBUTES.get(type(obj), ())


def finalize(value: Any) -> Markup:
    """Every ``{{ }}`` output: an image's drawing, or text escaped to print literally."""
    if isinstance(value, ImageHandle):
        xml = value._drawing()
        _budget().charge(len(xml))
        return Markup(xml)
    _text_len(value)
    text: str = (
        value
        if isinstance(value, Markup)
        else escape(value if isinstance(value, str) else str(value))
    )
    text = _UNPRINTABLE.sub("", text).replace("{", "&#123;").replace("}", "&#125;")
    budget = _budget()
    budget.tick()
    budget.charge(len(text))
    return Markup(text)


def bounded_range(*args: int) -> range:
    """``range()`` of at most :data:`MAX_ITEMS` numbers."""
    r = range(*args)
    try:
        n = len(r)
    except OverflowError:
        n = MAX_ITEMS + 1
    if n > MAX_ITEMS:
        _reject(f"range() dengan {_n(n)} angka melebihi batas {_n(MAX_ITEMS)}")
    return r


def _bounded_iter(value: Any) -> Iterator[Any]:
    """Every ``{% for %}`` iterates through this: one operation per item."""
    budget = _budget()
    for item in value:
        budget.tick()
        yield item


@pass_eval_context
def _bounded_concat(eval_ctx, items: list) -> str:
    """``a ~ b``: the joined text, at most :data:`MAX_TEXT` characters."""
    _check_len("", sum(_text_len(item) for item in items))
    result = (markup_join if eval_ctx.autoescape else str_join)(items)
    _budget().charge(len(result))
    return result


# ----------------------------------------------------------------------------- prechecks
def _replace_size(s: str, old: str, new: str, count: int = -1) -> int:
    hits = (len(s) + 1) if old == "" else s.count(old)
    if count is not None and count >= 0:
        hits = min(hits, count)
    return len(s) + hits * (len(new) - len(old))


def _items(value: Any) -> list:
    """``value`` as a list of at most :data:`MAX_ITEMS` items (one operation each)."""
    budget, items = _budget(), []
    for item in value:
        budget.tick()
        items.append(item)
        _check_len(items, len(items))
    return items


def _joined_size(items: list, sep: Any) -> int:
    return sum(_text_len(i) for i in items) + _text_len(sep) * max(len(items) - 1, 0)


@pass_eval_context
def _join(eval_ctx, value: Any, d: str = "", attribute: Any = None) -> str:
    """Jinja's ``join``, after checking the size of the joined text."""
    items = _items(value)
    if attribute is not None:
        getter = make_attrgetter(eval_ctx.environment, attribute)
        items = [getter(item) for item in items]
    _check_len("", _joined_size(items, d))
    return do_join(eval_ctx, items, d)


def _int_arg(value: Any) -> int:
    return value if isinstance(value, int) else 0


_FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": lambda v, width=80: _check_len("", max(_text_len(v), _int_arg(width))),
    "indent": lambda s, width=4, *a, **k: _check_len(
        "",
        _text_len(s)
        + (str(s).count("\n") + 1) * (len(width) if isinstance(width, str) else _int_arg(width)),
    ),
    "wordwrap": lambda s, width=79, blw=True, wrapstring=None, *a, **k: _check_len(
        "", _text_len(s) * (1 + len(wrapstring or "\n"))
    ),
    "replace": lambda s, old, new, count=None, **k: _check_len(
        "", _replace_size(str(s), str(old), str(new), -1 if count is None else count)
    ),
    "batch": lambda v, linecount, fill_with=None: _check_len([], _int_arg(linecount)),
    "slice": lambda v, slices, fill_with=None: _check_len([], _int_arg(slices)),
    "sum": lambda v, attribute=None, start=0: (
        None if isinstance(start, (int, float)) else _reject("filter sum hanya untuk angka")
    ),
}

_METHOD_CHECKS: dict[str, Callable[..., None]] = {
    "replace": lambda s, old, new, count=-1: _check_len("", _replace_size(s, old, new, count)),
    "join": lambda sep, items: _check_len("", _joined_size(items, sep)),
}


def _guard_filter(name: str, func: Callable) -> Callable:
    """``func`` with the budget and the size checks of filter ``name``."""
    check = _FILTER_CHECKS.get(name)
    skip = 0 if _PassArg.from_obj(func) is None else 1  # context/eval_ctx/environment first
    text = name in _TEXT_FILTERS and name != "join"  # join checks its items itself

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        budget = _budget()
        budget.tick()
        value, rest = args[skip], args[skip + 1 :]
        if text:
            _check_len("", _text_len(value))
        if check:
            check(value, *rest, **kwargs)
        result = func(*args, **kwargs)
        budget.charge(_size(result))
        return result

    return guarded


# ----------------------------------------------------------------------------- the parser
class _Bounder(NodeTransformer):
    """Routes every loop and every ``~`` through the budgeted internal filters, and refuses
    ``self`` (Jinja's reference to the template's blocks and render context)."""

    def visit_Name(self, node: nodes.Name) -> nodes.Name:
        if node.name == "self" and node.ctx == "load":
            raise TemplateSyntaxError("nama 'self' tidak boleh dipakai templat", node.lineno)
        return node

    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)  # transforms the children in place
        node.iter = nodes.Filter(node.iter, _ITER, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        self.generic_visit(node)  # transforms the children in place
        return nodes.Filter(
            nodes.List(node.nodes, lineno=node.lineno),
            _CONCAT,
            [],
            [],
            None,
            None,
            lineno=node.lineno,
        )


class BoundedTemplate(Template):
    """A template whose render runs inside one :func:`bounded_render` budget."""

    source: str = ""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with bounded_render():
            try:
                return super().render(*args, **kwargs)
            except Exception as e:
                # for naming the tag (see tag_paragraph); any exception may carry it
                setattr(e, "template_source", self.source)  # noqa: B010
                raise


# ----------------------------------------------------------------------------- the environment
class DataSandbox(ImmutableSandboxedEnvironment):
    """The Jinja environment every Word template renders in (see the module docstring)."""

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    template_class = BoundedTemplate

    def __init__(self) -> None:
        super().__init__(autoescape=True, optimized=False, finalize=finalize)
        self.globals.clear()
        self.globals.update(range=bounded_range, dict=dict, namespace=Namespace)
        self.filters = {
            name: _guard_filter(name, f) for name, f in self.filters.items() if name in FILTERS
        }
        self.filters["join"] = _guard_filter("join", _join)
        self.filters[_ITER] = _bounded_iter
        self.filters[_CONCAT] = _bounded_concat

    def _parse(self, source, name, filename):
        tree = _Bounder().visit(super()._parse(source, name, filename))
        tree.set_environment(self)
        return tree

    def from_string(self, source, globals=None, template_class=None):
        template = super().from_string(source, globals, template_class)
        if isinstance(source, str) and isinstance(template, BoundedTemplate):
            template.source = source
        return template

    def concat(self, parts) -> str:
        """Joins a render's (or a block's) output, counting each piece."""
        budget, out = _budget(), []
        for part in parts:
            budget.tick()
            budget.emit(part)
            out.append(part)
        return "".join(out)

    # -- allow-lists
    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return _allowed(obj, attr)

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, (Macro, Undefined)):
            return True
        if any(obj is g for g in (bounded_range, dict, Namespace)):
            return True
        if isinstance(obj, (types.BuiltinMethodType, types.MethodType)):
            return _allowed(getattr(obj, "__self__", None), obj.__name__)
        return False

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        self._refuse(obj, attribute)

    @staticmethod
    def _refuse(obj: Any, name: Any) -> NoReturn:
        _reject(
            f"sebuah tag membaca '{name}' dari nilai {_kind(obj)}; templat hanya boleh "
            f"membaca data (teks, angka, daftar, dan bagian-bagiannya)"
        )

    # -- lookups
    def getattr(self, obj: Any, attribute: str) -> Any:
        _budget().tick()
        if isinstance(obj, Undefined) and not attribute.startswith("_"):
            return getattr(obj, attribute)  # raises UndefinedError: the name is missing
        if _allowed(obj, attribute):
            return getattr(obj, attribute)
        return self._item(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _budget().tick()
        if isinstance(obj, Undefined):
            return obj[argument]  # raises UndefinedError
        if isinstance(argument, str):
            return self._item(obj, argument)
        if not isinstance(obj, _SUBSCRIPTABLE):
            self._refuse(obj, argument)
        if isinstance(obj, Namespace):  # read by name only (see _item); no ns[0]
            return self.undefined(obj=obj, name=argument)
        try:
            return obj[argument]
        except (TypeError, LookupError):
            return self.undefined(obj=obj, name=argument)

    def _item(self, obj: Any, name: str) -> Any:
        """``obj.name`` / ``obj['name']`` on data: the item, an allowed attribute, or undefined."""
        if name.startswith("_") or not isinstance(obj, (*_SUBSCRIPTABLE, *_SCALARS, LoopContext)):
            self._refuse(obj, name)
        if isinstance(obj, dict):
            try:
                return obj[name]
            except LookupError:
                pass
        if isinstance(obj, Namespace):  # {% set ns = namespace(n=0) %}: its values only
            try:
                return getattr(obj, name)
            except AttributeError:
                pass
        if _allowed(obj, name):
            return getattr(obj, name)
        if hasattr(type(obj), name):
            self._refuse(obj, name)
        return self.undefined(obj=obj, name=name)

    # -- operations
    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        budget = _budget()
        budget.tick()
        if not __self.is_safe_callable(__obj):
            _reject(f"sebuah tag memanggil {_kind(__obj)} yang tidak boleh dipanggil templat")
        name, owner = getattr(__obj, "__name__", ""), getattr(__obj, "__self__", None)
        if isinstance(owner, str) and name in _METHOD_CHECKS:
            if name == "join" and args:
                args = (_items(args[0]), *args[1:])
            _METHOD_CHECKS[name](owner, *args, **kwargs)
        result = __context.call(__obj, *args, **kwargs)
        budget.charge(_size(result))
        return result

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        budget = _budget()
        budget.tick()
        _check_binop(operator, left, right)
        result = self.binop_table[operator](left, right)
        budget.charge(_size(result))
        return result


def _check_binop(operator: str, left: Any, right: Any) -> None:
    sequences = (str, list, tuple)
    if operator == "%" and isinstance(left, str):
        _reject("operator % untuk teks tidak diizinkan; teks sudah diformat oleh program")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if right > 0 and abs(left) > 1:
            _check_bits(left.bit_length() * right)
    elif operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            _check_bits(left.bit_length() + right.bit_length())
        elif isinstance(left, sequences) and isinstance(right, int):
            _check_len(left, len(left) * right)
        elif isinstance(right, sequences) and isinstance(left, int):
            _check_len(right, len(right) * left)
    elif operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
        _check_len(left, len(left) + len(right))


# ----------------------------------------------------------------------------- errors
def tag_paragraph(error: BaseException) -> str | None:
    """The text of the paragraph whose tag raised ``error`` during a render, if known."""
    source = getattr(error, "template_source", "")
    line = None
    tb = error.__traceback__
    while tb is not None:  # Jinja rewrites template frames to the template's own lines
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    lines = source.splitlines()
    if line is None or not 0 < line <= len(lines):
        return None
    text = re.sub(r"<[^>]+>", "", lines[line - 1]).strip()
    return text[:160] or None
