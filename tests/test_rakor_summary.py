"""Attendance summary: counts by instansi x status, and totals."""

from __future__ import annotations

from workbench.rakor.attendance_model import STATUSES
from workbench.rakor.attendance_table import to_frame
from workbench.rakor.summary import status_totals, summarize


def table():
    rows = [
        ("A", "KPU Kota Batu", "Hadir"),
        ("B", "KPU Kota Batu", "Izin"),
        ("C", "KPU RI", "Hadir (daring)"),
        ("D", "", "Sakit"),
        ("E", "KPU Kota Batu", "Hadir"),
    ]
    return to_frame({"nama": n, "instansi": i, "status": s} for n, i, s in rows)


def test_summarize_counts_in_first_seen_order():
    df = table()
    summary = summarize(df)
    assert list(summary.columns) == ["instansi", *STATUSES, "jumlah"]
    assert summary["instansi"].tolist() == ["KPU Kota Batu", "KPU RI", ""]
    batu = summary.iloc[0]
    assert (batu["Hadir"], batu["Izin"], batu["Sakit"], batu["jumlah"]) == (2, 1, 0, 3)
    assert summary["jumlah"].sum() == len(df)


def test_status_totals():
    totals = status_totals(table())
    assert totals["Hadir"] == 2 and totals["Izin"] == 1 and totals["Dinas Luar"] == 0
    assert totals["jumlah"] == 5 and totals["hadir_total"] == 3


def test_summarize_is_pure():
    df = table()
    copy = df.copy()
    summarize(df)
    status_totals(df)
    assert df.equals(copy)
