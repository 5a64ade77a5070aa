"""What office_report.ipynb shows (bakohumas/display.py): the same Temuan and Rekomendasi as
the office's laporan.docx."""

from __future__ import annotations

import datetime as dt

from docx import Document

from workbench.bakohumas.display import office_view
from workbench.bakohumas.job import evaluate_file, make_office_report
from workbench.paths import PROJECT_ROOT

DATA = PROJECT_ROOT / "data" / "samples" / "bakohumas" / "laporan-triwulan.csv"


def test_office_view_has_the_docx_temuan_and_rekomendasi(tmp_path):
    docx = make_office_report(DATA, "2025-TW2", "35.19", tmp_path, tanggal=dt.date(2025, 7, 21))
    points = [
        p.text.split("\t", 1)[1]
        for p in Document(str(docx)).paragraphs
        if p.style.name == "Butir Bernomor" and "\t" in p.text
    ]
    view = office_view(evaluate_file(DATA, "2025-TW2"), "35.19", tmp_path)
    shown = [*view.temuan.column("Temuan"), *view.rekomendasi.column("Rekomendasi")]
    assert shown == points and len(view.temuan) >= 2 and len(view.rekomendasi) >= 1
    assert view.temuan.column("No") == [str(n) for n in range(1, len(view.temuan) + 1)]
    html = view.temuan.to_html()
    assert str(tmp_path) not in html  # no machine path in what the twin shows


def test_the_notebook_shows_whole_escaped_sentences(tmp_path):
    from workbench.bakohumas.display import _numbered

    long = "Kendala yang dilaporkan: " + "sarana <b>kurang</b> " * 10
    html = _numbered([long], "Temuan").to_html()  # the table the notebook shows
    assert "..." not in html and "&lt;b&gt;kurang&lt;/b&gt;" in html and "<b>" not in html


def test_the_tables_are_plain_escaped_html_and_the_chart_a_relative_link(tmp_path):
    """No pandas repr and no embedded image: the tables are html_table's markup with every
    text escaped, the chart an <img> naming the PNG beside the notebook."""
    from workbench.html_table import RowsTable
    from workbench.lab.outputs import LinkedImage

    table = RowsTable(["", "Nilai"], [["Status <b>", "a & b"]])
    html = table._repr_html_()
    assert "&lt;b&gt;" in html and "a &amp; b" in html and "<b>" not in html
    assert repr(table).splitlines()[1].split() == ["Status", "<b>", "a", "&", "b"]
    stage = tmp_path / ".35.19-x.staging-abc"
    stage.mkdir()
    image = LinkedImage(stage / "perbandingan-median.png")
    assert image._repr_html_() == '<img src="perbandingan-median.png" alt="Grafik">'
    assert "base64" not in image._repr_html_()
    view = office_view(evaluate_file(DATA, "2025-TW2"), "35.19", tmp_path)
    assert isinstance(view.indicators, RowsTable) and view.indicators.columns[0] == ""


def test_the_view_shows_the_facts_the_report_was_rendered_from(tmp_path, monkeypatch):
    """The display reuses what laporan.docx was rendered from (report.office_facts), computed
    once per evaluation and office: nothing is formatted a second time."""
    from workbench.bakohumas import findings, report
    from workbench.bakohumas.display import INDICATOR_COLUMNS, SCORECARD_LABELS, TREND_COLUMNS
    from workbench.html_table import cell_text

    evaluation = evaluate_file(DATA, "2025-TW2")
    row = evaluation.office("35.28")
    expected = (
        report.scorecard(evaluation, row),
        report.indicator_rows(evaluation, "35.28"),
        report.trend_rows(evaluation, "35.28"),
        findings.office_findings(evaluation, "35.28"),
        findings.office_recommendations(evaluation, "35.28"),
    )
    make_office_report(DATA, "2025-TW2", "35.28", tmp_path, tanggal=dt.date(2025, 7, 21))

    def again(*args, **kwargs):
        raise AssertionError("computed again")

    for module, name in (
        (report, "scorecard"),
        (report, "indicator_rows"),
        (report, "trend_rows"),
        (findings, "office_findings"),
        (findings, "office_recommendations"),
    ):
        monkeypatch.setattr(module, name, again)
    view = office_view(evaluation, "35.28", tmp_path)
    card, indicators, trend, temuan, rekomendasi = expected
    assert view.scorecard.column("Nilai") == [cell_text(card[k]) for k in SCORECARD_LABELS]
    assert view.indicators.rows == [
        [cell_text(r[k]) for k in INDICATOR_COLUMNS] for r in indicators
    ]
    assert view.trend.rows == [[cell_text(r[k]) for k in TREND_COLUMNS] for r in trend]
    assert view.temuan.column("Temuan") == [cell_text(t) for t in temuan]
    assert view.rekomendasi.column("Rekomendasi") == [cell_text(t) for t in rekomendasi]
    assert report.office_facts(evaluation, "35.28") is report.office_facts(evaluation, "35.28")


def test_the_docx_context_gets_copies_of_the_shared_facts():
    from workbench.bakohumas import report

    evaluation = evaluate_file(DATA, "2025-TW2")
    context = report.office_report_context(evaluation, "35.09", tanggal=dt.date(2025, 7, 21))
    context["kartu"]["skor"] = "diubah"
    context["indikator"][0]["satker"] = "diubah"
    context["tren"][0]["skor"] = "diubah"
    facts = report.office_facts(evaluation, "35.09")
    assert "diubah" not in facts.kartu.values()
    assert facts.indikator[0]["satker"] != "diubah" and facts.tren[0]["skor"] != "diubah"
