"""Bakohumas commands: ``collect`` and ``sample-data``.

Heavy libraries (pandas, openpyxl) are imported inside the commands.
"""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.base import IndonesianCommand


@click.command(cls=IndonesianCommand)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), metavar="FOLDER")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              metavar="TABEL",
              help="Tabel gabungan yang ditulis: .csv atau .xlsx (menurut akhiran nama berkas).")
@click.option("--period", "period", default=None, metavar="PERIODE",
              help="Ambil hanya laporan periode ini, mis. 2025-TW2 (bawaan: semua periode; "
                   "satker yang belum mengirim diperiksa untuk periode terakhir).")
def collect(folder: Path, out: Path, period: str | None) -> None:
    """Menggabungkan laporan triwulan kiriman satker di FOLDER menjadi satu tabel.

    Tiap berkas (.xlsx atau .csv, satu atau beberapa baris) diperiksa; satker
    dikenali dari kolom kode_satker, bukan dari nama berkas. Bila ada berkas
    yang tidak sah, semua galat ditampilkan, tidak ada yang ditulis, dan kode
    keluar 2. Satker provinsi yang belum mengirim laporan didaftar.

    \b
    Contoh:
      workbench collect data/samples/bakohumas/kiriman --out laporan-tw2.xlsx --period 2025-TW2
    """
    from workbench.bakohumas.collect import collect_folder, write_reports
    from workbench.bakohumas.schema import Period

    if period is not None:
        period = Period.parse(period)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        from workbench.errors import InputError

        raise InputError(f"format keluaran '{out.suffix or out.name}' tidak didukung", file=out,
                         field="--out", fix="akhiri nama berkas keluaran dengan .csv atau .xlsx")
    result = collect_folder(folder, period)
    write_reports(result.table, out)
    n_offices = result.table["kode_satker"].nunique()
    click.echo(f"{len(result.files)} berkas dibaca: {len(result.table)} baris laporan dari "
               f"{n_offices} satker. Tabel gabungan: {out}")
    if result.skipped_rows:
        click.echo(f"{result.skipped_rows} baris periode lain dilewati (hanya {period.label}).")
    for path in result.ignored:
        click.echo(f"Diabaikan (bukan .xlsx/.csv): {path.name}")
    _echo_missing(result)


def _echo_missing(result) -> None:
    if not result.missing:
        click.echo(f"Semua satker telah mengirim laporan {result.period.label}.")
        return
    click.echo(f"Satker yang belum mengirim laporan {result.period.label} "
               f"({len(result.missing)}):")
    for office in result.missing:
        click.echo(f"  - {office.kode} {office.nama}")


@click.command(cls=IndonesianCommand)
@click.option("--national", is_flag=True,
              help="Data nasional: 514 KPU Kabupaten/Kota (laporan-triwulan-nasional.csv), "
                   "tanpa folder kiriman.")
@click.option("--seed", type=int, default=2025, show_default=True, metavar="N",
              help="Benih acak; seed yang sama menghasilkan data yang sama.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="FOLDER", help="Folder keluaran (bawaan: data/samples/bakohumas/).")
def sample_data(national: bool, seed: int, out_dir: Path | None) -> None:
    """Membuat data contoh laporan triwulan Bakohumas (TW 1 dan TW 2 2025).

    Bawaan: 38 KPU Kabupaten/Kota Jawa Timur di laporan-triwulan.csv, dengan
    tepat dua satker yang laporan TW 2-nya belum diperbarui, beberapa satker
    terlambat, satu satker belum mengirim, serta folder kiriman/ (satu berkas
    per satker untuk TW 2) sebagai bahan `workbench collect`.

    \b
    Contoh:
      workbench sample-data
      workbench sample-data --national --out data/samples/bakohumas/
    """
    from workbench.bakohumas.generate import write_samples
    from workbench.paths import SAMPLE_BAKOHUMAS_DIR

    written = write_samples(out_dir or SAMPLE_BAKOHUMAS_DIR, national=national, seed=seed)
    for path in written:
        click.echo(f"Ditulis: {path}")
