"""Build DataFrames that follow the attendance contract
(:mod:`workbench.rakor.attendance_model`)."""

from __future__ import annotations

import math
from typing import Iterable, Mapping

import pandas as pd

from workbench.rakor.attendance_model import COLUMNS

_TEXT = ("nama", "jabatan", "instansi", "status", "keterangan", "sumber")
_FLOAT = ("durasi_menit", "persen_hadir")


def to_frame(records: Iterable[Mapping]) -> pd.DataFrame:
    """A DataFrame with exactly :data:`COLUMNS` and their dtypes from dict-like records.

    Missing text is '', missing numbers NaN, missing ``kurang_durasi`` False.
    """
    rows = []
    for rec in records:
        row: dict[str, object] = {c: _text(rec.get(c)) for c in _TEXT}
        row.update({c: _number(rec.get(c)) for c in _FLOAT})
        row["kurang_durasi"] = bool(rec.get("kurang_durasi") or False)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype(
        {**{c: "str" for c in _TEXT}, **{c: "float64" for c in _FLOAT}, "kurang_durasi": "bool"}
    )


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _number(value) -> float:
    if value is None:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan
