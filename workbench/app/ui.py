"""The app's widgets (ipywidgets 8): two pages, everything shown in Indonesian, no logic of
their own — each handler calls :mod:`.rapat` / :mod:`.triwulan` and shows what comes back.
Every text shown is escaped here (:func:`esc`); a problem is listed as the CLI words it
(file, row, field, fix), never as a traceback."""

from __future__ import annotations

import base64
import html
import shutil
from typing import Callable, Sequence

import ipywidgets as w

from workbench.app.links import data_link
from workbench.app.rapat import AttendanceFile, Made, MeetingSession, Problem, problems_of
from workbench.app.triwulan import QuarterSession
from workbench.app.uploads import SessionFolder, Upload
from workbench.errors import WorkbenchError

STYLE = """<style>
.wb-app {font-family: system-ui, sans-serif; max-width: 1100px}
.wb-app h2 {margin: 4px 0 8px 0}
.wb-langkah {border-left: 4px solid #8a1c1c; padding: 2px 0 2px 12px; margin: 14px 0 4px 0}
.wb-tabel {border-collapse: collapse; margin: 6px 0; font-size: 13px}
.wb-tabel th, .wb-tabel td {border: 1px solid #ccc; padding: 3px 6px; vertical-align: top;
  text-align: left}
.wb-tabel th {background: #f3eded}
.wb-masalah {color: #8a1c1c}
.wb-ok {color: #1d6b2f}
.wb-foto {display: inline-block; width: 190px; margin: 4px; vertical-align: top;
  font-size: 12px; line-height: 1.35; border: 1px solid #ddd; padding: 4px}
.wb-foto img {max-width: 180px; max-height: 135px; display: block}
.wb-foto.flag {border-color: #c0392b; background: #fdf0ee}
.wb-unduh {display: inline-block; margin: 2px 10px 2px 0; padding: 3px 8px;
  border: 1px solid #8a1c1c; border-radius: 3px; text-decoration: none; color: #8a1c1c}
.wb-pratinjau {display: inline-block; margin: 4px 10px 4px 0; font-size: 12px}
.wb-pratinjau img {border: 1px solid #999; box-shadow: 1px 1px 4px #aaa}
</style>"""


def esc(text: object) -> str:
    return html.escape(str(text))


def problems_html(problems: Sequence[Problem], title: str = "Perlu diperbaiki") -> str:
    """The problems as a table: berkas, baris, kolom, masalah, perbaikan."""
    if not problems:
        return ""
    rows = "".join(
        f"<tr><td>{esc(p.berkas)}</td><td>{esc(p.baris)}</td><td>{esc(p.kolom)}</td>"
        f"<td class='wb-masalah'>{esc(p.masalah)}</td><td>{esc(p.perbaikan)}</td></tr>"
        for p in problems
    )
    return (
        f"<p class='wb-masalah'><b>{esc(title)} ({len(problems)}):</b></p>"
        "<table class='wb-tabel wb-daftar-masalah'><tr><th>Berkas</th><th>Baris</th>"
        f"<th>Kolom/kunci</th><th>Masalah</th><th>Perbaikan</th></tr>{rows}</table>"
    )


def error_html(error: BaseException) -> str:
    """A failure shown to the user: the workbench's own message, else its kind in words."""
    if isinstance(error, WorkbenchError):
        return problems_html(problems_of(error))
    if isinstance(error, OSError):
        text = f"berkas tidak dapat dibaca/ditulis: {error.strerror or error}"
    else:
        text = f"terjadi kesalahan tak terduga ({type(error).__name__}): {error}"
    return f"<p class='wb-masalah'>{esc(text)}</p>"


