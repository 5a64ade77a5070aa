"""Write a rendered DOCX without opening and saving the package through python-docx.

A docxtpl render of a template changes few parts of the package: the body
(``word/document.xml``) and, when pictures are placed, the new media parts, the
document's relationships and ``[Content_Types].xml``. python-docx nevertheless opens
(parses) every part of the template and serialises and compresses every part again on
each save. :class:`FastWriter` keeps, per compiled template,

- one opened copy of the template, never rendered, whose methods (docxtpl's XML
  clean-up, rendering of one part, table fixing, picture ids) do the same steps as
  :meth:`docxtpl.DocxTemplate.render` on the body;
- a :class:`Skeleton` per set of new pictures (their extensions): every member of a
  document rendered the ordinary way (python-docx open + save), still compressed.

A render then produces only the body and the pictures' bytes and writes the zip from
the skeleton with those members replaced. It gives the same members, in the same order,
with the same contents as the ordinary path: the skeleton is adopted only after the
fast render of the same context reproduced the ordinary output member for member, and
a render whose headers, footers or document properties render to something else than
the skeleton's, whose pictures are not known to the skeleton, or which fails in any
way, is done the ordinary way (which raises the ordinary errors).

Templates the writer does not handle are rendered the ordinary way: no core properties
part (python-docx would add one stamped with the time of the save), footnotes, relations
other than pictures added by the render, or a skeleton that did not match.
"""

from __future__ import annotations

import io
import struct
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


class Unhandled(Exception):
    """This render is outside what the fast writer reproduces: render it the ordinary way."""


@dataclass(frozen=True)
class Entry:
    """One zip member as stored: its header fields and its compressed bytes."""

    info: zipfile.ZipInfo
    data: bytes


def raw_entries(data: bytes) -> dict[str, Entry]:
    """Every member of the zip ``data`` with its still-compressed bytes."""
    entries = {}
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        offset = info.header_offset
        if data[offset : offset + 4] != b"PK\x03\x04":
            raise ValueError(f"bad local header for {info.filename}")
        name_len, extra_len = struct.unpack("<HH", data[offset + 26 : offset + 30])
        start = offset + 30 + name_len + extra_len
        entries[info.filename] = Entry(info, data[start : start + info.compress_size])
    return entries


