"""Build the Word templates in ``templates/`` (notula.docx, daftar-hadir.docx) with python-docx.

The committed templates are this script's output; the secretariat may restyle them in
Word afterwards (keeping the ``{{ ... }}`` / ``{% ... %}`` tags). Check an edited
template with ``workbench templates check templates/notula.docx``.

Usage::

    .venv/bin/python tools/build_templates.py [OUTPUT_DIR]

Layout follows the KPU notula conventions (see /docs/templates.md): A4, Arial,
margins 3 cm left, 2 cm right, 2 cm top, 2.5 cm bottom.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

ROOT = Path(__file__).resolve().parents[1]
FONT = "Arial"
HEADER_FILL = "D9D9D9"
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
TEXT_WIDTH_CM = 16.0  # 21 cm - 3 cm left - 2 cm right


# ----------------------------------------------------------------------------- document setup
def cm_up(cm: float) -> Twips:
    """``cm`` as whole twips, rounded up."""
    return Twips(math.ceil(cm * 1440 / 2.54))


def new_document(size_pt: float, title: str) -> Document:
    """An empty A4 document with KPU margins and Arial as the default font."""
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    # Word stores margins in twips; round up so 2.5 cm is never 2.4994 cm.
    sec.left_margin, sec.right_margin = cm_up(3), cm_up(2)
    sec.top_margin, sec.bottom_margin = cm_up(2), cm_up(2.5)
    sec.header_distance, sec.footer_distance = Cm(1.25), Cm(1.25)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size_pt)
    set_font(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.15
    doc.core_properties.title = title
    doc.core_properties.author = "Sekretariat KPU"
    doc.core_properties.comments = "Dibuat oleh tools/build_templates.py (kpu-workbench)"
    # python-docx's default document starts with one empty paragraph: drop it.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


def set_font(rPr) -> None:
    """Arial for every script of the run properties ``rPr`` (Latin, East Asian, complex)."""
    rfonts = rPr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)


def set_spacing(f, *, left=0.0, hanging=0.0, before=0, after=0, keep_next=False) -> None:
    """Indents (cm, a hanging indent with its tab stop), spacing (pt) and keep-with-next
    of the paragraph format ``f`` (of a style or a paragraph)."""
    if left or hanging:
        f.left_indent = Cm(left)
        f.first_line_indent = Cm(-hanging) if hanging else None
    if hanging:
        f.tab_stops.add_tab_stop(Cm(left))
    f.space_before, f.space_after = Pt(before), Pt(after)
    f.keep_with_next = keep_next or None


#: Run and paragraph properties of python-docx's default styles (theme fonts, blue colours,
#: borders, automatic numbering) that the KPU styles replace.
_RUN_RESET = (
    "w:rFonts",
    "w:color",
    "w:sz",
    "w:szCs",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:spacing",
    "w:kern",
    "w:u",
)
_PARA_RESET = (
    "w:pBdr",
    "w:numPr",
    "w:contextualSpacing",
    "w:keepLines",
    "w:spacing",
    "w:ind",
    "w:jc",
    "w:tabs",
    "w:keepNext",
)


def paragraph_style(
    doc,
    name: str,
    *,
    size=None,
    bold=False,
    italic=False,
    align=None,
    base="Normal",
    **spacing,
):
    """Define (or redefine) the paragraph style ``name`` with KPU looks (``spacing`` as
    :func:`set_spacing`).

    Built-in styles (Title, Heading 1-3, Caption, Footer, Body Text) keep their Word
    identity (navigation pane, table of contents, "Update to match selection") but lose
    python-docx's theme fonts and colours; other names become custom styles. Documents
    built from the styles can be restyled in Word by editing the style, not each paragraph.
    """
    styles = doc.styles
    try:
        st = styles[name]
    except KeyError:
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        st.base_style = styles[base]
    rPr, pPr = st.element.get_or_add_rPr(), st.element.get_or_add_pPr()
    for parent, tags in ((rPr, _RUN_RESET), (pPr, _PARA_RESET)):
        reset = {qn(t) for t in tags}
        for child in list(parent):
            if child.tag in reset:
                parent.remove(child)
    set_font(rPr)
    if size:
        st.font.size = Pt(size)
    st.font.bold = bold or None
    st.font.italic = italic or None
    st.paragraph_format.alignment = align
    set_spacing(st.paragraph_format, **spacing)
    st.hidden = False
    st.quick_style = True
    st.element.remove_all("w:semiHidden", "w:unhideWhenUsed")
    return st


def spara(container, text: str, style: str):
    """A paragraph in ``style`` holding ``text``, with no direct formatting."""
    return container.add_paragraph(text, style=style)


def para(
    container,
    text: str = "",
    *,
    bold=False,
    underline=False,
    italic=False,
    align=None,
    size=None,
    tabs=(),
    **spacing,
):
    """Add a paragraph; ``spacing`` as :func:`set_spacing` (``left``/``hanging`` in cm).

    ``container`` is a Document or a table cell. A cell's first, still empty paragraph
    is reused.
    """
    paras = container.paragraphs if hasattr(container, "_tc") else []
    reuse = len(paras) == 1 and not paras[0].runs
    p = paras[0] if reuse else container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.underline, run.italic = bold or None, underline or None, italic or None
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    set_spacing(p.paragraph_format, **spacing)
    for pos in tabs:
        p.paragraph_format.tab_stops.add_tab_stop(Cm(pos), WD_TAB_ALIGNMENT.LEFT)
    return p


def tag(container, text: str, **kw):
    """A paragraph holding only a docxtpl control tag (removed at render time)."""
    return para(container, text, **kw)


def bottom_border(paragraph, style="thickThinSmallGap", size=18) -> None:
    """The rule under the kop (a paragraph bottom border)."""
    pPr = paragraph._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in {"w:val": style, "w:sz": str(size), "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(k), v)
    pbdr.append(bottom)
    pPr.insert_element_before(
        pbdr,
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )


# ----------------------------------------------------------------------------- tables
def table(container, widths_cm, rows=1, *, bordered=False, indent_cm=0.0):
    """A fixed-width table; ``bordered`` uses 'Table Grid', otherwise no borders."""
    t = container.add_table(rows=rows, cols=len(widths_cm))
    t.style = container.part.document.styles["Table Grid"] if bordered else None
    t.autofit = False
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    tblPr = t._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblPr.append(layout)
    if indent_cm:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(int(indent_cm * 567)))
        ind.set(qn("w:type"), "dxa")
        tblPr.insert_element_before(
            ind, "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"
        )
    for i, w in enumerate(widths_cm):
        t.columns[i].width = Cm(w)
    for row in t.rows:
        for i, w in enumerate(widths_cm):
            row.cells[i].width = Cm(w)
    return t


def add_row(t, widths_cm):
    row = t.add_row()
    for i, w in enumerate(widths_cm):
        row.cells[i].width = Cm(w)
    return row


def shade(cell, fill=HEADER_FILL) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.insert_element_before(
        shd, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"
    )


def row_flags(row, *, header=False, cant_split=True, min_height_cm=None) -> None:
    """Repeat as header row on every page / never split across pages / minimum height."""
    if min_height_cm:
        row.height = Cm(min_height_cm)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    trPr = row._tr.get_or_add_trPr()
    if cant_split:
        trPr.insert(0, OxmlElement("w:cantSplit"))
    if header:
        trPr.append(OxmlElement("w:tblHeader"))


def cell_text(cell, text, *, valign="center", **fmt):
    """The text of a table cell (``fmt`` as :func:`para`), vertically centred or on top."""
    p = para(cell, text, **fmt)
    cell.vertical_alignment = {
        "center": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
        "top": WD_CELL_VERTICAL_ALIGNMENT.TOP,
    }[valign]
    return p


def header_row(row, labels, size):
    row_flags(row, header=True)
    for cell, label in zip(row.cells, labels):
        shade(cell)
        cell_text(cell, label, bold=True, align=CENTER, size=size, keep_next=True)


def tag_row(t, widths, text):
    """A row holding only a ``{%tr ... %}`` tag in its first cell."""
    row = add_row(t, widths)
    para(row.cells[0], text)
    return row


def add_page_number_footer(doc, size=9) -> None:
    """'Halaman X dari Y' centred in the footer, all in the Footer style's size.

    The size lives in the Footer style (the page-number fields take the paragraph's look,
    not the neighbouring runs'), so the numbers match the words around them.
    """
    paragraph_style(doc, "Footer", size=size, align=CENTER)
    p = doc.sections[0].footer.paragraphs[0]
    p.style = doc.styles["Footer"]
    for text, field in (("Halaman ", "PAGE"), (" dari ", "NUMPAGES")):
        p.add_run(text)
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), field)
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        p._p.append(fld)


# ----------------------------------------------------------------------------- shared blocks
def define_styles(doc) -> None:
    """The named styles of the meeting documents (restyle them in Word: Modify Style)."""
    paragraph_style(doc, "Kop", size=14, bold=True, align=CENTER)
    paragraph_style(doc, "Kop Alamat", size=10, align=CENTER, after=2)
    paragraph_style(doc, "Title", size=14, bold=True, align=CENTER, after=12)
    paragraph_style(doc, "Heading 1", bold=True, before=12, after=2, keep_next=True)
    paragraph_style(
        doc, "Heading 2", bold=True, left=0.75, hanging=0.75, before=8, after=2, keep_next=True
    )
    paragraph_style(doc, "Heading 3", bold=True, left=1.5, hanging=0.75, before=4, keep_next=True)
    paragraph_style(doc, "Narasumber", italic=True, left=1.5, after=2, keep_next=True)
    paragraph_style(doc, "Body Text", left=0.75, align=JUSTIFY)
    paragraph_style(doc, "Butir Bernomor", left=1.5, hanging=0.75, align=JUSTIFY)
    paragraph_style(doc, "Butir Bernomor 2", left=2.2, hanging=0.7, align=JUSTIFY)
    paragraph_style(doc, "Caption", size=10, italic=True, align=CENTER, after=6)


def kop(doc) -> None:
    spara(doc, "{{ kop }}", "Kop")
    p = spara(doc, "{{ kop_alamat }}", "Kop Alamat")
    bottom_border(p)
    para(doc, "", after=6)


def key_value_block(doc, rows, width_label=4.2, size=None):
    """Borderless 'Label : value' table; a value may be a callable filling the cell."""
    widths = [width_label, 0.5, TEXT_WIDTH_CM - width_label - 0.5]
    t = table(doc, widths, rows=0)
    for label, value in rows:
        if label is None:  # a {%tr %} control row
            tag_row(t, widths, value)
            continue
        row = add_row(t, widths)
        cell_text(row.cells[0], label, valign="top", size=size)
        cell_text(row.cells[1], ":", valign="top", size=size)
        if callable(value):
            value(row.cells[2])
        else:
            cell_text(row.cells[2], value, valign="top", size=size)
    return t


def signature_table(container, left, right, *, place_date="{{ ttd.tempat_tanggal }}"):
    """Two borderless columns: title, jabatan, space to sign, name (bold, underlined), NIP.

    ``left``/``right`` are context prefixes (e.g. 'ttd.pimpinan') with a title, or None
    for an empty column.
    """
    widths = [TEXT_WIDTH_CM / 2, TEXT_WIDTH_CM / 2]
    t = table(container, widths, rows=0)
    lines = [
        ("", place_date, {}),
        (left and left[1], right and right[1], {}),
        (left and f"{{{{ {left[0]}.jabatan }}}}", right and f"{{{{ {right[0]}.jabatan }}}}", {}),
        ("", "", {"min_height_cm": 2.0}),
        (
            left and f"{{{{ {left[0]}.nama }}}}",
            right and f"{{{{ {right[0]}.nama }}}}",
            {"bold": True, "underline": True},
        ),
        (
            left and f"{{{{ {left[0]}.nip_baris }}}}",
            right and f"{{{{ {right[0]}.nip_baris }}}}",
            {},
        ),
    ]
    for i, (ltext, rtext, opts) in enumerate(lines):
        row = add_row(t, widths)
        row_flags(row, min_height_cm=opts.get("min_height_cm"))
        last = i == len(lines) - 1
        for cell, text in zip(row.cells, (ltext, rtext)):
            cell_text(
                cell,
                text or "",
                align=CENTER,
                valign="top",
                keep_next=not last,
                bold=opts.get("bold", False),
                underline=opts.get("underline", False),
            )
    return t


# ----------------------------------------------------------------------------- notula
def numbered_loop(container, var, item, *, style, empty="-"):
    """``{%p for item in var %}`` / 'no<TAB>teks' / ``{%p else %}`` / '-' / ``{%p endfor %}``.

    The numbers are text (each materi restarts at 1 inside one docxtpl loop, which Word's
    list numbering cannot follow); indents and spacing come from the paragraph ``style``.
    """
    tag(container, f"{{%p for {item} in {var} %}}")
    spara(container, f"{{{{ {item}.no }}}}\t{{{{ {item}.teks }}}}", style)
    if empty is not None:
        tag(container, "{%p else %}")
        spara(container, empty, style)
    tag(container, "{%p endfor %}")


def acara_cell(cell):
    tag(cell, "{%p for a in acara %}")
    para(cell, "{{ a.no }}\t{{ a.teks }}", left=0.6, hanging=0.6)
    tag(cell, "{%p else %}")
    para(cell, "-")
    tag(cell, "{%p endfor %}")


def heading(doc, no, text):
    spara(doc, f"{no}\t{text}", "Heading 2")


def notula_body(doc):
    spara(doc, "KEGIATAN RAPAT", "Heading 1")
    heading(doc, "1.", "Pembukaan")
    spara(doc, "{{ pembukaan }}", "Body Text")

    heading(doc, "2.", "Pembahasan")
    tag(doc, "{%p for m in materi %}")
    spara(doc, "{{ m.huruf }}\t{{ m.judul }}", "Heading 3")
    tag(doc, "{%p if m.narasumber %}")
    spara(doc, "Narasumber: {{ m.narasumber }}", "Narasumber")
    tag(doc, "{%p endif %}")
    numbered_loop(doc, "m.poin", "p", style="Butir Bernomor 2", empty=None)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if pembahasan %}")
    tag(doc, "{%p if materi %}")
    spara(doc, "{{ pembahasan_huruf }}\tTanggapan dan pembahasan lain", "Heading 3")
    tag(doc, "{%p endif %}")
    numbered_loop(doc, "pembahasan", "p", style="Butir Bernomor 2", empty=None)
    tag(doc, "{%p elif not materi %}")
    spara(doc, "-", "Body Text")
    tag(doc, "{%p endif %}")

    heading(doc, "3.", "Kesimpulan")
    numbered_loop(doc, "kesimpulan", "k", style="Butir Bernomor")

    heading(doc, "4.", "Tindak Lanjut")
    tag(doc, "{%p if tindak_lanjut %}")
    tindak_lanjut_table(doc)
    tag(doc, "{%p else %}")
    spara(doc, "Tidak ada tindak lanjut.", "Body Text")
    tag(doc, "{%p endif %}")

    heading(doc, "5.", "Penutup")
    p = spara(doc, "{{ penutup }}", "Body Text")
    p.paragraph_format.keep_with_next = True  # the signature block never alone on a page


def tindak_lanjut_table(doc):
    widths = [1.0, 7.05, 4.2, 3.0]
    t = table(doc, widths, rows=1, bordered=True, indent_cm=0.75)
    header_row(t.rows[0], ["No", "Uraian", "Penanggung Jawab", "Tenggat"], size=11)
    tag_row(t, widths, "{%tr for t in tindak_lanjut %}")
    row = add_row(t, widths)
    row_flags(row)
    values = ["{{ t.no }}", "{{ t.uraian }}", "{{ t.penanggung_jawab }}", "{{ t.tenggat }}"]
    aligns = [CENTER, None, None, CENTER]
    for cell, v, a in zip(row.cells, values, aligns):
        cell_text(cell, v, align=a, size=11, valign="top")
    tag_row(t, widths, "{%tr endfor %}")


SUMMARY_LABELS = [
    "Instansi",
    "Hadir",
    "Hadir (daring)",
    "Hadir, durasi kurang",
    "Izin",
    "Sakit",
    "Dinas Luar",
    "Tanpa Ket.",
    "Jumlah",
]
SUMMARY_KEYS = [
    "instansi",
    "hadir",
    "hadir_daring",
    "hadir_durasi_kurang",
    "izin",
    "sakit",
    "dinas_luar",
    "tanpa_keterangan",
    "jumlah",
]


def summary_table(doc):
    widths = [5.0, 1.2, 1.7, 1.6, 1.0, 1.2, 1.4, 1.4, 1.5]
    t = table(doc, widths, rows=1, bordered=True)
    header_row(t.rows[0], SUMMARY_LABELS, size=9)
    # Only the last institution keeps with the "Jumlah" row (which then never starts a page
    # alone); keep-with-next on every row would chain the whole table and push it to the
    # next page, leaving the Lampiran's first page nearly blank. The header row keeps with
    # the first data row, the heading with the header row, "Jumlah" with the note under the
    # table. 9 pt rows: a province's ~40 offices and the Jumlah fit on one page.
    for rows, keep_next in (("ringkasan_awal", False), ("ringkasan_akhir", True)):
        tag_row(t, widths, f"{{%tr for s in lampiran.{rows} %}}")
        row = add_row(t, widths)
        row_flags(row)
        for i, (cell, key) in enumerate(zip(row.cells, SUMMARY_KEYS)):
            cell_text(
                cell,
                f"{{{{ s.{key} }}}}",
                size=9,
                align=None if i == 0 else CENTER,
                keep_next=keep_next,
            )
        tag_row(t, widths, "{%tr endfor %}")
    row = add_row(t, widths)
    row_flags(row)
    for i, (cell, key) in enumerate(zip(row.cells, SUMMARY_KEYS)):
        shade(cell, "F2F2F2")
        cell_text(
            cell,
            f"{{{{ lampiran.total.{key} }}}}",
            size=9,
            bold=True,
            align=None if i == 0 else CENTER,
            keep_next=True,
        )


def photo_table(doc, rows="g.baris"):
    widths = [TEXT_WIDTH_CM / 2] * 2
    t = table(doc, widths, rows=0)
    tag_row(t, widths, f"{{%tr for f in {rows} %}}")
    row = add_row(t, widths)
    row_flags(row)
    for cell, side in zip(row.cells, ("kiri", "kanan")):
        cell_text(cell, f"{{{{ f.{side}.gambar }}}}", align=CENTER, valign="top")
        para(cell, f"{{{{ f.{side}.keterangan }}}}", italic=True, align=CENTER, size=10, after=8)
    tag_row(t, widths, "{%tr endfor %}")


def photo_groups(doc):
    """Photos by agenda item in rundown order; an item without a photo says so."""
    tag(doc, "{%p for g in lampiran.foto_acara %}")
    tag(doc, "{%p if g.judul %}")
    para(doc, "{{ g.judul }}", bold=True, before=8, after=4, keep_next=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if g.kosong %}")
    para(doc, "Tidak ada foto untuk acara ini.", italic=True, size=10, after=4)
    tag(doc, "{%p else %}")
    photo_table(doc)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def lampiran(doc):
    p = spara(doc, "LAMPIRAN NOTULA RAPAT", "Title")
    p.paragraph_format.page_break_before = True
    p.paragraph_format.space_after = Pt(0)
    para(doc, "{{ rapat.judul }}", align=CENTER)
    para(doc, "{{ rapat.hari_tanggal }}", align=CENTER, after=12)
    spara(doc, "A.\tRekapitulasi Kehadiran", "Heading 2")
    tag(doc, "{%p if lampiran.ringkasan %}")
    summary_table(doc)
    para(doc, "Daftar hadir peserta selengkapnya terlampir.", italic=True, size=10, before=4)
    tag(doc, "{%p else %}")
    para(doc, "Daftar hadir tidak tersedia.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if lampiran.grafik %}")
    para(doc, "{{ lampiran.grafik }}", align=CENTER, before=10, keep_next=True)
    spara(doc, "Grafik kehadiran peserta per instansi", "Caption")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if lampiran.foto_acara %}")
    spara(doc, "B.\tDokumentasi", "Heading 2")
    photo_groups(doc)
    tag(doc, "{%p endif %}")


def build_notula(target: Path) -> Path:
    doc = new_document(12, "Notula Rapat")
    define_styles(doc)
    add_page_number_footer(doc)
    kop(doc)
    spara(doc, "NOTULA RAPAT", "Title")
    key_value_block(
        doc,
        [
            ("Sidang/Rapat", "{{ rapat.judul }}"),
            ("Hari/Tanggal", "{{ rapat.hari_tanggal }}"),
            ("Waktu", "{{ rapat.waktu }}"),
            ("Tempat", "{{ rapat.tempat }}"),
            (None, "{%tr if rapat.undangan %}"),
            ("Surat Undangan", "{{ rapat.undangan }}"),
            (None, "{%tr endif %}"),
            ("Acara", acara_cell),
            ("Pimpinan Rapat", "{{ rapat.pimpinan }}"),
            ("Notulis", "{{ rapat.notulis }}"),
            ("Peserta", "{{ rapat.peserta }}"),
        ],
    )
    notula_body(doc)
    para(doc, "", after=12, keep_next=True)
    # held: Pimpinan Rapat | Notulis; attended: Mengetahui (the office's head) | Notulis
    signature_table(
        doc, ("ttd.kiri", "{{ ttd.kiri.judul }}"), ("ttd.kanan", "{{ ttd.kanan.judul }}")
    )
    lampiran(doc)
    doc.save(target)
    return target


# ----------------------------------------------------------------------------- daftar hadir
def attendance_table(doc):
    widths = [0.9, 3.6, 2.6, 3.0, 2.7, 3.2]
    t = table(doc, widths, rows=1, bordered=True)
    header_row(
        t.rows[0],
        ["No", "Nama", "Jabatan", "Instansi/Unit Kerja", "Keterangan", "Tanda Tangan"],
        size=10,
    )
    tag_row(t, widths, "{%tr for p in peserta %}")
    row = add_row(t, widths)
    row_flags(row, min_height_cm=1.0)
    keys = ["no", "nama", "jabatan", "instansi", "keterangan"]
    for cell, key in zip(row.cells, keys):
        cell_text(cell, f"{{{{ p.{key} }}}}", size=10, align=CENTER if key == "no" else None)
    cell_text(row.cells[5], "{{ p.ttd_kiri }}\t{{ p.ttd_kanan }}", size=9, tabs=(1.2,))
    tag_row(t, widths, "{%tr endfor %}")


def build_daftar_hadir(target: Path) -> Path:
    doc = new_document(11, "Daftar Hadir")
    define_styles(doc)
    add_page_number_footer(doc)
    p = spara(doc, "DAFTAR HADIR", "Title")
    p.paragraph_format.space_after = Pt(0)
    para(doc, "{{ rapat.judul }}", bold=True, align=CENTER, after=10)
    tag(doc, "{%p if cakupan %}")
    para(doc, "{{ cakupan }}", italic=True, align=CENTER, after=6)
    tag(doc, "{%p endif %}")
    key_value_block(
        doc,
        [
            ("Hari/Tanggal", "{{ rapat.hari_tanggal }}"),
            ("Waktu", "{{ rapat.waktu }}"),
            ("Tempat", "{{ rapat.tempat }}"),
            ("Penyelenggara", "{{ rapat.penyelenggara }}"),
        ],
        width_label=3.2,
    )
    para(doc, "", after=4)
    attendance_table(doc)
    para(doc, "Jumlah: {{ rekap }}", size=10, before=4, after=12, keep_next=True)
    signature_table(
        doc, ("ttd.kiri", "{{ ttd.kiri.judul }}"), ("ttd.kanan", "{{ ttd.kanan.judul }}")
    )
    doc.save(target)
    return target


# ----------------------------------------------------------------------------- periksa foto
def contact_sheet_table(doc):
    widths = [TEXT_WIDTH_CM / 3] * 3
    t = table(doc, widths, rows=0)
    tag_row(t, widths, "{%tr for r in g.baris %}")
    row = add_row(t, widths)
    row_flags(row)
    for cell, side in zip(row.cells, ("a", "b", "c")):
        cell_text(cell, f"{{{{ r.{side}.gambar }}}}", align=CENTER, valign="top")
        para(cell, f"{{{{ r.{side}.berkas }}}}", bold=True, align=CENTER, size=8)
        para(cell, f"{{{{ r.{side}.info }}}}", align=CENTER, size=8)
        para(cell, f"{{{{ r.{side}.status }}}}", bold=True, align=CENTER, size=8)
        para(cell, f"{{{{ r.{side}.alasan }}}}", italic=True, align=CENTER, size=8, after=6)
    tag_row(t, widths, "{%tr endfor %}")


def build_periksa_foto(target: Path) -> Path:
    """The photo check's contact sheet (``workbench photos``): summary, thumbnails by agenda
    item with flags and reasons, agenda items without a usable photo, the rules."""
    doc = new_document(11, "Pemeriksaan Foto Kegiatan")
    define_styles(doc)
    add_page_number_footer(doc)
    tag(doc, "{%p if kop %}")
    spara(doc, "{{ kop }}", "Kop")
    tag(doc, "{%p endif %}")
    spara(doc, "{{ judul }}", "Title")
    para(doc, "{{ rapat }}", align=CENTER)
    para(doc, "Folder foto: {{ sumber }}", align=CENTER, size=10, after=10)
    spara(doc, "A.\tRingkasan", "Heading 2")
    tag(doc, "{%p for s in ringkasan %}")
    para(doc, "{{ s }}", left=0.6)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if tanpa_foto %}")
    para(doc, "Acara tanpa foto yang layak:", bold=True, before=6)
    tag(doc, "{%p for a in tanpa_foto %}")
    para(doc, "{{ a }}", left=0.6)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    spara(doc, "B.\tFoto per Acara", "Heading 2")
    tag(doc, "{%p for g in kelompok %}")
    tag(doc, "{%p if g.judul %}")
    para(doc, "{{ g.judul }}", bold=True, before=8, after=4, keep_next=True)
    tag(doc, "{%p endif %}")
    contact_sheet_table(doc)
    tag(doc, "{%p endfor %}")
    spara(doc, "C.\tAturan Pemeriksaan", "Heading 2")
    tag(doc, "{%p for a in aturan %}")
    para(doc, "{{ a }}", left=0.6, size=10)
    tag(doc, "{%p endfor %}")
    doc.save(target)
    return target


def build_all(argv: list[str] | None, builds) -> None:
    """Run each ``(build, file name)`` into the folder ``argv[0]`` (default: templates/)."""
    out = Path(argv[0]) if argv else ROOT / "templates"
    out.mkdir(parents=True, exist_ok=True)
    for build, name in builds:
        print(build(out / name))


def main(argv: list[str] | None = None) -> None:
    build_all(
        argv,
        (
            (build_notula, "notula.docx"),
            (build_daftar_hadir, "daftar-hadir.docx"),
            (build_periksa_foto, "periksa-foto.docx"),
        ),
    )


if __name__ == "__main__":
    main(sys.argv[1:])
