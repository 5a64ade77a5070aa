"""The quarter's index page, ``DIR/bakohumas/<period>/index.html``: one static page to open
in a browser, from ``file://``, a zip or an intranet.

It shows the province summary, the findings and the evaluation's charts, and a table of
the offices (status, updated, score, rank) that sorts by any column when its header is
clicked, linking each office's HTML report, DOCX and PDF. Everything is relative to the
page's folder and nothing is loaded from elsewhere: the images are the PNG files beside it,
the style and the small sorting script are inline. A Content-Security-Policy in the page
lets only that script run (its sha256) and lets nothing load from the network, so even a
mistake in escaping could not run injected code.

Two steps, so the page can be tested without files:

- :func:`index_data` reads the evaluation and looks which files exist in the folder (links
  only to what exists: a PDF only when one was made, an office's report only once
  ``workbench reports`` wrote it);
- :func:`render` is pure: :class:`IndexData` in, the HTML text out. Every text from the
  data (office names, findings) is escaped.

:func:`write_index` does both and writes the page atomically; ``workbench evaluate`` and
``workbench reports`` call it after they wrote their files (:mod:`workbench.bakohumas.run`).
"""

from __future__ import annotations

import base64
import hashlib
import math
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Sequence
from urllib.parse import quote

if TYPE_CHECKING:
    from workbench.bakohumas.evaluation import Evaluation

INDEX_FILE = "index.html"
#: The office files linked from the table, in this order: (label, file name).
OFFICE_FILES = (("HTML", "office_report.html"), ("DOCX", "laporan.docx"), ("PDF", "laporan.pdf"))
#: The province files linked under the summary: (label, file name).
PROVINCE_FILES = (
    ("Laporan evaluasi (DOCX)", "evaluasi-provinsi.docx"),
    ("Laporan evaluasi (PDF)", "evaluasi-provinsi.pdf"),
    ("Notebook evaluasi (HTML)", "bakohumas_evaluation.html"),
    ("Ringkasan (XLSX)", "ringkasan.xlsx"),
    ("Ringkasan (CSV)", "ringkasan.csv"),
)
#: The evaluation's charts: (file name, alternative text).
CHARTS = (
    ("status-laporan.png", "Status laporan satker"),
    ("indikator-satker.png", "Indikator satker dibandingkan median provinsi"),
    ("tren-triwulan.png", "Tren antar triwulan"),
)
#: Sort order of the statuses (best first).
STATUS_ORDER = {"tepat waktu": 0, "terlambat": 1, "belum": 2}


@dataclass(frozen=True)
class Link:
    label: str
    href: str  # relative to the page, '/'-separated, not yet URL-quoted


@dataclass(frozen=True)
class OfficeRow:
    kode: str
    nama: str
    status: str  # 'tepat waktu' | 'terlambat' | 'belum'
    tidak_diperbarui: bool | None  # None: no report this quarter
    skor: float | None
    peringkat: int | None
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class IndexData:
    title: str
    period_label: str
    summary: tuple[tuple[str, str], ...]  # (label, value), already formatted
    findings: tuple[str, ...] = ()
    charts: tuple[Link, ...] = ()  # label = alternative text
    files: tuple[Link, ...] = ()
    offices: tuple[OfficeRow, ...] = field(default=())


# ----------------------------------------------------------------------------- data
def index_data(evaluation: "Evaluation", folder: Path) -> IndexData:
    """What the page of ``folder`` (the period folder of ``evaluation``) shows."""
    from workbench.bakohumas.job import OFFICES_FOLDER, office_folder_name
    from workbench.wilayah import get_office

    r = evaluation.ringkasan
    # rank 0: a copied report, not ranked ("tidak dinilai"): listed after every ranked one
    r = r.assign(_urut=r["peringkat"].where(r["peringkat"] > 0, 10**9)).sort_values(
        ["_urut", "kode_satker"]
    )
    offices = []
    for row in r.to_dict("records"):
        sub = f"{OFFICES_FOLDER}/{office_folder_name(row['kode_satker'])}"
        links = tuple(
            Link(label, f"{sub}/{name}")
            for label, name in OFFICE_FILES
            if (folder / sub / name).is_file()
        )
        submitted = row["status_laporan"] != "belum"
        offices.append(
            OfficeRow(
                kode=str(row["kode_satker"]),
                nama=str(row["nama_satker"]),
                status=str(row["status_laporan"]),
                tidak_diperbarui=bool(row["tidak_diperbarui"]) if submitted else None,
                skor=_number(row["skor"]),
                peringkat=int(row["peringkat"]) if (_number(row["peringkat"]) or 0) > 0 else None,
                links=links,
            )
        )
    if len(evaluation.provinsi) == 1:
        title = f"Evaluasi Bakohumas {get_office(evaluation.provinsi[0]).nama}"
    else:
        title = f"Evaluasi Bakohumas {len(evaluation.provinsi)} provinsi"
    return IndexData(
        title=title,
        period_label=evaluation.period.label,
        summary=summary_rows(offices, evaluation.deadline),
        findings=tuple(evaluation.findings),
        charts=tuple(Link(alt, name) for name, alt in CHARTS if (folder / name).is_file()),
        files=tuple(
            Link(label, name) for label, name in PROVINCE_FILES if (folder / name).is_file()
        ),
        offices=tuple(offices),
    )


