"""Attendance counts for the notula's Lampiran and the attendance chart (pure functions)."""

from __future__ import annotations

import pandas as pd

from workbench.rakor.attendance_model import PRESENT, STATUSES

TOTAL = "jumlah"


def _clean(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(
        instansi=df["instansi"].fillna("").astype(str).str.strip(),
        status=df["status"].fillna("").astype(str),
    )


def summarize(df: pd.DataFrame) -> pd.DataFrame:
    """People per institution and status.

    Parameters
    ----------
    df : pandas.DataFrame
        The attendance table (:data:`workbench.rakor.attendance_model.COLUMNS`).

    Returns
    -------
    pandas.DataFrame
        Columns ``instansi`` ('' when unknown), one int column per status in
        :data:`~workbench.rakor.attendance_model.STATUSES` order (zeros included), and ``jumlah``.
        One row per institution, in the order institutions first appear in ``df`` (the
        merged table is already in display order). Totals: :func:`status_totals`.
    """
    frame = _clean(df)
    order = list(dict.fromkeys(frame["instansi"]))
    table = pd.crosstab(frame["instansi"], frame["status"])
    table = table.reindex(index=order, columns=list(STATUSES), fill_value=0).astype("int64")
    table[TOTAL] = table.sum(axis=1)
    return table.rename_axis(index="instansi", columns=None).reset_index()


def status_totals(df: pd.DataFrame) -> pd.Series:
    """People per status over all institutions (STATUSES order, zeros included), plus
    ``jumlah`` (everyone) and ``hadir_total`` (present in person or online)."""
    frame = _clean(df)
    counts = frame["status"].value_counts().reindex(list(STATUSES), fill_value=0).astype("int64")
    extra = pd.Series(
        {TOTAL: len(frame), "hadir_total": int(frame["status"].isin(PRESENT).sum())}, dtype="int64"
    )
    return pd.concat([counts, extra])


def institution_count(df: pd.DataFrame) -> int:
    """How many institutions the attendance names; rows without instansi ("(tanpa
    instansi)" on the chart) are no institution."""
    names = df["instansi"].fillna("").astype(str).str.strip()
    return int(names[names != ""].nunique())
