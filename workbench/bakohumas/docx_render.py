"""Render a Word template many times in one process, cheaply.

:func:`render_docx_bytes` renders through :func:`workbench.documents.render_loaded`
like :func:`workbench.documents.render_bytes` (same data-only, bounded Jinja sandbox, same
:class:`~workbench.documents.Image` handling, same errors) with per-process caches, because
the per-office report is rendered 514 times nationally:

- the template file is read once while its size and mtime are unchanged;
- docxtpl's XML clean-up (``patch_xml``) and Jinja's compilation of the document
  are done once per template source (docxtpl redoes both on every render);
- parts that docxtpl never renders and python-docx would parse, re-serialise and
  re-compress on every save (``word/styles.xml``, ``word/stylesWithEffects.xml``,
  the theme: ~800 KB of XML in ``laporan-satker.docx``, over half the render
  time) are replaced by small stubs in a *slim* copy of the template; after
  rendering, their original compressed bytes are put back into the output zip
  (:func:`_assemble`). The document is the same, part for part;
- the link check of each rendered document (:func:`workbench.office_guard.check_docx_links`)
  parses only the parts that differ from ones already found clean for this template
  (:class:`workbench.office_guard.CleanParts`; in practice the body), while the sandbox's
  per-render budgets (steps, characters, XML elements) apply to every render;
- docxtpl's listing pass (tabs and line breaks in text) is skipped when it could not
  change the XML (:func:`_nothing_to_list`);
- from a template's second render on, python-docx no longer opens and saves the package:
  :class:`workbench.docx_fast.FastWriter` renders the body (and checks that headers,
  footers and document properties render as before) and writes the zip from the members
  of an ordinary render, the body and the pictures replaced; the same members, in the same
  order, with the same contents. A template or a render it does not handle is rendered the
  ordinary way.

A template changed on disk (another size or mtime) is read, checked and compiled again.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.docx_fast import Entry, FastWriter, raw_entries, write_zip
from workbench.office_guard import CleanParts

_MAX_CACHED = 64
_COMPILED: dict[str, Any] = {}
_PATCHED: dict[str, str] = {}

#: Parts passed through unchanged (never rendered by docxtpl), with the stub the slim
#: template holds instead. python-docx parses styles.xml, so its stub is a valid root.
_STYLES_STUB = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w='
    b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
)
_PASSTHROUGH_STUBS = {"word/styles.xml": _STYLES_STUB, "word/stylesWithEffects.xml": b""}
_PASSTHROUGH_PREFIXES = ("word/theme/",)
#: Smaller parts are not worth passing through.
_PASSTHROUGH_MIN_BYTES = 4096


def _memo(cache: dict[str, Any], source: str, make) -> Any:
    """``make(source)``, kept in ``cache`` (emptied when it holds over :data:`_MAX_CACHED`)."""
    value = cache.get(source)
    if value is None:
        if len(cache) > _MAX_CACHED:
            cache.clear()
        value = cache[source] = make(source)
    return value


@lru_cache(maxsize=1)
def _caching_env():
    """The template sandbox (:class:`workbench.template_sandbox.DataSandbox`, as
    :func:`workbench.documents.jinja_env`) keeping compiled templates by source: docxtpl
    compiles the whole document.xml on every render, ~40% of a small report's render time.
    A compiled template holds no render state (budgets live in the render), so sharing
    it between renders is safe."""
    from workbench.template_sandbox import DataSandbox

    class CachingEnvironment(DataSandbox):
        def from_string(self, source, globals=None, template_class=None):
            if globals or template_class or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            return _memo(_COMPILED, source, super().from_string)

    return CachingEnvironment()


@lru_cache(maxsize=1)
def _cached_template_class():
    """DocxTemplate whose XML clean-up (``patch_xml``) is cached by source."""
    from docxtpl import DocxTemplate

    class CachedTemplate(DocxTemplate):
        def patch_xml(self, src_xml):
            return _memo(_PATCHED, src_xml, super().patch_xml)

        def resolve_listing(self, xml):
            return xml if _nothing_to_list(xml) else super().resolve_listing(xml)

    return CachedTemplate


_LISTING_CHARS = re.compile("[\t\a\n\f]")


def _nothing_to_list(xml: str) -> bool:
    """Whether docxtpl's ``resolve_listing`` would return ``xml`` unchanged (its three
    nested regex passes over every paragraph and run were ~13% of a render).

    It rewrites tab, bell, newline and form feed only inside ``<w:t>`` elements, from
    ``<w:t`` to the next ``</w:t>``; those characters elsewhere (the picture XML that
    python-docx indents with newlines) are left as they are. Conservative: any ``<w:t ``
    or ``<w:t>`` counts as an opening.
    """
    for found in _LISTING_CHARS.finditer(xml):
        at = found.start()
        opened = max(xml.rfind("<w:t ", 0, at), xml.rfind("<w:t>", 0, at))
        if opened > xml.rfind("</w:t>", 0, at):
            return False
    return True


@dataclass(frozen=True)
class _Template:
    """A template read once: the slim copy given to docxtpl, the parts it lacks, and the
    parts of its renders already found clean by the link check (a render parses only the
    parts it changed: the body, not settings, numbering or the footer)."""

    slim: bytes
    passthrough: dict[str, Entry]
    clean: CleanParts = field(default_factory=CleanParts, compare=False)
    #: ``"writer"``: the template's :class:`~workbench.docx_fast.FastWriter`, or None
    #: when it does not handle this template (made at the first render).
    fast: dict[str, Any] = field(default_factory=dict, compare=False)


@lru_cache(maxsize=8)
def _load(path: str, size: int, mtime_ns: int) -> _Template:
    """The template at ``path`` (cached while its size and mtime are unchanged), checked by
    :func:`workbench.office_guard.check_template` first."""
    from workbench.office_guard import check_template

    check_template(Path(path))
    data = Path(path).read_bytes()
    try:
        return _slim(data)
    except (zipfile.BadZipFile, KeyError, ValueError, struct.error):
        return _Template(data, {})  # not a zip we understand: docxtpl reports it


def _slim(data: bytes) -> _Template:
    entries = raw_entries(data)
    passthrough = {name: e for name, e in entries.items() if _passes_through(e)}
    if not passthrough:
        return _Template(data, {})
    source = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename in passthrough:
                out.writestr(info.filename, _PASSTHROUGH_STUBS.get(info.filename, b""))
            else:
                out.writestr(info, source.read(info))
    return _Template(buf.getvalue(), passthrough)


def _passes_through(entry: Entry) -> bool:
    name = entry.info.filename
    return entry.info.file_size >= _PASSTHROUGH_MIN_BYTES and (
        name in _PASSTHROUGH_STUBS or name.startswith(_PASSTHROUGH_PREFIXES)
    )


def _assemble(rendered: bytes, passthrough: dict[str, Entry]) -> bytes:
    """``rendered`` (a zip) with the passthrough members' original bytes put back, in
    ``rendered``'s order."""
    return write_zip([passthrough.get(n, e) for n, e in raw_entries(rendered).items()])


