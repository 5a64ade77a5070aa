"""The secretariat's web app in a real browser: Playwright driving Debian's Chromium against
the app started as ``make app`` starts it (tests/app_server.py; one server per session, a
free port, outputs in a folder of the test's own). Each page load is a Voila kernel: one page
goes through the sample meeting, the quarter tab and a bad record; the two-sessions test has
its own server, culling closed pages' kernels after 4 s and without LibreOffice.

ipywidgets 8's FileUpload never attaches its ``<input type=file>`` to the page: a test clicks
the button inside ``page.expect_file_chooser()`` and answers the chooser, as a person would.
With ``WORKBENCH_SCREENSHOTS=docs/img`` the screenshots become docs/img/app-*.png.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import docx
import pytest
import yaml

from workbench.paths import SAMPLE_MEETING_DIR, SAMPLES_DIR

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

FOTO = sorted((SAMPLE_MEETING_DIR / "foto").glob("*.jpg"))


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    from app_server import start_app

    folder = tmp_path_factory.mktemp("aplikasi")
    server = start_app(folder / "reports", folder / "app.log")
    try:
        yield server
    finally:
        server.stop()


def open_app(new_context, app):
    page = new_context().new_page()
    page.set_default_timeout(240_000)
    page.goto(app.url)
    page.locator(".wb-unggah-rapat").wait_for()
    return page


def upload(page, css: str, files) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(css).click()
    chooser.value.set_files([str(f) for f in files])


def download(page, css: str, to: Path) -> Path:
    with page.expect_download() as d:
        page.locator(css).click()
    d.value.save_as(to)
    return to


def shot(page, screenshots: Path, name: str, css: str | None = None) -> None:
    if css:  # a viewport as tall as the element: Voilà paints only what is in view
        box = page.locator(css).bounding_box()
        tall = int(box["height"]) + 300 if box else 800
        page.set_viewport_size({"width": 1280, "height": max(800, min(tall, 8000))})
        page.locator(css).screenshot(path=str(screenshots / name))
        page.set_viewport_size({"width": 1280, "height": 800})
    else:
        page.screenshot(path=str(screenshots / name), full_page=True)


def fill_meeting(page, record: Path, attendance, photos) -> None:
    upload(page, ".wb-unggah-rapat", [record])
    page.locator(".wb-status-rapat p").first.wait_for()
    upload(page, ".wb-unggah-kehadiran", attendance)
    page.locator(".wb-kehadiran").wait_for()
    upload(page, ".wb-unggah-foto", photos)
    page.locator(".wb-foto").first.wait_for()
    page.locator(".wb-status-rapat .wb-ok").wait_for()


def test_sample_meeting_quarter_and_bad_record_on_one_page(app, new_context, screenshots, tmp_path):
    """The sample meeting to its documents, the quarter page, then a bad record's message:
    one page, as a person would go on in the same session."""
    page = open_app(new_context, app)
    upload(page, ".wb-unggah-rapat", [SAMPLE_MEETING_DIR / "meeting.yaml"])
    page.get_by_text("foto yang belum diunggah").wait_for()
    shot(page, screenshots, "app-1-data-rapat.png")
    upload(
        page,
        ".wb-unggah-kehadiran",
        [SAMPLE_MEETING_DIR / "zoom-peserta.csv", SAMPLE_MEETING_DIR / "peserta-internal.csv"],
    )
    table = page.locator(".wb-kehadiran")
    table.wait_for()
    assert "Zoom" in table.inner_text() and "17-07-2025" in table.inner_text()
    assert "akun Zoom bersama" in table.inner_text()
    shot(page, screenshots, "app-2-kehadiran.png", ".wb-status-kehadiran")
    upload(page, ".wb-unggah-foto", FOTO)
    page.locator(".wb-foto").nth(len(FOTO) - 1).wait_for()
    assert "kabur (blur)" in page.locator(".wb-status-foto").inner_text()
    page.locator(".wb-status-rapat .wb-ok").wait_for()  # the record now reads
    shot(page, screenshots, "app-3-foto.png", ".wb-status-foto")

    page.locator(".wb-buat-semua").click()
    page.get_by_text("Dokumen selesai dibuat").wait_for()
    notula = download(page, "a[download='notula.docx']", tmp_path / "notula.docx")
    text = "\n".join(p.text for p in docx.Document(str(notula)).paragraphs)
    assert "NOTULA RAPAT" in text and "Pamekasan" in text
    folder = app.out / "2025-07-17-rapat-koordinasi-bakohumas-kpu-provinsi-dan-kpu-kabupaten"
    assert (folder / "notula.docx").read_bytes() == notula.read_bytes()  # as the CLI writes
    assert (folder / "berita" / "berita.docx").is_file()
    captions = page.locator(".wb-caption textarea")
    assert captions.count() == 3 and "#" in captions.first.input_value()
    everything = download(page, "a[download='dokumen-rapat.zip']", tmp_path / "semua.zip")
    import zipfile

    names = zipfile.ZipFile(everything).namelist()
    assert "notula/notula.docx" in names and "foto/periksa-foto.docx" in names
    shot(page, screenshots, "app-4-dokumen.png", ".wb-hasil-notula")
    shot(page, screenshots, "app-4-caption.png", ".wb-captions")
    assert "Traceback" not in page.content()

    # the same page (one Voila kernel): the quarter tab, then a bad record in the meeting tab
    quarter_page(page, screenshots, tmp_path)
    page.locator(".lm-TabBar-tabLabel", has_text="Rapat").click()
    bad_record_shows_its_message(page, tmp_path)


def bad_record_shows_its_message(page, tmp_path: Path) -> None:
    """A record with an impossible date and an unknown mode: the record's problems, and
    generating refuses naming them."""
    bad = tmp_path / "rusak" / "meeting.yaml"
    bad.parent.mkdir()
    data = yaml.safe_load((SAMPLE_MEETING_DIR / "meeting.yaml").read_text())
    data["rapat"]["tanggal"] = "31/02/2025"
    data["rapat"]["mode"] = "setengah daring"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True))
    upload(page, ".wb-unggah-rapat", [bad])
    problems = page.locator(".wb-status-rapat .wb-daftar-masalah")
    problems.wait_for()
    text = problems.inner_text()
    assert "meeting.yaml" in text and "tanggal" in text and "mode" in text
    assert "Perbaikan" in text or "luring" in text
    assert "Traceback" not in page.content()
    assert page.locator(".wb-hasil .wb-daftar-masalah").count() == 0
    page.locator(".wb-buat-notula").click()  # generating refuses, naming the problems
    page.locator(".wb-hasil .wb-daftar-masalah").wait_for()


def other_meeting(folder: Path) -> Path:
    """The sample meeting moved to another date and title (another output folder)."""
    data = yaml.safe_load((SAMPLE_MEETING_DIR / "meeting.yaml").read_text())
    data["rapat"]["tanggal"] = dt.date(2025, 7, 18)
    data["rapat"]["judul"] = "Rapat Evaluasi Kehumasan KPU Kabupaten Pamekasan"
    data.pop("dokumentasi")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "meeting.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    shutil.copyfile(SAMPLE_MEETING_DIR / "peserta-internal.csv", folder / "peserta-internal.csv")
    return folder / "meeting.yaml"


def quarter_page(page, screenshots: Path, tmp_path: Path) -> None:
    """The quarter tab: the sample submissions to the index and the offices' reports."""
    page.locator(".lm-TabBar-tabLabel", has_text="Triwulan Bakohumas").click()
    upload(page, ".wb-unggah-triwulan", [SAMPLES_DIR / "bakohumas" / "laporan-triwulan.csv"])
    page.locator(".wb-status-triwulan .wb-ok").wait_for()
    page.locator(".wb-periode input").fill("2025-TW2")
    page.locator(".wb-buat-triwulan").click()
    page.get_by_text("laporan satker.", exact=False).wait_for()
    result = page.locator(".wb-hasil-triwulan").inner_text()
    assert "38/38" in result
    index = download(page, "a[download='index.html']", tmp_path / "index.html")
    assert "2025" in index.read_text(encoding="utf-8")
    download(page, "a[download='laporan-satker.zip']", tmp_path / "satker.zip")
    shot(page, screenshots, "app-5-triwulan.png")


