"""Bakohumas commands: ``collect``, ``evaluate``, ``reports`` and ``sample-data``.

Each command parses its options, calls one library function and prints the result
(:mod:`workbench.bakohumas.run`, :mod:`workbench.samples.bakohumas`). The options'
destination names are the library's argument names, which are the notebooks' parameter
names (docs/parameters.md), so ``evaluate`` and ``reports`` pass their options on whole.
Heavy libraries (pandas, openpyxl) are imported inside the commands.
"""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli import base
from workbench.cli.base import IndonesianCommand


@click.command(cls=IndonesianCommand)
@click.argument("folder", type=base.folder_path(), metavar="FOLDER")
@base.file_option(
    "--out",
    "out",
    required=True,
    metavar="TABEL",
    help="Tabel gabungan yang ditulis: .csv atau .xlsx (menurut akhiran nama berkas).",
)
@click.option(
    "--period",
    "period",
    default=None,
    metavar="PERIODE",
    help="Ambil hanya laporan periode ini, mis. 2025-TW2 (bawaan: semua periode; "
    "satker yang belum mengirim diperiksa untuk periode terakhir).",
)
@click.option(
    "--timpa",
    "overwrite",
    is_flag=True,
    help="Ganti seluruh TABEL yang sudah ada (bawaan: laporan baru digabung ke "
    "dalamnya, triwulan lain tetap tersimpan).",
)
def collect(folder: Path, out: Path, period: str | None, overwrite: bool) -> None:
    """Menggabungkan laporan triwulan kiriman satker di FOLDER menjadi satu tabel.

    Tiap berkas (.xlsx atau .csv, satu atau beberapa baris) diperiksa; satker
    dikenali dari kolom kode_satker, bukan dari nama berkas. Bila ada berkas
    yang tidak sah, semua galat ditampilkan, tidak ada yang ditulis, dan kode
    keluar 2. Satker provinsi yang belum mengirim laporan didaftar.

    Bila TABEL sudah ada (mis. tabel provinsi berisi triwulan sebelumnya), laporan
    baru digabung ke dalamnya: baris triwulan lain tetap, baris satker dan triwulan
    yang sama diganti kiriman baru. Evaluasi memerlukan triwulan sebelumnya untuk
    mendeteksi laporan yang tidak diperbarui.

    \b
    Contoh:
      workbench collect data/samples/bakohumas/kiriman --out laporan-tw2.xlsx --period 2025-TW2
    """
    from workbench.bakohumas.run import run_collect

    run = run_collect(folder, out, period=period, overwrite=overwrite)
    result, merged = run.collected, run.merged
    if merged is not None:
        click.echo(
            f"Digabung ke tabel yang sudah ada: {merged.kept} baris lama tetap, "
            f"{merged.replaced} baris diganti kiriman baru, {merged.added} baris baru."
        )
    n_offices = result.table["kode_satker"].nunique()
    click.echo(
        f"{len(result.files)} berkas dibaca: {len(result.table)} baris laporan dari "
        f"{n_offices} satker. Tabel gabungan: {out}"
    )
    if result.skipped_rows:
        click.echo(f"{result.skipped_rows} baris periode lain dilewati (hanya {run.period.label}).")
    for path in result.ignored:
        why = (
            "berkas sementara/tersembunyi"
            if path.name.startswith(("~$", "."))
            else "bukan .xlsx/.csv"
        )
        click.echo(f"Diabaikan ({why}): {path.name}")
    _echo_missing(result)


def _echo_missing(result) -> None:
    if not result.missing:
        click.echo(f"Semua satker telah mengirim laporan {result.period.label}.")
        return
    click.echo(f"Satker yang belum mengirim laporan {result.period.label} ({len(result.missing)}):")
    for office in result.missing:
        click.echo(f"  - {office.kode} {office.nama}")


