"""The cached DOCX renderer: same document as a plain docxtpl render, part for part."""

from __future__ import annotations

import datetime as dt
import io
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
