"""What ``notebooks/office_report.ipynb`` shows inline: the office's report at a glance.

The office and the period as a heading, the scorecard, the indicators against the province
median with the chart ``laporan.docx`` carries, and the office's trend over the quarters:
the same figures as the document (:mod:`workbench.bakohumas.report` formats them) as plain
escaped HTML tables (:mod:`workbench.html_table`), the chart linked (not embedded): the
very rows the report was rendered from (:func:`workbench.bakohumas.report.office_facts`,
kept per evaluation and office; the evaluation is cached per kernel), so nothing is
computed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.bakohumas.evaluation import Evaluation
    from workbench.html_table import RowsTable

#: Scorecard rows: key of :func:`workbench.bakohumas.report.scorecard` -> label.
SCORECARD_LABELS = {
    "status": "Status laporan",
    "tanggal_kirim": "Tanggal kirim",
    "tenggat": "Tenggat",
    "diperbarui": "Diperbarui",
    "skor": "Skor",
    "peringkat": "Peringkat",
}
INDICATOR_COLUMNS = {
    "indikator": "Indikator",
    "satker": "Satker",
    "median": "Median provinsi",
    "keterangan": "Keterangan",
}
TREND_COLUMNS = {
    "periode": "Triwulan",
    "status": "Status",
    "diperbarui": "Diperbarui",
    "skor": "Skor",
    "peringkat": "Peringkat",
}


@dataclass(frozen=True)
class OfficeView:
    """One office's report as tables, for display (plain rows, escaped when shown:
    :class:`workbench.html_table.RowsTable`)."""

    heading: str
    scorecard: "RowsTable"
    indicators: "RowsTable"
    trend: "RowsTable"
    chart: Path | None  # perbandingan-median.png (None: the office sent no report)
    #: The Temuan and Rekomendasi of laporan.docx, numbered as there.
    temuan: "RowsTable | None" = None
    rekomendasi: "RowsTable | None" = None


def office_view(evaluation: "Evaluation", kode: str, folder: Path) -> OfficeView:
    """The tables of office ``kode``'s report whose files are in ``folder``."""
    from workbench.bakohumas import report
    from workbench.html_table import RowsTable

    row = evaluation.office(kode)
    # the facts laporan.docx was rendered from (computed once per evaluation and office)
    facts = report.office_facts(evaluation, kode)
    card = facts.kartu
    chart = Path(folder) / report.OFFICE_CHART
    return OfficeView(
        heading=f"{row['nama_satker']} \u2014 {evaluation.period.label}",
        scorecard=RowsTable(
            ["", "Nilai"], [[label, card[k]] for k, label in SCORECARD_LABELS.items()]
        ),
        indicators=_table(facts.indikator, INDICATOR_COLUMNS),
        trend=_table(facts.tren, TREND_COLUMNS),
        chart=chart if row["status_laporan"] != "belum" and chart.is_file() else None,
        temuan=_numbered(facts.temuan, "Temuan"),
        rekomendasi=_numbered(facts.rekomendasi, "Rekomendasi"),
    )


def _numbered(items: list[str], title: str) -> "RowsTable":
    """The points as a table 'No | <title>' (a table, so the HTML twin escapes the text)."""
    from workbench.html_table import RowsTable

    return RowsTable(["No", title], [[n, item] for n, item in enumerate(items, start=1)])


def _table(rows: list[dict], columns: dict[str, str]) -> "RowsTable":
    """``rows`` as a table of ``columns`` (key -> label), the first one labelling the rows
    (shown without a heading, as the DataFrame index it replaces was)."""
    from workbench.html_table import RowsTable

    keys = list(columns)
    return RowsTable(
        ["", *list(columns.values())[1:]], [[row.get(k) for k in keys] for row in rows]
    )


def show_office_report(
    data: str | Path,
    period: str,
    office: str,
    docx: Path,
    *,
    deadline: str = "",
    weights: str | Path = "",
) -> list[Path]:
    """Display office ``office``'s report (written to ``docx``'s folder) and return the
    files the run wrote (the DOCX and, for an office that reported, its chart)."""
    from IPython.display import Markdown, display

    from workbench.bakohumas.job import evaluate_file, parse_deadline, weights_path
    from workbench.lab.outputs import LinkedImage
    from workbench.paths import resolve_from_project

    evaluation = evaluate_file(
        resolve_from_project(data),
        period,
        deadline=parse_deadline(deadline),
        weights=weights_path(weights),
    )
    view = office_view(evaluation, office, Path(docx).parent)
    # plain escaped HTML tables (workbench.html_table: a few hundred microseconds, no pandas
    # repr) and the chart linked, not re-embedded: the PNG is written beside the run's
    # notebook and its HTML twin, which show it from there (Lab resolves the relative link)
    display(Markdown(f"## {view.heading}"))
    display(Markdown("### Kartu skor"), view.scorecard)
    display(Markdown("### Indikator terhadap median provinsi"), view.indicators)
    if view.chart is not None:
        display(LinkedImage(view.chart))
    display(Markdown("### Tren antartriwulan"), view.trend)
    # as in laporan.docx, sections D and E: whole sentences (a RowsTable does not cut them at
    # 50 characters as a DataFrame's HTML does), the text escaped
    display(Markdown("### Temuan"), view.temuan)
    display(Markdown("### Rekomendasi"), view.rekomendasi)
    return [Path(docx), *([view.chart] if view.chart else [])]
