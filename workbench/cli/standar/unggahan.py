"""``workbench posts``: the posting check (Standar Media Sosial) of a posting log."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli import base
from workbench.cli.base import IndonesianCommand


@click.command(cls=IndonesianCommand)
@click.argument("posts", type=base.file_path(), metavar="LOG_UNGGAHAN")
@base.out_option("Folder keluaran (bawaan: reports/). Hasil ditulis ke FOLDER/unggahan/.")
def posts(posts: Path, out_dir: Path | None) -> None:
    """Memeriksa LOG_UNGGAHAN (CSV/XLSX: acara, tanggal, akun, pemilik, platform,
    waktu_unggah, tautan) terhadap Standar Media Sosial: untuk tiap acara dan platform, akun
    penyelenggara harus mengunggah lebih dahulu sebelum akun KPU; ucapan diunggah semua akun
    KPU.

    Hasil: periksa-unggahan.csv (satu baris per akun KPU, acara, dan platform), ringkasan-
    unggahan.docx (grafik per platform dan daftar pelanggaran), dan manifest.json.

    \b
    Contoh:
      workbench posts log-unggahan.csv --out reports/
    """
    from workbench.standar.unggahan.run import run_posts

    run = run_posts(posts, out_dir=out_dir)
    total = sum(run.violations.values())
    click.echo(
        f"Pemeriksaan unggahan selesai: {run.checked} unggahan akun KPU diperiksa, "
        f"{total} tidak sesuai standar: {run.folder}"
    )
    for name, count in run.violations.items():
        click.echo(f"  {name}: {count}")
    for name in run.files:
        click.echo(f"  - {name}")
