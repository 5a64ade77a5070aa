"""The Bakohumas quarterly evaluation: pure, vectorised functions over the report table.

Entry point: :func:`evaluate_period` (a DataFrame from
:func:`~workbench.bakohumas.reader.read_reports` in, an :class:`Evaluation` out).
:func:`evaluate_file` reads a file and caches the evaluation in-process, so a
batch of per-office reports evaluates the table once. Nothing here mutates its
inputs or touches the disk (except :func:`evaluate_file`'s read).

The rules (``docs/evaluasi.md`` explains them for users):

- status: ``belum`` without a submission date (or without a row), ``tepat waktu``
  on or before the deadline (default the 10th of the month after the quarter),
  ``terlambat`` after it;
- ``tidak_diperbarui``: both this and the previous quarter were submitted and the
  report repeats the previous one: every numeric column equal, or the narratives
  ``uraian_kegiatan`` at least 90% alike (rapidfuzz ``token_sort_ratio`` after
  ``default_process``: lower case, punctuation removed; word order ignored);
- indicators against the median of the province's submitted reports;
- constraint flags and a 0–100 score (weights in ``weights.yaml``), ranked
  within the province (1 = best, ties share the lowest rank).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import lru_cache
from typing import Mapping

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from workbench.bakohumas.evaluation import Evaluation
from workbench.bakohumas.schema import (
    COLUMNS,
    COUNT_COLUMNS,
    LABELS,
    MONEY_COLUMNS,
    NUMERIC_COLUMNS,
    Period,
)
from workbench.bakohumas.scoring import province_slices, rank, score
from workbench.bakohumas.weights import Weights, as_weights
from workbench.errors import InputError
from workbench.wilayah import kabupaten_kota

STATUSES: tuple[str, ...] = ("tepat waktu", "terlambat", "belum")
#: Indicator columns of ``ringkasan`` (the report's numbers, two shares and equipment).
INDICATORS: tuple[str, ...] = (
    *COUNT_COLUMNS,
    *MONEY_COLUMNS,
    "realisasi_persen",
    "sdm_terlatih_persen",
    "sarana_memadai",
)
#: Indicators compared with the province median (``Evaluation.indikator``).
MEDIAN_INDICATORS: tuple[str, ...] = (
    *COUNT_COLUMNS,
    *MONEY_COLUMNS,
    "realisasi_persen",
    "sdm_terlatih_persen",
)
FLAGS: tuple[str, ...] = (
    "tanpa_sdm_terlatih",
    "tanpa_anggaran",
    "sarana_tidak_memadai",
    "realisasi_rendah",
)
RINGKASAN_COLUMNS: tuple[str, ...] = (
    "kode_satker",
    "nama_satker",
    "status_laporan",
    "tidak_diperbarui",
    "skor",
    "peringkat",
    *INDICATORS,
    *FLAGS,
    "tanggal_kirim",
    "hari_terlambat",
    "angka_sama",
    "kemiripan_uraian",
    "kode_provinsi",
    "uraian_kegiatan",
    "kendala",
)
#: Columns summed per province and quarter in ``Evaluation.trend_provinsi``.
TOTAL_COLUMNS: tuple[str, ...] = (*COUNT_COLUMNS, *MONEY_COLUMNS)


# ----------------------------------------------------------------------------- entry points
def evaluate_period(
    df: pd.DataFrame,
    period: "Period | str",
    *,
    deadline: dt.date | None = None,
    weights: "Weights | Mapping | None" = None,
    provinsi: str | None = None,
) -> Evaluation:
    """Evaluate the quarter ``period`` of the report table ``df``.

    Parameters
    ----------
    df : DataFrame
        Reports as returned by :func:`~workbench.bakohumas.reader.read_reports`
        (any number of quarters and provinces).
    period : Period or str
        The quarter to evaluate, e.g. ``"2025-TW2"``.
    deadline : date, optional
        Submission deadline of ``period`` (default: :attr:`Period.deadline`). Other
        quarters in the trend use their default deadline.
    weights : Weights, mapping or None
        Scoring configuration (default: ``workbench/bakohumas/weights.yaml``); a user's
        scoring file is read by the job (:func:`workbench.bakohumas.weights.load_weights`).
    provinsi : str, optional
        Evaluate only this province's offices (e.g. ``"35"``).

    Raises
    ------
    InputError
        When ``period`` has no rows (the message lists the periods present) or
        ``df`` lacks report columns.
    """
    from workbench.bakohumas.findings import findings as make_findings

    period = Period.parse(period)
    w = as_weights(weights)
    data = _prepared(df, provinsi)
    universe = _universe(tuple(sorted(data["kode_satker"].str[:2].unique())))
    groups = _by_period(data, universe)
    _check_period(period, groups)
    deadline = deadline or period.deadline
    quarters = {
        p: _quarter(groups, universe, p, deadline if p == period else p.deadline, w)
        for p in sorted(groups)
    }
    ringkasan = quarters[period]
    indikator, medians = _indicators(ringkasan, universe)
    trend = _trend(quarters)
    result = Evaluation(
        period=period,
        deadline=deadline,
        provinsi=universe.province_codes,
        previous_available=period.previous in groups,
        ringkasan=ringkasan,
        indikator=indikator,
        medians=medians,
        trend=trend,
        trend_provinsi=_trend_provinsi(quarters, universe),
        totals=_totals(ringkasan),
        findings=(),
        weights=w,
    )
    return dataclasses.replace(result, findings=tuple(make_findings(result, period)))


# ----------------------------------------------------------------------------- preparation
def _prepared(df: pd.DataFrame, provinsi: str | None) -> pd.DataFrame:
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise InputError(
            f"tabel laporan tidak memuat kolom: {', '.join(missing)}",
            field=missing[0],
            fix="baca laporan dengan read_reports()",
        )
    kode = df["kode_satker"].astype(str)
    if not kode.str.contains(".", regex=False).all():
        from workbench.wilayah import normalize_code

        kode = kode.map(normalize_code)
    data = df.assign(kode_satker=kode, tanggal_kirim=pd.to_datetime(df["tanggal_kirim"]))
    if provinsi is not None:
        data = data[kode.str[:2].to_numpy() == str(provinsi)]
    return data


@dataclasses.dataclass(frozen=True, eq=False)
class _Rows:
    """One quarter's reports aligned to the universe (missing offices: NaT/NaN/'')."""

    sent: np.ndarray  # datetime64[s]
    values: np.ndarray  # (offices, NUMERIC_COLUMNS) float, NaN where not submitted
    sarana: np.ndarray  # 1.0 / 0.0 / NaN
    uraian: np.ndarray  # str objects
    kendala: np.ndarray  # str objects

    @property
    def submitted(self) -> np.ndarray:
        return ~np.isnat(self.sent)


