"""``workbench posts``: the posting check (Standar Media Sosial) of posting logs and native
social-media exports."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli import base
from workbench.cli.base import IndonesianCommand


@click.command(cls=IndonesianCommand)
@click.argument("posts", type=base.file_path(), metavar="LOG_UNGGAHAN...", nargs=-1, required=True)
@base.out_option("Folder keluaran (bawaan: reports/). Hasil ditulis ke FOLDER/unggahan/.")
@click.option(
    "--acara",
    default="",
    metavar="NAMA",
    help="Nama acara bagi unggahan dari ekspor asli platform (ekspor tidak memuatnya); "
    "ditulis sama dengan kolom acara di log unggahan bila acara itu juga ada di sana.",
)
@click.option(
    "--tanggal",
    default="",
    metavar="TANGGAL",
    help="Tanggal acara bagi ekspor asli, mis. 17/07/2025; hanya unggahan pada tanggal itu "
    "yang diperiksa (bawaan: tanggal acara itu di log unggahan, bila ada).",
)
@click.option(
    "--pemilik",
    type=click.Choice(["kpu", "penyelenggara"]),
    default=None,
    help="Pemilik akun ekspor asli (bawaan: seperti akun itu di log unggahan, bila ada).",
)
@click.option(
    "--akun",
    default="",
    metavar="NAMA",
    help="Nama akun ekspor asli seperti ditulis di log unggahan (bawaan: nama akun dari "
    "ekspornya; wajib untuk ekspor YouTube Studio).",
)
@click.option(
    "--zona",
    type=click.Choice(["WIB", "WITA", "WIT"]),
    default="WIB",
    show_default=True,
    help="Zona waktu kantor: waktu unggah dari ekspor asli diubah ke zona ini.",
)
@click.option(
    "--satker",
    "satker",
    metavar="KODE",
    help="Kode wilayah satker yang menyusun laporan (mis. 35.28): kop dan blok tanda tangan "
    "ringkasan-unggahan.docx.",
)
@click.option(
    "--tanggal-surat",
    "tanggal_surat",
    default="",
    metavar="TANGGAL",
    help="Tanggal tanda tangan laporan, mis. 21/07/2025 (bawaan: hari ini; dipakai dengan "
    "--satker).",
)
@base.pdf_option("Buat juga PDF ringkasan-unggahan.docx (memerlukan LibreOffice).")
def posts(
    posts: tuple[Path, ...],
    out_dir: Path | None,
    acara: str,
    tanggal: str,
    pemilik: str | None,
    akun: str,
    zona: str,
    satker: str | None,
    tanggal_surat: str,
    pdf: bool,
) -> None:
    """Memeriksa LOG_UNGGAHAN terhadap Standar Media Sosial: untuk tiap acara dan platform,
    akun penyelenggara harus mengunggah lebih dahulu sebelum akun KPU; ucapan diunggah semua
    akun KPU.

    LOG_UNGGAHAN: satu berkas atau lebih, masing-masing log unggahan buatan sendiri
    (CSV/XLSX: acara, tanggal, akun, pemilik, platform, waktu_unggah, tautan) atau ekspor
    asli platform tanpa diubah: X/Twitter Analytics (tweet activity), Facebook Insights per
    unggahan (XLSX), Meta Business Suite (konten Facebook/Instagram), YouTube Studio
    (konten). Ekspor asli tidak memuat acara dan pemilik akun: sebutkan dengan --acara,
    --tanggal dan --pemilik (atau sertakan log unggahan yang memuat akun itu).

    Hasil: periksa-unggahan.csv (satu baris per akun KPU, acara, dan platform), ringkasan-
    unggahan.docx (grafik per platform dan daftar pelanggaran), dan manifest.json.

    \b
    Contoh:
      workbench posts log-unggahan.csv --out reports/
      workbench posts log-unggahan.csv tweet_activity_metrics.csv --acara "Rakor Bakohumas"
    """
    from workbench.dates import parse_tanggal
    from workbench.errors import InputError
    from workbench.standar.unggahan.exports import ExportContext
    from workbench.standar.unggahan.run import run_posts

    day = parse_tanggal(tanggal) if tanggal else None
    if tanggal and day is None:
        raise InputError(
            f"tanggal '{tanggal}' tidak dapat dibaca",
            field="--tanggal",
            fix="tulis tanggal hari dahulu, mis. 17/07/2025 (atau 2025-07-17)",
        )
    letter = parse_tanggal(tanggal_surat) if tanggal_surat else None
    if tanggal_surat and letter is None:
        raise InputError(
            f"tanggal '{tanggal_surat}' tidak dapat dibaca",
            field="--tanggal-surat",
            fix="tulis tanggal hari dahulu, mis. 21/07/2025 (atau 2025-07-21)",
        )
    context = ExportContext(acara.strip(), day, pemilik or "", akun.strip(), zona)
    run = run_posts(
        posts, out_dir=out_dir, context=context, satker=satker, pdf=pdf, tanggal_surat=letter
    )
    for line in run.notes:
        click.echo(f"Ekspor dibaca: {line}", err=True)
    total = sum(run.violations.values())
    click.echo(
        f"Pemeriksaan unggahan selesai: {run.checked} unggahan akun KPU diperiksa, "
        f"{total} tidak sesuai standar: {run.folder}"
    )
    from workbench.standar.unggahan.check import LABELS

    for name, count in run.violations.items():
        click.echo(f"  {LABELS.get(name, name)}: {count}")
    for name in run.files:
        click.echo(f"  - {name}")
