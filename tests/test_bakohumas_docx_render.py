"""The cached DOCX renderer: same document as a plain docxtpl render, part for part."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from docx import Document
from docxtpl import DocxTemplate

from workbench.bakohumas import docx_render as dr
from workbench.bakohumas import report as rp
from workbench.bakohumas.job import evaluate_file
from workbench.bakohumas.report import OFFICE_TEMPLATE
from workbench.documents import _convert_images, jinja_env
from workbench.samples.bakohumas import write_samples

SMALL = {"satker": "KPU Kabupaten Pamekasan & <Co>"}


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    data = write_samples(tmp_path_factory.mktemp("bakohumas"))[0]
    evaluation = evaluate_file(data, "2025-TW2")
    chart = rp.office_chart_png(evaluation, "35.28")
    return rp.office_report_context(evaluation, "35.28", chart=chart, tanggal=dt.date(2025, 7, 21))


def _plain(template, context) -> bytes:
    tpl = DocxTemplate(str(template))
    tpl.render(_convert_images(context, tpl), jinja_env=jinja_env(), autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    assert z.testzip() is None
    return {name: z.read(name) for name in z.namelist()}


def test_heavy_static_parts_are_passed_through_unchanged(context):
    cached = dr._load(
        str(OFFICE_TEMPLATE), OFFICE_TEMPLATE.stat().st_size, OFFICE_TEMPLATE.stat().st_mtime_ns
    )
    assert "word/styles.xml" in cached.passthrough
    assert len(cached.slim) < OFFICE_TEMPLATE.stat().st_size
    ours = dr.render_docx_bytes(OFFICE_TEMPLATE, context)
    assert _parts(ours) == _parts(_plain(OFFICE_TEMPLATE, context))


def test_rendering_twice_gives_the_same_parts(context):
    first, second = (dr.render_docx_bytes(OFFICE_TEMPLATE, context) for _ in range(2))
    assert _parts(first) == _parts(second)
    assert len(Document(io.BytesIO(second)).styles) > 10  # the real styles are back


def test_a_small_template_is_rendered_as_is(tmp_path):
    tpl = tmp_path / "kecil.docx"
    doc = Document()
    doc.add_paragraph("Halo {{ satker }}")
    doc.save(tpl)
    out = dr.render_docx_bytes(tpl, SMALL)
    assert [p.text for p in Document(io.BytesIO(out)).paragraphs] == [
        "Halo KPU Kabupaten Pamekasan & <Co>"
    ]
    assert _parts(out) == _parts(_plain(tpl, SMALL))


def test_a_tag_asking_for_a_missing_value_fails_in_indonesian(tmp_path):
    """`{{ kop.a.b }}` passes the tag check (kop is supplied) but cannot render."""
    from workbench.errors import WorkbenchError

    bad = tmp_path / "laporan-satker.docx"
    with zipfile.ZipFile(OFFICE_TEMPLATE) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"{{ kop }}", b"{{ kop.a.b }}", 1)
            dst.writestr(item, data)
    with pytest.raises(WorkbenchError) as info:
        dr.render_docx_bytes(bad, {"kop": "KPU"})
    message = info.value.message
    assert "tidak disediakan program" in message and "templates check" in message
    assert "has no attribute" not in message and "undefined" not in message


# ----------------------------------------------------------------------------- fast writer
def _members(data: bytes) -> list[tuple[str, bytes]]:
    """Every member in order, with its contents (timestamps aside)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(name, z.read(name)) for name in z.namelist()]


def _writer(template):
    st = template.stat()
    return dr._load(str(template.resolve()), st.st_size, st.st_mtime_ns).fast.get("writer")


def _no_ordinary_render(monkeypatch):
    import workbench.documents

    def refuse(*args, **kwargs):
        raise AssertionError("ordinary render used")

    monkeypatch.setattr(workbench.documents, "render_loaded", refuse)


@pytest.fixture(scope="module")
def two_offices(tmp_path_factory):
    data = write_samples(tmp_path_factory.mktemp("bakohumas2"))[0]
    evaluation = evaluate_file(data, "2025-TW2")
    contexts = []
    for kode in ("35.28", "35.01"):
        chart = rp.office_chart_png(evaluation, kode)
        contexts.append(
            rp.office_report_context(evaluation, kode, chart=chart, tanggal=dt.date(2025, 7, 21))
        )
    return contexts


def test_fast_writer_gives_the_ordinary_members_for_two_offices_in_a_row(
    tmp_path, two_offices, monkeypatch
):
    template = tmp_path / "laporan-satker.docx"  # a fresh copy: its own caches
    template.write_bytes(OFFICE_TEMPLATE.read_bytes())
    first, second = two_offices
    ours = [dr.render_docx_bytes(template, first) for _ in range(2)]  # ordinary: learned
    assert list(_writer(template).skeletons) == [("png",)]
    _no_ordinary_render(monkeypatch)
    ours += [dr.render_docx_bytes(template, c) for c in (second, first)]
    expected = [_plain(template, c) for c in (first, first, second, first)]
    for got, want in zip(ours, expected):
        assert _members(got) == _members(want)
    assert _members(ours[2]) != _members(ours[0])  # the second office is its own report