def _by_period(data: pd.DataFrame, universe: "_Universe") -> dict[Period, _Rows]:
    """Each quarter's rows, aligned to ``universe`` as numpy arrays (oldest first)."""
    key = data["tahun"].to_numpy(dtype=int) * 10 + data["triwulan"].to_numpy(dtype=int)
    codes = data["kode_satker"].to_numpy(dtype=object)
    sent = data["tanggal_kirim"].to_numpy(dtype="datetime64[s]")
    values = data[list(NUMERIC_COLUMNS)].to_numpy(dtype=float, na_value=np.nan)
    sarana = data["sarana_memadai"].to_numpy(dtype=float, na_value=np.nan)
    uraian = data["uraian_kegiatan"].fillna("").to_numpy(dtype=object)
    kendala = data["kendala"].fillna("").to_numpy(dtype=object)
    out = {}
    for k in np.unique(key):
        rows = np.flatnonzero(key == k)
        pos = pd.Index(codes[rows]).get_indexer(universe.codes)
        found = pos >= 0
        take = rows[np.where(found, pos, 0)]
        t_sent = np.where(found, sent[take], np.datetime64("NaT", "s"))
        ok = ~np.isnat(t_sent)
        out[Period(int(k) // 10, int(k) % 10)] = _Rows(
            sent=t_sent,
            values=np.where(ok[:, None], values[take], np.nan),
            sarana=np.where(ok, sarana[take], np.nan),
            uraian=np.where(found, uraian[take], ""),
            kendala=np.where(found, kendala[take], ""),
        )
    return out


def _check_period(period: Period, groups: Mapping[Period, _Rows]) -> None:
    if period in groups:
        return
    present = ", ".join(f"{p.label} ({p})" for p in sorted(groups)) or "tidak ada"
    raise InputError(
        f"tidak ada laporan untuk {period.label} ({period}); periode yang ada: {present}",
        field="periode",
        fix="pilih salah satu periode yang ada, atau lengkapi data laporan",
    )


@dataclasses.dataclass(frozen=True, eq=False)
class _Universe:
    """The offices expected to report, grouped by province (contiguous, in code order)."""

    codes: np.ndarray  # '35.01', ...
    names: np.ndarray  # 'KPU Kabupaten Pacitan', ...
    provinces: np.ndarray  # '35' per office
    starts: np.ndarray  # index of each province's first office
    province_codes: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.codes)

    def slices(self) -> list[slice]:
        return province_slices(self.starts, len(self.codes))


