"""``workbench app``: the secretariat's web app (Voilà), see :mod:`workbench.app.serve`."""

from __future__ import annotations

import os

import click

from workbench.cli import base
from workbench.cli.base import IndonesianCommand


@click.command(cls=IndonesianCommand)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8866,
    show_default=True,
    metavar="N",
    help="Port yang dipakai.",
)
@click.option(
    "--ip",
    default="127.0.0.1",
    show_default=True,
    metavar="ALAMAT",
    help="Alamat yang didengarkan. Selain 127.0.0.1, aplikasi meminta token (lihat "
    "docs/app.md); 0.0.0.0: semua alamat komputer ini.",
)
@click.option(
    "--token",
    default=None,
    metavar="TEKS",
    help="Token akses (bawaan: WORKBENCH_APP_TOKEN, atau dibuat acak bila --ip bukan 127.0.0.1).",
)
@base.out_option("Folder hasil (bawaan: reports/ proyek, seperti perintah lain).")
def app(port: int, ip: str, token: str | None, out_dir=None) -> None:
    """Membuka aplikasi web sekretariat di peramban: dari berkas rapat, kehadiran, dan
    foto menjadi notula, daftar hadir, berita, dan pemeriksaan foto; serta evaluasi
    triwulan Bakohumas. Hentikan dengan Ctrl+C.

    \b
    Contoh:
      workbench app
      workbench app --ip 0.0.0.0 --port 8900
    """
    from workbench.app.serve import OUT_ENV, server_command, token_for, url, voila_args

    chosen = token_for(ip, token)
    click.echo(f"Aplikasi dibuka di {url(port, ip, chosen)}", err=True)
    if chosen:
        click.echo("Bagikan alamat lengkap (dengan token) hanya kepada rekan kerja.", err=True)
    command = server_command(voila_args(port, ip, chosen))
    env = {**os.environ, **({OUT_ENV: str(out_dir.resolve())} if out_dir else {})}
    os.execve(command[0], command, env)
