"""Render Word templates (docxtpl / Jinja2) to DOCX, safely and atomically.

Templates live in ``templates/`` and are edited in Word or LibreOffice by the
secretariat, or come from other offices: they are untrusted. Rendering uses
:class:`workbench.template_sandbox.DataSandbox`, a Jinja sandbox that exposes only
data and bounds every render; user text such as ``R&D <draft> {_{x}_}`` prints
exactly as typed.

The context holds plain values (str, numbers, dates, lists, dicts) and :class:`Image`
values (anywhere inside dicts/lists); at render time images become opaque handles that
print as the picture and expose nothing else (:func:`render_context`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from workbench.atomic import write_bytes
from workbench.errors import InputError, WorkbenchError


@dataclass(frozen=True)
class Image:
    """An image to place in a document: a file path or PNG bytes, and a width in mm."""

    source: Path | bytes
    width_mm: float = 150.0


def jinja_env():
    """The data-only, bounded, autoescaping Jinja sandbox used for every template."""
    from workbench.template_sandbox import DataSandbox

    return DataSandbox()


def numbered(
    items: Iterable[Any], style: str = "{}.", *, text: Callable[[Any], str] = str
) -> list[dict[str, str]]:
    """A numbered list for a template loop: ``[{'no': '1.', 'teks': ...}, ...]``.

    ``style`` formats the number (``'{})'`` gives ``1)``); ``text`` turns each item into its
    text (the notula passes its cleaner of user-typed cells).
    """
    return [{"no": style.format(i), "teks": text(t)} for i, t in enumerate(items, start=1)]


_PLAIN = (str, int, float, bool, type(None), dt.date, dt.time)


def render_context(value: Any, tpl) -> Any:
    """``value`` as the sandbox sees it: plain data, :class:`Image` values as image handles.

    Dicts and lists are copied (tuples become lists); anything that is not plain data is a
    programming error (``TypeError``), never passed to a template.
    """
    if isinstance(value, Image):
        return _image_handle(value, tpl)
    if isinstance(value, dict):
        return {k: render_context(v, tpl) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [render_context(v, tpl) for v in value]
    if isinstance(value, _PLAIN):
        return value
    raise TypeError(f"render context holds a {type(value).__name__}, not plain data")


_convert_images = render_context  # the name tests/test_bakohumas_docx_render.py uses


def _image_handle(image: Image, tpl):
    """A handle that prints as ``image`` in the part being rendered, and exposes nothing."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    from workbench.template_sandbox import ImageHandle

    def drawing() -> str:
        src = io.BytesIO(image.source) if isinstance(image.source, bytes) else str(image.source)
        return InlineImage(tpl, src, width=Mm(image.width_mm))._insert_image()

    return ImageHandle(drawing)


def load_template(template: str | Path):
    """Open a DOCX template, with a clear error when it is missing or not a DOCX."""
    from docxtpl import DocxTemplate

    from workbench.office_guard import check_template

    path = Path(template)
    if not path.is_file():
        raise InputError(
            "templat tidak ditemukan",
            file=path,
            fix="periksa path templat, atau salin templat bawaan dari folder templates/",
        )
    check_template(path)  # bombs and external links, before docxtpl parses anything
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except Exception as e:  # zipfile.BadZipFile, KeyError, lxml errors...
        raise InputError(
            "templat bukan dokumen Word (.docx) yang sah",
            file=path,
            fix="simpan ulang templat dari Word/LibreOffice dalam format .docx",
        ) from e
    return tpl


def render_bytes(template: str | Path, context: dict[str, Any]) -> bytes:
    """Render ``template`` with ``context`` and return the DOCX bytes."""
    return render_loaded(load_template(template), context, template)


def render_loaded(
    tpl, context: dict[str, Any], template: str | Path, env=None, clean=None
) -> bytes:
    """Render the opened DocxTemplate ``tpl`` (from ``template``, named in errors) to bytes.

    ``env`` defaults to :func:`jinja_env`; a renderer with its own caches
    (:mod:`workbench.bakohumas.docx_render`) passes an equivalent one, and a
    :class:`workbench.office_guard.CleanParts` of the template as ``clean`` (the link
    check of the result then parses only the parts the render changed).
    """
    from docx.image.exceptions import UnrecognizedImageError

    from workbench.office_guard import check_docx_links
    from workbench.template_sandbox import bounded_render

    try:
        with bounded_render():  # one budget for the whole document (body, headers, footers)
            tpl.render(render_context(context, tpl), jinja_env=env or jinja_env(), autoescape=True)
    except UnrecognizedImageError as e:
        raise InputError(
            "gambar untuk dokumen tidak dikenali",
            field="dokumentasi",
            fix="gunakan foto .jpg atau .png yang dapat dibuka penampil gambar",
        ) from e
    except WorkbenchError:
        raise
    except Exception as e:
        raise render_error(template, e) from e
    buf = io.BytesIO()
    tpl.save(buf)
    data = buf.getvalue()
    # nothing from data
    check_docx_links(data, file=template, what="dokumen hasil templat", clean=clean)
    return data


def render_error(template: str | Path, error: Exception) -> InputError:
    """A render failure as bad input (exit 2), in Indonesian, naming the tag's paragraph."""
    from workbench.template_sandbox import tag_paragraph

    where = tag_paragraph(error)
    where = f" (tag pada paragraf «{where}»)" if where else ""
    return InputError(
        f"templat gagal dirender: {render_reason(error)}{where}",
        file=template,
        fix=f"perbaiki tag itu di Word (periksa dengan `workbench templates check "
        f"{template}`), atau pakai templat bawaan",
    )


def render_reason(error: Exception) -> str:
    """Why a render failed, in Indonesian (Jinja's own reasons are English)."""
    import jinja2

    from workbench.template_sandbox import TemplateRejected

    if isinstance(error, TemplateRejected):
        return str(error)
    if isinstance(error, jinja2.exceptions.UndefinedError):
        name = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", str(error))
        what = f" '{next(g for g in name.groups() if g)}'" if name else ""
        return f"sebuah tag meminta nilai{what} yang tidak disediakan program"
    if isinstance(error, jinja2.exceptions.TemplateSyntaxError):
        return f"sintaks tag rusak di baris {error.lineno} isi dokumen"
    if isinstance(error, jinja2.exceptions.SecurityError):
        return "sebuah tag memakai operasi yang tidak diizinkan"
    if isinstance(error, RecursionError):
        return "makro memanggil dirinya sendiri terlalu dalam"
    return f"galat {type(error).__name__}: {str(error)[:200]}"


def render_docx(template: str | Path, context: dict[str, Any], target: str | Path) -> Path:
    """Render ``template`` to ``target`` atomically (temp file + rename)."""
    return write_bytes(target, render_bytes(template, context))


def template_variables(template: str | Path) -> set[str]:
    """Undeclared top-level variables the template uses (for ``templates check``)."""
    tpl = load_template(template)
    return set(tpl.get_undeclared_template_variables(jinja_env=jinja_env()))