def summary_rows(offices: Sequence[OfficeRow], deadline) -> tuple[tuple[str, str], ...]:
    """The summary table: counts with shares, the deadline, median score."""
    from statistics import median

    from workbench.indonesian import angka, persen, tanggal

    n = len(offices)

    def count(k: int) -> str:
        return f"{angka(k)} ({persen(k / n * 100)})" if n else "0"

    scores = [  # of the assessed reports: a copied one is not scored
        o.skor
        for o in offices
        if o.status != "belum" and not o.tidak_diperbarui and o.skor is not None
    ]
    return (
        ("Jumlah satker", angka(n)),
        ("Tenggat", tanggal(deadline)),
        ("Tepat waktu", count(sum(o.status == "tepat waktu" for o in offices))),
        ("Terlambat", count(sum(o.status == "terlambat" for o in offices))),
        ("Belum mengirim", count(sum(o.status == "belum" for o in offices))),
        ("Tidak diperbarui", count(sum(bool(o.tidak_diperbarui) for o in offices))),
        ("Median skor (yang dinilai)", angka(median(scores), 1) if scores else "-"),
    )


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def write_index(evaluation: "Evaluation", folder: Path) -> Path:
    """Write ``folder/index.html`` for ``evaluation`` (atomically) and return its path."""
    from workbench.atomic import write_text

    return write_text(folder / INDEX_FILE, render(index_data(evaluation, folder)))


# ----------------------------------------------------------------------------- page
STATUS_LABELS = {"tepat waktu": "Tepat waktu", "terlambat": "Terlambat", "belum": "Belum mengirim"}

SORT_SCRIPT = """
document.querySelectorAll("table.urut thead button").forEach(function (button) {
  button.addEventListener("click", function () {
    var th = button.closest("th"), table = th.closest("table"), body = table.tBodies[0];
    var column = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.dataset.type === "angka";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].dataset.sort, y = b.cells[column].dataset.sort, d;
      if (numeric) { d = parseFloat(x) - parseFloat(y); }
      else { d = x.localeCompare(y, "id"); }
      if (d === 0) { d = a.dataset.kode.localeCompare(b.dataset.kode); }
      return ascending ? d : -d;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("thead th").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  });
});
"""

STYLE = """\
body { font-family: Arial, Helvetica, sans-serif; margin: 2em auto; max-width: 72em;
       padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { margin-top: 1.2em; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; }
th { background: #f2f2f2; text-align: left; }
table.ringkasan td:last-child, td.angka { text-align: right; }
thead button { font: inherit; font-weight: bold; border: 0; background: none; padding: 0;
               cursor: pointer; }
th[aria-sort=ascending] button::after { content: " \\25B2"; }
th[aria-sort=descending] button::after { content: " \\25BC"; }
tr.belum td { color: #8a1f11; } td.tidak { color: #8a1f11; font-weight: bold; }
.grafik img { max-width: 100%; height: auto; border: 1px solid #ddd; margin: 0.5em 0; }
.atas { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
.atas .grafik img { max-width: 36em; }
ul.tautan { padding-left: 1.2em; } td.tautan a { margin-right: 0.5em; }
.atas h2 { margin-top: 0.4em; }
"""