def render_docx_bytes(template: str | Path, context: dict[str, Any]) -> bytes:
    """Render ``template`` with ``context`` to DOCX bytes (see the module docstring).

    Raises
    ------
    InputError
        The template is missing or is not a DOCX, or an image is not recognised.
    WorkbenchError
        The template does not render with this context.
    """
    from workbench.documents import load_template, render_loaded
    from workbench.office_guard import check_docx_parts

    path = Path(template)
    if not path.is_file():
        load_template(path)  # raises the InputError naming the fix
    st = path.stat()
    cached = _load(str(path.resolve()), st.st_size, st.st_mtime_ns)

    fast = _fast_writer(cached)
    rendered = _fast_render(fast, context) if fast is not None and fast.skeletons else None
    if fast is not None and rendered is not None:
        skeleton = fast.skeleton_for(rendered)
        if skeleton is not None:
            # its other members are those of an ordinary render, checked then
            check_docx_parts(
                rendered.parts, file=template, what="dokumen hasil templat", clean=cached.clean
            )
            return skeleton.assemble(rendered)

    tpl = _cached_template_class()(io.BytesIO(cached.slim))
    try:
        tpl.init_docx()
    except Exception:
        load_template(path)  # raises the InputError for a file that is not a DOCX
        raise
    rendered_ordinary = render_loaded(tpl, context, template, _caching_env(), cached.clean)
    data = (
        _assemble(rendered_ordinary, cached.passthrough)
        if cached.passthrough
        else rendered_ordinary
    )
    if fast is not None:
        _learn(fast, tpl, rendered, context, data)
    return data


def _fast_writer(cached: _Template) -> FastWriter | None:
    """The template's fast writer, made at its second render (a template rendered once,
    like the province report, is not worth it); None if it does not handle the template."""
    if not cached.fast.setdefault("seen", False):
        cached.fast["seen"] = True
        return None
    if "writer" not in cached.fast:
        try:
            held = _cached_template_class()(io.BytesIO(cached.slim))
            held.init_docx()
            cached.fast["writer"] = FastWriter(held)
        except Exception:  # Unhandled, or a package the ordinary path will report
            cached.fast["writer"] = None
    writer = cached.fast["writer"]
    return None if writer is None or writer.disabled else writer


def _fast_render(fast: FastWriter | None, context: dict[str, Any]):
    """The fast render of ``context`` (:meth:`FastWriter.render`, under its own render
    budget), or None when it cannot be used: the ordinary render then runs and gives the
    document or the error."""
    from workbench.documents import render_context
    from workbench.template_sandbox import bounded_render

    if fast is None:
        return None
    try:
        with bounded_render():
            return fast.render(render_context(context, fast.held), _caching_env())
    except Exception:  # Unhandled, or an error the ordinary render reports as it should
        return None


def _learn(fast: FastWriter, tpl, rendered, context: dict[str, Any], data: bytes) -> None:
    """After an ordinary render (``tpl``, output ``data``) that the fast writer could not
    do: learn its picture slots and keep its members as a skeleton (checked), or stop using
    the fast writer for this template when it cannot learn."""
    known = rendered is not None and rendered.key in fast.skeletons
    if known:  # same pictures, other headers/footers/properties: they depend on the data
        fast.disabled = True
        return
    fast.learn(tpl)
    rendered = _fast_render(fast, context) if not fast.disabled else None
    if rendered is None:
        fast.disabled = True
    elif rendered.key not in fast.skeletons:
        fast.adopt(rendered, data)
