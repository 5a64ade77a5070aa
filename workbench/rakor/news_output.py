"""The berita kegiatan job as named steps, called by ``notebooks/berita_kegiatan.ipynb``.

files → :func:`load_news_inputs` (validated Meeting, attendance table or None) →
:func:`build` (:class:`~workbench.rakor.news.Article` and captions, pure) →
:func:`write_news` (berita.docx, berita.md, berita.html, caption.txt and the lead photo
``foto-utama.jpg``, all written atomically). The whole run (``workbench news``) is
:func:`workbench.rakor.run.run_news`.

Markdown and HTML carry user text from the record: every piece is escaped here
(:func:`md_escape`, :func:`html.escape`), so a title such as ``<script>`` or ``[x](javascript:…)``
prints as typed and never becomes markup. The HTML page has no script and a
Content-Security-Policy that forbids any.
"""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path
from typing import Iterable, Sequence

from workbench.errors import InputError
from workbench.limits import open_image
from workbench.paths import TEMPLATES_DIR, resolve_from_project, resolve_output
from workbench.rakor.news import Article, Captions, build_article, build_captions, captions_text

#: Files a run writes (foto-utama.jpg only when the record has photos).
OUTPUT_FILES = ("berita.docx", "berita.md", "berita.html", "caption.txt")
PHOTO_NAME = "foto-utama.jpg"
#: Longest side of the lead photo written beside the berita (pixels).
PHOTO_MAX_SIDE = 1600
NEWS_FOLDER = "berita"


def load_news_inputs(record: str | Path, attendance: Sequence[str | Path] = ()):
    """Read and validate the meeting record and the attendance files (if any).

    Without attendance files, a record workbook's ``Kehadiran`` sheet is used when it has
    rows; otherwise the table is None and the berita names no attendee (a stated note).
    """
    from workbench.rakor.job import load_inputs
    from workbench.rakor.readers.record import load_meeting
    from workbench.rakor.readers.record_xlsx import xlsx_has_attendance

    path = resolve_from_project(record)
    if attendance or (path.suffix.lower() == ".xlsx" and xlsx_has_attendance(path)):
        return load_inputs(record, attendance)
    return load_meeting(path), None


def choose_lead_photo(photos: Iterable[str | Path]) -> Path | None:
    """The best lead photo: the largest landscape one (pixels read from the header only),
    else the largest; None without photos."""
    best, best_key = None, (-1, -1)
    for photo in photos:
        try:
            with open_image(photo) as im:
                width, height = im.size
        except (OSError, ValueError):
            continue
        key = (int(width >= height), width * height)
        if key > best_key:
            best, best_key = Path(photo), key
    return best


def build(meeting, table) -> tuple[Article, Captions]:
    """The article (lead photo chosen from the record's photos) and its captions."""
    article = build_article(meeting, table, photo=choose_lead_photo(meeting.dokumentasi))
    return article, build_captions(meeting, article)


def news_output_dir(output_dir: str | Path, meeting) -> Path:
    """An empty ``output_dir`` means ``reports/<tanggal>-<slug>/berita/`` of the project."""
    if not str(output_dir):
        from workbench.paths import REPORTS_DIR
        from workbench.rakor.job import output_folder_name

        return REPORTS_DIR / output_folder_name(meeting) / NEWS_FOLDER
    return resolve_output(output_dir)


def write_news(
    meeting,
    table,
    output_dir: str | Path,
    *,
    template: str | Path = "",
    built: tuple[Article, Captions] | None = None,
) -> dict[str, Path]:
    """Write berita.docx (from ``template``, default ``templates/berita.docx``), berita.md,
    berita.html, caption.txt and, with photos, foto-utama.jpg into ``output_dir``."""
    from workbench.atomic import write_bytes, write_text
    from workbench.documents import Image, render_docx
    from workbench.rakor.news import article_context

    out = news_output_dir(output_dir, meeting)
    out.mkdir(parents=True, exist_ok=True)
    article, captions = built or build(meeting, table)
    jpeg = lead_photo_jpeg(article.foto.path) if article.foto else None
    tpl = resolve_from_project(template or TEMPLATES_DIR / "berita.docx")
    photo = Image(jpeg, width_mm=150) if jpeg else None
    paths = {
        "berita.docx": render_docx(tpl, article_context(article, photo), out / "berita.docx"),
        "berita.md": write_text(out / "berita.md", article_markdown(article, jpeg is not None)),
        "berita.html": write_text(out / "berita.html", article_html(article, jpeg)),
        "caption.txt": write_text(out / "caption.txt", captions_text(captions)),
    }
    if jpeg:
        paths[PHOTO_NAME] = write_bytes(out / PHOTO_NAME, jpeg)
    return paths


