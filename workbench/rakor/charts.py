"""The attendance chart: one horizontal stacked bar per institution, one segment per status.

Built on :class:`matplotlib.figure.Figure` directly (no pyplot state), so it is safe in
notebooks, batch workers and tests alike. The figure grows with the number of institutions
so that 40 offices stay readable.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from workbench.rakor.attendance_model import PRESENT, STATUSES
from workbench.rakor.summary import summarize

NO_INSTANSI = "(tanpa instansi)"
SHORT = "Hadir, durasi kurang"

COLORS: dict[str, str] = {
    "Hadir": "#2e7d32",
    "Hadir (daring)": "#1565c0",
    SHORT: "#90caf9",
    "Izin": "#f9a825",
    "Sakit": "#8e24aa",
    "Dinas Luar": "#6d4c41",
    "Tanpa Keterangan": "#c62828",
}

_BAR_INCHES = 0.24
_BASE_INCHES = 1.9


def chart_table(df: pd.DataFrame) -> pd.DataFrame:
    """Counts per institution (index, display labels) and segment (columns, non-empty only).

    Present people whose Zoom time fell short (``kurang_durasi``) form their own segment.
    """
    table = summarize(df).set_index("instansi")[list(STATUSES)]
    short = df[df["kurang_durasi"].astype(bool) & df["status"].isin(PRESENT)]
    short_counts = (
        short.assign(instansi=short["instansi"].fillna("").astype(str).str.strip())
        .groupby(["instansi", "status"])
        .size()
    )
    table = table.copy()
    table[SHORT] = 0
    # zip over the MultiIndex: its entries are (instansi, status) pairs, which .items() types
    # as a bare Hashable
    for (instansi, status), count in zip(short_counts.index, short_counts):
        table.loc[instansi, status] -= count
        table.loc[instansi, SHORT] += count
    order = ["Hadir", "Hadir (daring)", SHORT, "Izin", "Sakit", "Dinas Luar", "Tanpa Keterangan"]
    table = table[[c for c in order if table[c].sum() > 0]]
    return table.rename(index=lambda s: s or NO_INSTANSI)


def attendance_chart(df: pd.DataFrame, *, title: str = "Kehadiran Peserta per Instansi") -> Figure:
    """Horizontal stacked bars of attendance by institution and status.

    Parameters
    ----------
    df : pandas.DataFrame
        The attendance table (:data:`workbench.rakor.attendance_model.COLUMNS`), rows in display
        order (as :func:`workbench.rakor.merge.merge_attendance` returns them).
    title : str
        Chart title (Indonesian).

    Returns
    -------
    matplotlib.figure.Figure
        One bar per institution, top to bottom in table order, with the total at its end.
    """
    table = chart_table(df) if len(df) else pd.DataFrame()
    n = len(table)
    fig = Figure(figsize=(8.0, _BASE_INCHES + _BAR_INCHES * max(n, 3)), layout="constrained")
    ax = fig.add_subplot()
    if n == 0:
        ax.text(0.5, 0.5, "Tidak ada data kehadiran", ha="center", va="center")
        ax.set_axis_off()
        return fig
    _draw_bars(ax, table)
    _decorate(fig, ax, table, title)
    return fig


def _draw_bars(ax, table: pd.DataFrame) -> None:
    positions = range(len(table))
    left = pd.Series(0, index=table.index)
    for segment in table.columns:
        values = table[segment]
        ax.barh(
            positions,
            values.to_numpy(),
            left=left.to_numpy(),
            height=0.72,
            color=COLORS[segment],
            label=segment,
            hatch="//" if segment == SHORT else None,
            edgecolor="white",
            linewidth=0.5,
        )
        left = left + values
    for y, total in zip(positions, left):
        ax.text(total + 0.08, y, str(int(total)), va="center", fontsize=7.5)


def _decorate(fig: Figure, ax, table: pd.DataFrame, title: str) -> None:
    n = len(table)
    institutions = sum(1 for name in table.index if name != NO_INSTANSI)  # not an institution
    ax.set_yticks(range(n), labels=list(table.index), fontsize=8 if n > 15 else 9)
    ax.set_ylim(n - 0.5, -0.5)  # first institution at the top
    ax.set_xlim(0, table.sum(axis=1).max() * 1.08 + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Jumlah peserta (orang)")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(
        title="Status kehadiran",
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=min(len(table.columns), 4),
        frameon=False,
        fontsize=8,
        title_fontsize=8.5,
    )
    fig.suptitle(
        f"{title} ({institutions} instansi, {int(table.to_numpy().sum())} orang)", fontsize=11
    )
