"""``workbench livestream``: the Standar Livestream check of one recording."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli import base
from workbench.cli.base import IndonesianCommand


def meeting_schedule(record: Path):
    """``(schedule, meeting folder name)`` of a meeting record: the rundown's start as an
    aware datetime, and the folder ``workbench minutes`` writes (``<tanggal>-<slug>``)."""
    import datetime as dt

    from workbench.rakor.job import load_record, output_folder_name
    from workbench.standar.livestream.check import ZONE_HOURS, Schedule

    # rakor reads the record; its start and folder go to the livestream check as data
    meeting = load_record(record)
    rapat = meeting.rapat
    offset = ZONE_HOURS[rapat.zona_waktu]
    start = dt.datetime.combine(
        rapat.tanggal, rapat.mulai, tzinfo=dt.timezone(dt.timedelta(hours=offset))
    )
    return Schedule(start, rapat.zona_waktu), output_folder_name(meeting)


@click.command(cls=IndonesianCommand)
@click.argument("video", type=click.Path(path_type=Path), metavar="VIDEO")
@base.file_option(
    "--record",
    "record",
    metavar="BERKAS_RAPAT",
    help="Berkas rapat (meeting.yaml atau rapat.xlsx): jam mulai acara dibandingkan dengan "
    "saat cover pembuka ditutup, dan hasil ditulis ke folder rapat itu.",
)
@base.file_option(
    "--cover",
    "cover",
    metavar="GAMBAR",
    help="Gambar cover resmi kantor (PNG/JPEG): cover siaran yang berbeda ditandai.",
)
@base.out_option(
    "Folder keluaran (bawaan: reports/). Hasil ditulis ke FOLDER/livestream/<nama-video>/, "
    "atau FOLDER/<tanggal>-<judul-rapat>/livestream/<nama-video>/ dengan --record."
)
@base.pdf_option("Buat juga PDF hasil pemeriksaan (memerlukan LibreOffice).")
def livestream(
    video: Path, record: Path | None, cover: Path | None, out_dir: Path | None, pdf: bool
) -> None:
    """Memeriksa rekaman siaran langsung (VIDEO: MP4/MKV/WebM) terhadap Standar
    Livestream: cover pembuka dan penutup, backsound saat cover, mutu gambar cover, dan
    siaran macet (gambar beku dan suara hening minimal 10 detik).

    Hasil: periksa-livestream.csv (satu baris), segmen.csv (cover, siaran, hening, macet),
    periksa-livestream.docx (linimasa, cuplikan gambar, temuan dan perbaikannya),
    linimasa.png, cuplikan gambar, notebook yang telah dijalankan, dan manifest.json.
    Rekaman asli tidak diubah.

    \b
    Contoh:
      workbench livestream rakor-2025-07-17.mp4 --record meeting.yaml --cover cover.png --pdf
    """
    from workbench.standar.livestream.run import run_livestream

    schedule, folder = meeting_schedule(record) if record else (None, "")
    run = run_livestream(
        video, cover=cover, schedule=schedule, meeting_folder=folder, out_dir=out_dir, pdf=pdf
    )
    for line in run.warnings:
        click.echo(f"Catatan: {line}", err=True)
    for line in run.masalah:
        click.echo(f"Perlu diperbaiki: {line}", err=True)
    if run.jadwal:
        click.echo(run.jadwal)
    verdict = "memenuhi Standar Livestream" if not run.masalah else "belum memenuhi standar"
    click.echo(f"Pemeriksaan rekaman selesai ({verdict}): {run.folder}")
    for name in run.files:
        click.echo(f"  - {name}")
