"""Outputs of the Standar Media Sosial check (``workbench posts``): the findings table
``periksa-unggahan.csv`` and the summary ``ringkasan-unggahan.docx`` with one chart per
platform (:func:`platform_chart`, a matplotlib Figure; the caller saves it)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

from workbench.standar.unggahan.check import (
    COLUMNS,
    FINDINGS,
    KPU_LEBIH_DULU,
    TANPA_PENYELENGGARA,
    UCAPAN_KURANG,
    Finding,
    counts_by_platform,
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
    cells starting with = + - @ are quoted as text so Excel never runs them as formulas."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for f in findings:
        writer.writerow({k: _no_formula(v) for k, v in f.as_row().items()})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _no_formula(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def platform_chart(platform: str, counts: dict[str, int]):
    """A horizontal bar chart: number of KPU posts per finding on ``platform``."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    labels = [name for name in FINDINGS if counts.get(name)] or list(FINDINGS[:2])
    values = [counts.get(name, 0) for name in labels]
    fig = Figure(figsize=(6.5, 0.5 + 0.45 * len(labels)), dpi=150)
    ax = fig.add_subplot()
    bars = ax.barh(labels, values, color=[_COLOURS.get(n, "#27ae60") for n in labels])
    ax.invert_yaxis()
    ax.bar_label(bars, padding=3)
    ax.set_title(f"Unggahan akun KPU di {platform} menurut temuan", fontsize=10)
    ax.set_xlabel("jumlah akun per acara")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def write_check(findings: Sequence[Finding], out: Path, *, source: str) -> dict[str, Path]:
    """Write periksa-unggahan.csv and ringkasan-unggahan.docx into ``out``."""
    from workbench.atomic import write_bytes

    return {
        CSV_NAME: write_bytes(out / CSV_NAME, findings_csv(findings)),
        DOCX_NAME: write_bytes(out / DOCX_NAME, summary_docx(findings, source=source)),
    }


def summary_docx(findings: Sequence[Finding], *, source: str) -> bytes:
    """The summary: totals, then per platform a chart and the table of violations."""
    from docx import Document
    from docx.shared import Mm, Pt

    from workbench.charts.png import figure_png
    from workbench.indonesian import angka

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin = Mm(25), Mm(20)
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading("Pemeriksaan Standar Media Sosial", level=1)
    violations = [f for f in findings if f.melanggar]
    doc.add_paragraph(
        f"Sumber: {source}. Standar: akun media sosial penyelenggara acara mengunggah lebih "
        "dahulu sebelum akun KPU; ucapan diunggah oleh semua akun KPU. Diperiksa "
        f"{angka(len(findings))} unggahan akun KPU per acara dan platform; "
        f"{angka(len(violations))} tidak sesuai standar."
    )
    for platform, counts in counts_by_platform(findings).items():
        doc.add_heading(platform, level=2)
        summary = "; ".join(f"{name}: {angka(n)}" for name, n in counts.items() if n)
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
        selisih = f"{f.selisih_menit} menit lebih dulu" if f.temuan == KPU_LEBIH_DULU else "–"
        for cell, text in zip(cells, (f.acara, tanggal(f.tanggal), f.akun, f.temuan, selisih)):
            cell.text = text
