"""The Bakohumas score (0–100) and the rank within each province.

Rows are offices grouped by province (contiguous); ``starts`` holds the first row
of each province. The rules are documented in ``docs/evaluasi.md``.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from workbench.bakohumas.weights import PERCENT_INDICATORS, SCALED_INDICATORS, Weights


def province_slices(starts: np.ndarray, n: int) -> list[slice]:
    """The rows of each province, from the first rows ``starts`` and the row count ``n``."""
    ends = [*starts[1:], n]
    return [slice(int(a), int(b)) for a, b in zip(starts, ends)]


def score(
    columns: Mapping[str, np.ndarray], submitted: np.ndarray, w: Weights, starts: np.ndarray
) -> np.ndarray:
    """The 0–100 score (one decimal) of every office; 0 for offices that did not submit."""
    weights = w.indicator_weights
    names = list(weights)
    scaled = [n for n in names if n in SCALED_INDICATORS]
    parts = {}
    if scaled:
        matrix = np.column_stack([columns[n] for n in scaled])
        parts = dict(zip(scaled, scaled_counts(matrix, submitted, starts, w.normalisasi).T))
    for name in names:
        if name in PERCENT_INDICATORS:
            parts[name] = np.clip(columns[name] / 100, 0, 1)
        elif name not in parts:  # yes/no
            parts[name] = columns[name]
    matrix = np.column_stack([parts[n] for n in names])
    matrix = np.where(submitted[:, None], np.nan_to_num(matrix, nan=0.0), 0.0)
    wv = np.array([weights[n] for n in names])
    total = matrix @ wv / wv.sum() * 100
    total -= w.penalti.terlambat * (columns["status_laporan"] == "terlambat")
    total -= w.penalti.tidak_diperbarui * columns["tidak_diperbarui"]
    return np.where(submitted, np.clip(total, 0, 100), 0.0).round(1)


def rank(scores: np.ndarray, slices: list[slice]) -> np.ndarray:
    """Rank within each province slice: 1 = highest; ties share the lowest rank ("min").
    A NaN score (a report not assessed) gets rank 0 and is ranked against by no one."""
    scores = np.asarray(scores, dtype=float)
    ranks = np.zeros(len(scores), dtype=int)
    for sl in slices:
        s = scores[sl]
        ok = ~np.isnan(s)
        ranks[sl] = np.where(ok, 1 + (s[None, :] > s[:, None]).sum(axis=1), 0)
    return ranks


def scaled_counts(
    x: np.ndarray, submitted: np.ndarray, starts: np.ndarray, method: str
) -> np.ndarray:
    """Count indicators scaled 0–1 within each province (max or percentile rank).

    ``starts`` are the first rows of the provinces (rows are grouped by province).
    """
    x = np.where(submitted[:, None], x, np.nan)
    if method == "persentil":
        out = np.zeros_like(x)
        for sl in province_slices(starts, len(x)):
            view, ok = out[sl], submitted[sl]  # a view: assigning into it fills ``out``
            if ok.any():
                view[ok] = pd.DataFrame(x[sl][ok]).rank(pct=True, method="average").to_numpy()
        return out
    top = np.fmax.reduceat(x, starts, axis=0)  # NaN only when nobody submitted
    top = np.repeat(top, np.diff([*starts, len(x)]), axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(submitted[:, None] & (top > 0), x / top, 0.0)