@lru_cache(maxsize=8)
def _universe(provinces: tuple[str, ...]) -> _Universe:
    """Every kabupaten/kota office of ``provinces`` (the offices expected to report)."""
    offices = [o for p in provinces for o in kabupaten_kota(p)]
    prov = np.array([o.kode_provinsi for o in offices], dtype=object)
    present = tuple(dict.fromkeys(prov))
    starts = np.array([int(np.argmax(prov == p)) for p in present], dtype=int)
    return _Universe(
        np.array([o.kode for o in offices], dtype=object),
        np.array([o.nama for o in offices], dtype=object),
        prov,
        starts,
        present,
    )


# ----------------------------------------------------------------------------- one quarter
def _quarter(
    groups: Mapping[Period, _Rows],
    universe: _Universe,
    period: Period,
    deadline: dt.date,
    w: Weights,
) -> pd.DataFrame:
    """The ``ringkasan`` of one quarter (statuses, staleness, indicators, flags, score)."""
    cur = groups[period]
    sent, submitted = cur.sent, cur.submitted
    late_days = (sent - np.datetime64(deadline, "s")) / np.timedelta64(1, "D")
    status = np.where(~submitted, "belum", np.where(late_days > 0, "terlambat", "tepat waktu"))
    num = dict(zip(NUMERIC_COLUMNS, cur.values.T))
    same, similarity = _staleness(cur, groups.get(period.previous))
    stale = same | (similarity >= w.ambang.kemiripan_uraian)
    # a copied report is "tidak dinilai": no score, rank, flag, median, total or praise
    assessed = submitted & ~stale
    with np.errstate(divide="ignore", invalid="ignore"):
        realisasi = np.where(
            num["anggaran"] > 0, num["realisasi_anggaran"] / num["anggaran"] * 100, np.nan
        )
        terlatih = np.where(
            num["sdm_pelaksana"] > 0, num["sdm_terlatih"] / num["sdm_pelaksana"] * 100, np.nan
        )
    columns = {
        "kode_satker": universe.codes,
        "nama_satker": universe.names,
        "status_laporan": status,
        "tidak_diperbarui": stale,
        "skor": 0.0,
        "peringkat": 0,
        **num,
        "realisasi_persen": realisasi,
        "sdm_terlatih_persen": terlatih,
        "sarana_memadai": cur.sarana,
        "tanpa_sdm_terlatih": assessed & (num["sdm_terlatih"] == 0),
        "tanpa_anggaran": assessed & (num["anggaran"] == 0),
        "sarana_tidak_memadai": assessed & (cur.sarana == 0),
        "realisasi_rendah": assessed & (realisasi < w.ambang.realisasi_rendah_persen),
        "tanggal_kirim": sent,
        "hari_terlambat": np.where(submitted, np.fmax(late_days, 0), np.nan),
        "angka_sama": same,
        "kemiripan_uraian": similarity,
        "kode_provinsi": universe.provinces,
        "uraian_kegiatan": cur.uraian.astype(str),
        "kendala": cur.kendala.astype(str),
    }
    columns["skor"] = np.where(stale, np.nan, score(columns, assessed, w, universe.starts))
    columns["peringkat"] = rank(columns["skor"], universe.slices())  # 0: not ranked
    return pd.DataFrame(columns)