def lead_photo_jpeg(path: Path) -> bytes:
    """The photo as JPEG bytes, its longest side at most :data:`PHOTO_MAX_SIDE` pixels."""
    from PIL import ImageOps

    try:
        with open_image(path) as opened:
            im = ImageOps.exif_transpose(opened).convert("RGB")
            im.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=85)
    except OSError as e:
        raise InputError(
            "foto dokumentasi tidak dapat dibaca",
            file=path,
            field="dokumentasi",
            fix="gunakan foto .jpg atau .png yang dapat dibuka penampil gambar",
        ) from e
    return buf.getvalue()


# ----------------------------------------------------------------------------- Markdown
# Characters that are markup wherever they stand (code, emphasis, links, raw HTML).
_MD_SPECIAL = re.compile(r"([\\`*\[\]])")
# Markup only in some places: '_' at a word edge, '<' opening a tag or autolink, '&' of an
# entity, '~~' (strikethrough). Elsewhere the character stays as typed, so the CMS editor
# shows no backslash ("(Rakor)", "Kabupaten/Kota", "R&D", "Nama_Instansi").
_MD_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_LINE_START = re.compile(r"^(\s*)(-(?=\s|$|-)|\+(?=\s|$)|#{1,6}(?=\s|$)|=+(?=\s*$)|>|\|)")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])")


def md_escape(text: str) -> str:
    """``text`` as literal Markdown, with as few backslashes as CommonMark needs: characters
    that are always markup (backslash, backtick, ``*``, brackets) are escaped, the others only
    where they would be read as markup (``_`` at a word edge, ``<`` before a tag, ``&`` of an
    entity, ``~~``), and so is a line start that would open a list, heading or quote."""
    out = []
    for line in str(text).splitlines() or [""]:
        line = _MD_SPECIAL.sub(r"\\\1", line)
        line = _MD_UNDERSCORE.sub(r"\\_", line)
        line = _MD_TAG.sub(r"\\<", line)
        line = _MD_ENTITY.sub(r"\\&", line)
        line = line.replace("~~", r"\~\~")
        line = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        line = _MD_ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        out.append(line)
    return " ".join(out)


def article_markdown(article: Article, with_photo: bool = False) -> str:
    """The berita in Markdown for the website's editor (headline as ``#``, lists as ``-``)."""
    lines = [f"# {md_escape(article.judul)}", ""]
    if with_photo and article.foto:
        lines += [f"![{md_escape(article.foto.keterangan)}]({PHOTO_NAME})", ""]
        lines += [f"*{md_escape(article.foto.keterangan)}*", ""]
    lines += [f"**{md_escape(article.dateline)}** {md_escape(article.lead)}", ""]
    for p in article.paragraphs:
        lines += [md_escape(p.text), ""]
        if p.items:
            lines += [f"- {md_escape(item)}" for item in p.items] + [""]
    lines += [md_escape(" ".join(article.tagar)), ""]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- HTML
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_STYLE = (
    "body{font-family:Arial,Helvetica,sans-serif;max-width:46rem;margin:2rem auto;"
    "padding:0 1rem;line-height:1.55;color:#222}h1{font-size:1.6rem;line-height:1.25}"
    "p{text-align:justify}figure{margin:1rem 0}img{max-width:100%;height:auto}"
    "figcaption{font-size:.85rem;font-style:italic;color:#555}.tagar{color:#555;font-size:.9rem}"
)


def article_html(article: Article, photo_jpeg: bytes | None = None) -> str:
    """A standalone page: every text escaped, no script (a CSP forbids any), the lead photo
    inline as a ``data:`` image."""
    e = html.escape
    body = [f"<h1>{e(article.judul)}</h1>"]
    if photo_jpeg and article.foto:
        data = base64.b64encode(photo_jpeg).decode("ascii")
        body.append(
            f'<figure><img src="data:image/jpeg;base64,{data}" alt="{e(article.foto.keterangan)}">'
            f"<figcaption>{e(article.foto.keterangan)}</figcaption></figure>"
        )
    body.append(f"<p><strong>{e(article.dateline)}</strong> {e(article.lead)}</p>")
    for p in article.paragraphs:
        body.append(f"<p>{e(p.text)}</p>")
        if p.items:
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in p.items) + "</ul>")
    body.append(f'<p class="tagar">{e(" ".join(article.tagar))}</p>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(article.judul)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        "<article>\n" + "\n".join(body) + "\n</article>\n</body>\n</html>\n"
    )


def templates_used(template: str | Path = "") -> list[Path]:
    """The Word template a run renders (for the manifest)."""
    return [Path(template) if template else TEMPLATES_DIR / "berita.docx"]
