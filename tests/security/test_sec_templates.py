"""Hostile Word templates: the sandbox exposes only data and bounds every render.

Each hostile tag goes into a copy of the shipped template (so every variable is used and
every tag is known, and only the render can catch it) and through the real CLI:
``templates check``, ``minutes --templat-notula`` and ``reports --templat``. Payloads
point inside ``tmp_path`` and are asserted absent afterwards.
"""

from __future__ import annotations

import io
from pathlib import Path

import psutil
import pytest
from docx import Document
from docx_helpers import docx_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_examples import examples

from workbench.cli import main
from workbench.paths import SAMPLE_BAKOHUMAS_DIR, TEMPLATES_DIR

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "meeting" / "minimal.yaml"
ROSTER = "nama,jabatan,instansi,status\nSari,Staf,KPU Kabupaten Pamekasan,Hadir\n"
NESTED = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"

#: (hostile tag with {p} for the payload path, what the error must name)
ESCAPES = [
    ("{{ lampiran.grafik.tpl.save('{p}') }}", "'tpl'"),
    ("{{ lampiran.grafik.tpl.write_xml('{p}') }}", "'tpl'"),
    ("{% for f in lampiran.foto %}{{ f.kiri.gambar.tpl.save('{p}') }}{% endfor %}", "'tpl'"),
    ("{{ lampiran.grafik._drawing }}", "'_drawing'"),
    ("{{ kop.__class__.__mro__[1].__subclasses__() }}", "'__class__'"),
    ("{{ kop.__class__.mro() }}", "'__class__'"),
    ("{{ (kop|attr('__class__')).__base__ }}", "'__class__'"),
    ("{{ acara|map(attribute='__class__')|list }}", "'__class__'"),
    ("{{ kop.format('{p}') }}", "'format'"),
    ("{{ self._TemplateReference__context }}", "nama 'self'"),
    ("{{ lipsum.__globals__['os'].system('touch {p}') }}", "'lipsum'"),
    ("{{ cycler.__init__.__globals__.os.system('touch {p}') }}", "'cycler'"),
    ("{{ joiner.__init__.__globals__ }}", "'joiner'"),
    ("{{ namespace.__init__.__globals__.os.system('touch {p}') }}", "'__init__'"),
    ("{{ range.__globals__ }}", "'__globals__'"),
    ("{{ dict.fromkeys('{p}') }}", "'fromkeys'"),
    ("{{ kop|safe }}", "safe"),
]
BOUNDS = [
    ("{{ range(10**9)|list|length }}", "range() dengan 1.000.000.000 angka"),
    ("{{ 'a'*3000000000 }}", "batas 1.000.000 karakter"),
    ("{{ 9**(9**9) }}", "4096 bit"),
    ("{{ kop|center(1000000000) }}", "batas 1.000.000 karakter"),
    ("{{ '%0999999999d' % 1 }}", "operator %"),
    (NESTED, "2.000.000 operasi"),
    (
        "{% for a in acara %}{% for b in range(100000) %}{% for c in range(100000) %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "2.000.000 operasi",
    ),
    (
        "{% macro f(s, n) %}{{ f(s ~ s, n - 1) if n else s|length }}{% endmacro %}{{ f(kop, 60) }}",
        "batas 1.000.000 karakter",
    ),
    (
        "{% set ns = namespace(s=kop) %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}",
        "batas 1.000.000 karakter",
    ),
]


def hostile(template: str, tag: str, target: Path) -> Path:
    """A copy of the shipped ``template`` with one more paragraph holding ``tag``."""
    doc = Document(str(TEMPLATES_DIR / template))
    doc.add_paragraph(tag)
    doc.save(str(target))
    return target


