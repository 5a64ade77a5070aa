"""Rebuild docs/img/contoh-dokumen.png (the README's sample pages) after ``make demo``.

Page 1 and the photo Lampiran page of notula.pdf, page 1 of berita.pdf and of
evaluasi-provinsi.pdf, and page 1 of Pamekasan's laporan.docx (converted here with
LibreOffice), side by side. Needs ``pdftoppm`` and ``soffice``::

    make demo && .venv/bin/python tools/contoh_dokumen.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
MEETING = REPORTS / "2025-07-17-rapat-koordinasi-bakohumas-kpu-provinsi-dan-kpu-kabupaten"
QUARTER = REPORTS / "bakohumas" / "2025-TW2"
OFFICE = QUARTER / "satker" / "35.28-kabupaten-pamekasan" / "laporan.docx"
HEIGHT, GAP = 620, 14


def page_png(pdf: Path, page: int, out: Path) -> Image.Image:
    stem = out / f"{pdf.stem}-{page}"
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", str(page), "-l", str(page)]
        + [str(pdf), str(stem)],
        check=True,
    )
    return Image.open(f"{stem}.png").convert("RGB")


def photo_page(pdf: Path) -> int:
    """The first page holding 'B. Dokumentasi' (the photo Lampiran)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for number, page in enumerate(text.split("\f"), start=1):
        if re.search(r"B\.\s+Dokumentasi", page):
            return number
    raise SystemExit(f"{pdf}: tidak ada halaman Dokumentasi")


def main(target: Path = ROOT / "docs" / "img" / "contoh-dokumen.png") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(OFFICE)],
            check=True,
            capture_output=True,
        )
        notula = MEETING / "notula.pdf"
        lampiran = photo_page(notula)
        pages = [
            page_png(notula, 1, out),
            page_png(notula, lampiran, out),
            page_png(MEETING / "berita" / "berita.pdf", 1, out),
            page_png(QUARTER / "evaluasi-provinsi.pdf", 1, out),
            page_png(out / "laporan.pdf", 1, out),
        ]
    pages = [ImageOps.contain(p, (10_000, HEIGHT)) for p in pages]
    pages = [ImageOps.expand(p, border=1, fill=(170, 170, 170)) for p in pages]
    width = sum(p.width for p in pages) + GAP * (len(pages) + 1)
    canvas = Image.new("RGB", (width, HEIGHT + 2 + 2 * GAP), (235, 235, 235))
    x = GAP
    for p in pages:
        canvas.paste(p, (x, GAP))
        x += p.width + GAP
    canvas.save(target, optimize=True)
    print(f"{target}: notula pages 1 and {lampiran}, berita, evaluasi-provinsi, laporan")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:2]))