def assessed_mask(ringkasan: pd.DataFrame) -> np.ndarray:
    """The reports that are assessed: submitted and not copied from the previous quarter
    (a stale report is "tidak dinilai")."""
    submitted = ringkasan["status_laporan"].to_numpy() != "belum"
    return submitted & ~ringkasan["tidak_diperbarui"].to_numpy(dtype=bool)


def _staleness(cur: _Rows, prev: _Rows | None) -> tuple[np.ndarray, np.ndarray]:
    """``(numbers all equal, narrative similarity 0–100 or NaN)`` against the previous quarter.

    Only offices that submitted both quarters are compared; a narrative is compared
    only when both are non-empty.
    """
    n = len(cur.sent)
    similarity = np.full(n, np.nan)
    if prev is None:
        return np.zeros(n, dtype=bool), similarity
    both = cur.submitted & prev.submitted
    same = both & np.all(cur.values == prev.values, axis=1)
    has_text = np.array(
        [bool(a.strip()) and bool(b.strip()) for a, b in zip(cur.uraian, prev.uraian)], dtype=bool
    )
    idx = np.flatnonzero(both & has_text)
    if len(idx):
        similarity[idx] = process.cpdist(
            list(cur.uraian[idx]),
            list(prev.uraian[idx]),
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            dtype=np.float64,
        )
    return same, similarity


# ----------------------------------------------------------------------------- derived tables
def _indicators(ringkasan: pd.DataFrame, universe: _Universe) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The long office-vs-median table and the medians per province."""
    cols = list(MEDIAN_INDICATORS)
    submitted = assessed_mask(ringkasan)  # medians of the assessed reports only
    val = np.where(
        submitted[:, None] | (ringkasan["status_laporan"].to_numpy() == "belum")[:, None],
        ringkasan[cols].to_numpy(dtype=float),
        np.nan,
    )
    slices = universe.slices()
    per_province = np.array([_column_medians(val[sl][submitted[sl]]) for sl in slices])
    medians = pd.DataFrame(
        per_province, columns=cols, index=pd.Index(universe.province_codes, name="kode_provinsi")
    )
    med = per_province[np.repeat(np.arange(len(slices)), [sl.stop - sl.start for sl in slices])]
    k, n = len(cols), len(ringkasan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(med > 0, val / med, np.nan)
    diff = val - med
    posisi = np.where(
        np.isnan(diff), "", np.where(diff > 0, "di atas", np.where(diff < 0, "di bawah", "sama"))
    )
    long = pd.DataFrame(
        {
            "kode_satker": np.repeat(universe.codes, k),
            "nama_satker": np.repeat(universe.names, k),
            "indikator": np.tile(cols, n),
            "label": np.tile([LABELS[c] for c in cols], n),
            "nilai": val.ravel(),
            "median": med.ravel(),
            "selisih": diff.ravel(),
            "rasio": ratio.ravel(),
            "posisi": posisi.ravel(),
        }
    )
    return long, medians


def _column_medians(block: np.ndarray) -> np.ndarray:
    """Median of each column, NaNs ignored (NaN for a column without values)."""
    k = block.shape[1]
    if not len(block):
        return np.full(k, np.nan)
    ordered = np.sort(block, axis=0)  # NaNs sort last
    n = (~np.isnan(block)).sum(axis=0)
    cols = np.arange(k)
    lo, hi = np.maximum((n - 1) // 2, 0), np.maximum(n // 2, 0)
    hi = np.minimum(hi, len(block) - 1)
    return np.where(n > 0, (ordered[lo, cols] + ordered[hi, cols]) / 2, np.nan)


_TREND_COLUMNS = (
    "kode_satker",
    "nama_satker",
    "kode_provinsi",
    "status_laporan",
    "tidak_diperbarui",
    "skor",
    "peringkat",
    *INDICATORS,
    *FLAGS,
)


def _trend(quarters: Mapping[Period, pd.DataFrame]) -> pd.DataFrame:
    """Every office's evaluation for every quarter present (oldest first)."""
    frames = [
        q[list(_TREND_COLUMNS)].assign(
            periode=str(p), periode_label=p.label, tahun=p.tahun, triwulan=p.triwulan
        )
        for p, q in quarters.items()
    ]
    trend = pd.concat(frames, ignore_index=True)
    first = ["periode", "periode_label", "tahun", "triwulan"]
    return trend[first + list(_TREND_COLUMNS)]


