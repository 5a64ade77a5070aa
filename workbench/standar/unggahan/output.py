"""Outputs of the Standar Media Sosial check (``workbench posts``): the findings table
``periksa-unggahan.csv`` and the summary ``ringkasan-unggahan.docx`` with one chart per
platform (:func:`platform_chart`, a matplotlib Figure; the caller saves it)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Sequence

from workbench.standar.unggahan.check import (
    COLUMNS,
    FINDINGS,
    KPU_LEBIH_DULU,
    LABELS,
    TANPA_PENYELENGGARA,
    UCAPAN_KURANG,
    Finding,
    counts_by_platform,
    durasi_text,
)

CSV_NAME = "periksa-unggahan.csv"
DOCX_NAME = "ringkasan-unggahan.docx"
#: Rows of the violations table per platform in the DOCX (the CSV holds all of them).
MAX_DOCX_ROWS = 200
_COLOURS = {
    KPU_LEBIH_DULU: "#c0392b",
    TANPA_PENYELENGGARA: "#e67e22",
    UCAPAN_KURANG: "#f1c40f",
}


def findings_csv(findings: Sequence[Finding]) -> bytes:
    """periksa-unggahan.csv: UTF-8 with BOM (Excel opens it right), one row per finding;
    cells that would run as formulas are written as text (:mod:`workbench.csv_write`)."""
    from workbench.csv_write import csv_text

    rows = ([f.as_row()[k] for k in COLUMNS] for f in findings)
    return ("\ufeff" + csv_text(rows, list(COLUMNS))).encode("utf-8")


def platform_chart(platform: str, counts: dict[str, int]):
    """A horizontal bar chart: number of KPU posts per finding on ``platform``."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    names = [name for name in FINDINGS if counts.get(name)] or list(FINDINGS[:2])
    values = [counts.get(name, 0) for name in names]
    # a platform with one or two findings still gets a readable chart: a floor on the height,
    # thin bars, the labels in words (LABELS), never the CSV codes
    fig = Figure(figsize=(6.5, max(2.0, 0.8 + 0.45 * len(names))), dpi=150)
    ax = fig.add_subplot()
    bars = ax.barh(
        [LABELS[n] for n in names],
        values,
        height=0.5,
        color=[_COLOURS.get(n, "#27ae60") for n in names],
    )
    ax.set_ylim(len(names) - 0.5 + 0.4, -0.5 - 0.4)  # first finding on top, room around
    ax.set_xlim(0, max(values + [1]) * 1.15)
    ax.bar_label(bars, padding=3)
    ax.set_title(f"Unggahan akun KPU di {platform} menurut temuan", fontsize=10)
    ax.set_xlabel("Jumlah unggahan akun KPU")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def write_check(
    findings: Sequence[Finding], out: Path, *, source: str, satker: str | None = None, when=None
) -> dict[str, Path]:
    """Write periksa-unggahan.csv and ringkasan-unggahan.docx into ``out``."""
    from workbench.atomic import write_bytes

    docx = summary_docx(findings, source=source, satker=satker, when=when)
    return {
        CSV_NAME: write_bytes(out / CSV_NAME, findings_csv(findings)),
        DOCX_NAME: write_bytes(out / DOCX_NAME, docx),
    }


def period_text(findings: Sequence[Finding]) -> str:
    """'17 Juli 2025' or '17 Juli 2025 s.d. 23 Juli 2025': the dates of the events checked."""
    from workbench.indonesian import tanggal

    dates = sorted({f.tanggal for f in findings})
    if not dates:
        return "-"
    if dates[0] == dates[-1]:
        return tanggal(dates[0])
    return f"{tanggal(dates[0])} s.d. {tanggal(dates[-1])}"


def _page_numbers(doc) -> None:
    """'Halaman X dari Y' centred in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("Halaman ", "PAGE"), (" dari ", "NUMPAGES")):
        p.add_run(text)
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), field)
        run, t = OxmlElement("w:r"), OxmlElement("w:t")
        t.text = "1"
        run.append(t)
        fld.append(run)
        p._p.append(fld)


def _kop(doc, office) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(office.kop)
    run.bold, run.font.size = True, Pt(14)


def _signature(doc, office, when) -> None:
    """Right-hand block: place and date, the jabatan, space, a line for the name."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from workbench.indonesian import tanggal

    lines = [
        f"{office.kota_ttd}, {tanggal(when)}",
        f"Kepala Subbagian Partisipasi Masyarakat dan SDM {office.nama},",
        "",
        "",
        "(" + "." * 40 + ")",
    ]
    for i, line in enumerate(lines):
        p = doc.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.left_indent = doc.sections[0].page_width // 3
        p.paragraph_format.keep_with_next = i < len(lines) - 1


def summary_docx(
    findings: Sequence[Finding], *, source: str, satker: str | None = None, when=None
) -> bytes:
    """The summary: kop (``satker``, a BPS code, when given), title and period, totals, then
    per platform a chart and the table of violations, and a signature block (with
    ``satker``); page numbers in the footer."""
    import datetime as dt

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from workbench.charts.png import figure_png
    from workbench.indonesian import angka

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin = Mm(30), Mm(20)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(25)
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    _page_numbers(doc)
    office = None
    if satker:
        from workbench.wilayah import get_office

        office = get_office(satker)
        _kop(doc, office)
    title = doc.add_heading("PEMERIKSAAN STANDAR MEDIA SOSIAL", level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    period = doc.add_paragraph(f"Periode acara: {period_text(findings)}")
    period.alignment = WD_ALIGN_PARAGRAPH.CENTER
    violations = [f for f in findings if f.melanggar]
    doc.add_paragraph(
        f"Sumber: {source}. Standar: akun media sosial penyelenggara acara mengunggah lebih "
        "dahulu sebelum akun KPU; ucapan diunggah oleh semua akun KPU. Diperiksa "
        f"{angka(len(findings))} unggahan akun KPU per acara dan platform; "
        f"{angka(len(violations))} tidak sesuai standar."
    )
    for platform, counts in counts_by_platform(findings).items():
        doc.add_heading(platform, level=2)
        summary = "; ".join(f"{LABELS[name]}: {angka(n)}" for name, n in counts.items() if n)
        doc.add_paragraph(summary + ".")
        png = figure_png(platform_chart(platform, counts))
        doc.add_picture(io.BytesIO(png), width=Mm(160))
        rows = [f for f in violations if f.platform == platform]
        if rows:
            _violations_table(doc, rows[:MAX_DOCX_ROWS])
            if len(rows) > MAX_DOCX_ROWS:
                doc.add_paragraph(
                    f"… dan {angka(len(rows) - MAX_DOCX_ROWS)} temuan lain (lihat {CSV_NAME})."
                )
    if office is not None:
        doc.add_paragraph("")
        _signature(doc, office, when or dt.date.today())
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _violations_table(doc, rows: Sequence[Finding]) -> None:
    from workbench.indonesian import tanggal

    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Acara", "Tanggal", "Akun", "Temuan", "Selisih")):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for f in rows:
        cells = table.add_row().cells
        selisih = (
            f"{durasi_text(f.selisih_menit)} lebih dulu"
            if f.temuan == KPU_LEBIH_DULU and f.selisih_menit is not None
            else "–"
        )
        row = (f.acara, tanggal(f.tanggal), f.akun, LABELS[f.temuan], selisih)
        for cell, text in zip(cells, row):
            cell.text = text
