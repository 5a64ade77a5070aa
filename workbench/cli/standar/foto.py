"""``workbench photos``: the photo check (Standar Foto) of a folder of documentation photos."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli import base
from workbench.cli.base import IndonesianCommand


@click.command(cls=IndonesianCommand)
@click.argument("folder", type=click.Path(path_type=Path), metavar="FOLDER")
@base.file_option(
    "--record",
    "record",
    metavar="BERKAS_RAPAT",
    help="Berkas rapat (meeting.yaml atau rapat.xlsx): foto ditempatkan pada susunan acara "
    "menurut jam pengambilannya.",
)
@base.out_option(
    "Folder keluaran (bawaan: reports/). Dengan --record hasil ditulis ke "
    "FOLDER/<tanggal>-<judul>/periksa-foto/ (folder rapat), tanpa --record ke "
    "FOLDER/foto/<lokasi-folder>-<kode>/."
)
@base.pdf_option("Buat juga PDF lembar kontak (memerlukan LibreOffice).")
@click.option(
    "--izinkan-tanggal-beda",
    "allow_other_date",
    is_flag=True,
    help="Foto yang diambil pada hari lain dari tanggal rapat tidak ditandai bermasalah "
    "(tetap di luar susunan acara, dengan tanggalnya). Bawaan: ditandai 'tanggal berbeda'.",
)
def photos(
    folder: Path, record: Path | None, out_dir: Path | None, pdf: bool, allow_other_date: bool
) -> None:
    """Memeriksa foto dokumentasi dalam FOLDER (JPG, PNG, HEIC) terhadap Standar Foto: kabur
    (blur), terlalu gelap/terang, resolusi rendah, dan foto kembar (duplikat). Dengan
    --record, foto yang diambil (menurut EXIF) pada hari lain dari tanggal rapat ditandai
    'tanggal berbeda' dan tidak ditempatkan pada susunan acara.

    Hasil: periksa-foto.csv (satu baris per foto), periksa-foto.docx (lembar kontak per
    acara), notebook yang telah dijalankan, dan manifest.json. Foto asli tidak diubah.

    \b
    Contoh:
      workbench photos foto/ --record meeting.yaml --pdf
    """
    from workbench.rakor.job import load_record, output_folder_name
    from workbench.standar.foto.run import run_photos

    # rakor reads the record; its rundown and folder name go to the photo check as data
    meeting = load_record(record)
    run = run_photos(
        folder,
        record=record,
        rundown=meeting,
        out_dir=out_dir,
        pdf=pdf,
        allow_other_date=allow_other_date,
        meeting_folder=output_folder_name(meeting) if meeting is not None else None,
    )
    for line in run.flagged:
        click.echo(f"Perlu diperiksa: foto {line}", err=True)
    for line in run.notes:
        click.echo(f"Peringatan: {line}", err=True)
    click.echo(
        f"Pemeriksaan {run.checked} foto selesai ({len(run.flagged)} bermasalah): {run.folder}"
    )
    for name in run.files:
        click.echo(f"  - {name}")
