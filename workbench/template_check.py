"""Check a Word template against the variables the code supplies.

The secretariat edits templates in Word; this module tells them, before a render fails,
which tags the program does not know (errors), which supplied variables the template no
longer shows (warnings: e.g. a deleted tindak lanjut table), and where a tag is broken.
A template whose tags check out is then rendered once against sample data of its kind
(:func:`sample_context`) in the same sandbox as a real render, so anything the render
would refuse (an attribute that is not data, a limit exceeded, a failing filter) is an
error here too.

The registry (:func:`register_kind`, :data:`SUPPLIED`, :data:`SAMPLE_CONTEXTS`) maps a
document kind (*jenis*) to the names of the ``module:attribute`` sets holding the supplied
and the optional variables and to the builder of its sample context. The domains register
their kinds from their ``templates`` modules (``workbench.rakor.templates``,
``workbench.bakohumas.templates``, ``workbench.standar.foto.templates``), loaded by the CLI
(:func:`workbench.cli.load_template_kinds`) and by each domain's run before it checks a
template. This module is neutral: it imports no domain.
"""

from __future__ import annotations

import base64
import datetime as dt
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from workbench.documents import jinja_env, load_template
from workbench.errors import InputError, did_you_mean

#: jenis -> ("module:SUPPLIED_SET", "module:OPTIONAL_SET" or None), filled by
#: :func:`register_kind` from the domains (in their ``templates`` modules).
SUPPLIED: dict[str, tuple[str, str | None]] = {}
#: jenis -> the builder of its sample render context (see :func:`sample_context`).
SAMPLE_CONTEXTS: dict[str, Callable[[], dict[str, Any]]] = {}
# jenis -> its listing position (``workbench templates check --jenis`` choices).
_ORDER: dict[str, int] = {}
# (rank, file-name fragment, jenis): fragments naming a jenis, checked by rank (slug form,
# lower case) so that e.g. 'daftar-hadir' wins over 'notula' whichever domain registers first.
_NAME_HINTS: list[tuple[int, str, str]] = []


def register_kind(
    jenis: str,
    supplied: str,
    optional: str | None,
    *,
    sample: Callable[[], dict[str, Any]],
    order: int,
    hints: tuple[tuple[str, int], ...] = (),
) -> None:
    """Register a document kind: the ``module:attribute`` names of its supplied and
    optional variable sets (loaded lazily), the builder of its sample context, its listing
    position ``order`` and the file-name ``hints`` that name it, each with its rank.

    Called by the domains (``workbench.<domain>.templates``), never importing them here;
    registering a kind again replaces it."""
    SUPPLIED[jenis] = (supplied, optional)
    SAMPLE_CONTEXTS[jenis] = sample
    _ORDER[jenis] = order
    _NAME_HINTS[:] = sorted(
        [h for h in _NAME_HINTS if h[2] != jenis] + [(rank, hint, jenis) for hint, rank in hints]
    )


def kinds() -> tuple[str, ...]:
    """The registered document kinds (``workbench templates check --jenis``), in order."""
    return tuple(sorted(SUPPLIED, key=lambda j: _ORDER[j]))


@dataclass
class TemplateCheck:
    """The outcome of :func:`check_template`."""

    template: Path
    unknown: list[str] = field(default_factory=list)  # used, not supplied -> errors
    unused: list[str] = field(default_factory=list)  # supplied, not used -> warnings
    syntax_error: str | None = None
    supplied: frozenset[str] = frozenset()
    render_error: str | None = None  # what rendering sample data refused or failed on

    @property
    def ok(self) -> bool:
        """True when the template renders: no syntax error, no unknown tag, no render error."""
        return self.error_count == 0

    @property
    def error_count(self) -> int:
        """Number of GALAT lines in :meth:`messages`."""
        return len(self.unknown) + (self.syntax_error is not None) + (self.render_error is not None)

    def messages(self) -> list[str]:
        """The report lines, in Indonesian."""
        lines = []
        if self.syntax_error:
            lines.append(f"GALAT: {self.syntax_error}")
        if self.render_error:
            lines.append(
                f"GALAT: dicoba dengan data contoh, {self.render_error}.\n"
                f"  Perbaikan: templat hanya boleh mencetak data yang disediakan "
                f"program (lihat docs/templates.md); hapus atau perbaiki tag itu"
            )
        for name in self.unknown:
            hint = did_you_mean(name, self.supplied)
            lines.append(
                f"GALAT: tag '{name}' dipakai templat tetapi tidak disediakan program{hint}.\n"
                f"  Perbaikan: hapus tag {{{{ {name} }}}} atau ganti dengan salah satu variabel: "
                f"{', '.join(sorted(self.supplied))}"
            )
        for name in self.unused:
            lines.append(
                f"PERINGATAN: variabel '{name}' disediakan program tetapi tidak dipakai templat; "
                f"isinya tidak akan muncul di dokumen."
            )
        return lines


