"""The result of the quarterly evaluation (:class:`Evaluation`), shared by the evaluation, the
findings and the reports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import numpy as np
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
        """The office's ``ringkasan`` row (InputError for an office not evaluated).

        Looked up in an index built once per evaluation (a per-office report asks ~10
        times); the row is shared between calls: read-only, like the frames.
        """
        from workbench.wilayah import normalize_code

        kode = normalize_code(kode)
        index = self._office_index
        row = index.rows.get(kode)
        if row is None:
            position = index.ringkasan.get(kode)
            if position is None:
                raise InputError(
                    f"satker {kode} tidak termasuk dalam evaluasi {self.period.label}",
                    field="kode_satker",
                    fix="pilih kode KPU Kabupaten/Kota dari provinsi " + ", ".join(self.provinsi),
                )
            row = index.rows[kode] = self.ringkasan.loc[self.ringkasan.index[position]]
        return row

    def office_indicators(self, kode: str) -> pd.DataFrame:
        """The office's rows of :attr:`indikator` (one per indicator; shared: read-only)."""
        kode = self.office(kode)["kode_satker"]
        index = self._office_index
        rows = index.indicators.get(kode)
        if rows is None:
            rows = index.indicators[kode] = self.indikator.iloc[
                index.positions(self.indikator, "indikator", kode)
            ]
        return rows

    def office_medians(self, kode: str) -> pd.Series:
        """The medians of the office's province, by indicator."""
        return self.medians.loc[self.office(kode)["kode_provinsi"]]

    def office_trend(self, kode: str) -> pd.DataFrame:
        """The office's rows of :attr:`trend`, oldest quarter first."""
        kode = self.office(kode)["kode_satker"]
        positions = self._office_index.positions(self.trend, "trend", kode)
        return self.trend.iloc[positions].reset_index(drop=True)

    def office_trend_records(self, kode: str) -> list[dict]:
        """:meth:`office_trend` as ``to_dict("records")``, the same values; the records of
        every office are made once per evaluation (shared: read-only)."""
        kode = self.office(kode)["kode_satker"]
        index = self._office_index
        if index.trend_records is None:
            index.trend_records = self.trend.to_dict("records")
        records = index.trend_records
        return [records[i] for i in index.positions(self.trend, "trend", kode)]

    @functools.cached_property
    def _office_index(self) -> "_OfficeIndex":
        """Where each office's rows are, built on first use (the frames are read-only)."""
        return _OfficeIndex.of(self.ringkasan)

    def province_trend(self, kode_provinsi: str | None = None) -> pd.DataFrame:
        """:attr:`trend_provinsi` of one province (default: the first evaluated)."""
        kode = kode_provinsi or self.provinsi[0]
        tp = self.trend_provinsi
        return tp[tp["kode_provinsi"].to_numpy() == kode].reset_index(drop=True)


@dataclasses.dataclass
class _OfficeIndex:
    """Positions of each office's rows in the frames of one :class:`Evaluation`, and the
    rows already looked up. Selecting by position gives the same rows, in the same order
    and with the same labels, as the boolean masks it replaces."""

    ringkasan: dict[str, int]  # kode_satker -> position of its (first) row
    rows: dict[str, pd.Series] = dataclasses.field(default_factory=dict)
    indicators: dict[str, pd.DataFrame] = dataclasses.field(default_factory=dict)
    groups: dict[str, dict[str, np.ndarray]] = dataclasses.field(default_factory=dict)
    trend_records: list[dict] | None = None

    @classmethod
    def of(cls, ringkasan: pd.DataFrame) -> "_OfficeIndex":
        first: dict[str, int] = {}
        for position, kode in enumerate(ringkasan["kode_satker"].to_numpy()):
            first.setdefault(kode, position)
        return cls(first)

    def positions(self, frame: pd.DataFrame, name: str, kode: str) -> np.ndarray:
        """Positions of ``kode``'s rows in ``frame`` (named ``name``), in frame order."""
        groups = self.groups.get(name)
        if groups is None:
            codes = frame["kode_satker"].to_numpy()
            order = np.argsort(codes, kind="stable")
            keys, starts = np.unique(codes[order], return_index=True)
            groups = self.groups[name] = {k: p for k, p in zip(keys, np.split(order, starts[1:]))}
        return groups.get(kode, np.empty(0, dtype=np.intp))
