"""The result of the quarterly evaluation (:class:`Evaluation`), shared by the evaluation, the
findings and the reports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from workbench.bakohumas.schema import Period
from workbench.bakohumas.weights import Weights
from workbench.errors import InputError


@dataclasses.dataclass(frozen=True, eq=False)
class Evaluation:
    """The evaluation of one quarter (treat the frames as read-only: they may be cached).

    Attributes
    ----------
    period : Period
    deadline : datetime.date
        The deadline the statuses were computed against.
    provinsi : tuple of str
        Province codes of the offices evaluated (e.g. ``("35",)``).
    previous_available : bool
        Whether the data holds the previous quarter (needed for ``tidak_diperbarui``).
    ringkasan : DataFrame
        One row per office of the province(s), columns :data:`RINGKASAN_COLUMNS`.
    indikator : DataFrame
        Long table: ``kode_satker, nama_satker, indikator, label, nilai, median, selisih,
        rasio, posisi`` for every office and :data:`MEDIAN_INDICATORS`.
    medians : DataFrame
        Median of each indicator over submitted reports, indexed by ``kode_provinsi``.
    trend : DataFrame
        ``ringkasan``-like rows for every office and every quarter present, with
        ``periode`` ('2025-TW1') and ``periode_label`` ('TW 1 Tahun 2025').
    trend_provinsi : DataFrame
        Per province and quarter: status counts, sums of the numeric columns, score median.
    totals : dict
        Province-wide figures of the evaluated quarter (see ``docs/evaluasi.md``).
    findings : tuple of str
        Indonesian sentences (:func:`workbench.bakohumas.findings.findings`).
    weights : Weights
    """

    period: Period
    deadline: dt.date
    provinsi: tuple[str, ...]
    previous_available: bool
    ringkasan: pd.DataFrame
    indikator: pd.DataFrame
    medians: pd.DataFrame
    trend: pd.DataFrame
    trend_provinsi: pd.DataFrame
    totals: dict
    findings: tuple[str, ...]
    weights: Weights

    def office(self, kode: str) -> pd.Series:
        """The office's ``ringkasan`` row (InputError for an office not evaluated)."""
        from workbench.wilayah import normalize_code

        kode = normalize_code(kode)
        rows = self.ringkasan.index[self.ringkasan["kode_satker"].to_numpy() == kode]
        if not len(rows):
            raise InputError(
                f"satker {kode} tidak termasuk dalam evaluasi {self.period.label}",
                field="kode_satker",
                fix="pilih kode KPU Kabupaten/Kota dari provinsi " + ", ".join(self.provinsi),
            )
        return self.ringkasan.loc[rows[0]]

    def office_indicators(self, kode: str) -> pd.DataFrame:
        """The office's rows of :attr:`indikator` (one per indicator)."""
        kode = self.office(kode)["kode_satker"]
        return self.indikator[self.indikator["kode_satker"].to_numpy() == kode]

    def office_medians(self, kode: str) -> pd.Series:
        """The medians of the office's province, by indicator."""
        return self.medians.loc[self.office(kode)["kode_provinsi"]]

    def office_trend(self, kode: str) -> pd.DataFrame:
        """The office's rows of :attr:`trend`, oldest quarter first."""
        kode = self.office(kode)["kode_satker"]
        return self.trend[self.trend["kode_satker"].to_numpy() == kode].reset_index(drop=True)

    def province_trend(self, kode_provinsi: str | None = None) -> pd.DataFrame:
        """:attr:`trend_provinsi` of one province (default: the first evaluated)."""
        kode = kode_provinsi or self.provinsi[0]
        tp = self.trend_provinsi
        return tp[tp["kode_provinsi"].to_numpy() == kode].reset_index(drop=True)
