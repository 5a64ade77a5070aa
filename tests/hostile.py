"""Hostile meeting inputs for the HTML tests (not a test module): markup that would run as
script if any page printed it unescaped, in every field of an attendance file, in its file
name and in a photo's file name.

Every payload sets ``document.title`` to :data:`PWNED` (or opens a dialog), so a browser test
sees whether any of it ran.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from workbench.paths import SAMPLE_MEETING_DIR

PWNED = "DIRETAS"
#: One payload per field of a roster row (nama, jabatan, instansi, keterangan).
NAME = f"Mahdi<img src=x onerror=\"document.title='{PWNED}'\">"
JABATAN = f"Ketua<script>document.title='{PWNED}'</script>"
INSTANSI = f"KPU <svg onload=\"document.title='{PWNED}'\">"
KETERANGAN = f"<iframe srcdoc=\"<script>parent.document.title='{PWNED}'</script>\"></iframe>"
#: File names (no '/' and no quote: a file name cannot hold the first, a CSV path is fine).
ROSTER_NAME = "peserta<img src=x onerror=alert(4)>.csv"
PHOTO_NAME = "foto<img src=x onerror=alert(5)>.jpg"
#: Markup that must never appear live in a page made from the data above (as regular
#: expressions: the twin exporter adds ``alt`` to every ``<img``).
LIVE = (r"<img\b[^>]*\bonerror", r"<script\b", r"<svg\b[^>]*\bonload", r"<iframe\b")


def hostile_meeting(folder: Path) -> tuple[Path, list[Path]]:
    """The sample meeting copied into ``folder`` (its photos too, one renamed to
    :data:`PHOTO_NAME`) with a roster whose one row is hostile in every field; the record
    and the attendance files."""
    shutil.copytree(SAMPLE_MEETING_DIR, folder, dirs_exist_ok=True)
    photos = sorted((folder / "foto").glob("*.jpg"))
    photos[0].rename(folder / "foto" / PHOTO_NAME)
    roster = folder / ROSTER_NAME
    roster.write_text(
        "Nama Lengkap;Jabatan;Instansi/Unit Kerja;Status Kehadiran;Keterangan\n"
        f"{NAME};{JABATAN};{INSTANSI};Hadir (daring);{KETERANGAN}\n",
        encoding="utf-8",
    )
    return folder / "meeting.yaml", [folder / "zoom-peserta.csv", roster]


def live_markup(page: str) -> list[str]:
    """The payloads of :data:`LIVE` that ``page`` carries unescaped."""
    return [m for m in LIVE if re.search(m, page, re.IGNORECASE)]
