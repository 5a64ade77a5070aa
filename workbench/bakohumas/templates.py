"""The Bakohumas Word template kinds (evaluasi-provinsi, laporan-satker), registered into
:mod:`workbench.template_check` with their sample contexts. Light to import: the sample
data is read only when a sample is built."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from workbench.template_check import PIXEL, SAMPLE_DATE, register_kind


@lru_cache(maxsize=1)
def _sample_evaluation():
    from workbench.bakohumas.job import evaluate_file
    from workbench.paths import SAMPLE_BAKOHUMAS_DIR

    return evaluate_file(SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan.csv", "2025-TW2")


def _province_sample() -> dict[str, Any]:
    from workbench.bakohumas.report import CHART_FILES, province_report_context

    return province_report_context(
        _sample_evaluation(), charts=dict.fromkeys(CHART_FILES, PIXEL), tanggal=SAMPLE_DATE
    )


def _office_sample() -> dict[str, Any]:
    from workbench.bakohumas.report import office_report_context

    evaluation = _sample_evaluation()
    kode = evaluation.ringkasan["kode_satker"].iloc[0]
    return office_report_context(evaluation, kode, chart=PIXEL, tanggal=SAMPLE_DATE)


register_kind(
    "evaluasi-provinsi",
    "workbench.bakohumas.variables:PROVINCE_VARIABLES",
    "workbench.bakohumas.variables:PROVINCE_OPTIONAL",
    sample=_province_sample,
    order=30,
    hints=(("evaluasi", 5), ("provinsi", 7)),
)
register_kind(
    "laporan-satker",
    "workbench.bakohumas.variables:OFFICE_VARIABLES",
    "workbench.bakohumas.variables:OFFICE_OPTIONAL",
    sample=_office_sample,
    order=40,
    hints=(("laporan-satker", 4), ("satker", 6)),
)
