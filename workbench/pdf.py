"""PDF export of DOCX files through LibreOffice (``soffice --headless``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from workbench.errors import ToolMissingError, WorkbenchError

CANDIDATES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def require_soffice() -> str:
    """Return the LibreOffice executable or raise a clear error (checked before any work)."""
    path = find_soffice()
    if path is None:
        raise ToolMissingError(
            "LibreOffice tidak ditemukan, sehingga PDF tidak dapat dibuat. Pasang LibreOffice "
            "(Debian/Ubuntu: `sudo apt-get install libreoffice-writer-nogui`), atau jalankan "
            "tanpa opsi --pdf."
        )
    return path


def convert_to_pdf(docx_files: Iterable[Path], outdir: Path, *, timeout: float = 180) -> list[Path]:
    """Convert each DOCX to a PDF in ``outdir`` (one soffice call for all files)."""
    files = [Path(f) for f in docx_files]
    if not files:
        return []
    soffice = require_soffice()
    # A private profile dir: a running LibreOffice or a first-start profile must not block us.
    with tempfile.TemporaryDirectory(prefix="wb-lo-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, files),
        ]
        env = {**os.environ, "HOME": profile}
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired as e:
            raise WorkbenchError(f"LibreOffice tidak selesai dalam {timeout:.0f} detik.") from e
    pdfs = [Path(outdir) / (f.stem + ".pdf") for f in files]
    missing = [p.name for p in pdfs if not p.exists()]
    if proc.returncode != 0 or missing:
        raise WorkbenchError(
            f"LibreOffice gagal membuat PDF "
            f"({', '.join(missing) or 'kode ' + str(proc.returncode)}): "
            f"{proc.stderr.strip()[:500]}"
        )
    return pdfs


def pdf_export(pdf: bool, *names: str) -> Callable[[Path], None]:
    """The ``after`` step of a run converting the named documents of its staging folder to
    PDF when ``pdf`` (LibreOffice is checked now, before anything runs); else nothing."""
    if pdf:
        require_soffice()

    def export(stage: Path) -> None:
        if pdf:
            convert_to_pdf([stage / name for name in names], stage)

    return export
