"""Build the Bakohumas Word templates (evaluasi-provinsi.docx, laporan-satker.docx) with
python-docx.

The committed templates in ``templates/`` are this script's output; the province office
may restyle them in Word afterwards (keeping the ``{{ ... }}`` / ``{% ... %}`` tags).
The variables each template may use are documented in ``docs/laporan-bakohumas.md``.

Usage::

    .venv/bin/python tools/build_bakohumas_templates.py [OUTPUT_DIR]

Layout: A4, Arial 11, margins 3 cm left, 2 cm right, 2 cm top, 2.5 cm bottom (the
page helpers are shared with ``tools/build_templates.py``). The per-office template is
kept small (one table per block, no unused styles) because it is rendered once per office.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_templates import (
    CENTER,
    JUSTIFY,
    TEXT_WIDTH_CM,  # noqa: E402
    add_page_number_footer,
    add_row,
    bottom_border,
    build_all,
    cell_text,
    header_row,
    new_document,
    para,
    paragraph_style,
    row_flags,
    shade,
    spara,
    table,
    tag,
    tag_row,
)
from docx.shared import Cm, Pt  # noqa: E402

SIZE = 11


class Column(NamedTuple):
    """A table column: header text, the key of the row's value, width and alignment."""

    header: str
    key: str
    width_cm: float
    align: Any = CENTER  # a WD_ALIGN_PARAGRAPH value; None: left (text columns)


#: The columns of each data table, by the template variable the table's rows loop over.
TABLES: dict[str, list[Column]] = {
    "peringkat": [  # province report: ranking of the offices
        Column("No", "no", 0.9),
        Column("Satker", "satker", 5.4, align=None),
        Column("Status Laporan", "status", 3.0),
        Column("Diperbarui", "diperbarui", 2.3),
        Column("Skor", "skor", 1.4),
        Column("Peringkat", "peringkat", 2.1),
    ],
    "indikator": [  # office report: each indicator against the province median
        Column("Indikator", "indikator", 5.0, align=None),
        Column("Satker", "satker", 3.1),
        Column("Median Provinsi", "median", 3.1),
        Column("Keterangan", "keterangan", 3.9),
    ],
    "tren": [  # office report: quarter by quarter
        Column("Triwulan", "periode", 3.6, align=None),
        Column("Status Laporan", "status", 3.0),
        Column("Diperbarui", "diperbarui", 2.4),
        Column("Skor", "skor", 2.2),
        Column("Peringkat", "peringkat", 3.9),
    ],
    "rekomendasi": [
        Column("No", "no", 0.9),
        Column("Rekomendasi", "uraian", 7.2, align=None),
        Column("Penanggung Jawab", "penanggung_jawab", 4.0, align=None),
        Column("Tenggat", "tenggat", 3.0),
    ],
}


# ----------------------------------------------------------------------------- shared blocks
def define_styles(doc) -> None:
    """The named styles of both reports (restyle them in Word: Modify Style)."""
    paragraph_style(doc, "Kop", size=14, bold=True, align=CENTER)
    paragraph_style(doc, "Kop Alamat", size=9, align=CENTER, after=2)
    paragraph_style(doc, "Title", size=12, bold=True, align=CENTER, after=10)
    paragraph_style(
        doc, "Heading 1", bold=True, left=0.9, hanging=0.9, before=10, after=4, keep_next=True
    )
    paragraph_style(doc, "Body Text", align=JUSTIFY, after=4)
    paragraph_style(doc, "Butir Bernomor", left=1.5, hanging=0.6, align=JUSTIFY, after=2)
    paragraph_style(doc, "Caption", size=9, italic=True, align=CENTER, after=6)


def new_report(title: str):
    """A document with both reports' styles, page-number footer and letterhead."""
    doc = new_document(SIZE, title)
    define_styles(doc)
    add_page_number_footer(doc)
    kop(doc)
    return doc


def kop(doc) -> None:
    """The province letterhead: name, optional address line, double rule."""
    spara(doc, "{{ kop }}", "Kop")
    p = spara(doc, "{{ kop_alamat }}", "Kop Alamat")
    bottom_border(p)
    para(doc, "", after=4)


def title(doc, text: str, *, last: bool = True) -> None:
    p = spara(doc, text, "Title")
    if not last:
        p.paragraph_format.space_after = Pt(0)