def test_server_serves_no_files(app):
    """``/voila/files`` (outside the token's protection) serves nothing, not even the
    notebook: documents reach the browser only as the kernel's data links."""
    import urllib.error

    from app_server import fetch

    for path in ("voila/files/app.ipynb", "voila/files/../reports/.gitkeep"):
        with pytest.raises(urllib.error.HTTPError):
            fetch(app.url + path)


SOFFICE = ("soffice", "libreoffice")


def path_without_soffice(shadow: Path) -> str:
    """``PATH`` without LibreOffice: a folder that has it is replaced by ``shadow/<n>``, links
    to its other programs (the app then offers no PDF, as on a machine without it)."""
    folders = []
    for n, folder in enumerate(os.environ.get("PATH", "").split(os.pathsep)):
        if folder and any(os.path.exists(os.path.join(folder, name)) for name in SOFFICE):
            copy = shadow / str(n)
            copy.mkdir(parents=True)
            for entry in os.scandir(folder):
                if entry.name not in SOFFICE:
                    (copy / entry.name).symlink_to(entry.path)
            folder = str(copy)
        folders.append(folder)
    return os.pathsep.join(folders)


@contextlib.contextmanager
def culling_app(folder: Path):
    """The app's server (``serve.server_command``, outputs in ``folder / "reports"``) culling
    a closed page's kernel after 4 s (``workbench app`` waits 5 minutes), without LibreOffice
    on its ``PATH`` (the sample meeting's test is the one that makes the app's PDFs)."""
    from app_server import free_port

    from workbench.app import serve

    port = free_port()
    args = [a for a in serve.voila_args(port) if "cull_" not in a]
    args += ["--MappingKernelManager.cull_idle_timeout=4", "--MappingKernelManager.cull_interval=2"]
    out = folder / "reports"
    out.mkdir()
    env = {
        **os.environ,
        serve.OUT_ENV: str(out.resolve()),
        "PATH": path_without_soffice(folder / "bin"),
    }
    with open(folder / "app.log", "wb") as log:
        server = subprocess.Popen(
            serve.server_command(args),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/", out
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def session_folders() -> set[str]:
    return set(glob.glob(os.path.join(tempfile.gettempdir(), "workbench-app-*")))


def test_two_sessions_generate_two_meetings_at_once_and_their_folders_go(new_context, tmp_path):
    """Two people at once: each generates their own meeting and sees none of the other's
    uploads. Closing the pages culls their kernels, and each upload folder goes with its
    kernel."""
    second = other_meeting(tmp_path / "b")
    with culling_app(tmp_path) as (url, out):
        before = session_folders()
        a, b = (new_context().new_page() for _ in range(2))
        for page in (a, b):
            page.set_default_timeout(240_000)
            page.goto(url)
            page.locator(".wb-unggah-rapat").wait_for()
        fill_meeting(
            a,
            SAMPLE_MEETING_DIR / "meeting.yaml",
            [SAMPLE_MEETING_DIR / "peserta-internal.csv"],
            FOTO[:3],
        )
        upload(b, ".wb-unggah-rapat", [second])
        b.locator(".wb-status-rapat .wb-ok").wait_for()
        upload(b, ".wb-unggah-kehadiran", [second.parent / "peserta-internal.csv"])
        b.locator(".wb-kehadiran").wait_for()
        # b sees none of a's uploads
        assert b.locator(".wb-foto").count() == 0
        mine = session_folders() - before
        assert len(mine) == 2, mine  # one per page
        assert all(any(Path(m).rglob("peserta-internal.csv")) for m in mine)
        a.locator(".wb-buat-notula").click()
        b.locator(".wb-buat-notula").click()
        a.get_by_text("Dokumen selesai dibuat").wait_for()
        b.get_by_text("Dokumen selesai dibuat").wait_for()
        got = {}
        for name, page in (("a", a), ("b", b)):
            path = download(page, "a[download='notula.docx']", tmp_path / f"{name}.docx")
            got[name] = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        assert "17 Juli 2025" in got["a"] and "18 Juli 2025" not in got["a"]
        assert "18 Juli 2025" in got["b"] and "Evaluasi Kehumasan" in got["b"]
        folder = out / "2025-07-18-rapat-evaluasi-kehumasan-kpu-kabupaten-pamekasan"
        assert (folder / "notula.docx").is_file() and not list(folder.rglob("*.pdf"))
        a.close()
        b.close()
        deadline = time.monotonic() + 120
        while any(os.path.exists(m) for m in mine):
            assert time.monotonic() < deadline, "session folder still there"
            time.sleep(1)
