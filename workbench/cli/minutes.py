"""``workbench minutes``: notula, daftar hadir and chart of one meeting."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli import base
from workbench.cli.base import IndonesianCommand


@click.command(cls=IndonesianCommand)
@base.record_argument()
@base.attendance_option(
    "Berkas kehadiran: daftar hadir/Google Form (CSV/XLSX) atau laporan peserta "
    "Zoom, Microsoft Teams atau Google Meet (CSV/XLSX). Boleh diulang; semua berkas digabung."
)
@base.out_option("Folder keluaran (bawaan: reports/). Hasil ditulis ke FOLDER/<tanggal>-<judul>/.")
@click.option(
    "--min-share",
    type=click.FloatRange(0, 100),
    default=50.0,
    show_default=True,
    help="Batas minimal lama kehadiran peserta Zoom, dalam persen dari lama rapat; "
    "peserta di bawahnya ditandai.",
)
@base.file_option(
    "--templat-notula",
    "template_notula",
    help="Templat Word notula yang sudah diubah (bawaan: templates/notula.docx); "
    "diperiksa dulu seperti `workbench templates check`.",
)
@base.file_option(
    "--templat-daftar-hadir",
    "template_daftar_hadir",
    help="Templat Word daftar hadir yang sudah diubah (bawaan: templates/daftar-hadir.docx).",
)
@base.pdf_option("Buat juga PDF tiap dokumen (memerlukan LibreOffice).")
@click.option(
    "--izinkan-tanggal-beda",
    "allow_other_date",
    is_flag=True,
    help="Terima laporan Zoom/Teams/Google Meet yang tanggalnya berbeda dari tanggal rapat "
    "atau mulainya lebih dari 3 jam dari jam mulai rapat (bawaan: ditolak), dan muat foto "
    "yang diambil pada hari lain di bawah 'Dokumentasi lainnya' dengan tanggalnya (bawaan: "
    "tidak dimuat).",
)
@click.option(
    "--foto-maks",
    "foto_maks",
    type=click.IntRange(0, 500),
    default=12,
    show_default=True,
    metavar="N",
    help="Jumlah foto paling banyak yang dimuat dari folder dokumentasi: yang paling tajam "
    "dan tanpa masalah, tersebar di tiap acara (foto yang disebut satu per satu selalu dimuat).",
)
@click.option(
    "--daftar-hadir",
    "daftar_hadir",
    type=click.Choice(["semua", "satker"]),
    default=None,
    help="Isi daftar hadir: semua peserta, atau satker (hanya peserta dari satker penulis, "
    "mis. untuk rapat instansi lain). Bawaan: kunci rapat.daftar_hadir berkas rapat (semua).",
)
def minutes(
    record: Path,
    attendance: tuple[Path, ...],
    out_dir: Path | None,
    min_share: float,
    template_notula: Path | None,
    template_daftar_hadir: Path | None,
    pdf: bool,
    allow_other_date: bool,
    foto_maks: int,
    daftar_hadir: str | None,
) -> None:
    """Membuat notula rapat, daftar hadir, dan grafik kehadiran dari BERKAS_RAPAT
    (meeting.yaml atau rapat.xlsx) dan berkas kehadiran.

    Hasil: notula.docx, daftar-hadir.docx, kehadiran.png, notebook yang telah
    dijalankan, dan manifest.json.

    \b
    Contoh:
      workbench minutes meeting.yaml -a zoom-peserta.csv -a peserta-internal.csv --pdf
    """
    from workbench.rakor.run import run_minutes

    run = run_minutes(
        record,
        attendance,
        out_dir=out_dir,
        min_share=min_share / 100,
        template_notula=template_notula,
        template_daftar_hadir=template_daftar_hadir,
        pdf=pdf,
        allow_other_date=allow_other_date,
        foto_maks=foto_maks,
        daftar_hadir=daftar_hadir,
    )
    for line in run.warnings:
        click.echo(f"Peringatan: {line}", err=True)
    if run.review:
        click.echo(
            f"Perlu diperiksa: {len(run.review)} pasang peserta mungkin orang yang sama "
            "(nama mirip, instansi sama; tidak digabung):",
            err=True,
        )
        for pair in run.review:
            a, b = pair["nama"]
            i, j = pair["baris"]
            click.echo(f"  - baris {i} '{a}' dan baris {j} '{b}' ({pair['instansi']})", err=True)
    click.echo(f"Notula rapat selesai dibuat untuk {run.attendees} peserta: {run.folder}")
    for name in run.files:
        click.echo(f"  - {name}")
