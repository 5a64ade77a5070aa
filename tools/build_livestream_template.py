"""Build ``templates/periksa-livestream.docx``, the Standar Livestream check's document
(``workbench livestream``), with python-docx and the helpers of ``build_templates.py``.

The committed template is this script's output; the humas staff may restyle it in Word
(keeping the ``{{ ... }}`` / ``{% ... %}`` tags). Check an edited template with
``workbench templates check templates/periksa-livestream.docx``. Variables: see
:data:`workbench.standar.livestream.output.LIVESTREAM_VARIABLES` and docs/livestream.md.

Usage::

    .venv/bin/python tools/build_livestream_template.py [OUTPUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_templates import (  # noqa: E402
    CENTER,
    TEXT_WIDTH_CM,
    add_page_number_footer,
    add_row,
    build_all,
    cell_text,
    define_styles,
    new_document,
    para,
    row_flags,
    spara,
    table,
    tag,
    tag_row,
)


def thumbnail_table(doc):
    """Two thumbnails a row: the picture, its label and time."""
    widths = [TEXT_WIDTH_CM / 2] * 2
    t = table(doc, widths, rows=0)
    tag_row(t, widths, "{%tr for r in gambar %}")
    row = add_row(t, widths)
    row_flags(row)
    for cell, side in zip(row.cells, ("a", "b")):
        cell_text(cell, f"{{{{ r.{side}.gambar }}}}", align=CENTER, valign="top")
        para(cell, f"{{{{ r.{side}.label }}}}", bold=True, align=CENTER, size=9)
        para(cell, f"{{{{ r.{side}.waktu }}}}", align=CENTER, size=9, after=6)
    tag_row(t, widths, "{%tr endfor %}")


def build_periksa_livestream(target: Path) -> Path:
    """Summary and verdict, the timeline, the four thumbnails, each finding with its fix,
    the schedule, notes, the measures and the rules."""
    doc = new_document(11, "Pemeriksaan Standar Livestream")
    define_styles(doc)
    add_page_number_footer(doc)
    spara(doc, "{{ judul }}", "Title")
    para(doc, "Berkas rekaman: {{ berkas }}", align=CENTER, size=10)
    para(doc, "{{ status }}", bold=True, align=CENTER, after=10)
    spara(doc, "A.\tRingkasan", "Heading 2")
    tag(doc, "{%p for s in ringkasan %}")
    para(doc, "{{ s }}", left=0.6)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if jadwal %}")
    para(doc, "{{ jadwal }}", left=0.6)
    tag(doc, "{%p endif %}")
    para(doc, "{{ grafik }}", align=CENTER, before=6)
    spara(doc, "B.\tTemuan dan Perbaikan", "Heading 2")
    tag(doc, "{%p for m in temuan %}")
    para(doc, "{{ loop.index }}. {{ m.judul }}", bold=True, left=0.6, before=4, keep_next=True)
    para(doc, "{{ m.alasan }}", left=1.2)
    para(doc, "Perbaikan: {{ m.perbaikan }}", left=1.2, italic=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not temuan %}")
    para(doc, "Tidak ada temuan: rekaman memenuhi Standar Livestream.", left=0.6)
    tag(doc, "{%p endif %}")
    spara(doc, "C.\tCuplikan Gambar", "Heading 2")
    thumbnail_table(doc)
    spara(doc, "D.\tUkuran dan Catatan", "Heading 2")
    tag(doc, "{%p for u in ukuran %}")
    para(doc, "{{ u }}", left=0.6, size=10)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for c in catatan %}")
    para(doc, "Catatan: {{ c }}", left=0.6, size=10, italic=True)
    tag(doc, "{%p endfor %}")
    spara(doc, "E.\tAturan Pemeriksaan", "Heading 2")
    tag(doc, "{%p for a in aturan %}")
    para(doc, "{{ a }}", left=0.6, size=10)
    tag(doc, "{%p endfor %}")
    doc.core_properties.comments = "Dibuat oleh tools/build_livestream_template.py (kpu-workbench)"
    doc.save(target)
    return target


def main(argv: list[str] | None = None) -> None:
    build_all(argv, ((build_periksa_livestream, "periksa-livestream.docx"),))


if __name__ == "__main__":
    main(sys.argv[1:])