#: Columns of the offices table: (header, sort type).
COLUMNS = (
    ("Peringkat", "angka"),
    ("Kode", "teks"),
    ("Satker", "teks"),
    ("Status laporan", "angka"),
    ("Diperbarui", "angka"),
    ("Skor", "angka"),
    ("Laporan", "teks"),
)


def content_security_policy() -> str:
    """Nothing from the network; only the inline sorting script runs."""
    digest = base64.b64encode(hashlib.sha256(SORT_SCRIPT.encode()).digest()).decode()
    return (
        "default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _href(path: str) -> str:
    """A relative link as an attribute value: each part URL-quoted, then HTML-escaped."""
    return escape("/".join(quote(part) for part in path.split("/")), quote=True)


def _office_row(o: OfficeRow) -> str:
    from workbench.indonesian import angka

    updated = "-" if o.tidak_diperbarui is None else ("Tidak" if o.tidak_diperbarui else "Ya")
    updated_key = {None: 2, False: 0, True: 1}[o.tidak_diperbarui]
    skor = "-" if o.skor is None else angka(o.skor, 1)
    rank = "-" if o.peringkat is None else angka(o.peringkat)
    links = " ".join(f'<a href="{_href(link.href)}">{escape(link.label)}</a>' for link in o.links)
    cells = [
        (str(o.peringkat if o.peringkat is not None else 10**9), rank, "angka"),
        (o.kode, o.kode, ""),
        (o.nama, o.nama, ""),
        (str(STATUS_ORDER.get(o.status, 9)), STATUS_LABELS.get(o.status, o.status), ""),
        (str(updated_key), updated, "tidak" if o.tidak_diperbarui else ""),
        (repr(o.skor if o.skor is not None else -1.0), skor, "angka"),
        (str(len(o.links)), None, "tautan"),
    ]
    tds = []
    for key, text, css in cells:
        shown = (links or "belum dibuat") if text is None else escape(text)
        cls = f' class="{css}"' if css else ""
        tds.append(f'<td{cls} data-sort="{escape(key, quote=True)}">{shown}</td>')
    row_class = ' class="belum"' if o.status == "belum" else ""
    return f'<tr{row_class} data-kode="{escape(o.kode, quote=True)}">{"".join(tds)}</tr>'


def _image(chart: Link) -> str:
    return f'<img src="{_href(chart.href)}" alt="{escape(chart.label, quote=True)}">'


def render(data: IndexData) -> str:
    """The page: :class:`IndexData` in, HTML out (no file is read)."""
    title = f"{data.title}, {data.period_label}"
    sorted_by = ' aria-sort="ascending"'  # the rows come by rank
    parts = [
        "<!DOCTYPE html>",
        '<html lang="id">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(data.title)}</h1>",
        f'<p class="periode">{escape(data.period_label)}</p>',
        '<div class="atas"><section>',
        "<h2>Ringkasan</h2>",
        '<table class="ringkasan"><tbody>',
        *(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in data.summary),
        "</tbody></table>",
    ]
    if data.files:
        parts += ['<ul class="tautan">']
        parts += [f'<li><a href="{_href(f.href)}">{escape(f.label)}</a></li>' for f in data.files]
        parts.append("</ul>")
    parts.append("</section>")
    other_charts = data.charts[1:]
    if data.charts:  # the status chart beside the summary; the others further down
        parts.append(f'<section class="grafik">{_image(data.charts[0])}</section>')
    parts += [
        "</div>",
        "<h2>Satker</h2>",
        "<p>Klik judul kolom untuk mengurutkan tabel.</p>",
        '<table class="urut" id="satker"><thead><tr>',
        *(
            f'<th data-type="{kind}" scope="col"{sorted_by if i == 0 else ""}>'
            f'<button type="button">{escape(name)}</button></th>'
            for i, (name, kind) in enumerate(COLUMNS)
        ),
        "</tr></thead><tbody>",
        *(_office_row(o) for o in data.offices),
        "</tbody></table>",
    ]
    if data.findings:
        parts += ["<h2>Temuan</h2>", "<ol>"]
        parts += [f"<li>{escape(text)}</li>" for text in data.findings]
        parts.append("</ol>")
    if other_charts:
        parts += ["<h2>Grafik</h2>", '<div class="grafik">']
        parts += [f"<p>{_image(c)}</p>" for c in other_charts]
        parts.append("</div>")
    parts += [
        f"<script>{SORT_SCRIPT}</script>",  # exactly the text hashed for the policy
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
