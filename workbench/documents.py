"""Render Word templates (docxtpl / Jinja2) to DOCX, safely and atomically.

Templates live in ``templates/`` and are edited in Word or LibreOffice by the
secretariat. Rendering uses a sandboxed Jinja environment with autoescaping,
so text such as ``R&D <draft>`` renders intact and a template cannot reach
Python internals.

Images are passed in the context as :class:`Image` values (anywhere inside
dicts/lists); they become docxtpl ``InlineImage`` objects at render time.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.atomic import write_bytes
from workbench.errors import InputError, WorkbenchError


@dataclass(frozen=True)
class Image:
    """An image to place in a document: a file path or PNG bytes, and a width in mm."""

    source: Path | bytes
    width_mm: float = 150.0


def jinja_env():
    """The sandboxed, autoescaping Jinja environment used for every template."""
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True)


def _convert_images(value: Any, tpl) -> Any:
    from docx.shared import Mm
    from docxtpl import InlineImage

    if isinstance(value, Image):
        src = io.BytesIO(value.source) if isinstance(value.source, bytes) else str(value.source)
        return InlineImage(tpl, src, width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: _convert_images(v, tpl) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_convert_images(v, tpl) for v in value]
    return value


def load_template(template: str | Path):
    """Open a DOCX template, with a clear error when it is missing or not a DOCX."""
    from docxtpl import DocxTemplate

    path = Path(template)
    if not path.is_file():
        raise InputError("templat tidak ditemukan", file=path,
                         fix="periksa path templat, atau salin templat bawaan dari folder templates/")
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except Exception as e:  # zipfile.BadZipFile, KeyError, lxml errors...
        raise InputError("templat bukan dokumen Word (.docx) yang sah", file=path,
                         fix="simpan ulang templat dari Word/LibreOffice dalam format .docx") from e
    return tpl


def render_bytes(template: str | Path, context: dict[str, Any]) -> bytes:
    """Render ``template`` with ``context`` and return the DOCX bytes."""
    return render_loaded(load_template(template), context, template)


def render_loaded(tpl, context: dict[str, Any], template: str | Path, env=None) -> bytes:
    """Render the opened DocxTemplate ``tpl`` (from ``template``, named in errors) to bytes.

    ``env`` defaults to :func:`jinja_env`; a renderer with its own caches
    (:mod:`workbench.bakohumas.docx_render`) passes an equivalent one.
    """
    from docx.image.exceptions import UnrecognizedImageError

    try:
        tpl.render(_convert_images(context, tpl), jinja_env=env or jinja_env(), autoescape=True)
    except UnrecognizedImageError as e:
        raise InputError("gambar untuk dokumen tidak dikenali", field="dokumentasi",
                         fix="gunakan foto .jpg atau .png yang dapat dibuka penampil gambar") from e
    except WorkbenchError:
        raise
    except Exception as e:
        raise render_error(template, e) from e
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def render_error(template: str | Path, error: Exception) -> WorkbenchError:
    """A render failure in Indonesian (Jinja's own reasons are English)."""
    import jinja2

    if isinstance(error, jinja2.exceptions.UndefinedError):
        name = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", str(error))
        what = f" '{next(g for g in name.groups() if g)}'" if name else ""
        reason = f"sebuah tag meminta nilai{what} yang tidak disediakan program"
    elif isinstance(error, jinja2.exceptions.TemplateSyntaxError):
        reason = f"sintaks tag rusak di baris {error.lineno} isi dokumen"
    elif isinstance(error, jinja2.exceptions.SecurityError):
        reason = "sebuah tag memakai operasi yang tidak diizinkan"
    else:
        reason = f"galat {type(error).__name__}"
    return WorkbenchError(f"templat {template} gagal dirender: {reason}. Periksa tag-tagnya "
                          f"dengan `workbench templates check {template}`, atau pakai templat "
                          f"bawaan.")


def render_docx(template: str | Path, context: dict[str, Any], target: str | Path) -> Path:
    """Render ``template`` to ``target`` atomically (temp file + rename)."""
    return write_bytes(target, render_bytes(template, context))


def template_variables(template: str | Path) -> set[str]:
    """Undeclared top-level variables the template uses (for ``templates check``)."""
    tpl = load_template(template)
    return set(tpl.get_undeclared_template_variables(jinja_env=jinja_env()))