def heading(doc, no: str, text: str) -> None:
    spara(doc, f"{no}\t{text}", "Heading 1")


def body(doc, text: str, *, left: float = 0.0, keep_next: bool = False) -> None:
    p = spara(doc, text, "Body Text")
    if left:
        p.paragraph_format.left_indent = Cm(left)
    if keep_next:
        p.paragraph_format.keep_with_next = True


def numbered_section(doc, no: str, text: str, var: str, *, empty="-") -> None:
    """A :func:`heading`, then the numbered points of ``var`` (findings, recommendations).

    ``{%p for x in var %}`` 'no<TAB>teks' ``{%p else %}`` empty ``{%p endfor %}``.
    """
    heading(doc, no, text)
    tag(doc, f"{{%p for x in {var} %}}")
    spara(doc, "{{ x.no }}\t{{ x.teks }}", "Butir Bernomor")
    tag(doc, "{%p else %}")
    body(doc, empty, left=0.9)
    tag(doc, "{%p endfor %}")


def key_value_table(doc, rows, *, width_label=5.5, indent=0.9) -> None:
    """Bordered 'label | value' table; ``rows`` are (label, value tag)."""
    widths = [width_label, TEXT_WIDTH_CM - indent - width_label]
    t = table(doc, widths, rows=0, bordered=True, indent_cm=indent)
    for label, value in rows:
        row = add_row(t, widths)
        row_flags(row)
        shade(row.cells[0], "F2F2F2")
        cell_text(row.cells[0], label, size=SIZE)
        cell_text(row.cells[1], value, size=SIZE)


def data_table(doc, var, *, indent=0.9, size=10, header_size=10) -> None:
    """A bordered table with a repeating header row and one ``{%tr for r in var %}`` row.

    Its columns are ``TABLES[var]``.
    """
    columns = TABLES[var]
    widths = [c.width_cm for c in columns]
    t = table(doc, widths, rows=1, bordered=True, indent_cm=indent)
    header_row(t.rows[0], [c.header for c in columns], size=header_size)
    tag_row(t, widths, f"{{%tr for r in {var} %}}")
    row = add_row(t, widths)
    row_flags(row)
    for cell, c in zip(row.cells, columns):
        cell_text(cell, f"{{{{ r.{c.key} }}}}", size=size, align=c.align)
    tag_row(t, widths, "{%tr endfor %}")


def scorecard(doc, indent=0.9) -> None:
    """One header row and one value row: status, date sent, updated, score, rank."""
    cols = [
        Column("Status Laporan", "status", 3.7),
        Column("Tanggal Kirim", "tanggal_kirim", 2.9),
        Column("Diperbarui", "diperbarui", 2.8),
        Column("Skor", "skor", 2.6),
        Column("Peringkat", "peringkat", 3.1),
    ]
    widths = [c.width_cm for c in cols]
    t = table(doc, widths, rows=1, bordered=True, indent_cm=indent)
    header_row(t.rows[0], [c.header for c in cols], size=10)
    row = add_row(t, widths)
    row_flags(row, min_height_cm=0.8)
    for cell, c in zip(row.cells, cols):
        cell_text(cell, f"{{{{ kartu.{c.key} }}}}", bold=True, align=c.align)


def figure(doc, var: str, caption: str) -> None:
    tag(doc, f"{{%p if {var} %}}")
    para(doc, f"{{{{ {var} }}}}", align=CENTER, before=6, keep_next=True)
    spara(doc, caption, "Caption")
    tag(doc, "{%p endif %}")


def signature(doc) -> None:
    """Right-hand signature block: place and date, jabatan, space, name, NIP."""
    widths = [6.0, TEXT_WIDTH_CM - 6.0]
    t = table(doc, widths, rows=0)
    lines = [
        ("{{ ttd.tempat_tanggal }}", {}),
        ("{{ ttd.jabatan }},", {}),
        ("", {"min_height_cm": 1.6}),
        ("{{ ttd.nama }}", {"bold": True}),
        ("{{ ttd.nip_baris }}", {}),
    ]
    for i, (text, opts) in enumerate(lines):
        row = add_row(t, widths)
        row_flags(row, min_height_cm=opts.get("min_height_cm"))
        last = i == len(lines) - 1
        cell_text(row.cells[0], "", keep_next=not last)
        cell_text(
            row.cells[1],
            text,
            align=CENTER,
            valign="top",
            keep_next=not last,
            bold=opts.get("bold", False),
        )


