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
    shown = [*view.temuan["Temuan"], *view.rekomendasi["Rekomendasi"]]
    assert shown == points and len(view.temuan) >= 2 and len(view.rekomendasi) >= 1
    assert list(view.temuan.index) == list(range(1, len(view.temuan) + 1))
    html = view.temuan.to_html()
    assert str(tmp_path) not in html  # no machine path in what the twin shows


def test_the_notebook_shows_whole_escaped_sentences(tmp_path):
    import pandas as pd

    from workbench.bakohumas.display import _whole

    long = "Kendala yang dilaporkan: " + "sarana <b>kurang</b> " * 10
    html = _whole(pd.DataFrame({"Temuan": [long]}, index=pd.Index([1], name="No"))).to_html()
    assert "..." not in html and "&lt;b&gt;kurang&lt;/b&gt;" in html and "<b>" not in html