@click.command(cls=IndonesianCommand)
@click.option(
    "--national",
    is_flag=True,
    help="Data nasional: 514 KPU Kabupaten/Kota (laporan-triwulan-nasional.csv), "
    "tanpa folder kiriman.",
)
@click.option(
    "--seed",
    type=int,
    default=2025,
    show_default=True,
    metavar="N",
    help="Benih acak; seed yang sama menghasilkan data yang sama.",
)
@base.out_option("Folder keluaran (bawaan: data/samples/bakohumas/).")
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
    from workbench.paths import SAMPLE_DATA_OUT
    from workbench.samples.bakohumas import write_samples

    written = write_samples(out_dir or SAMPLE_DATA_OUT, national=national, seed=seed)
    for path in written:
        click.echo(f"Ditulis: {path}")


_TABLE = click.argument("data", type=base.file_path(), metavar="TABEL")
_PERIOD = click.option(
    "--period",
    "period",
    required=True,
    metavar="PERIODE",
    help="Triwulan yang dievaluasi, mis. 2025-TW2.",
)
_PROVINCE = click.option(
    "--provinsi",
    "provinsi",
    default=None,
    metavar="KODE",
    help="Kode provinsi bila TABEL memuat beberapa provinsi, mis. 35; "
    "hasilnya ditulis ke FOLDER/bakohumas/PERIODE/<kode>-<provinsi>/.",
)
_OUT = base.out_option(
    "Folder keluaran (bawaan: reports/). Hasil ditulis ke FOLDER/bakohumas/PERIODE/."
)


_DEADLINE = click.option(
    "--tenggat",
    "deadline",
    default=None,
    metavar="TANGGAL",
    help="Tenggat pengiriman laporan, mis. 10/07/2025 (bawaan: tanggal 10 bulan setelah "
    "triwulan berakhir). Pakai tenggat yang sama untuk evaluate dan reports.",
)


_WEIGHTS = base.file_option(
    "--bobot",
    "weights",
    help="Berkas bobot dan ambang skor (YAML, seperti workbench/bakohumas/weights.yaml; "
    "lihat docs/evaluasi.md). Pakai berkas yang sama untuk evaluate dan reports.",
)


