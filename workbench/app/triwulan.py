"""The "Triwulan Bakohumas" page as plain steps (no widgets): the quarterly table uploaded
(or a zip of the offices' submissions, merged as ``workbench collect`` does), then
``workbench evaluate`` and ``workbench reports`` (:mod:`workbench.bakohumas.run`) into
``reports/bakohumas/<periode>/`` as the CLI writes them, with progress (done/total) and
the failed offices named."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from workbench.app.links import folder_files, shown, zip_bytes
from workbench.app.uploads import (
    SessionFolder,
    Upload,
    check_size,
    check_suffix,
    extract_submissions,
    safe_name,
    write_upload,
)
from workbench.errors import InputError
from workbench.limits import MAX_REPORT_BYTES

Progress = Callable[[int, int, str], None]
COLLECTED = "laporan-triwulan.xlsx"


@dataclass
class QuarterMade:
    """What one run made: files to download, counts, failures."""

    folder: str
    files: dict[str, bytes] = field(default_factory=dict)
    selesai: int = 0
    total: int = 0
    gagal: list[str] = field(default_factory=list)  # "35.01 Kab. Pacitan: sel ke-4: …"
    notes: list[str] = field(default_factory=list)


class QuarterSession:
    """One browser session's quarterly page."""

    def __init__(self, folder: SessionFolder, out_dir: str | Path | None = None):
        from workbench.paths import REPORTS_DIR

        self.box = folder
        self.out_dir = Path(out_dir or REPORTS_DIR)
        self.table: Path | None = None
        self.period = ""

    def add_table(self, upload: Upload) -> list[str]:
        """Keep the quarterly table, or collect a zip of the offices' files into one;
        returns notes (offices read, offices missing)."""
        name = check_suffix(upload, (".csv", ".xlsx", ".zip"), "tabel laporan triwulan")
        check_size(upload, MAX_REPORT_BYTES, "berkas", "bagi berkas per provinsi atau tahun")
        folder = self.box.clear("triwulan")
        if not name.lower().endswith(".zip"):
            self.table = write_upload(folder, name, upload.content)
            return [f"Tabel {name} diterima."]
        from workbench.bakohumas.run import run_collect

        kiriman = self.box.clear("kiriman")
        written, skipped = extract_submissions(upload, kiriman)
        if not written:
            raise InputError(
                "zip tidak berisi berkas .csv atau .xlsx",
                file=safe_name(upload.name),
                fix="zip folder kiriman satker (satu berkas laporan per satker)",
            )
        run = run_collect(kiriman, folder / COLLECTED)
        self.table, self.period = run.out, str(run.period)
        notes = [f"{len(written)} berkas kiriman digabung menjadi {COLLECTED} ({self.period})."]
        if skipped:
            notes.append(f"{len(skipped)} berkas lain di zip dilewati.")
        missing = run.collected.missing
        if missing:
            notes.append(f"Belum mengirim: {', '.join(str(m) for m in missing)}")
        return notes

    def run(
        self,
        period: str,
        deadline: str = "",
        *,
        pdf: bool = False,
        workers: int | None = None,
        progress: Progress | None = None,
    ) -> QuarterMade:
        """Evaluate the province, then one report per office (progress polled from the
        folders the batch writes), then gather the downloads."""
        from workbench.bakohumas.report import PROVINCE_DOCX
        from workbench.bakohumas.run import run_evaluation

        if self.table is None:
            raise InputError("belum ada tabel laporan", fix="unggah tabel laporan triwulan")
        say = progress or (lambda d, t, label: None)
        say(0, 1, "Evaluasi provinsi …")
        prepared = run_evaluation(
            self.table, period, pdf=pdf, deadline=deadline or None, out_dir=self.out_dir
        )
        total = len(prepared.evaluation.ringkasan)
        result = self._office_reports(period, deadline, workers, total, say)
        folder = prepared.folder
        made = QuarterMade(shown(folder, self.out_dir), total=total)
        made.selesai = result.batch.count("ok")
        made.gagal = [f"{r.job}: {r.message}" for r in result.batch.results if r.status == "failed"]
        for n in ("index.html", PROVINCE_DOCX, PROVINCE_DOCX[:-5] + ".pdf"):
            if (folder / n).is_file():
                made.files[n] = (folder / n).read_bytes()
        satker = folder_files(folder / "satker", "satker/")
        made.files["laporan-satker.zip"] = zip_bytes(satker)
        say(total, total, "Selesai")
        return made

    def _office_reports(self, period, deadline, workers, total, say: Progress):
        from workbench.bakohumas.run import run_office_reports

        box: dict = {}
        start = time.time()

        def work() -> None:
            try:
                box["result"] = run_office_reports(
                    self.table,  # type: ignore[arg-type]
                    period,
                    deadline=deadline or None,
                    out_dir=self.out_dir,
                    workers=workers,
                )
            except BaseException as e:  # re-raised in the caller's thread
                box["error"] = e

        worker = threading.Thread(target=work, name="laporan-satker", daemon=True)
        worker.start()
        satker = None
        while worker.is_alive():
            worker.join(0.5)
            if satker is None:
                found = list(self.out_dir.resolve().glob(f"bakohumas/{period}*/satker"))
                satker = found[0] if found else None
            done = 0
            if satker is not None and satker.is_dir():
                done = sum(
                    1
                    for d in satker.iterdir()
                    if d.is_dir() and not d.name.startswith(".") and d.stat().st_mtime >= start
                )
            say(min(done, total), total, f"Laporan satker {done}/{total} …")
        if "error" in box:
            raise box["error"]
        return box["result"]