def run(args: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    captured = capsys.readouterr()
    return info.value.code, captured.out + captured.err


def _check(tmp_path, capsys, tag: str) -> tuple[int, str, Path]:
    payload = tmp_path / "disusupkan" / "pwned.pth"
    payload.parent.mkdir()
    template = hostile(
        "notula.docx", tag.replace("{p}", str(payload)), tmp_path / "notula-kantor.docx"
    )
    code, output = run(["templates", "check", str(template)], capsys)
    return code, output, payload


@pytest.mark.parametrize("tag, named", ESCAPES + BOUNDS, ids=[t for t, _ in ESCAPES + BOUNDS])
def test_templates_check_refuses_hostile_tags(tmp_path, capsys, tag, named):
    code, output, payload = _check(tmp_path, capsys, tag)
    assert code == 2, output
    assert named in output, output
    assert "GALAT" in output and "Templat baik" not in output
    assert "Traceback" not in output
    assert list(payload.parent.iterdir()) == []


def test_refusal_names_the_tags_paragraph(tmp_path, capsys):
    code, output, _ = _check(tmp_path, capsys, "Grafik: {{ lampiran.grafik.tpl.save('{p}') }}")
    assert code == 2
    assert "tag pada paragraf «Grafik: {{ lampiran.grafik.tpl.save(" in output
    assert "dicoba dengan data contoh" in output


def test_a_template_that_only_fails_at_render_is_not_called_good(tmp_path, capsys):
    """Known tags, valid syntax, but ``1 + 'x'`` fails: an error, not "Templat baik"."""
    code, output, _ = _check(tmp_path, capsys, "{{ rapat.judul|length + 'x' }}")
    assert code == 2
    assert "TypeError" in output and "Templat baik" not in output


@pytest.mark.parametrize(
    "tag, named", [ESCAPES[0], BOUNDS[2], BOUNDS[5]], ids=["tpl.save", "pangkat", "perulangan"]
)
def test_minutes_refuses_hostile_template_before_any_kernel(tmp_path, capsys, tag, named):
    payload = tmp_path / "pwned.docx"
    template = hostile("notula.docx", tag.replace("{p}", str(payload)), tmp_path / "n.docx")
    out = tmp_path / "out"
    sample = Path(__file__).resolve().parents[2] / "data" / "samples" / "rakor-bakohumas-2025-07-17"
    before = _kernels()
    code, output = run(
        [
            "minutes",
            str(sample / "meeting.yaml"),
            "-a",
            str(sample / "zoom-peserta.csv"),
            "--out",
            str(out),
            "--templat-notula",
            str(template),
        ],
        capsys,
    )
    assert code == 2, output
    assert named in output and "--templat-notula" in output
    assert not payload.exists() and not out.exists()
    assert _kernels() == before


@pytest.mark.kernel
@pytest.mark.parametrize("tag, named", [ESCAPES[0], BOUNDS[5]], ids=["tpl.save", "perulangan"])
def test_minutes_kernel_render_stops_hostile_tag_met_only_with_real_data(
    tmp_path, capsys, tag, named
):
    """A tag that the sample data does not reach (its ``if`` holds only for this meeting)
    passes the check, then the sandbox stops it inside the kernel: no payload, no output,
    no kernel left behind."""
    payload = tmp_path / "pwned.docx"
    guarded = "{% if 'Evaluasi Kehumasan' in rapat.judul %}" + tag + "{% endif %}"
    template = hostile("notula.docx", guarded.replace("{p}", str(payload)), tmp_path / "n.docx")
    (tmp_path / "meeting.yaml").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "hadir.csv").write_text(ROSTER, encoding="utf-8")
    out = tmp_path / "out"
    before = _kernels()
    code, output = run(
        [
            "minutes",
            str(tmp_path / "meeting.yaml"),
            "-a",
            str(tmp_path / "hadir.csv"),
            "--out",
            str(out),
            "--templat-notula",
            str(template),
        ],
        capsys,
    )
    assert code == 2, output
    assert named in output and "Traceback" not in output
    assert not payload.exists()
    assert not out.exists() or not any(out.rglob("notula.docx"))
    assert _kernels() == before