def _signer_options(command):
    """--tanggal, --penandatangan, --nip, --jabatan: the signature block of the reports."""
    options = [
        click.option(
            "--tanggal",
            "tanggal_surat",
            default="",
            metavar="TANGGAL",
            help="Tanggal surat pada tanda tangan, mis. 15/07/2025 (bawaan: hari ini).",
        ),
        click.option(
            "--penandatangan",
            "penandatangan",
            default="",
            metavar="NAMA",
            help="Nama penandatangan (bawaan: garis titik-titik untuk diisi tangan).",
        ),
        click.option(
            "--nip", "nip_penandatangan", default="", metavar="NIP", help="NIP penandatangan."
        ),
        click.option(
            "--jabatan",
            "jabatan_penandatangan",
            default="",
            metavar="JABATAN",
            help="Jabatan penandatangan (bawaan: Kepala Bagian Partisipasi Masyarakat dan SDM).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _template_option(default: str):
    return base.file_option(
        "--templat",
        "template",
        help=f"Templat Word yang sudah diubah (bawaan: templates/{default}); "
        "diperiksa dulu seperti `workbench templates check`.",
    )


@click.command(cls=IndonesianCommand)
@_TABLE
@_PERIOD
@_DEADLINE
@_PROVINCE
@_OUT
@_template_option("evaluasi-provinsi.docx")
@_WEIGHTS
@_signer_options
@base.pdf_option("Buat juga PDF laporan (memerlukan LibreOffice).")
def evaluate(**options) -> None:
    """Membuat laporan evaluasi Bakohumas tingkat provinsi dari TABEL laporan triwulan
    (CSV atau XLSX, satu baris per satker per triwulan).

    Hasil di FOLDER/bakohumas/PERIODE/: evaluasi-provinsi.docx, ringkasan.xlsx dan
    ringkasan.csv, grafik (PNG), notebook yang telah dijalankan, dan manifest.json.
    Laporan per satker yang sudah ada di subfolder satker/ tetap dipertahankan.

    \b
    Contoh:
      workbench evaluate data/samples/bakohumas/laporan-triwulan.csv --period 2025-TW2
    """
    from workbench.bakohumas.run import run_evaluation

    run = run_evaluation(**options)
    evaluation = run.evaluation
    click.echo(
        f"Evaluasi {evaluation.period.label} selesai untuk "
        f"{len(evaluation.ringkasan)} satker: {run.folder}"
    )
    for finding in evaluation.findings:
        click.echo(f"  - {finding}")
    for note in run.notes:
        click.echo(f"Peringatan: {note}.", err=True)
    click.echo(f"Indeks triwulan (buka di peramban): {run.folder / 'index.html'}")


@click.command(cls=IndonesianCommand)
@_TABLE
@_PERIOD
@click.option(
    "--offices",
    "offices",
    default=None,
    metavar="KODE,...",
    help="Hanya satker ini, kode dipisah koma, mis. 35.28,35.09 (bawaan: semua satker provinsi).",
)
@click.option(
    "--provinsi",
    "provinsi",
    default=None,
    metavar="KODE",
    help="Kode provinsi bila TABEL memuat beberapa provinsi, mis. 35 (hasil di "
    "PERIODE/<kode>-<provinsi>/satker/); 'semua' untuk satker seluruh provinsi "
    "dalam satu proses (hasil di PERIODE/satker/).",
)
@_DEADLINE
@_OUT
@_template_option("laporan-satker.docx")
@_WEIGHTS
@_signer_options
@base.workers_option("Jumlah laporan yang dibuat bersamaan (bawaan: jumlah CPU).")
@base.engine_option(
    "Mesin batch: warm (kernel dipakai ulang, cepat), papermill (satu kernel baru "
    "per laporan, lambat) atau dask (klaster lokal; lihat juga --scheduler)."
)
@base.resume_option(
    "Lewati satker yang data, templat, dan notebooknya tidak berubah sejak laporan "
    "terakhirnya berhasil dibuat."
)
@base.scheduler_option("Jalankan di klaster Dask yang sudah ada (mis. tcp://10.0.0.5:8786).")
@click.option(
    "--simpan-notebook",
    "notebooks",
    is_flag=True,
    default=False,
    help="Simpan juga notebook yang telah dijalankan (office_report.ipynb) di folder tiap "
    "satker. Tanpa opsi ini hanya kembarannya, office_report.html, yang disimpan; notebook "
    "satker yang gagal selalu disimpan (<folder>.gagal.ipynb).",
)
def reports(**options) -> None:
    """Membuat laporan Bakohumas untuk tiap KPU Kabupaten/Kota dari TABEL laporan
    triwulan, dengan notebook office_report.ipynb (satu laporan per satker).

    Hasil: FOLDER/bakohumas/PERIODE/satker/<kode>-<nama>/laporan.docx, grafik
    perbandingan dengan median provinsi, dan hasil notebook sebagai halaman HTML
    (office_report.html; notebooknya sendiri dengan --simpan-notebook); ringkasan
    proses di FOLDER/bakohumas/PERIODE/satker/batch-summary.csv. Kode
    keluar 0 bila semua berhasil, 1 bila ada yang gagal, 2 bila masukan tidak sah.

    \b
    Contoh:
      workbench reports data/samples/bakohumas/laporan-triwulan.csv --period 2025-TW2
      workbench reports laporan.xlsx --period 2025-TW2 --offices 35.28,35.09
    """
    from workbench.bakohumas.run import run_office_reports
    from workbench.cli.batch import report_result

    def warn(note: str) -> None:
        click.echo(f"Peringatan: {note}.", err=True)

    run = run_office_reports(**options, warn=warn)
    click.echo(f"Indeks triwulan (buka di peramban): {run.index}")
    report_result(run.batch, f"Laporan {run.evaluation.period.label} per satker dibuat")