def deflated(name: str, blob: bytes, like: zipfile.ZipInfo) -> Entry:
    """``blob`` compressed as :meth:`zipfile.ZipFile.writestr` does in a ``ZIP_DEFLATED``
    archive (python-docx's), with ``like``'s attributes and the current time."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    data = compressor.compress(blob) + compressor.flush()
    info = zipfile.ZipInfo(name, time.localtime(time.time())[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = like.external_attr
    info.CRC = zlib.crc32(blob)
    info.file_size = len(blob)
    return Entry(info, data)


def write_zip(entries: list[Entry]) -> bytes:
    """A plain zip (no zip64, no data descriptors, like python-docx writes) of ``entries``,
    copied still compressed, in this order."""
    body, central = io.BytesIO(), io.BytesIO()
    for entry in entries:
        info, fname = entry.info, entry.info.filename.encode("utf-8")
        flags = 0 if fname.isascii() else 0x800
        clock, date = _dos_time(info.date_time)
        fields = (
            info.compress_type,
            clock,
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
    count = len(entries)
    body.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0))
    return body.getvalue()


def _dos_time(date_time: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def same_members(a: bytes, b: bytes) -> bool:
    """Whether the zips ``a`` and ``b`` hold the same members, in the same order, with the
    same contents (timestamps aside)."""
    za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
    if za.namelist() != zb.namelist():
        return False
    return all(za.read(name) == zb.read(name) for name in za.namelist())


@dataclass
class Rendered:
    """What one fast render produced: the body, the pictures (member name, bytes) in
    first-use order, and the rendered headers, footers and document properties."""

    document: bytes
    pictures: list[tuple[str, bytes]]
    others: tuple[Any, ...]

    @property
    def parts(self) -> list[tuple[str, bytes]]:
        """The members this render replaces in the skeleton: the body and the pictures."""
        return [("word/document.xml", self.document), *self.pictures]

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(name.rsplit(".", 1)[-1] for name, _ in self.pictures)


@dataclass(frozen=True)
class Skeleton:
    """The members of an ordinary render with pictures of extensions ``key``."""

    entries: list[Entry]
    others: tuple[Any, ...]

    def assemble(self, rendered: Rendered) -> bytes:
        new = dict(rendered.parts)
        out = [
            deflated(e.info.filename, new[e.info.filename], e.info) if e.info.filename in new else e
            for e in self.entries
        ]
        return write_zip(out)


class _PictureSlots:
    """The story part docxtpl's :class:`~docxtpl.InlineImage` asks for a picture
    (``new_pic_inline``), doing what python-docx's ``StoryPart.new_pic_inline`` does on
    the document part: a picture already used in this render gets its relationship again,
    a new one the next slot (relationship id, media number) an ordinary render gave."""

    def __init__(self, writer: "FastWriter"):
        self.writer = writer
        self.images: dict[str, Any] = {}  # sha1 -> (rId, Image)
        self.pictures: list[tuple[str, bytes]] = []

    def new_pic_inline(self, image_descriptor, width=None, height=None):
        from docx.image.image import Image
        from docx.oxml.shape import CT_Inline

        image = Image.from_file(image_descriptor)
        known = self.images.get(image.sha1)
        if known is None:
            if image.sha1 in self.writer.template_pictures:
                raise Unhandled("picture already in the template")
            slot = len(self.images)
            if slot >= len(self.writer.slots):
                raise Unhandled("more pictures than an ordinary render has shown")
            rid, number = self.writer.slots[slot]
            known = self.images[image.sha1] = (rid, image)
            self.pictures.append((f"word/media/image{number}.{image.ext}", image.blob))
        rid, image = known
        cx, cy = image.scaled_dimensions(width, height)
        return CT_Inline.new_pic_inline(self.writer.next_id, rid, image.filename, cx, cy)


class _NoPictures:
    """The story part of a header or footer: a picture there is not handled."""

    def new_pic_inline(self, *args, **kwargs):
        raise Unhandled("picture in a header or footer")


@dataclass
class FastWriter:
    """The fast writer of one compiled template (see the module docstring).

    ``held`` is an opened, never rendered docxtpl template of the same package the
    ordinary path renders (the caller's slim copy).
    """

    held: Any
    slots: list[tuple[str, int]] = field(default_factory=list)
    skeletons: dict[tuple[str, ...], Skeleton] = field(default_factory=dict)
    disabled: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        held = self.held
        package = held.docx.part.package
        if not any(rel.reltype == RT.CORE_PROPERTIES for rel in package.rels.values()):
            raise Unhandled("no core properties part")
        if any(part.content_type == _FOOTNOTES for part in package.iter_parts()):
            raise Unhandled("footnotes")
        self.body = held.patch_xml(held.get_xml())
        self.stories = [
            (part, held.patch_xml(held.get_part_xml(part)))
            for uri in (held.HEADER_URI, held.FOOTER_URI)
            for _, part in held.get_headers_footers(uri)
        ]
        props = held.docx.core_properties
        self.properties = [getattr(props, p) for p in _PROPERTIES]
        self.next_id = held.docx.part.next_id
        self.template_pictures = {part.sha1 for part in package.image_parts}
        self.template_rels = set(held.docx.part.rels)

    def render(self, context: dict[str, Any], env) -> Rendered:
        """Render the template's parts with ``context`` (already converted for docxtpl with
        this writer's ``held`` template) as docxtpl's ``render`` does, under the caller's
        render budget."""
        from docx.opc.oxml import serialize_part_xml

        held, slots = self.held, _PictureSlots(self)
        env.autoescape = True
        with self.lock:
            held.current_rendering_part, held.docx_ids_index = None, 1000
            tree = held.fix_tables(held.render_xml_part(self.body, slots, context, env))
            held.fix_docpr_ids(tree)
            others = tuple(
                held.render_xml_part(xml, _NoPictures(), context, env) for _, xml in self.stories
            ) + tuple(env.from_string(p).render(context) for p in self.properties)
            root = held.docx._element
            body = root.body
            root.replace(body, tree)
            try:
                document = serialize_part_xml(root)
            finally:
                root.replace(tree, body)
        return Rendered(document, slots.pictures, others)

    def learn(self, ordinary_tpl) -> None:
        """Take the picture slots (relationship id, media number) an ordinary render of
        this template gave, in first-use order."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        slots = []
        for rid, rel in ordinary_tpl.docx.part.rels.items():
            if rid in self.template_rels:
                continue
            if rel.reltype != RT.IMAGE or rel.is_external:
                self.disabled = True
                return
            slots.append((rid, rel.target_part.partname.idx))
        if len(slots) > len(self.slots):
            self.slots = slots

    def adopt(self, rendered: Rendered, ordinary: bytes) -> None:
        """Keep ``ordinary`` (the ordinary output for the context of ``rendered``) as the
        skeleton for renders like ``rendered``, if assembling ``rendered`` on it gives it
        back member for member; otherwise stop using the fast writer for this template."""
        skeleton = Skeleton(list(raw_entries(ordinary).values()), rendered.others)
        if same_members(skeleton.assemble(rendered), ordinary):
            self.skeletons[rendered.key] = skeleton
        else:
            self.disabled = True

    def skeleton_for(self, rendered: Rendered) -> Skeleton | None:
        """The skeleton ``rendered`` is written onto: same pictures, same headers, footers
        and properties, every replaced member present; None if there is none."""
        skeleton = self.skeletons.get(rendered.key)
        if skeleton is None or skeleton.others != rendered.others:
            return None
        names = {e.info.filename for e in skeleton.entries}
        return skeleton if all(name in names for name, _ in rendered.parts) else None


#: The core properties docxtpl renders (``DocxTemplate.render_properties``).
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
