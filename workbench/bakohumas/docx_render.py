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
  change the XML (:func:`_nothing_to_list`).

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
class _Entry:
    """One zip member as stored: its header fields and its compressed bytes."""

    info: zipfile.ZipInfo
    data: bytes


@dataclass(frozen=True)
class _Template:
    """A template read once: the slim copy given to docxtpl, the parts it lacks, and the
    parts of its renders already found clean by the link check (a render parses only the
    parts it changed: the body, not settings, numbering or the footer)."""

    slim: bytes
    passthrough: dict[str, _Entry]
    clean: CleanParts = field(default_factory=CleanParts, compare=False)


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
    entries = _raw_entries(data)
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


def _passes_through(entry: _Entry) -> bool:
    name = entry.info.filename
    return entry.info.file_size >= _PASSTHROUGH_MIN_BYTES and (
        name in _PASSTHROUGH_STUBS or name.startswith(_PASSTHROUGH_PREFIXES)
    )


def _raw_entries(data: bytes) -> dict[str, _Entry]:
    """Every member of the zip ``data`` with its still-compressed bytes."""
    entries = {}
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        offset = info.header_offset
        if data[offset : offset + 4] != b"PK\x03\x04":
            raise ValueError(f"bad local header for {info.filename}")
        name_len, extra_len = struct.unpack("<HH", data[offset + 26 : offset + 30])
        start = offset + 30 + name_len + extra_len
        entries[info.filename] = _Entry(info, data[start : start + info.compress_size])
    return entries


def _assemble(rendered: bytes, passthrough: dict[str, _Entry]) -> bytes:
    """``rendered`` (a zip) with the passthrough members' original bytes put back.

    Members are copied still compressed, in ``rendered``'s order; a plain zip
    (no zip64, no data descriptors) like python-docx writes.
    """
    body, central = io.BytesIO(), io.BytesIO()
    entries = _raw_entries(rendered)
    for name, own in entries.items():
        entry = passthrough.get(name, own)
        info, fname = entry.info, name.encode("utf-8")
        flags = 0 if fname.isascii() else 0x800
        time, date = _dos_time(info.date_time)
        fields = (
            info.compress_type,
            time,
            date,
            info.CRC,
            len(entry.data),
            info.file_size,
            len(fname),
        )
        offset = body.tell()
        body.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, *fields, 0))
        body.write(fname)
        body.write(entry.data)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                flags,
                *fields,
                0,
                0,
                0,
                0,
                info.external_attr,
                offset,
            )
        )
        central.write(fname)
    directory = central.getvalue()
    start = body.tell()
    body.write(directory)
    body.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), start, 0
        )
    )
    return body.getvalue()


def _dos_time(date_time: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


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

    path = Path(template)
    if not path.is_file():
        load_template(path)  # raises the InputError naming the fix
    st = path.stat()
    cached = _load(str(path.resolve()), st.st_size, st.st_mtime_ns)

    tpl = _cached_template_class()(io.BytesIO(cached.slim))
    try:
        tpl.init_docx()
    except Exception:
        load_template(path)  # raises the InputError for a file that is not a DOCX
        raise
    rendered = render_loaded(tpl, context, template, _caching_env(), cached.clean)
    return _assemble(rendered, cached.passthrough) if cached.passthrough else rendered
