"""The per-process caches of the per-office report (issue #19): the same output as without
them, a template edited on disk is used by the next report, every guard still holds."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import pandas as pd
import pytest
from docx import Document
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from workbench.bakohumas import charts as ch
from workbench.bakohumas import docx_render as dr
from workbench.bakohumas import report as rp
from workbench.bakohumas.job import evaluate_file
from workbench.charts import agg_text
from workbench.errors import InputError, WorkbenchError
from workbench.office_guard import CleanParts, check_docx_links
from workbench.samples.bakohumas import write_samples

_EXTERNAL_REL = (
    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/attachedTemplate" Target="file:///C:/x.dotm" TargetMode="External"/>'
)


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory):
    return evaluate_file(write_samples(tmp_path_factory.mktemp("bakohumas"))[0], "2025-TW2")


def _docx(path, *paragraphs: str):
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)
    return path


def _text(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def _with_member(data: bytes, name: str, change) -> bytes:
    """The zip ``data`` with member ``name`` replaced by ``change(its bytes)``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            member = src.read(item.filename)
            dst.writestr(item, change(member) if item.filename == name else member)
    return buf.getvalue()


def _rewrite(path, data: bytes) -> None:
    """Write ``data`` to ``path`` with a later mtime (the cache keys on size and mtime)."""
    before = path.stat().st_mtime_ns
    path.write_bytes(data)
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


# ----------------------------------------------------------------------------- evaluation index
def test_office_lookups_match_a_scan_of_the_frames(evaluation):
    r, ind, trend = evaluation.ringkasan, evaluation.indikator, evaluation.trend
    for kode in r["kode_satker"]:
        pd.testing.assert_series_equal(evaluation.office(kode), r[r["kode_satker"] == kode].iloc[0])
        pd.testing.assert_frame_equal(
            evaluation.office_indicators(kode), ind[ind["kode_satker"] == kode]
        )
        expected = trend[trend["kode_satker"] == kode].reset_index(drop=True)
        pd.testing.assert_frame_equal(evaluation.office_trend(kode), expected)
        # repr: the same values and types (NaN included, which == cannot compare)
        assert repr(evaluation.office_trend_records(kode)) == repr(expected.to_dict("records"))
    assert evaluation.office("3528") is evaluation.office("35.28")  # one shared row
    with pytest.raises(InputError, match="tidak termasuk dalam evaluasi"):
        evaluation.office("35.99")


# ----------------------------------------------------------------------------- charts
@pytest.mark.skipif(not agg_text.supported(), reason="matplotlib's own text drawing is used")
def test_cached_glyphs_draw_what_matplotlib_draws():
    """Same string at whole-pixel and sub-pixel offsets, twice (the second from the cache),
    against a plain Agg canvas; rotated text and mathtext are left to matplotlib."""

    class CachingCanvas(FigureCanvasAgg):
        def get_renderer(self):
            w, h = self.get_width_height(physical=True)
            self.renderer = agg_text.renderer_class()(w, h, self.figure.dpi)
            return self.renderer

    fig = Figure(figsize=(3, 2), dpi=120)
    for i, x in enumerate((0.1, 0.1 + 1 / 360, 0.1 + 0.37 / 360, 0.5)):
        fig.text(x, 0.15 + i * 0.18, "Rp12,5 jt — Siaran pers 59,4%", fontsize=8)
    fig.text(0.8, 0.5, "miring", rotation=30)
    fig.text(0.7, 0.9, r"$x^2$")

    def pixels(canvas_class) -> bytes:
        canvas = canvas_class(fig)
        canvas.draw()
        return bytes(canvas.buffer_rgba())

    agg_text.clear_caches()
    plain = pixels(FigureCanvasAgg)
    assert pixels(CachingCanvas) == plain
    assert pixels(CachingCanvas) == plain  # from the filled caches


def test_reused_office_chart_gives_the_bytes_of_a_fresh_one():
    """Offices one after another through the kept figure, and a different indicator list
    in between: each PNG equals the PNG of a chart built for that office alone."""
    cols = ("siaran_pers", "livestream", "anggaran", "realisasi_persen")
    offices = [
        ({c: v for c, v in zip(cols, (7, 0, 12_500_000, 59.4))}, "Kab. Pamekasan"),
        ({c: v for c, v in zip(cols, (1, 3, 0, float("nan")))}, "Kota Batu"),
        ({"siaran_pers": 4, "livestream": 2}, "Kab. Kepulauan Siau Tagulandang Biaro"),
        ({c: v for c, v in zip(cols, (7, 0, 12_500_000, 59.4))}, "Kab. Pamekasan"),
    ]
    medians = {c: v for c, v in zip(cols, (3, 1, 8_000_000, 72.5))}
    for values, label in offices:
        fresh = ch.figure_png(ch.office_vs_median_chart(values, medians, satker_label=label))
        assert ch.office_vs_median_png(values, medians, satker_label=label) == fresh


