"""``workbench minutes``: notula, daftar hadir and chart of one meeting."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.base import IndonesianCommand

NOTEBOOK = "rakor_minutes.ipynb"


@click.command(cls=IndonesianCommand)
@click.argument("record", type=click.Path(dir_okay=False, path_type=Path), metavar="BERKAS_RAPAT")
@click.option("--attendance", "-a", "attendance", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path), metavar="BERKAS",
              help="Berkas kehadiran: daftar hadir/Google Form (CSV/XLSX) atau laporan peserta "
                   "Zoom (CSV). Boleh diulang; semua berkas digabung.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, metavar="FOLDER",
              help="Folder keluaran (bawaan: reports/). Hasil ditulis ke FOLDER/<tanggal>-<judul>/.")
@click.option("--min-share", type=click.FloatRange(0, 100), default=50.0, show_default=True,
              help="Batas minimal lama kehadiran peserta Zoom, dalam persen dari lama rapat; "
                   "peserta di bawahnya ditandai.")
@click.option("--templat-notula", "template_notula", default=None, metavar="BERKAS",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Templat Word notula yang sudah diubah (bawaan: templates/notula.docx); "
                   "diperiksa dulu seperti `workbench templates check`.")
@click.option("--templat-daftar-hadir", "template_daftar_hadir", default=None, metavar="BERKAS",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Templat Word daftar hadir yang sudah diubah (bawaan: "
                   "templates/daftar-hadir.docx).")
@click.option("--pdf", is_flag=True, help="Buat juga PDF tiap dokumen (memerlukan LibreOffice).")
def minutes(record: Path, attendance: tuple[Path, ...], out_dir: Path | None,
            min_share: float, template_notula: Path | None, template_daftar_hadir: Path | None,
            pdf: bool) -> None:
    """Membuat notula rapat, daftar hadir, dan grafik kehadiran dari BERKAS_RAPAT
    (meeting.yaml atau rapat.xlsx) dan berkas kehadiran.

    Hasil: notula.docx, daftar-hadir.docx, kehadiran.png, notebook yang telah
    dijalankan, dan manifest.json.

    \b
    Contoh:
      workbench minutes meeting.yaml -a zoom-peserta.csv -a peserta-internal.csv --pdf
    """
    from workbench.paths import NOTEBOOKS_DIR, REPORTS_DIR
    from workbench.pdf import convert_to_pdf, require_soffice
    from workbench.rakor import job
    from workbench.runner import run_to_folder
    from workbench.template_check import require_valid

    if pdf:
        require_soffice()
    templates = {}
    if template_notula:
        templates["template_notula"] = require_valid(template_notula, "notula",
                                                     "--templat-notula")
    if template_daftar_hadir:
        templates["template_daftar_hadir"] = require_valid(
            template_daftar_hadir, "daftar-hadir", "--templat-daftar-hadir")
    # Validate everything here first: invalid input exits 2 before anything is written.
    meeting, table = job.load_inputs(record, attendance, min_share=min_share / 100)
    attendance_files = [Path(p).resolve() for p in attendance] or [record.resolve()]
    target = (out_dir or REPORTS_DIR).resolve() / job.output_folder_name(meeting)

    def export_pdf(stage: Path) -> None:
        if pdf:
            convert_to_pdf([stage / "notula.docx", stage / "daftar-hadir.docx"], stage)

    run_to_folder(
        NOTEBOOKS_DIR / NOTEBOOK, target,
        {"record": str(record.resolve()), "attendance": [str(p) for p in attendance_files],
         "min_share": min_share / 100, **{k: str(v) for k, v in templates.items()}},
        command="minutes", after=export_pdf,
        inputs=[*job.input_files(meeting, attendance_files), *job.templates_used(templates)],
    )
    n = len(table)
    click.echo(f"Notula rapat selesai dibuat untuk {n} peserta: {target}")
    for name in sorted(p.name for p in target.iterdir()):
        click.echo(f"  - {name}")
