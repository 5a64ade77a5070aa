"""What the app hands to the browser: downloads as data links built in the kernel (never a
URL of the server: Voilà's ``/voila/files`` is not covered by its token), zips made in
memory, and the preview of a document's first page."""

from __future__ import annotations

import base64
import html
import io
import mimetypes
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Mapping

MIME = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".csv": "text/csv",
    ".png": "image/png",
    ".html": "text/html",
}
#: Resolution of a first-page preview (dots per inch): an A4 page ~330 px wide.
PREVIEW_DPI = 40


def data_link(name: str, data: bytes, label: str | None = None) -> str:
    """An ``<a download>`` carrying ``data`` (base64): the browser saves it as ``name``."""
    mime = MIME.get(Path(name).suffix.lower()) or mimetypes.guess_type(name)[0]
    mime = mime or "application/octet-stream"
    payload = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="wb-unduh" download="{html.escape(name)}" '
        f'href="data:{mime};base64,{payload}">{html.escape(label or name)}</a>'
    )


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A zip of ``files`` (archive name -> bytes), made in memory."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buf.getvalue()


def folder_files(folder: Path, prefix: str = "") -> dict[str, bytes]:
    """Every file under ``folder`` (name relative to it, ``prefix`` in front), read now."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
            out[prefix + path.relative_to(folder).as_posix()] = path.read_bytes()
    return out


def first_page_png(pdf: bytes) -> bytes | None:
    """The first page of a PDF as PNG (``pdftoppm``); None without pdftoppm."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory(prefix="workbench-pratinjau-") as tmp:
        src = Path(tmp) / "d.pdf"
        src.write_bytes(pdf)
        done = subprocess.run(
            [
                tool,
                "-png",
                "-r",
                str(PREVIEW_DPI),
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(src),
                str(Path(tmp) / "p"),
            ],
            capture_output=True,
            timeout=60,
        )
        out = Path(tmp) / "p.png"
        return out.read_bytes() if done.returncode == 0 and out.is_file() else None


def shown(folder: Path, out_dir: Path) -> str:
    """A written folder as the CLI prints it: ``reports/<meeting>/`` when under the output
    folder's parent, else the full path."""
    base = out_dir.resolve().parent
    folder = folder.resolve()
    return f"{folder.relative_to(base) if folder.is_relative_to(base) else folder}/"