# ----------------------------------------------------------------------------- registry
def _load(ref: str) -> frozenset[str]:
    module, attr = ref.split(":")
    return frozenset(getattr(importlib.import_module(module), attr))


def supplied_variables(jenis: str) -> tuple[frozenset[str], frozenset[str]]:
    """(supplied, optional) variable names of a document kind."""
    if jenis not in SUPPLIED:
        raise InputError(
            f"jenis templat '{jenis}' belum didukung oleh pemeriksaan ini"
            f"{did_you_mean(jenis, SUPPLIED)}",
            fix=f"gunakan salah satu: {', '.join(kinds())}",
        )
    supplied_ref, optional_ref = SUPPLIED[jenis]
    return _load(supplied_ref), (_load(optional_ref) if optional_ref else frozenset())


def guess_jenis(template: str | Path) -> str | None:
    """The document kind a file name suggests ('notula-kpu.docx' -> 'notula'), or None."""
    name = re.sub(r"[^a-z0-9]+", "-", Path(template).stem.lower())
    for _, hint, jenis in _NAME_HINTS:
        if hint in name:
            return jenis
    return None


# ----------------------------------------------------------------------------- parsing
def _template_sources(template: str | Path) -> list[str]:
    """docxtpl-patched Jinja source of the body, headers and footers, one paragraph a line."""
    tpl = load_template(template)
    docx = tpl.docx
    parts = [tpl.xml_to_string(docx._element.body)]
    for rel in docx.part.rels.values():
        if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI) and not rel.is_external:
            parts.append(tpl.xml_to_string(rel.target_part.element))
    return [re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml)) for xml in parts]


def _plain(xml_line: str) -> str:
    return re.sub(r"<[^>]+>", "", xml_line).strip()


def _paragraph_texts(template: str | Path) -> list[str]:
    """Texts of every paragraph as the user sees them in Word (body, tables, headers, footers)."""
    docx = load_template(template).docx
    texts: list[str] = []

    def walk(container):
        texts.extend(p.text for p in container.paragraphs)
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(docx)
    for section in docx.sections:
        for part in (section.header, section.footer):
            walk(part)
    return texts


def _unbalanced_paragraph(template: str | Path) -> str | None:
    """The first paragraph whose ``{{ }}`` or ``{% %}`` delimiters do not pair up."""
    for text in _paragraph_texts(template):
        if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
            return text.strip()
    return None


_HINTS = (
    (
        "end of print statement",
        "sebuah tag {{ ... }} tidak ditutup dengan }} atau berisi lebih dari satu nama",
    ),
    (
        "unexpected end of template",
        "sebuah blok {% for %}/{% if %} tidak ditutup "
        "(kurang {% endfor %}/{% endif %}) atau sebuah tag tidak ditutup",
    ),
    ("no filter named", "nama filter tidak dikenal"),
    ("encountered unknown tag", "ada tag penutup/pembuka blok tanpa pasangannya"),
)


def _describe_syntax_error(error, template: str | Path, source: str) -> str:
    """An Indonesian message naming the paragraph where the broken tag is."""
    lines = source.splitlines()
    broken = _unbalanced_paragraph(template)
    if broken is None and error.lineno and 0 < error.lineno <= len(lines):
        broken = _plain(lines[error.lineno - 1])
    hint = next((h for key, h in _HINTS if key in error.message.lower()), None)
    text = "sintaks tag templat salah"
    if broken:
        text += f" pada paragraf «{broken[:120]}»"
    text += f": {error.message}"
    if hint:
        text += f" ({hint})"
    text += (
        "\n  Perbaikan: setiap {{ harus ditutup dengan }}, setiap {% dengan %}, "
        "dan setiap blok for/if dengan endfor/endif"
    )
    return text