# ----------------------------------------------------------------------------- documents
def test_a_template_edited_on_disk_is_used_by_the_next_report(evaluation, tmp_path):
    template = _docx(tmp_path / "laporan.docx", "Versi satu: {{ satker }}")
    rp.render_office_report(evaluation, "35.28", tmp_path / "a", template=template)
    assert _text((tmp_path / "a" / rp.OFFICE_DOCX).read_bytes()) == [
        "Versi satu: KPU Kabupaten Pamekasan"
    ]
    _rewrite(template, _docx(tmp_path / "baru.docx", "Versi dua {{ periode }}").read_bytes())
    rp.render_office_report(evaluation, "35.28", tmp_path / "b", template=template)
    assert _text((tmp_path / "b" / rp.OFFICE_DOCX).read_bytes()) == ["Versi dua TW 2 Tahun 2025"]


def test_a_template_edited_to_link_outside_is_refused_after_clean_renders(tmp_path):
    template = _docx(tmp_path / "laporan.docx", "Halo {{ satker }}")
    for _ in range(2):  # the second render uses the compiled template and its clean parts
        dr.render_docx_bytes(template, {"satker": "KPU Kota Batu"})
    rels = "word/_rels/document.xml.rels"
    linked = _with_member(
        template.read_bytes(),
        rels,
        lambda x: x.replace(b"</Relationships>", _EXTERNAL_REL + b"</Relationships>"),
    )
    _rewrite(template, linked)
    with pytest.raises(InputError, match="tautan ke luar dokumen"):
        dr.render_docx_bytes(template, {"satker": "KPU Kota Batu"})


def test_the_element_cap_holds_on_every_render_of_a_compiled_template(tmp_path, monkeypatch):
    from workbench import template_sandbox

    template = _docx(
        tmp_path / "daftar.docx", "{%p for x in items %}", "Baris {{ x }}", "{%p endfor %}"
    )
    monkeypatch.setattr(template_sandbox, "MAX_PRODUCED_ELEMENTS", 400)
    assert len(_text(dr.render_docx_bytes(template, {"items": list(range(5))}))) == 5
    for _ in range(2):  # refused again: the budget is per render, not per compiled template
        with pytest.raises(WorkbenchError, match="elemen XML"):
            dr.render_docx_bytes(template, {"items": list(range(400))})
    assert len(_text(dr.render_docx_bytes(template, {"items": list(range(5))}))) == 5


def test_clean_parts_skip_only_parts_equal_to_ones_found_clean(tmp_path, monkeypatch):
    from workbench import office_guard

    data = _docx(tmp_path / "a.docx", "Halo").read_bytes()
    clean = CleanParts()
    check_docx_links(data, clean=clean)
    checked = []
    real = office_guard._check_part
    monkeypatch.setattr(
        office_guard,
        "_check_part",
        lambda name, *a, **k: checked.append(name) or real(name, *a, **k),
    )
    check_docx_links(data, clean=clean)
    assert checked == []  # every part equal to one found clean
    rels = "word/_rels/document.xml.rels"
    linked = _with_member(
        data, rels, lambda x: x.replace(b"</Relationships>", _EXTERNAL_REL + b"</Relationships>")
    )
    with pytest.raises(InputError, match="tautan ke luar dokumen"):
        check_docx_links(linked, clean=clean)
    assert checked == [rels]


def test_office_report_is_the_same_with_and_without_the_caches(evaluation, tmp_path):
    """The cached renderer against a plain docxtpl render of the same context, part for part,
    for two offices in a row (the second reuses the chart figure and the compiled template)."""
    from docxtpl import DocxTemplate

    from workbench.documents import jinja_env, render_context

    for kode in ("35.28", "35.79"):
        chart = rp.office_chart_png(evaluation, kode)
        context = rp.office_report_context(
            evaluation, kode, chart=chart, tanggal=dt.date(2025, 7, 15)
        )
        tpl = DocxTemplate(str(rp.OFFICE_TEMPLATE))
        tpl.render(render_context(context, tpl), jinja_env=jinja_env(), autoescape=True)
        buf = io.BytesIO()
        tpl.save(buf)
        ours = zipfile.ZipFile(io.BytesIO(dr.render_docx_bytes(rp.OFFICE_TEMPLATE, context)))
        plain = zipfile.ZipFile(buf)
        assert ours.namelist() == plain.namelist()
        assert all(ours.read(n) == plain.read(n) for n in plain.namelist())


@pytest.mark.parametrize(
    "xml",
    [
        '<w:p><w:r><w:t xml:space="preserve">a\tb\nc</w:t></w:r></w:p>',
        "<w:p><w:pPr><w:jc/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>x\ay\fz</w:t></w:r></w:p>",
        '<w:p><w:r><w:drawing>\n  <wp:extent cx="1"/>\n</w:drawing></w:r></w:p>',
        "<w:p><w:r><w:t>ok</w:t></w:r><w:r><w:tab/></w:r></w:p>\n<w:p><w:r><w:t>\n</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>no closing\n</w:r></w:p>",
        "<w:p><w:r><w:t>plain</w:t></w:r></w:p>",
    ],
)
def test_listing_is_resolved_as_docxtpl_does(xml):
    from docxtpl import DocxTemplate

    tpl = dr._cached_template_class()(io.BytesIO(b""))
    assert tpl.resolve_listing(xml) == DocxTemplate.resolve_listing(tpl, xml)
