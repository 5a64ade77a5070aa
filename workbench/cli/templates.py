"""``workbench templates``: check Word templates edited by the secretariat."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli import load_template_kinds
from workbench.cli.base import IndonesianCommand, IndonesianGroup

# light: the domains' template modules import no pandas/docx
_JENIS = load_template_kinds()


@click.group(cls=IndonesianGroup)
def templates() -> None:
    """Memeriksa templat Word (notula, daftar hadir, laporan)."""


@templates.command(
    "check",
    cls=IndonesianCommand,
    short_help="Memeriksa tag templat Word terhadap variabel program.",
)
@click.argument("file", metavar="BERKAS", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--jenis",
    type=click.Choice(_JENIS),
    help="Jenis dokumen templat. Bila tidak diisi, ditebak dari nama berkas.",
)
def check(file: Path, jenis: str | None) -> None:
    """Memeriksa tag-tag templat BERKAS terhadap variabel yang disediakan program.

    Galat (kode keluar 2): tag yang tidak dikenal program, sintaks tag yang rusak, atau
    tag yang ditolak saat templat dicoba dirender dengan data contoh (mis. membaca
    bagian dalam program, atau melampaui batas ukuran/waktu).
    Peringatan (kode keluar 0): variabel yang disediakan program tetapi tidak dipakai
    templat, misalnya tabel tindak lanjut yang terhapus.
    """
    from workbench.errors import InputError
    from workbench.template_check import check_jenis

    jenis, result = check_jenis(file, jenis)
    click.echo(f"Memeriksa templat {file} (jenis: {jenis})")
    for line in result.messages():
        click.echo(line)
    errors = result.error_count
    if not errors and not result.unused:
        click.echo(
            "Templat baik: semua tag dikenali, semua variabel dipakai, dan templat "
            "berhasil dicoba dengan data contoh."
        )
    else:
        click.echo(f"Hasil: {errors} galat, {len(result.unused)} peringatan.")
    if errors:
        # An InputError (exit code 2) reaches the one place that turns errors into exit codes.
        raise InputError(
            f"templat berisi {errors} galat (lihat di atas)",
            file=file,
            fix="perbaiki tag-tag itu di Word, lalu periksa lagi",
        )