def used_variables(template: str | Path) -> set[str]:
    """Top-level variables the template uses; raises jinja2.TemplateSyntaxError."""
    env = jinja_env()
    from jinja2 import meta

    names: set[str] = set()
    for source in _template_sources(template):
        ast = env.parse(source)
        env.compile(ast)  # unknown filters/tests are found here
        names |= meta.find_undeclared_variables(ast)
    return names - set(env.globals)


# ----------------------------------------------------------------------------- the check
def check_template(
    template: str | Path,
    supplied: set[str] | frozenset[str],
    optional: set[str] | frozenset[str] = frozenset(),
) -> TemplateCheck:
    """Compare the variables ``template`` uses with those the code ``supplied``.

    Parameters
    ----------
    template : str or Path
        The DOCX template.
    supplied : set of str
        Top-level variables the rendering code puts in the context.
    optional : set of str
        Supplied variables a template may leave out without a warning.

    Returns
    -------
    TemplateCheck
        ``unknown`` (errors), ``unused`` (warnings) and ``syntax_error``.
    """
    from jinja2 import TemplateSyntaxError

    result = TemplateCheck(Path(template), supplied=frozenset(supplied))
    try:
        used = used_variables(template)
    except TemplateSyntaxError as e:
        source = next((s for s in _template_sources(template) if _fails(s)), "")
        result.syntax_error = _describe_syntax_error(e, template, source)
        return result
    result.unknown = sorted(used - set(supplied))
    result.unused = sorted(set(supplied) - used - set(optional))
    return result


def _fails(source: str) -> bool:
    from jinja2 import TemplateSyntaxError

    env = jinja_env()
    try:
        env.compile(env.parse(source))
    except TemplateSyntaxError:
        return True
    return False


def check_jenis(template: str | Path, jenis: str | None = None) -> tuple[str, TemplateCheck]:
    """Check ``template`` as document kind ``jenis`` (guessed from the file name if None)."""
    load_template(template)  # a missing or broken file is reported before the kind
    jenis = jenis or guess_jenis(template)
    if jenis is None:
        raise InputError(
            "jenis templat tidak dapat ditebak dari nama berkas",
            file=template,
            fix=f"sebutkan jenisnya, mis. --jenis notula (pilihan: {', '.join(kinds())})",
        )
    supplied, optional = supplied_variables(jenis)
    result = check_template(template, supplied, optional)
    if result.ok:
        result.render_error = render_problem(template, jenis)
    return jenis, result


# ----------------------------------------------------------------------------- sample render

# A 1-pixel PNG standing in for every chart and photo of a sample render.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"
)
#: The date sample contexts are rendered on.
SAMPLE_DATE = dt.date(2025, 7, 21)


def _pixel_images(value: Any) -> Any:
    """``value`` with every image replaced by the placeholder pixel (same width)."""
    from workbench.documents import Image

    if isinstance(value, Image):
        return Image(PIXEL, value.width_mm)
    if isinstance(value, dict):
        return {k: _pixel_images(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_pixel_images(v) for v in value]
    return value


def sample_context(jenis: str) -> dict[str, Any]:
    """A render context of document kind ``jenis`` built from the bundled sample data."""
    return _pixel_images(SAMPLE_CONTEXTS[jenis]())


def render_problem(template: str | Path, jenis: str) -> str | None:
    """What rendering ``template`` once with :func:`sample_context` refuses, or None.

    The render uses the same sandbox and limits as a real one; nothing is written.
    """
    from workbench.documents import render_bytes

    try:
        render_bytes(template, sample_context(jenis))
    except InputError as e:
        return e.problem
    return None


def require_valid(template: str | Path, jenis: str, option: str) -> Path:
    """``template`` resolved, after checking it renders as ``jenis`` (InputError otherwise).

    For the commands' ``--templat…`` options: an edited template is verified before
    any kernel starts, so a bad tag is exit 2 with nothing written.
    """
    from workbench.paths import resolve_from_project

    path = resolve_from_project(template)
    _, result = check_jenis(path, jenis)
    if not result.ok:
        problems = [line.splitlines()[0] for line in result.messages() if line.startswith("GALAT")]
        raise InputError(
            "templat tidak dapat dipakai: " + "; ".join(problems),
            file=path,
            field=option,
            fix=f"perbaiki tag-tagnya di Word (periksa dengan `workbench templates "
            f"check {template} --jenis {jenis}`), atau pakai templat bawaan",
        )
    return path
