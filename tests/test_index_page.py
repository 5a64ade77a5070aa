"""The quarter's index page: built from data (pure), escaped, linking only what exists, and
written by ``workbench evaluate``/``reports``."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from html.parser import HTMLParser

from workbench.bakohumas.index_page import (
    SORT_SCRIPT,
    IndexData,
    Link,
    OfficeRow,
    index_data,
    render,
    summary_rows,
)
from workbench.paths import SAMPLE_BAKOHUMAS_DIR

SAMPLE = SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan.csv"
EVIL = '<script>alert("x")</script> & "Kota" \'B\''


class Page(HTMLParser):
    """Tags with their attributes, and the text, of a page."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def _office(kode="35.09", nama="KPU Kabupaten Jember", **kw) -> OfficeRow:
    values = dict(status="terlambat", tidak_diperbarui=True, skor=12.5, peringkat=30)
    return OfficeRow(kode, nama, **{**values, **kw})


def test_texts_from_the_data_are_escaped_and_no_script_but_ours():
    data = IndexData(
        title=f"Evaluasi {EVIL}",
        period_label="TW 2 Tahun 2025",
        summary=(("Jumlah satker", "2"),),
        findings=(f"Temuan {EVIL}",),
        charts=(Link(f"alt {EVIL}", "status-laporan.png"),),
        offices=(
            _office(nama=EVIL, links=(Link("HTML", 'satker/35.09 a"b<c>/office_report.html'),)),
        ),
    )
    page = render(data)
    parsed = Page(page)
    assert len(parsed.all("script")) == 1  # only the sorting script
    assert "<script>alert" not in page
    # <title>, <h1>, the finding, the alt text, the office name and its sort key
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;") == 6
    (link,) = [a for a in parsed.all("a") if a.get("href", "").startswith("satker/")]
    assert link["href"] == "satker/35.09%20a%22b%3Cc%3E/office_report.html"
    (img,) = parsed.all("img")
    assert img["alt"] == f"alt {EVIL}" and img["src"] == "status-laporan.png"


def test_policy_allows_exactly_the_sorting_script_and_nothing_remote():
    page = render(IndexData("Evaluasi", "TW 2 Tahun 2025", ()))
    (meta,) = [a for a in Page(page).all("meta") if a.get("http-equiv")]
    policy = meta["content"] or ""
    body = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert body == SORT_SCRIPT
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == f"'sha256-{digest}'"  # no 'unsafe-inline'
    assert "http" not in policy
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


def test_summary_counts_and_rows_in_rank_order_with_sort_keys():
    offices = [
        _office(
            "35.08",
            "KPU Kabupaten Lumajang",
            status="tepat waktu",
            tidak_diperbarui=False,
            skor=75.0,
            peringkat=1,
        ),
        _office(),
        _office(
            "35.06",
            "KPU Kabupaten Kediri",
            status="belum",
            tidak_diperbarui=None,
            skor=0.0,
            peringkat=37,
        ),
    ]
    summary = dict(summary_rows(offices, dt.date(2025, 7, 10)))
    assert summary["Jumlah satker"] == "3"
    assert summary["Tenggat"] == "10 Juli 2025"
    assert summary["Belum mengirim"] == "1 (33,3%)"
    assert summary["Tidak diperbarui"] == "1 (33,3%)"
    # of 75,0 only: the copied report (12,5 in this fixture) is not assessed
    assert summary["Median skor (yang dinilai)"] == "75,0"
    page = render(IndexData("E", "TW 2 Tahun 2025", tuple(summary.items()), offices=tuple(offices)))
    rows = re.findall(r'<tr[^>]*data-kode="([^"]+)"', page)
    assert rows == ["35.08", "35.09", "35.06"]  # as given (index_data orders by rank)
    kediri = page[page.index('data-kode="35.06"') :].split("</tr>")[0]
    assert "Belum mengirim" in kediri and ">-<" in kediri and "belum dibuat" in kediri


def test_evaluate_then_reports_write_an_index_linking_what_exists(bakohumas_demo, tmp_path):
    """The shared run (tests/conftest.py ``bakohumas_demo``): the index after ``evaluate``
    links no report; after ``reports`` it links every office's, in rank order."""
    import csv
    import shutil

    first = Page(bakohumas_demo.evaluate_index)
    assert [a["src"] for a in first.all("img")] == [
        "status-laporan.png",
        "indikator-satker.png",
        "tren-triwulan.png",
    ]
    assert not [a for a in first.all("a") if (a["href"] or "").startswith("satker/")]
    assert len(re.findall(r"data-kode=", bakohumas_demo.evaluate_index)) == 38

    folder = tmp_path / "2025-TW2"
    shutil.copytree(bakohumas_demo.folder, folder)
    page = Page((folder / "index.html").read_text(encoding="utf-8"))
    hrefs = [a["href"] for a in page.all("a") if (a["href"] or "").startswith("satker/")]
    with open(folder / "ringkasan.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    # by rank, then code; rank 0 (a copied report, not assessed) after every ranked one
    ranked = sorted(rows, key=lambda r: (int(r["peringkat"]) or 10**9, r["kode_satker"]))
    names = {p.name.split("-")[0]: p.name for p in (folder / "satker").iterdir() if p.is_dir()}
    assert hrefs == [
        f"satker/{names[r['kode_satker']]}/{name}"
        for r in ranked
        for name in ("office_report.html", "laporan.docx")
    ]
    kediri = hrefs.index("satker/35.06-kabupaten-kediri/office_report.html")
    # Kediri sent nothing (the last ranked), Jember's report was copied (not ranked)
    assert hrefs[kediri + 2] == "satker/35.09-kabupaten-jember/office_report.html"
    for href in hrefs:
        assert (folder / href).is_file()
    assert "KPU Provinsi Jawa Timur" in "".join(page.text)
    # a PDF is linked once one exists
    (folder / "satker" / "35.09-kabupaten-jember" / "laporan.pdf").write_bytes(b"%PDF-1.4")
    from workbench.bakohumas.job import evaluate_file

    again = index_data(evaluate_file(SAMPLE, "2025-TW2"), folder)
    jember = next(o for o in again.offices if o.kode == "35.09")
    assert [link.label for link in jember.links] == ["HTML", "DOCX", "PDF"]
