"""``workbench new-meeting``: a blank meeting record to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.base import IndonesianCommand


@click.command(cls=IndonesianCommand)
# No file_okay=False: click would answer a file in the way in English; the library says
# it in Indonesian (exit 2).
@click.argument("folder", type=click.Path(path_type=Path), metavar="FOLDER")
@click.option(
    "--timpa",
    "--force",
    "overwrite",
    is_flag=True,
    help="Timpa meeting.yaml dan rapat.xlsx yang sudah ada di FOLDER.",
)
def new_meeting(folder: Path, overwrite: bool) -> None:
    """Membuat berkas rapat kosong di FOLDER: meeting.yaml (berisi keterangan tiap
    kunci) dan rapat.xlsx (sheet Rapat, Materi, Pembahasan, Kesimpulan, Tindak Lanjut,
    Dokumentasi, Kehadiran, dengan petunjuk dan pilihan isian).

    Isi salah satunya, lalu buat notula dengan `workbench minutes`. Berkas yang sudah
    ada tidak ditimpa kecuali dengan --timpa.

    \b
    Contoh:
      workbench new-meeting rapat/2025-07-17-rakor-bakohumas
      workbench minutes rapat/2025-07-17-rakor-bakohumas/meeting.yaml -a zoom-peserta.csv
    """
    from workbench.rakor.blank import write_blank_record

    written = write_blank_record(folder, overwrite=overwrite)
    click.echo(f"Berkas rapat kosong dibuat di {folder}:")
    for path in written:
        click.echo(f"  - {path.name}")
    click.echo(
        "Isi meeting.yaml ATAU rapat.xlsx (cukup salah satu), lalu jalankan `workbench minutes`."
    )