def _trend_provinsi(quarters: Mapping[Period, pd.DataFrame], universe: _Universe) -> pd.DataFrame:
    """Per province and quarter: status counts, sums, realisation share, score median."""
    starts, slices = universe.starts, universe.slices()
    frames = []
    for period, q in quarters.items():
        status = q["status_laporan"].to_numpy()
        flags = np.column_stack([status == s for s in STATUSES] + [q["tidak_diperbarui"]])
        assessed = assessed_mask(q)  # copied reports are left out of the sums
        sums = np.add.reduceat(
            np.nan_to_num(q[list(TOTAL_COLUMNS)].to_numpy(dtype=float)) * assessed[:, None],
            starts,
            axis=0,
        )
        counts = np.add.reduceat(flags.astype(int), starts, axis=0)
        score = q["skor"].to_numpy()
        frame = pd.DataFrame(sums, columns=list(TOTAL_COLUMNS))
        frame.insert(0, "kode_provinsi", list(universe.province_codes))
        frame.insert(1, "periode", str(period))
        frame.insert(2, "periode_label", period.label)
        frame["jumlah_satker"] = [sl.stop - sl.start for sl in slices]
        for i, name in enumerate([s.replace(" ", "_") for s in STATUSES] + ["tidak_diperbarui"]):
            frame[name] = counts[:, i]
        reported = assessed  # the median score of the assessed reports
        frame["median_skor"] = [_column_medians(score[sl][reported[sl], None])[0] for sl in slices]
        with np.errstate(divide="ignore", invalid="ignore"):
            frame["realisasi_persen"] = np.where(
                sums[:, -2] > 0, sums[:, -1] / sums[:, -2] * 100, np.nan
            )
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _totals(r: pd.DataFrame) -> dict:
    """Figures of the evaluated quarter over all offices evaluated."""
    status = r["status_laporan"].to_numpy()
    submitted = status != "belum"
    assessed = assessed_mask(r)  # copied (stale) reports are in no total
    a = r[assessed]
    totals: dict = {
        "jumlah_satker": len(r),
        "melapor": int(submitted.sum()),
        "dinilai": int(assessed.sum()),
        **{s.replace(" ", "_"): int((status == s).sum()) for s in STATUSES},
        "tidak_diperbarui": int(r["tidak_diperbarui"].sum()),
        **{c: float(np.nansum(a[c].to_numpy(dtype=float))) for c in TOTAL_COLUMNS},
        **{f: int(r[f].sum()) for f in FLAGS},
        "dengan_anggaran": int((a["anggaran"].to_numpy(dtype=float) > 0).sum()),
        "dengan_kegiatan_non_anggaran": int(
            (a["kegiatan_non_anggaran"].to_numpy(dtype=float) > 0).sum()
        ),
        "median_skor": (
            float(np.median(r["skor"].to_numpy()[assessed])) if assessed.any() else float("nan")
        ),
    }
    totals["realisasi_persen"] = (
        totals["realisasi_anggaran"] / totals["anggaran"] * 100
        if totals["anggaran"] > 0
        else float("nan")
    )
    return totals
