"""PDF export of DOCX files through LibreOffice (``soffice --headless``).

LibreOffice fetches what a document links to (a picture linked to ``http://...`` or
``file:///...`` is loaded and embedded in the PDF). Two defences, in order:

1. every DOCX is checked by :func:`workbench.office_guard.check_docx_links` first, and one
   that links outside itself is refused (exit 2) before LibreOffice starts;
2. LibreOffice runs in a fresh network namespace with no interface but a down loopback
   (``unshare --net``, or ``unshare --map-root-user --net`` without root), so nothing it
   might still try to fetch leaves the machine. Where neither works (no ``unshare``, user
   namespaces disabled) it runs as before, and defence 1 stands alone.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from workbench.errors import ToolMissingError, WorkbenchError
from workbench.office_guard import check_docx_links

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


@functools.lru_cache(maxsize=1)
def no_network_prefix() -> tuple[str, ...]:
    """The command prefix that runs a program without network access, or ``()`` when this
    machine offers none (tried once per process: ``unshare`` must run ``true``)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    for prefix in ((unshare, "--net"), (unshare, "--map-root-user", "--net")):
        try:
            probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return prefix
    return ()


def convert_to_pdf(docx_files: Iterable[Path], outdir: Path, *, timeout: float = 180) -> list[Path]:
    """Convert each DOCX to a PDF in ``outdir`` (one soffice call for all files)."""
    files = [Path(f) for f in docx_files]
    if not files:
        return []
    soffice = require_soffice()
    for f in files:
        check_docx_links(f, file=f)
    # A private profile dir: a running LibreOffice or a first-start profile must not block us.
    with tempfile.TemporaryDirectory(prefix="wb-lo-") as profile:
        cmd = [
            *no_network_prefix(),
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