def test_reports_refuses_hostile_template(tmp_path, capsys):
    payload = tmp_path / "pwned.docx"
    template = hostile(
        "laporan-satker.docx",
        f"{{{{ grafik.tpl.save('{payload}') }}}}",
        tmp_path / "laporan-satker-kantor.docx",
    )
    out = tmp_path / "hasil"
    code, output = run(
        [
            "reports",
            str(SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan.csv"),
            "--period",
            "2025-TW2",
            "--templat",
            str(template),
            "--out",
            str(out),
        ],
        capsys,
    )
    assert code == 2, output
    assert "'tpl'" in output and "opsi --templat" in output
    assert not payload.exists() and not out.exists()


def test_cached_office_renderer_uses_the_sandbox(tmp_path):
    """``reports`` renders through docx_render's cached environment: same refusal."""
    from workbench.bakohumas.docx_render import render_docx_bytes
    from workbench.errors import InputError
    from workbench.template_check import sample_context

    payload = tmp_path / "pwned.docx"
    template = hostile(
        "laporan-satker.docx",
        f"{{{{ grafik.tpl.save('{payload}') }}}}",
        tmp_path / "laporan-satker-kantor.docx",
    )
    with pytest.raises(InputError, match="'tpl'"):
        render_docx_bytes(template, sample_context("laporan-satker"))
    assert not payload.exists()


def _kernels() -> set[int]:
    """Process ids of kernels (python children running ipykernel) of this test process."""
    me = psutil.Process()
    found = set()
    for child in me.children(recursive=True):
        try:
            if any("ipykernel" in part for part in child.cmdline()):
                found.add(child.pid)
        except psutil.Error:
            pass
    return found


# ----------------------------------------------------------------------------- user text
def _render_text(tmp_path, text: str) -> str:
    from workbench.documents import render_bytes

    doc = Document()
    doc.add_paragraph("{{ teks }}")
    template = tmp_path / "teks.docx"
    doc.save(str(template))
    rendered = Document(io.BytesIO(render_bytes(template, {"teks": text})))
    return "\n".join(p.text for p in rendered.paragraphs)


@pytest.mark.kernel
def test_docxtpl_escape_sequences_in_user_text_print_literally(tmp_path, capsys):
    """docxtpl turns ``{_{``/``}_}``/``{_%``/``%_}`` of the rendered XML into ``{{``/``}}``/
    ``{%``/``%}``; user text must come out as typed, through the real ``minutes``."""
    typed = "Rapat {_{ kop }_} dan {_% if x %_} & <b>"
    (tmp_path / "meeting.yaml").write_text(
        MINIMAL.read_text(encoding="utf-8").replace("Rapat Evaluasi Kehumasan", f"'{typed}'"),
        encoding="utf-8",
    )
    (tmp_path / "hadir.csv").write_text(ROSTER, encoding="utf-8")
    out = tmp_path / "out"
    code, output = run(
        [
            "minutes",
            str(tmp_path / "meeting.yaml"),
            "-a",
            str(tmp_path / "hadir.csv"),
            "--out",
            str(out),
        ],
        capsys,
    )
    assert code == 0, output
    [notula] = out.rglob("notula.docx")
    text = docx_text(notula)
    assert typed in text
    assert "{{ kop }}" not in text and "{% if x %}" not in text


def test_control_characters_do_not_become_breaks(tmp_path):
    """``\\a`` and ``\\f`` would become a new paragraph and a page break; XML cannot hold
    the other control characters. They are dropped; ``\\n`` and ``\\t`` stay."""
    assert _render_text(tmp_path, "a\ab\fc\x01d\re\tf\ng") == "abcde\tf\ng"


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_any_user_text_prints_as_typed(tmp_path, text):
    import re

    expected = re.sub("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]", "", text)
    assert _render_text(tmp_path, text) == expected


# ----------------------------------------------------------------------------- property
NAMES = [
    "kop",
    "rapat",
    "acara",
    "lampiran",
    "ttd",
    "materi",
    "range",
    "dict",
    "namespace",
    "self",
    "loop",
    "caller",
    "lipsum",
    "cycler",
    "joiner",
    "''",
    "0",
    "[]",
    "{}",
]
ATTRIBUTES = [
    "__class__",
    "__mro__",
    "__base__",
    "__bases__",
    "__subclasses__",
    "__globals__",
    "__builtins__",
    "__init__",
    "__dict__",
    "__self__",
    "__func__",
    "__code__",
    "__call__",
    "__closure__",
    "__reduce__",
    "__getattribute__",
    "__import__",
    "_TemplateReference__context",
    "_drawing",
    "tpl",
    "save",
    "write_xml",
    "docx",
    "render",
    "current_rendering_part",
    "part",
    "package",
    "blob",
    "environment",
    "globals",
    "module",
    "mro",
    "format",
    "format_map",
    "f_globals",
    "gi_frame",
    "tb_frame",
    "items",
    "keys",
    "values",
    "get",
    "upper",
    "join",
    "split",
    "replace",
    "index",
    "judul",
    "grafik",
    "foto",
    "kiri",
    "gambar",
    "ringkasan",
    "pimpinan",
    "nama",
    "real",
    "numerator",
    "fromkeys",
]


def context_paths(value, path: str = "") -> list[str]:
    """Every Jinja path into ``value`` (``lampiran.foto[0].kiri.gambar``...)."""
    paths = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            paths += context_paths(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list) and value:
        paths += context_paths(value[0], f"{path}[0]")
    return paths


@st.composite
def expressions(draw, starts: list[str], payload: str) -> str:
    """A start (a real context path, weighted to images, or a global) and 0-5 steps."""
    expr = draw(st.sampled_from(starts))
    names = st.sampled_from(ATTRIBUTES)
    steps = st.one_of(
        names.map(lambda n: f".{n}"),
        names.map(lambda n: f".{n}"),
        names.map(lambda n: f"['{n}']"),
        st.just("[0]"),
        st.sampled_from(["()", f"('{payload}')", f"('{payload}', 'w')"]),
        names.map(lambda n: f"|attr('{n}')"),
        names.map(lambda n: f"|map(attribute='{n}')|list"),
        st.sampled_from(["|first", "|list", "|string", "|join", "|sort", "|items"]),
    )
    for step in draw(st.lists(steps, max_size=5)):
        expr += step
    return expr


def _is_data(value) -> bool:
    """What a template may hold: plain values, views of them, the allowed globals and
    the allowed methods of plain values."""
    import types

    from jinja2.runtime import LoopContext, Macro, Undefined
    from jinja2.utils import Namespace
    from markupsafe import Markup

    from workbench.template_sandbox import ALLOWED_ATTRIBUTES, ImageHandle, bounded_range

    plain = (
        str,
        int,
        float,
        bool,
        type(None),
        list,
        tuple,
        dict,
        range,
        ImageHandle,
        Undefined,
        Namespace,
        LoopContext,
        Macro,
        types.GeneratorType,
        type({}.keys()),
        type({}.values()),
        type({}.items()),
    )
    if isinstance(value, plain) or any(value is g for g in (bounded_range, dict, Namespace)):
        return True
    owner = getattr(value, "__self__", None)
    return (
        isinstance(value, (types.BuiltinMethodType, types.MethodType))
        and type(owner) in (str, Markup, dict, list, tuple, LoopContext)
        and value.__name__ in ALLOWED_ATTRIBUTES[type(owner)]
    )


@pytest.fixture(scope="module")
def notula_context():
    """The render context of the sample notula with real image handles on a real template."""
    from workbench.documents import load_template, render_context
    from workbench.template_check import sample_context

    tpl = load_template(TEMPLATES_DIR / "notula.docx")
    context = sample_context("notula")
    paths = context_paths(context)
    images = [p for p in paths if p.endswith(("grafik", "gambar"))]
    return render_context(context, tpl), paths + images * 10 + NAMES


@pytest.fixture(scope="module")
def payload_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("muatan")


@settings(
    max_examples=examples(400),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_no_expression_reaches_anything_but_data(notula_context, payload_dir, data):
    """Random attribute chains, calls and filters over the real notula context: whatever
    a template can hold is plain data (or an allowed method of it), and nothing is written."""
    from workbench.documents import jinja_env
    from workbench.template_sandbox import bounded_render

    context, starts = notula_context
    expr = data.draw(expressions(starts, str(payload_dir / "x.pth")))
    env = jinja_env()
    try:
        with bounded_render():
            module = env.from_string("{% set v = " + expr + " %}").make_module(context)
            value = module.v
    except Exception:  # refused, undefined, wrong type: no value escapes
        value = None
    assert _is_data(value), (expr, value)
    assert list(payload_dir.iterdir()) == [], expr
