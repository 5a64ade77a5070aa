"""``workbench news``: berita kegiatan and social-media captions of one meeting;
``workbench posts``: the Standar Media Sosial check of a posting log."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli import base
from workbench.cli.base import IndonesianCommand


@click.command(cls=IndonesianCommand)
@base.record_argument()
@base.attendance_option(
    "Berkas kehadiran (seperti `workbench minutes`); berita menyebut peserta yang hadir "
    "dari satker penulis. Boleh diulang."
)
@base.out_option(
    "Folder keluaran (bawaan: reports/). Hasil ditulis ke "
    "FOLDER/<tanggal>-<judul>/berita/, di samping notula rapat yang sama."
)
@base.file_option(
    "--templat-berita",
    "template_berita",
    help="Templat Word berita yang sudah diubah (bawaan: templates/berita.docx); "
    "diperiksa dulu seperti `workbench templates check`.",
)
@base.pdf_option("Buat juga PDF berita (memerlukan LibreOffice).")
def news(
    record: Path,
    attendance: tuple[Path, ...],
    out_dir: Path | None,
    template_berita: Path | None,
    pdf: bool,
) -> None:
    """Menyusun draf berita kegiatan dan keterangan unggahan media sosial dari BERKAS_RAPAT
    (meeting.yaml atau rapat.xlsx), bahan yang sama dengan notula.

    Hasil: berita.docx, berita.md, berita.html, caption.txt (Instagram, Facebook, X, dengan
    batas panjangnya), foto-utama.jpg bila ada foto dokumentasi, notebook yang telah
    dijalankan, dan manifest.json. Berkas notula di folder rapat tidak diubah.

    \b
    Contoh:
      workbench news meeting.yaml -a peserta-internal.csv --pdf
    """
    from workbench.rakor.run import run_news

    run = run_news(record, attendance, out_dir=out_dir, template_berita=template_berita, pdf=pdf)
    click.echo(f"Berita kegiatan selesai dibuat: {run.folder}")
    click.echo(f"  Judul: {run.headline}")
    for line in run.captions:
        click.echo(f"  Keterangan {line}")
    for note in run.notes:
        click.echo(f"  Catatan: {note}")
    for name in run.files:
        click.echo(f"  - {name}")
