"""Build ``templates/berita.docx``, the Word template of the berita kegiatan, with python-docx.

The committed template is this script's output; the humas staff may restyle it in Word
(keeping the ``{{ ... }}`` / ``{% ... %}`` tags). Check an edited template with
``workbench templates check templates/berita.docx``. Variables: see
:data:`workbench.rakor.news.BERITA_VARIABLES` and docs/berita.md.

Usage::

    .venv/bin/python tools/build_berita_template.py [OUTPUT_DIR]

Layout: A4, Arial 11 pt, margins as the notula (3 cm left, 2 cm right/top, 2.5 cm bottom),
justified paragraphs with space after, the headline in bold 16 pt, the lead photo under it
with its caption in italics, dash lists with a hanging indent.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_templates import ROOT, cm_up, new_document  # noqa: E402

JUSTIFY, CENTER = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER


def paragraph(doc, text: str = "", *, bold=False, italic=False, size=None, align=JUSTIFY, after=8):
    p = doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.line_spacing = 1.15
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return p


def control(doc, text: str):
    """A paragraph holding only a ``{%p ... %}`` tag (docxtpl removes it when rendering)."""
    return paragraph(doc, text, after=0)


def build_berita(target: Path) -> Path:
    doc = new_document(11, "Berita Kegiatan")
    sec = doc.sections[0]
    sec.left_margin, sec.right_margin = cm_up(3), cm_up(2)
    paragraph(doc, "{{ judul }}", bold=True, size=16, align=WD_ALIGN_PARAGRAPH.LEFT, after=12)
    control(doc, "{%p if foto %}")
    paragraph(doc, "{{ foto }}", align=CENTER, after=2)
    caption = paragraph(doc, "{{ keterangan_foto }}", italic=True, size=9, align=CENTER, after=12)
    caption.runs[0].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    control(doc, "{%p endif %}")
    lead = paragraph(doc)
    lead.add_run("{{ dateline }}").bold = True
    lead.add_run(" {{ lead }}")
    control(doc, "{%p for p in paragraf %}")
    body = paragraph(doc, "{{ p.teks }}")
    body.paragraph_format.space_before = Pt(4)  # apart from a dash list above it
    control(doc, "{%p for b in p.butir %}")
    item = paragraph(doc, "\u2013\t{{ b }}", after=4)
    fmt = item.paragraph_format
    fmt.left_indent, fmt.first_line_indent = Cm(1.0), Cm(-0.5)
    fmt.tab_stops.add_tab_stop(Cm(1.0))
    control(doc, "{%p endfor %}")
    control(doc, "{%p endfor %}")
    tags = paragraph(doc, "{{ tagar }}", size=9, align=WD_ALIGN_PARAGRAPH.LEFT)
    tags.runs[0].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    doc.core_properties.comments = "Dibuat oleh tools/build_berita_template.py (kpu-workbench)"
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(target))
    return target


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else ROOT / "templates"
    print(build_berita(out / "berita.docx"))


if __name__ == "__main__":
    main()
