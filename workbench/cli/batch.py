"""``workbench batch``: run a parameterised notebook once per row of a jobs table."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.cli import base
from workbench.cli.base import IndonesianCommand


@click.command(cls=IndonesianCommand)
@click.argument("notebook", type=base.file_path(), metavar="NOTEBOOK")
@base.file_option(
    "--jobs",
    required=True,
    help="Tabel pekerjaan (CSV, XLSX atau YAML): satu baris per pekerjaan, satu kolom "
    "per parameter. Kolom 'job' (opsional) menamai folder tiap pekerjaan.",
)
@base.out_option(
    "Folder keluaran; tiap pekerjaan ditulis ke FOLDER/<job>/, yang diganti utuh "
    "hanya bila pekerjaan berhasil. Notebook pekerjaan yang gagal disimpan di "
    "FOLDER/<job>.gagal.ipynb.",
    required=True,
)
@base.engine_option(
    "Mesin: warm (kernel dipakai ulang, cepat), papermill (satu kernel baru "
    "per pekerjaan, lambat) atau dask (klaster Dask; tanpa --scheduler, klaster "
    "lokal dijalankan di komputer ini selama batch)."
)
@base.workers_option(
    "Jumlah pekerjaan yang berjalan bersamaan (bawaan: jumlah CPU untuk warm dan "
    "klaster dask lokal, 1 untuk papermill)."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="DETIK",
    help="Batas waktu tiap pekerjaan (semua selnya bersama-sama), dalam detik, untuk "
    "semua mesin. Waktu menyalakan kernel tidak dihitung.",
)
@base.resume_option(
    "Lewati pekerjaan yang notebook, parameter, dan berkas masukannya tidak "
    "berubah dan hasilnya masih ada."
)
@base.scheduler_option(
    "Jalankan di klaster Dask yang sudah ada (mis. tcp://10.0.0.5:8786); berarti "
    "--engine dask. Pekerja Dask harus melihat berkas yang sama (notebook, "
    "masukan, FOLDER) di jalur yang sama."
)
def batch(
    notebook: Path,
    jobs: Path,
    out_dir: Path,
    engine: str,
    workers: int | None,
    timeout: float | None,
    resume: bool,
    scheduler: str | None,
) -> None:
    """Menjalankan NOTEBOOK berparameter sekali untuk tiap baris tabel pekerjaan.

    Nilai tiap kolom diubah ke jenis nilai bawaan parameter di sel 'parameters'
    notebook (tanggal menjadi datetime.date). Hasil: FOLDER/<job>/<notebook>.ipynb,
    berkas yang dibuat notebook, dan FOLDER/batch-summary.csv; keluaran kernel
    di FOLDER/.batch-kernel.log. Kode keluar 0 bila semua berhasil, 1 bila ada
    yang gagal, 2 bila masukan tidak sah.

    \b
    Contoh (satker.csv berkolom data, period, office):
      workbench batch notebooks/office_report.ipynb --jobs satker.csv --out hasil/ --workers 2
      workbench batch notebooks/office_report.ipynb --jobs satker.csv --out hasil/ --engine dask
    """
    from workbench.batch.run import run_batch

    result = run_batch(
        notebook,
        jobs,
        out_dir,
        engine=engine,
        workers=workers,
        timeout=timeout,
        resume=resume,
        scheduler=scheduler,
        html=True,
    )
    report_result(result, "Selesai")


def report_result(result, heading: str) -> None:
    """Print a batch's counts and failures; exit 1 when any job failed."""
    from workbench.indonesian import angka

    ok, failed, skipped = (result.count(s) for s in ("ok", "failed", "skipped"))
    click.echo(
        f"{heading} dalam {angka(result.seconds, 1)} detik: {ok} berhasil, {failed} gagal, "
        f"{skipped} dilewati. Ringkasan: {result.summary_path}"
    )
    for r in result.results:
        if r.status == "failed":
            click.echo(f"  GAGAL {r.job}: {r.message}", err=True)
            if r.notebook:  # the executed notebook, error marked (workbench.runner.keep_failed)
                click.echo(f"    Notebook yang gagal disimpan di: {r.notebook}", err=True)
    if not result.ok:
        sys.exit(result.exit_code)