def attendance_html(files: Sequence[AttendanceFile]) -> str:
    if not files:
        return "<p>Belum ada berkas kehadiran.</p>"
    rows = []
    for f in files:
        notes = [f"<span class='wb-masalah'>{esc(p.text)}</span>" for p in f.problems]
        notes += [esc(x) for x in f.peringatan]
        rows.append(
            f"<tr><td>{esc(f.berkas)}</td><td>{esc(f.platform)}</td>"
            f"<td>{esc(f.bahasa or '—')}</td><td>{esc(f.waktu or '—')}</td>"
            f"<td>{f.orang}</td><td>{'<br>'.join(notes) or 'tidak ada'}</td></tr>"
        )
    return (
        "<table class='wb-tabel wb-kehadiran'><tr><th>Berkas</th><th>Platform</th>"
        "<th>Bahasa</th><th>Rapat (tanggal, jam)</th><th>Orang</th><th>Peringatan</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _img(data: bytes, mime: str) -> str:
    return f"<img src='data:{mime};base64,{base64.b64encode(data).decode('ascii')}'>"


def photos_html(rows) -> str:
    cards = []
    for r in rows:
        flags = ", ".join(r.masalah)
        cards.append(
            f"<div class='wb-foto{' flag' if r.masalah else ''}'>{_img(r.thumb, 'image/jpeg')}"
            f"<b>{esc(r.berkas)}</b> {esc(r.waktu)}<br>Acara: {esc(r.acara or '—')}<br>"
            + (
                f"<span class='wb-masalah' title='{esc(r.alasan)}'>{esc(flags)}</span>"
                if flags
                else "<span class='wb-ok'>sesuai Standar Foto</span>"
            )
            + "</div>"
        )
    return "".join(cards)


def guarded(out: w.HTML) -> Callable:
    """Decorate a handler: any failure becomes a message in ``out`` (never a traceback)."""

    def wrap(fn: Callable) -> Callable:
        def run(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except BaseException as e:  # noqa: BLE001 - shown to the user instead
                if isinstance(e, (KeyboardInterrupt, SystemExit)):
                    raise
                out.value = error_html(e)

        return run

    return wrap


def uploaded(widget: w.FileUpload) -> list[Upload]:
    files = Upload.from_widget(widget.value)
    return files


def fit(*widgets: w.Widget) -> None:
    """Buttons as wide as their Indonesian label (ipywidgets cuts labels at 148 px)."""
    for widget in widgets:
        widget.layout.width = "auto"


def heading(text: str) -> w.HTML:
    return w.HTML(f"<h3 class='wb-langkah'>{esc(text)}</h3>")


def pdf_available() -> bool:
    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


# ----------------------------------------------------------------------------- Rapat
def meeting_page(session: MeetingSession) -> w.Widget:
    pdf = pdf_available()
    # 1. Data rapat
    rec_upload = w.FileUpload(
        accept=".yaml,.yml,.xlsx", multiple=False, description="Unggah berkas rapat"
    )
    rec_upload.add_class("wb-unggah-rapat")
    blank_btn = w.Button(description="Unduh rapat.xlsx kosong")
    blank_btn.add_class("wb-kosong")
    blank_link = w.HTML()
    rec_out = w.HTML("<p>Belum ada berkas rapat.</p>")
    rec_out.add_class("wb-status-rapat")

    def show_record() -> None:
        st = session.state
        if st.ok:
            r = st.meeting.rapat  # type: ignore[attr-defined]
            rec_out.value = (
                f"<p class='wb-ok'>Berkas rapat {esc(st.berkas)} terbaca: <b>{esc(r.judul)}</b>, "
                f"{r.tanggal:%d-%m-%Y} pukul {r.mulai:%H.%M} {esc(r.zona_waktu)}, "
                f"{len(r.agenda)} butir acara.</p>"
            )
        else:
            text = problems_html(st.problems) if st.problems else ""
            if st.menunggu_foto:
                text += (
                    "<p>Berkas rapat menyebut foto yang belum diunggah: "
                    f"<b>{esc(', '.join(st.menunggu_foto))}</b> — unggah di langkah 3 (Foto).</p>"
                )
            rec_out.value = text or "<p>Belum ada berkas rapat.</p>"
        show_attendance()

    @guarded(rec_out)
    def on_record(change) -> None:
        files = uploaded(rec_upload)
        if not files:
            return
        session.add_record(files[0])
        rec_upload.value = ()
        show_record()

    @guarded(blank_link)
    def on_blank(_b) -> None:
        blank_link.value = data_link("rapat.xlsx", session.blank_workbook(), "rapat.xlsx (kosong)")

    fit(rec_upload, blank_btn)
    rec_upload.observe(on_record, names="value")
    blank_btn.on_click(on_blank)

    # 2. Kehadiran
    att_upload = w.FileUpload(
        accept=".csv,.xlsx,.txt", multiple=True, description="Unggah berkas kehadiran"
    )
    att_upload.add_class("wb-unggah-kehadiran")
    att_clear = w.Button(description="Kosongkan kehadiran")
    att_out = w.HTML("<p>Belum ada berkas kehadiran.</p>")
    att_out.add_class("wb-status-kehadiran")

    def show_attendance() -> None:
        if session.attendance:
            att_out.value = attendance_html(session.attendance_table())

    @guarded(att_out)
    def on_attendance(change) -> None:
        files = uploaded(att_upload)
        if not files:
            return
        att_upload.value = ()
        session.add_attendance(files)
        show_attendance()

    @guarded(att_out)
    def on_att_clear(_b) -> None:
        session.clear_attendance()
        att_out.value = "<p>Belum ada berkas kehadiran.</p>"

    fit(att_upload, att_clear)
    att_upload.observe(on_attendance, names="value")
    att_clear.on_click(on_att_clear)

    # 3. Foto
    foto_upload = w.FileUpload(
        accept=".jpg,.jpeg,.png,.heic,.heif,.zip", multiple=True, description="Unggah foto/zip"
    )
    foto_upload.add_class("wb-unggah-foto")
    foto_clear = w.Button(description="Kosongkan foto")
    foto_out = w.HTML("<p>Belum ada foto.</p>")
    foto_out.add_class("wb-status-foto")

    @guarded(foto_out)
    def on_photos(change) -> None:
        files = uploaded(foto_upload)
        if not files:
            return
        foto_upload.value = ()
        foto_out.value = "<p>Memeriksa foto …</p>"
        notes = session.add_photos(files)
        rows = session.check_photos()
        foto_out.value = (
            "".join(f"<p>{esc(n)}</p>" for n in notes)
            + f"<p>{len(rows)} foto; {sum(1 for r in rows if r.masalah)} ditandai.</p>"
            + photos_html(rows)
        )
        show_record()

    @guarded(foto_out)
    def on_foto_clear(_b) -> None:
        session.clear_photos()
        foto_out.value = "<p>Belum ada foto.</p>"
        show_record()

    fit(foto_upload, foto_clear)
    foto_upload.observe(on_photos, names="value")
    foto_clear.on_click(on_foto_clear)

    # 4. Buat dokumen
    buttons = {
        "notula": w.Button(description="Buat notula + daftar hadir", button_style="primary"),
        "berita": w.Button(description="Buat berita + caption"),
        "foto": w.Button(description="Periksa foto"),
        "semua": w.Button(description="Buat semua"),
    }
    for key, b in buttons.items():
        b.add_class(f"wb-buat-{key}")
        b.layout.width = "auto"
    bar = w.IntProgress(value=0, min=0, max=1, description="")
    bar.add_class("wb-kemajuan")
    bar_label = w.Label("")
    gen_out = w.HTML()
    gen_out.add_class("wb-hasil")
    captions = w.VBox()
    captions.add_class("wb-captions")

    def progress(done: int, total: int, label: str) -> None:
        bar.max, bar.value = max(total, 1), done
        bar_label.value = label

    @guarded(gen_out)
    def on_generate(button) -> None:
        key = next(k for k, b in buttons.items() if b is button)
        which = ["notula", "berita", "foto"] if key == "semua" else [key]
        if "foto" in which and not session.photos and key == "semua":
            which.remove("foto")
        for b in buttons.values():
            b.disabled = True
        gen_out.value = ""
        try:
            session.generate(which, pdf=pdf, progress=progress)
        except BaseException:
            bar_label.value = "Gagal"
            raise
        finally:
            for b in buttons.values():
                b.disabled = False
        gen_out.value = made_html(list(session.made.values()), session.everything_zip())
        captions.children = caption_boxes(session.made.get("berita"))

    for b in buttons.values():
        b.on_click(on_generate)

    return w.VBox(
        [
            heading("1. Data rapat"),
            w.HTML(
                "<p>Unggah <b>meeting.yaml</b> atau <b>rapat.xlsx</b>. Belum punya? Unduh "
                "rapat.xlsx kosong, isi di Excel, lalu unggah.</p>"
            ),
            w.HBox([rec_upload, blank_btn, blank_link]),
            rec_out,
            heading("2. Kehadiran"),
            w.HTML(
                "<p>Unggah daftar hadir (CSV/XLSX) dan laporan peserta Zoom, Teams atau "
                "Google Meet — boleh beberapa berkas sekaligus.</p>"
            ),
            w.HBox([att_upload, att_clear]),
            att_out,
            heading("3. Foto"),
            w.HTML("<p>Unggah foto kegiatan (JPG/PNG/HEIC) atau satu zip berisi foto.</p>"),
            w.HBox([foto_upload, foto_clear]),
            foto_out,
            heading("4. Buat dokumen"),
            w.HBox(list(buttons.values())),
            w.HBox([bar, bar_label]),
            gen_out,
            captions,
        ]
    )


TITLES = {
    "notula": "Notula dan daftar hadir",
    "berita": "Berita kegiatan",
    "foto": "Pemeriksaan foto (Standar Foto)",
}
DOWNLOADS = (".docx", ".pdf", ".png", ".csv", ".txt", ".jpg", ".md", ".html")


def made_html(made: Sequence[Made], everything: bytes) -> str:
    parts = ["<p class='wb-ok'><b>Dokumen selesai dibuat.</b></p>"]
    for m in made:
        links = " ".join(
            data_link(n, data)
            for n, data in sorted(m.files.items())
            if n.endswith(DOWNLOADS) and not n.endswith(("_minutes.html", "_kegiatan.html"))
        )
        previews = "".join(
            f"<div class='wb-pratinjau'>{_img(png, 'image/png')}{esc(n)}</div>"
            for n, png in m.previews.items()
        )
        notes = "".join(f"<li>{esc(n)}</li>" for n in m.notes)
        parts.append(
            f"<div class='wb-hasil-{esc(m.judul)}'>"
            f"<h4>{esc(TITLES.get(m.judul, m.judul))}</h4>"
            f"<p>Disimpan di {esc(m.folder)}</p><p>{links}</p>{previews}"
            + (f"<ul>{notes}</ul>" if notes else "")
            + "</div>"
        )
    parts.append("<p>" + data_link("dokumen-rapat.zip", everything, "Unduh semua (zip)") + "</p>")
    return "".join(parts)


def caption_boxes(made: Made | None) -> tuple:
    if made is None or not made.captions:
        return ()
    out: list[w.Widget] = [w.HTML("<h4>Caption media sosial (salin dari kotak)</h4>")]
    for platform, text, count in made.captions:
        box = w.Textarea(value=text, layout=w.Layout(width="95%", height="120px"))
        box.add_class("wb-caption")
        out += [w.HTML(f"<b>{esc(platform)}</b> — {esc(count)}"), box]
    return tuple(out)


# ----------------------------------------------------------------------------- Triwulan
def quarter_page(session: QuarterSession) -> w.Widget:
    pdf = pdf_available()
    upload = w.FileUpload(accept=".csv,.xlsx,.zip", multiple=False, description="Unggah tabel/zip")
    upload.add_class("wb-unggah-triwulan")
    status = w.HTML("<p>Belum ada tabel laporan.</p>")
    status.add_class("wb-status-triwulan")
    period = w.Text(description="Periode", placeholder="2025-TW2")
    period.add_class("wb-periode")
    deadline = w.Text(description="Tenggat", placeholder="10/07/2025 (boleh kosong)")
    deadline.add_class("wb-tenggat")
    run_btn = w.Button(description="Buat evaluasi + laporan satker", button_style="primary")
    run_btn.layout.width = "auto"
    run_btn.add_class("wb-buat-triwulan")
    bar = w.IntProgress(value=0, min=0, max=1)
    bar_label = w.Label("")
    out = w.HTML()
    out.add_class("wb-hasil-triwulan")

    @guarded(status)
    def on_upload(change) -> None:
        files = uploaded(upload)
        if not files:
            return
        upload.value = ()
        status.value = "<p>Membaca …</p>"
        notes = session.add_table(files[0])
        if session.period and not period.value:
            period.value = session.period
        status.value = "".join(f"<p class='wb-ok'>{esc(n)}</p>" for n in notes)

    def progress(done: int, total: int, label: str) -> None:
        bar.max, bar.value = max(total, 1), done
        bar_label.value = label

    @guarded(out)
    def on_run(_b) -> None:
        run_btn.disabled = True
        out.value = ""
        try:
            made = session.run(
                period.value.strip(), deadline.value.strip(), pdf=pdf, progress=progress
            )
        finally:
            run_btn.disabled = False
        links = " ".join(data_link(n, d) for n, d in made.files.items())
        failed = "".join(f"<li>{esc(g)}</li>" for g in made.gagal)
        out.value = (
            f"<p class='wb-ok'><b>Selesai: {made.selesai}/{made.total} laporan satker.</b> "
            f"Disimpan di {esc(made.folder)}</p><p>{links}</p>"
            + (f"<p class='wb-masalah'>Gagal:</p><ul>{failed}</ul>" if failed else "")
        )

    fit(upload, run_btn)
    upload.observe(on_upload, names="value")
    run_btn.on_click(on_run)
    return w.VBox(
        [
            heading("1. Tabel laporan triwulan"),
            w.HTML(
                "<p>Unggah tabel laporan triwulan (CSV/XLSX) atau satu zip berisi kiriman "
                "tiap satker.</p>"
            ),
            w.HBox([upload]),
            status,
            heading("2. Periode dan tenggat"),
            w.HBox([period, deadline]),
            heading("3. Buat laporan"),
            w.HBox([run_btn]),
            w.HBox([bar, bar_label]),
            out,
        ]
    )


def build(out_dir: str = "", box: SessionFolder | None = None) -> w.Widget:
    """The whole app for one session (its own folder, removed when the kernel ends);
    outputs under ``out_dir``, else ``workbench app --out`` (:data:`.serve.OUT_ENV`), else
    the project's ``reports/`` as the CLI."""
    import os

    from workbench.app.serve import OUT_ENV

    box = box or SessionFolder()
    out = out_dir or os.environ.get(OUT_ENV) or None
    tabs = w.Tab(
        children=[meeting_page(MeetingSession(box, out)), quarter_page(QuarterSession(box, out))]
    )
    tabs.titles = ("Rapat → dokumen", "Triwulan Bakohumas")
    app = w.VBox(
        [
            w.HTML(STYLE),
            tabs,
        ]
    )
    app.add_class("wb-app")
    return app


def show(out_dir: str = "") -> None:
    """Display the app (the notebook's code cell)."""
    from IPython.display import display

    display(build(out_dir))