def closing(doc, target: Path) -> Path:
    """The closing paragraph and the signature; saves ``doc`` to ``target``."""
    p = spara(doc, "{{ penutup }}", "Body Text")
    p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(10), Pt(10)
    p.paragraph_format.keep_with_next = True
    signature(doc)
    doc.save(target)
    return target


# ----------------------------------------------------------------------------- province report
def build_provinsi(target: Path) -> Path:
    doc = new_report("Laporan Evaluasi Bakohumas")
    title(doc, "{{ judul }}")

    heading(doc, "I.", "RINGKASAN")
    body(doc, "{{ ringkasan.pengantar }}", left=0.9)
    key_value_table(
        doc,
        [
            ("Jumlah satker dievaluasi", "{{ ringkasan.jumlah_satker }}"),
            ("Laporan tepat waktu", "{{ ringkasan.tepat_waktu }}"),
            ("Laporan terlambat", "{{ ringkasan.terlambat }}"),
            ("Belum menyampaikan laporan", "{{ ringkasan.belum }}"),
            ("Laporan belum diperbarui", "{{ ringkasan.tidak_diperbarui }}"),
            ("Rata-rata skor", "{{ ringkasan.rata_rata_skor }}"),
            ("Median skor", "{{ ringkasan.median_skor }}"),
        ],
    )

    numbered_section(doc, "II.", "TEMUAN", "temuan")

    heading(doc, "III.", "TABEL PERINGKAT")
    body(doc, "{{ peringkat_pengantar }}", left=0.9, keep_next=True)
    data_table(doc, "peringkat", header_size=9.5)
    tag(doc, "{%p if peringkat_catatan %}")
    p = para(doc, "{{ peringkat_catatan }}", italic=True, size=10, before=4, left=0.9)
    p.alignment = JUSTIFY
    tag(doc, "{%p endif %}")

    heading(doc, "IV.", "GRAFIK")
    figure(doc, "grafik.status", "Gambar 1. Status laporan triwulan")
    figure(doc, "grafik.indikator", "Gambar 2. Skor evaluasi per satker")
    figure(doc, "grafik.tren", "Gambar 3. Keluaran kehumasan dan median skor per triwulan")

    heading(doc, "V.", "REKOMENDASI")
    data_table(doc, "rekomendasi")

    closing(doc, target)
    lampiran_temuan(doc)
    doc.save(target)
    return target


def lampiran_temuan(doc) -> None:
    """After the signature, on a new page: the offices of each finding too many to name
    inline ("Temuan 5 (21 satker)": the list)."""
    tag(doc, "{%p if lampiran_temuan %}")
    p = spara(doc, "LAMPIRAN: DAFTAR SATKER PER TEMUAN", "Title")
    p.paragraph_format.page_break_before = True
    tag(doc, "{%p for l in lampiran_temuan %}")
    spara(doc, "{{ l.judul }}", "Heading 1")
    body(doc, "{{ l.satker }}", left=0.9)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


# ----------------------------------------------------------------------------- office report
def build_satker(target: Path) -> Path:
    doc = new_report("Laporan Hasil Evaluasi Bakohumas")
    title(doc, "{{ judul }}", last=False)
    title(doc, "{{ satker_judul }}", last=False)
    title(doc, "{{ periode_judul }}")
    body(doc, "{{ pengantar }}")

    heading(doc, "A.", "Hasil Evaluasi")
    scorecard(doc)

    heading(doc, "B.", "Indikator dibandingkan Median Provinsi")
    data_table(doc, "indikator")
    figure(
        doc,
        "grafik",
        "Gambar 1. {{ satker }} dibandingkan median provinsi "
        "(setiap indikator dengan skalanya sendiri)",
    )

    heading(doc, "C.", "Perkembangan Antartriwulan")
    data_table(doc, "tren")

    numbered_section(doc, "D.", "Temuan", "temuan")
    numbered_section(doc, "E.", "Rekomendasi", "rekomendasi")

    return closing(doc, target)


def main(argv: list[str] | None = None) -> None:
    build_all(
        argv,
        (
            (build_provinsi, "evaluasi-provinsi.docx"),
            (build_satker, "laporan-satker.docx"),
        ),
    )


if __name__ == "__main__":
    main(sys.argv[1:])
