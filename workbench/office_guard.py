"""Office files (XLSX workbooks, DOCX templates and documents) read as hostile containers.

An XLSX or DOCX is a zip of XML parts; every library that opens one (openpyxl, python-docx,
docxtpl, LibreOffice) trusts it. The guards here run **before** any of them and look only at
the zip directory and a streaming (constant-memory) parse of the parts, so a small hostile
file costs what it is, not what it claims:

- :func:`check_workbook` (every reader of an XLSX: meeting record, roster, jobs table,
  quarterly report, posting log): size on disk and unpacked, compression ratio, number of
  parts, no DOCTYPE, and for every sheet the grid it spans (the ``<dimension ref>`` *and* the
  refs/numbers of the rows and cells actually present: openpyxl builds or pads every cell of
  that grid, blank or not), and the text once shared strings are expanded (a few strings
  referenced a million times);
- :func:`check_template` (every DOCX template, before docxtpl opens it: ``templates check``
  and every render): the same container bounds, plus :func:`check_docx_links`;
- :func:`check_docx_links` (templates, every rendered document before it is written, every
  DOCX before LibreOffice converts it): no external relationship other than an ordinary
  ``http(s)``/``mailto`` hyperlink, no altChunk, no field that pulls in another file
  (``INCLUDEPICTURE``, ``INCLUDETEXT``, ``LINK``, ``DDE``...), no PostScript picture, no SVG
  picture referring outside itself.

The bounds are in :mod:`workbench.limits` (docs/limits.md); every refusal is an
:class:`~workbench.errors.InputError` (exit 2) naming the file, the part and the bound.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

from workbench.errors import InputError
from workbench.limits import (
    MAX_DOCX_XML_BYTES,
    MAX_OFFICE_PARTS,
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMNS,
    MAX_TABLE_ROWS,
    MAX_TEMPLATE_BYTES,
    MAX_ZIP_RATIO,
    ZIP_RATIO_FROM_BYTES,
    count_text,
    size_text,
    too_big,
)

_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_RESAVE = (
    "buka berkas di Excel/LibreOffice, hapus baris/kolom kosong di luar tabel, lalu simpan ulang"
)


# ============================================================================= the zip
def _archive(source: Path | bytes) -> zipfile.ZipFile | None:
    """The zip, or None when ``source`` is not one (left to the library to report)."""
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _check_container(
    archive: zipfile.ZipFile, limit: int, *, file, what: str, fix: str
) -> list[zipfile.ZipInfo]:
    """Parts count, unpacked size and per-part ratio of ``archive``; its parts."""
    parts = archive.infolist()
    if len(parts) > MAX_OFFICE_PARTS:
        raise InputError(
            f"{what} berisi {count_text(len(parts))} bagian zip (batas "
            f"{count_text(MAX_OFFICE_PARTS)}); berkas Office biasa berisi puluhan",
            file=file,
            fix=fix,
        )
    unpacked = sum(p.file_size for p in parts)
    if unpacked > limit:
        raise InputError(
            f"isi {what} terlalu besar: {size_text(unpacked)} setelah diekstrak "
            f"(batas {size_text(limit)})",
            file=file,
            fix=fix,
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size >= ZIP_RATIO_FROM_BYTES and ratio > MAX_ZIP_RATIO:
            raise InputError(
                f"bagian '{part.filename}' {what} memampat {count_text(round(ratio))}:1 "
                f"(batas {MAX_ZIP_RATIO}:1); berkas seperti ini biasanya berisi satu sel "
                f"atau paragraf raksasa, atau sengaja dibuat untuk menghabiskan memori",
                file=file,
                fix="buka berkas di Excel/Word/LibreOffice, hapus isi yang sangat panjang, lalu "
                "simpan ulang; " + fix,
            )
    return parts


def _events(
    stream: IO[bytes], tags, *, file, part: str, events=("end",), clear=()
) -> Iterator[tuple[str, Any]]:
    """Streaming parse of one XML part (no DTD loading, no entity expansion, no network),
    yielding ``(event, element)`` for ``tags``; elements of ``tags`` and ``clear`` are
    dropped once read, so memory stays constant. A DOCTYPE or malformed XML is bad input."""
    from lxml import etree

    wanted = list(tags) + [t for t in clear if t not in tags]
    context = etree.iterparse(
        stream,
        events=tuple(dict.fromkeys(("start", *events))),
        tag=wanted,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
    )
    first = True
    try:
        for event, element in context:
            if first:
                first = False
                if element.getroottree().docinfo.doctype:
                    raise InputError(
                        f"bagian '{part}' berisi deklarasi DOCTYPE, yang tidak pernah ditulis "
                        "Excel, Word, atau LibreOffice",
                        file=file,
                        fix="simpan ulang berkas dari Excel/Word/LibreOffice",
                    )
            if event in events and element.tag in tags:
                yield event, element
            if event == "end":
                element.clear(keep_tail=False)
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
    except etree.XMLSyntaxError as e:
        raise InputError(
            f"bagian '{part}' bukan XML yang sah ({e.msg})",
            file=file,
            fix="simpan ulang berkas dari Excel/Word/LibreOffice",
        ) from e


# ============================================================================= XLSX
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


@functools.lru_cache(maxsize=1024)
def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def _ref(text: str | None) -> tuple[int, int] | None:
    """``(row, column)`` of a cell reference like ``XFD1048576``, or None."""
    m = _CELL_REF.match((text or "").strip())
    return (int(m.group(2)), _column_number(m.group(1))) if m else None


@dataclass
class _Grid:
    """What one sheet spans: last row and column, and cells present."""

    rows: int = 0
    columns: int = 0
    cells: int = 0
    shared_chars: int = 0

    def reach(self, row: int, column: int) -> None:
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)


@dataclass
class _Book:
    sheet_names: dict[str, str] = field(default_factory=dict)  # part -> sheet name
    shared: array = field(default_factory=lambda: array("q"))  # chars of each shared string


def check_workbook(path: Path, limit: int, *, file=None, fix: str) -> None:
    """Refuse an XLSX that would cost more to open than an honest one of ``limit`` bytes.

    ``limit`` bounds the size on disk, the unpacked size and the text once shared strings
    are expanded; :data:`~workbench.limits.MAX_TABLE_ROWS`,
    :data:`~workbench.limits.MAX_SHEET_COLUMNS` and :data:`~workbench.limits.MAX_SHEET_CELLS`
    bound the grid every sheet spans, counted from its ``<dimension>`` and from every row
    and cell present (blank or not). A file that is not a zip is left for openpyxl to
    report as damaged; a missing one for the reader.
    """
    file = file or path
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader reports a missing file in its own words
    if size > limit:
        raise too_big(size, limit, file=file, what="berkas Excel", fix=fix)
    archive = _archive(path)
    if archive is None:
        return
    with archive:
        parts = _check_container(archive, limit, file=file, what="berkas Excel", fix=fix)
        book = _Book(sheet_names=_sheet_names(archive, file))
        # every part, whatever its name: openpyxl follows the relationships, not the suffix
        roots = {p.filename: _root(archive, p) for p in parts if not _is_media(p.filename)}
        for part in parts:  # shared strings first: sheets refer to them by number
            if roots.get(part.filename) == f"{{{_SHEET_NS}}}sst":
                _read_shared(archive, part, book, file=file)
        total_shared = 0
        for part in parts:
            if roots.get(part.filename) == f"{{{_SHEET_NS}}}worksheet":
                grid = _scan_sheet(archive, part, book, file=file)
                total_shared += grid.shared_chars
                if total_shared > limit:
                    raise InputError(
                        f"teks sel berkas Excel setelah teks bersama (shared strings) diuraikan "
                        f"lebih dari {size_text(limit)} (batas {size_text(limit)}); satu teks "
                        f"dipakai berulang-ulang di sangat banyak sel",
                        file=file,
                        fix=fix,
                    )


def _root(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> str | None:
    """The tag of the root element of ``part`` (read from its first bytes), or None."""
    from lxml import etree

    with archive.open(part) as stream:
        try:
            for _, element in etree.iterparse(
                stream, events=("start",), resolve_entities=False, no_network=True
            ):
                return element.tag
        except etree.XMLSyntaxError:
            return None  # not our business here: openpyxl reports it
    return None


def _sheet_names(archive: zipfile.ZipFile, file) -> dict[str, str]:
    """Part name -> sheet name, from ``xl/workbook.xml`` and its relationships."""
    names: dict[str, str] = {}
    try:
        rels_info = archive.getinfo("xl/_rels/workbook.xml.rels")
        book_info = archive.getinfo("xl/workbook.xml")
    except KeyError:
        return names
    targets = {}
    with archive.open(rels_info) as stream:
        for _, rel in _events(
            stream, [f"{{{_REL_NS}}}Relationship"], file=file, part=rels_info.filename
        ):
            target = rel.get("Target") or ""
            target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            targets[rel.get("Id")] = posixpath.normpath(target)
    with archive.open(book_info) as stream:
        for _, sheet in _events(
            stream, [f"{{{_SHEET_NS}}}sheet"], file=file, part=book_info.filename
        ):
            target = targets.get(sheet.get(f"{{{_DOC_REL_NS}}}id"))
            if target:
                names[target] = sheet.get("name") or target
    return names


def _read_shared(archive, part: zipfile.ZipInfo, book: _Book, *, file) -> None:
    """The length of every shared string (``<si>``), in order."""
    t_tag, si_tag = f"{{{_SHEET_NS}}}t", f"{{{_SHEET_NS}}}si"
    chars = 0
    with archive.open(part) as stream:
        for _, element in _events(stream, [t_tag, si_tag], file=file, part=part.filename):
            if element.tag == t_tag:
                chars += len(element.text or "")
            else:
                book.shared.append(chars)
                chars = 0


def _scan_sheet(archive, part: zipfile.ZipInfo, book: _Book, *, file) -> _Grid:
    """The grid ``part`` spans, as openpyxl will see it (rows/cells without ``r`` follow the
    previous one), refusing it once over a bound. One pass, end events only (a cell's row is
    its parent, already built with its attributes); each row is dropped once read."""
    name = book.sheet_names.get(part.filename, part.filename)
    grid, shared = _Grid(), book.shared
    row_tag, cell_tag = f"{{{_SHEET_NS}}}row", f"{{{_SHEET_NS}}}c"
    dim_tag, v_tag = f"{{{_SHEET_NS}}}dimension", f"{{{_SHEET_NS}}}v"
    row = column = 0
    row_element = None
    max_row, max_column, max_cells = MAX_TABLE_ROWS, MAX_SHEET_COLUMNS, MAX_SHEET_CELLS
    with archive.open(part) as stream:
        # _events drops each row (and its cells) once read
        for _, element in _events(
            stream, (row_tag, cell_tag, dim_tag), file=file, part=part.filename
        ):
            tag = element.tag
            if tag == cell_tag:
                parent = element.getparent()
                if parent is not row_element:  # the first cell of a new row
                    row_element, column = parent, 0
                    r = parent.get("r") if parent is not None else None
                    row = int(r) if r and r.isdigit() else row + 1
                ref = element.get("r")
                m = _CELL_REF.match(ref) if ref else None
                if m:
                    row, column = max(row, int(m.group(2))), _column_number(m.group(1))
                else:
                    column += 1
                grid.cells += 1
                if row > grid.rows:
                    grid.rows = row
                if column > grid.columns:
                    grid.columns = column
                if (
                    row > max_row
                    or column > max_column
                    or grid.rows * grid.columns > max_cells
                    or grid.cells > max_cells
                ):
                    _check_grid(grid, name, ("sel", row, column), file)
                if element.get("t") == "s":
                    v = element.find(v_tag)
                    text = (v.text or "").strip() if v is not None else ""
                    if text.isdigit() and int(text) < len(shared):
                        grid.shared_chars += shared[int(text)]
            elif tag == row_tag:
                if element is not row_element:  # a row without cells
                    r = element.get("r")
                    row = int(r) if r and r.isdigit() else row + 1
                row_element = None
                if row > grid.rows:
                    grid.rows = row
                    if row > max_row or row * grid.columns > max_cells:
                        _check_grid(grid, name, ("baris", row), file)
            else:  # <dimension ref="A1:XFD1048576">: read-only openpyxl pads to it
                for corner in (element.get("ref") or "").split(":"):
                    ref_at = _ref(corner)
                    if ref_at:
                        grid.reach(*ref_at)
                _check_grid(grid, name, ("dimensi", element.get("ref")), file)
    return grid


def _where(where: tuple) -> str:
    """``("baris", 7)`` -> 'baris 7', ``("sel", 7, 3)`` -> 'sel C7', ``("dimensi", ref)``."""
    if where[0] == "baris":
        return f"baris {count_text(where[1])}"
    if where[0] == "sel":
        return f"sel {_column_letters(where[2])}{where[1]}"
    return f"dimensi {where[1]}"


def _check_grid(grid: _Grid, sheet: str, where: tuple, file) -> None:
    span = grid.rows * max(grid.columns, 1)
    if grid.rows > MAX_TABLE_ROWS or grid.columns > MAX_SHEET_COLUMNS or span > MAX_SHEET_CELLS:
        raise InputError(
            f"sheet '{sheet}' menjangkau sampai {_where(where)}: {count_text(grid.rows)} baris x "
            f"{count_text(grid.columns)} kolom = {count_text(span)} sel, kosong atau tidak "
            f"(batas {count_text(MAX_TABLE_ROWS)} baris, {count_text(MAX_SHEET_COLUMNS)} "
            f"kolom, {count_text(MAX_SHEET_CELLS)} sel per sheet)",
            file=file,
            fix=_RESAVE + " (di Excel: Ctrl+End menunjukkan sel terakhir yang dipakai)",
        )
    if grid.cells > MAX_SHEET_CELLS:
        raise InputError(
            f"sheet '{sheet}' berisi lebih dari {count_text(MAX_SHEET_CELLS)} sel (batas "
            f"{count_text(MAX_SHEET_CELLS)} sel per sheet)",
            file=file,
            fix=_RESAVE,
        )


# ============================================================================= DOCX
_TEMPLATE_FIX = (
    "simpan ulang templat dari Word/LibreOffice, atau pakai templat bawaan dari folder templates/"
)
#: Field codes that pull another file or program into the document when it is opened,
#: updated or converted (Word's field reference). ``HYPERLINK`` only makes a link.
FORBIDDEN_FIELDS = frozenset(
    {
        "INCLUDEPICTURE",
        "INCLUDETEXT",
        "INCLUDE",
        "IMPORT",
        "LINK",
        "DDE",
        "DDEAUTO",
        "DATABASE",
        "RD",
    }
)
#: External targets a relationship of type hyperlink may have (a link the reader clicks;
#: nothing fetches it while the document is rendered or converted).
LINK_SCHEMES = ("http://", "https://", "mailto:")
_HYPERLINK_TYPE = "/hyperlink"
_ALTCHUNK_TYPE = "/aFChunk"
_POSTSCRIPT = (b"%!PS", b"\xc5\xd0\xd3\xc6")
_SVG_EXTERNAL = re.compile(rb"""(?:href\s*=\s*["']\s*|url\(\s*["']?\s*)(?!#|data:)""", re.I)


def check_template(path: Path, *, file=None) -> None:
    """Refuse a DOCX template that is a bomb or links outside itself (before docxtpl opens it).

    Bounds: :data:`~workbench.limits.MAX_TEMPLATE_BYTES` on disk and unpacked, the zip
    ratio and part count, :data:`~workbench.limits.MAX_DOCX_XML_BYTES` per XML part; then
    :func:`check_docx_links`. A file that is not a zip is left for docxtpl to report.
    """
    file = file or path
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size > MAX_TEMPLATE_BYTES:
        raise too_big(size, MAX_TEMPLATE_BYTES, file=file, what="templat", fix=_TEMPLATE_FIX)
    archive = _archive(path)
    if archive is None:
        return
    with archive:
        parts = _check_container(
            archive, MAX_TEMPLATE_BYTES, file=file, what="templat", fix=_TEMPLATE_FIX
        )
        for part in parts:
            if _is_xml(part.filename) and part.file_size > MAX_DOCX_XML_BYTES:
                raise InputError(
                    f"bagian '{part.filename}' templat berisi {size_text(part.file_size)} XML "
                    f"(batas {size_text(MAX_DOCX_XML_BYTES)} per bagian); templat Word biasa "
                    "di bawah 1 MB",
                    file=file,
                    fix=_TEMPLATE_FIX,
                )
        _check_links(archive, file=file, what="templat")


class CleanParts:
    """Parts already found clean by :func:`check_docx_links`, by name and exact content.

    A renderer checking every document it writes passes one per template: the parts a
    render leaves as they were (settings, numbering, rels, footer...) are then compared
    byte for byte instead of parsed again; a changed part (the rendered body) is checked.
    Each part is judged on its own name and content alone, so a part equal to one found
    clean is clean. At most :data:`MAX_VARIANTS` contents are kept per part name.
    """

    MAX_VARIANTS = 4

    def __init__(self) -> None:
        self._clean: dict[str, list[bytes]] = {}

    def __contains__(self, item: tuple[str, bytes]) -> bool:
        name, data = item
        return any(data == known for known in self._clean.get(name, ()))

    def add(self, name: str, data: bytes) -> None:
        known = self._clean.setdefault(name, [])
        if len(known) < self.MAX_VARIANTS:
            known.append(data)


def check_docx_links(
    source: Path | bytes, *, file=None, what: str = "dokumen", clean: CleanParts | None = None
) -> None:
    """Refuse a DOCX (a path or its bytes) carrying anything that reaches outside it:

    - a relationship with ``TargetMode="External"`` (linked picture ``r:link``, attached
      template, OLE link, subdocument, frame...) or a target with a URL scheme, except a
      hyperlink to ``http(s)://`` or ``mailto:`` (it is only clicked, never fetched);
    - an altChunk (a whole foreign document imported on open);
    - a field whose code is one of :data:`FORBIDDEN_FIELDS`;
    - a PostScript/EPS picture (LibreOffice hands those to an interpreter) or an SVG picture
      referring to anything outside itself.

    ``clean`` (see :class:`CleanParts`) skips the parts equal to ones found clean before,
    and records those found clean now.
    """
    archive = _archive(source)
    if archive is None:
        return
    with archive:
        _check_links(
            archive,
            file=file or (source if isinstance(source, Path) else None),
            what=what,
            clean=clean,
        )


def check_docx_parts(
    parts: Iterable[tuple[str, bytes]],
    *,
    file=None,
    what: str = "dokumen",
    clean: CleanParts | None = None,
) -> None:
    """:func:`check_docx_links` for some parts only, given as (name, bytes): for a writer
    that puts them into a package whose other parts passed that check already
    (:mod:`workbench.docx_fast`)."""
    for name, data in parts:
        if data and (clean is None or (name, data) not in clean):
            _check_part(name, functools.partial(io.BytesIO, data), file=file, what=what)
            if clean is not None:
                clean.add(name, data)


def _is_media(name: str) -> bool:
    """Pictures and embedded objects (``word/media/``, ``xl/media/``, ``…/embeddings/``)."""
    return "/media/" in name or "/embeddings/" in name


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _check_links(
    archive: zipfile.ZipFile, *, file, what: str, clean: CleanParts | None = None
) -> None:
    parts = [part for part in archive.infolist() if part.file_size]
    if clean is not None:  # read whole, to compare with the parts found clean before
        check_docx_parts(
            ((part.filename, archive.read(part)) for part in parts),
            file=file,
            what=what,
            clean=clean,
        )
        return
    for part in parts:  # streamed
        _check_part(part.filename, functools.partial(archive.open, part), file=file, what=what)


def _check_part(name: str, open_part: Callable[[], IO[bytes]], *, file, what: str) -> None:
    """Check one part, named ``name``, read through ``open_part()`` (a fresh stream)."""
    fix = (
        "hapus gambar/objek/bidang yang ditautkan ke berkas atau alamat luar (sisipkan gambar "
        "langsung ke dokumen: Insert > Picture, bukan 'Link to File'), lalu simpan ulang"
    )
    if name.lower().endswith(".rels"):
        with open_part() as stream:
            for _, rel in _events(stream, [f"{{{_REL_NS}}}Relationship"], file=file, part=name):
                _check_relationship(rel, name, file=file, what=what, fix=fix)
    elif not _is_media(name):  # any XML part may be a story part (document, header...)
        with open_part() as stream:
            xml = stream.read(256).lstrip().startswith(b"<")
        if xml:
            with open_part() as stream:
                _check_fields(stream, name, file=file, what=what, fix=fix)
    else:
        with open_part() as stream:
            head = stream.read(64)
            if head.lstrip().startswith(b"<"):  # SVG (XML): read it all
                head += stream.read()
        _check_picture(head, name, file=file, what=what, fix=fix)


def _check_relationship(rel, part: str, *, file, what: str, fix: str) -> None:
    kind = rel.get("Type") or ""
    target = (rel.get("Target") or "").strip()
    external = (rel.get("TargetMode") or "").lower() == "external"
    short = kind.rsplit("/", 1)[-1] or "?"
    if kind.endswith(_ALTCHUNK_TYPE):
        raise InputError(
            f"{what} memuat dokumen lain utuh (altChunk, '{target}' di {part}); isinya tidak "
            "dapat diperiksa",
            file=file,
            fix="salin isi dokumen itu sebagai teks biasa, lalu simpan ulang",
        )
    schemed = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith(("\\\\", "//"))
    if not external and not schemed:
        return
    if kind.endswith(_HYPERLINK_TYPE) and target.lower().startswith(LINK_SCHEMES):
        return
    raise InputError(
        f"{what} memuat tautan ke luar dokumen ({short}: '{target[:200]}' di {part}); "
        "program tidak mengambil berkas atau alamat luar ketika membuat dokumen atau PDF",
        file=file,
        fix=fix,
    )


def _check_fields(stream: IO[bytes], part: str, *, file, what: str, fix: str) -> None:
    """Every field code in ``part``: simple fields and complex ones (``w:fldChar``
    begin/separate/end around ``w:instrText``, possibly nested)."""
    simple, instr, char = f"{{{_W_NS}}}fldSimple", f"{{{_W_NS}}}instrText", f"{{{_W_NS}}}fldChar"
    kind_attr, instr_attr = f"{{{_W_NS}}}fldCharType", f"{{{_W_NS}}}instr"
    stack: list[list[str] | None] = []  # open fields: their code so far (None once separated)
    paragraph = f"{{{_W_NS}}}p"
    for _, element in _events(
        stream, [simple, instr, char], file=file, part=part, clear=[paragraph]
    ):
        if element.tag == simple:
            _check_code(element.get(instr_attr) or "", part, file=file, what=what, fix=fix)
        elif element.tag == char:
            kind = element.get(kind_attr)
            if kind == "begin":
                stack.append([])
            elif kind in ("separate", "end") and stack:
                code = stack[-1]
                if code is not None:
                    _check_code("".join(code), part, file=file, what=what, fix=fix)
                if kind == "end":
                    stack.pop()
                else:
                    stack[-1] = None
        elif stack and stack[-1] is not None:
            stack[-1].append(element.text or "")
    for code in stack:  # a field left open at the end of the part
        if code is not None:
            _check_code("".join(code), part, file=file, what=what, fix=fix)


def _check_code(code: str, part: str, *, file, what: str, fix: str) -> None:
    words = code.split()
    if words and words[0].upper().lstrip("\\") in FORBIDDEN_FIELDS:
        raise InputError(
            f"{what} memuat bidang (field) {words[0].upper()} di {part}, yang mengambil berkas "
            f"atau program lain ketika dokumen dibuka ('{code.strip()[:200]}')",
            file=file,
            fix=fix,
        )


def _check_picture(head: bytes, part: str, *, file, what: str, fix: str) -> None:
    if head.startswith(_POSTSCRIPT):
        raise InputError(
            f"gambar '{part}' dalam {what} berformat PostScript/EPS, yang tidak diterima",
            file=file,
            fix="ganti gambar itu dengan PNG atau JPEG",
        )
    if head.lstrip().startswith(b"<") and _SVG_EXTERNAL.search(head):
        raise InputError(
            f"gambar SVG '{part}' dalam {what} merujuk ke berkas atau alamat luar",
            file=file,
            fix=fix,
        )