def test_a_footer_that_depends_on_the_data_falls_back_to_the_ordinary_render(tmp_path):
    template = tmp_path / "kaki.docx"
    doc = Document()
    doc.add_paragraph("Halo {{ satker }}")
    doc.sections[0].footer.paragraphs[0].text = "Kaki {{ satker }}"
    doc.save(template)
    contexts = [SMALL, {"satker": "KPU Kota Batu"}, SMALL]
    for context in contexts:
        assert _members(dr.render_docx_bytes(template, context)) == _members(
            _plain(template, context)
        )
    assert _writer(template).disabled


def test_a_template_without_core_properties_is_rendered_the_ordinary_way(tmp_path):
    """python-docx would add docProps/core.xml stamped with the time of each save."""
    full = tmp_path / "penuh.docx"
    doc = Document()
    doc.add_paragraph("Halo {{ satker }}")
    doc.save(full)
    template = tmp_path / "tanpa-core.docx"
    with zipfile.ZipFile(full) as src, zipfile.ZipFile(template, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                continue
            if item.filename == "_rels/.rels":
                data = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", data)
            dst.writestr(item, data)
    for _ in range(2):
        out = dr.render_docx_bytes(template, SMALL)
        assert "docProps/core.xml" in zipfile.ZipFile(io.BytesIO(out)).namelist()
    assert _writer(template) is None


def test_a_user_template_with_a_header_picture_keeps_its_members(
    tmp_path, two_offices, monkeypatch
):
    """A user's DOCX: a logo in the header, the chart in the body, a plain footer."""
    from docx.shared import Mm

    logo = io.BytesIO()
    from PIL import Image as PILImage

    PILImage.new("RGB", (40, 20), (200, 30, 30)).save(logo, format="PNG")
    template = tmp_path / "kantor.docx"
    doc = Document()
    doc.sections[0].header.paragraphs[0].add_run().add_picture(logo, width=Mm(20))
    doc.sections[0].footer.paragraphs[0].text = "Halaman kaki"
    doc.add_paragraph("{{ satker }}")
    doc.add_paragraph("{{ grafik }}")
    doc.save(template)
    contexts = [{"satker": c["satker"], "grafik": c["grafik"]} for c in two_offices]
    ours = [dr.render_docx_bytes(template, contexts[0]) for _ in range(2)]
    _no_ordinary_render(monkeypatch)
    ours.append(dr.render_docx_bytes(template, contexts[1]))
    for got, context in zip(ours, [contexts[0], *contexts]):
        assert _members(got) == _members(_plain(template, context))


def test_the_fast_render_keeps_the_element_cap(tmp_path, monkeypatch):
    from workbench import template_sandbox
    from workbench.documents import render_context
    from workbench.errors import WorkbenchError

    template = tmp_path / "daftar.docx"
    doc = Document()
    for text in ("{%p for x in items %}", "Baris {{ x }}", "{%p endfor %}"):
        doc.add_paragraph(text)
    doc.save(template)
    small = {"items": list(range(5))}
    for _ in range(2):
        dr.render_docx_bytes(template, small)
    writer = _writer(template)
    assert writer is not None and not writer.disabled and writer.skeletons
    monkeypatch.setattr(template_sandbox, "MAX_PRODUCED_ELEMENTS", 400)
    big = {"items": list(range(400))}
    with pytest.raises(template_sandbox.TemplateRejected, match="elemen XML"):
        with template_sandbox.bounded_render():
            writer.render(render_context(big, writer.held), dr._caching_env())
    with pytest.raises(WorkbenchError, match="elemen XML"):
        dr.render_docx_bytes(template, big)


def test_a_field_the_data_makes_hostile_is_refused_on_the_fast_path(tmp_path, monkeypatch):
    """The body is link-checked on every render: a field whose code comes from the data."""
    from docx.oxml import parse_xml

    from workbench.errors import InputError

    template = tmp_path / "bidang.docx"
    doc = Document()
    doc.add_paragraph("Halo {{ satker }}")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    field = parse_xml(
        f'<w:p {w}><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText>{{ kode }}</w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    doc.element.body.insert(0, field)
    doc.save(template)
    benign = {"satker": "KPU Kota Batu", "kode": "PAGE"}
    for _ in range(2):
        dr.render_docx_bytes(template, benign)
    assert _writer(template).skeletons
    _no_ordinary_render(monkeypatch)
    with pytest.raises(InputError, match="INCLUDEPICTURE"):
        dr.render_docx_bytes(template, {**benign, "kode": 'INCLUDEPICTURE "http://x/y.png"'})
