"""Charts of the Bakohumas quarterly evaluation, as matplotlib Figures.

Every function is pure: DataFrames/Series in, a new
:class:`matplotlib.figure.Figure` out (no pyplot global state, nothing written).
The caller saves the figure, usually through :func:`figure_png`.

Speed matters: the per-office chart (:func:`office_vs_median_chart`) is drawn
once per office report, 514 times in a national batch. The figures therefore
use a fixed layout (``subplots_adjust`` with margins computed from the label
lengths, no ``tight_layout``/``bbox_inches="tight"``, which draw twice), a
modest size and dpi, few text objects, and PNGs written with fast zlib
compression.
"""

from __future__ import annotations

import contextlib
import io
import math
import threading
from functools import lru_cache
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from workbench.bakohumas.schema import LABELS, MONEY_COLUMNS, OUTPUT_COLUMNS
from workbench.indonesian import angka, persen, rupiah

#: dpi of the PNGs placed in documents (the charts are ~16 cm wide: ~120 dpi reads well).
DPI = 120

#: How charts and documents name the values of ``ringkasan.status_laporan``.
STATUS_LABELS: dict[str, str] = {
    "tepat waktu": "Tepat waktu",
    "terlambat": "Terlambat",
    "belum": "Belum mengirim",
}
STATUS_COLORS: dict[str, str] = {
    "tepat waktu": "#2E7D32",
    "terlambat": "#EF8F00",
    "belum": "#B71C1C",
}
#: Panels of :func:`trend_chart`: public-relations outputs and the median score.
TREND_PANELS: tuple[str, ...] = (*OUTPUT_COLUMNS, "median_skor")

KPU_RED = "#8B1A1A"
MEDIAN_GREY = "#9E9E9E"
_FONT = 8.5


# ----------------------------------------------------------------------------- helpers
@lru_cache(maxsize=1)
def chart_font() -> str:
    """The first installed of Arial, Liberation Sans (Arial's metrics), DejaVu Sans."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in ("Arial", "Liberation Sans") if f in installed), "DejaVu Sans")


def styled(build):
    """Decorator: build the figure in the workbench style (global rcParams restored after).

    Artists take their font and colours when created, so only building the
    figure needs the style, not saving it.
    """
    import functools

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        style = {"font.family": chart_font(), "axes.edgecolor": "#616161", "axes.linewidth": 0.8}
        with _rc_set(style):
            return build(*args, **kwargs)

    return wrapper


@contextlib.contextmanager
def _rc_set(values: Mapping[str, object]):
    """``matplotlib.rc_context(values)`` for code that changes no other setting: only these
    keys are saved and restored (``rc_context`` copies all ~300 settings, twice per chart)."""
    import matplotlib

    params: Any = matplotlib.rcParams
    saved = {key: dict.__getitem__(params, key) for key in values}
    try:
        params.update(values)
        yield
    finally:
        dict.update(params, saved)  # as rc_context restores: no validation, no warnings


def new_figure(width_in: float, height_in: float) -> Figure:
    """A pyplot-free Figure of the given size (inches) with the workbench style."""
    fig = Figure(figsize=(width_in, height_in), dpi=DPI)
    fig.patch.set_facecolor("white")
    return fig


def figure_png(fig: Figure, dpi: int | None = None) -> bytes:
    """The figure as PNG bytes, drawn once on an Agg canvas (no pyplot).

    Glyphs are drawn unhinted (~35% faster text, same look at this size) and the
    PNG is written as RGB (the figures are opaque) with fast zlib compression. The Agg
    renderer is reused for figures of the same pixel size on this thread (see
    :class:`_ReusingCanvas`), so text measured for an earlier chart is not measured again. ``dpi``
    defaults to the figure's.
    """
    from PIL import Image as PILImage

    if dpi is not None and dpi != fig.dpi:
        fig.set_dpi(dpi)
    canvas = _reusing_canvas_class()(fig)
    with _rc_set({"text.hinting": "no_hinting"}):
        canvas.draw()
    buf = io.BytesIO()
    rgb = PILImage.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).convert(
        "RGB"
    )
    canvas.release()  # the RGB copy no longer shares the renderer's buffer
    rgb.save(buf, "png", compress_level=1, dpi=(fig.dpi, fig.dpi))
    return buf.getvalue()


_RENDERERS = threading.local()
_MAX_RENDERERS = 8


@lru_cache(maxsize=1)
def _reusing_canvas_class():
    """An Agg canvas taking its renderer from a small per-thread pool keyed by size.

    matplotlib caches text metrics per renderer object; a new canvas per figure
    means a new renderer, so every label was laid out again for each of the
    514 office charts (~4 ms of ~20 ms per chart). The renderers draw text from cached
    glyph bitmaps (:mod:`workbench.charts.agg_text`). The output is byte-identical.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from workbench.charts.agg_text import renderer_class

    class ReusingCanvas(FigureCanvasAgg):
        def get_renderer(self):
            w, h = self.get_width_height(physical=True)
            key = (w, h, self.figure.dpi)
            pool = getattr(_RENDERERS, "pool", None)
            if pool is None:
                pool = _RENDERERS.pool = {}
            renderer = pool.pop(key, None)  # taken while drawing: no sharing across canvases
            if renderer is None:
                renderer = renderer_class()(w, h, self.figure.dpi)
            self.renderer, self._lastKey = renderer, key
            return renderer

        def release(self):
            """Give the renderer back to the pool (the canvas keeps no pixels after this)."""
            pool = getattr(_RENDERERS, "pool", None)
            renderer = self.__dict__.pop("renderer", None)
            if pool is not None and renderer is not None and len(pool) < _MAX_RENDERERS:
                pool[self._lastKey] = renderer
            self._lastKey = None

    return ReusingCanvas


def short_office_name(nama: str) -> str:
    """'KPU Kabupaten Pamekasan' -> 'Kab. Pamekasan'; 'KPU Kota Batu' -> 'Kota Batu'."""
    text = str(nama).strip()
    if text.startswith("KPU "):
        text = text[4:]
    if text.startswith("Kabupaten "):
        text = "Kab. " + text[len("Kabupaten ") :]
    return text


def indicator_label(column: str) -> str:
    """The display name of an indicator column ('siaran_pers' -> 'Siaran pers')."""
    extra = {"median_skor": "Median skor", "skor": "Skor"}
    return LABELS.get(column) or extra.get(column) or column.replace("_", " ").capitalize()


def compact_number(value: float, column: str = "") -> str:
    """Short Indonesian value label: '12', '3,5', '59,4%', 'Rp12,5 jt', 'Rp1,2 M'.

    ``column`` picks the unit: rupiah for money columns, percent for ``*_persen``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if column.endswith("_persen"):
        return persen(value)
    if column in MONEY_COLUMNS:
        for size, unit in ((1e9, "M"), (1e6, "jt"), (1e3, "rb")):
            if abs(value) >= size:
                return f"Rp{angka(value / size, 1 if value / size < 100 else 0)} {unit}"
        return rupiah(value)
    return angka(value, 0 if float(value).is_integer() else 1)


def _left_margin(labels: Iterable[str], width_in: float, font: float = _FONT) -> float:
    """Figure fraction for y tick labels of this length (Arial ~0.55 em per character)."""
    longest = max((len(s) for s in labels), default=4)
    inches = longest * font * 0.55 / 72 + 0.15
    return min(0.45, inches / width_in)


def _style_axes(ax, grid_axis: str = "x") -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=_FONT, length=2)
    ax.grid(axis=grid_axis, color="#E0E0E0", linewidth=0.6)
    ax.set_axisbelow(True)


# ----------------------------------------------------------------------------- province charts
@styled
def submission_chart(ringkasan: pd.DataFrame) -> Figure:
    """Bars: number of offices per report status (tepat waktu, terlambat, belum), and the
    copied reports among those sent ("tidak dinilai", hatched).

    Every status gets a bar, also when its count is zero, so quarters compare.
    """
    counts = ringkasan["status_laporan"].value_counts()
    keys = list(STATUS_LABELS)
    values = [int(counts.get(k, 0)) for k in keys]
    # the copied reports (sent, on time or late) as a bar of their own, hatched
    stale = (ringkasan["status_laporan"] != "belum") & ringkasan["tidak_diperbarui"].astype(bool)
    values.append(int(stale.sum()))
    fig = new_figure(5.6, 2.6)
    fig.subplots_adjust(left=0.08, right=0.98, top=0.86, bottom=0.14)
    ax = fig.add_subplot()
    x = np.arange(len(values))
    bars = ax.bar(x, values, color=[*(STATUS_COLORS[k] for k in keys), "white"], width=0.55)
    bars[-1].set_edgecolor(MEDIAN_GREY)
    bars[-1].set_hatch("////")
    ax.set_xticks(x, [*(STATUS_LABELS[k] for k in keys), STALE_LABEL])
    for xi, v in enumerate(values):  # x is 0, 1, 2, ...
        ax.text(xi, v, f"{v}", ha="center", va="bottom", fontsize=_FONT + 1, fontweight="bold")
    ax.set_ylim(0, max(values + [1]) * 1.18)
    ax.set_title(
        f"Status laporan triwulan ({len(ringkasan)} satker)", fontsize=_FONT + 1, loc="left"
    )
    _style_axes(ax, "y")
    locator = ax.yaxis.get_major_locator()
    if isinstance(locator, MaxNLocator):  # the default AutoLocator is one
        locator.set_params(integer=True)
    return fig


@styled
def indicators_chart(ringkasan: pd.DataFrame) -> Figure:
    """Horizontal bars of every office's score (0–100), best on top, coloured by status.

    A dashed line marks the province median. Readable for the 38 offices of a
    province (the height grows with the number of offices).
    """
    # copied reports (no score) at the bottom, with those that sent nothing
    data = ringkasan.sort_values(
        ["skor", "nama_satker"], ascending=[True, True], na_position="first"
    )
    labels = [short_office_name(n) for n in data["nama_satker"]]
    n = len(data)
    width = 6.3
    height = max(2.2, 0.17 * n + 0.9)
    fig = new_figure(width, height)
    left = _left_margin(labels, width)
    fig.subplots_adjust(left=left, right=0.97, top=1 - 0.55 / height, bottom=0.45 / height)
    ax = fig.add_subplot()
    y = np.arange(n)
    colors = [STATUS_COLORS.get(s, MEDIAN_GREY) for s in data["status_laporan"]]
    skor = data["skor"].to_numpy(dtype=float)
    ax.barh(y, np.nan_to_num(skor), color=colors, height=0.7)
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(0, 100)
    _mark_unscored(ax, data, y)
    assessed = (data["status_laporan"].to_numpy() != "belum") & ~np.isnan(skor)
    median = float(np.median(skor[assessed])) if assessed.any() else 0.0
    ax.axvline(median, color="#424242", linestyle="--", linewidth=0.9)
    ax.text(
        median,
        n - 0.4,
        f" median {angka(median, 1)}",
        fontsize=_FONT - 0.5,
        va="bottom",
        ha="left",
        color="#424242",
    )
    ax.set_xlabel("Skor (0–100)", fontsize=_FONT)
    _style_axes(ax, "x")
    from matplotlib.patches import Patch

    handles = [Patch(color=STATUS_COLORS[k], label=STATUS_LABELS[k]) for k in STATUS_LABELS]
    handles.append(Patch(facecolor="white", edgecolor=MEDIAN_GREY, hatch="////", label=STALE_LABEL))
    fig.legend(
        handles=handles,
        loc="upper left",
        ncol=4,
        fontsize=_FONT,
        frameon=False,
        bbox_to_anchor=(left - 0.02, 1.0),
        handlelength=1.2,
        columnspacing=1.2,
    )
    return fig


#: How the score chart marks a copied report (no score).
STALE_LABEL = "Tidak dinilai (salinan)"


def _mark_unscored(ax, data: pd.DataFrame, y: np.ndarray) -> None:
    """Offices without a bar made visible: a hatched full-width band and a word for a
    copied report ("tidak dinilai"), a word for one that sent nothing ("belum mengirim")."""
    for yi, status, skor in zip(y, data["status_laporan"], data["skor"].to_numpy(dtype=float)):
        if status == "belum":
            ax.text(
                1,
                yi,
                "belum mengirim laporan",
                va="center",
                fontsize=_FONT - 1,
                color=STATUS_COLORS["belum"],
                fontstyle="italic",
            )
        elif np.isnan(skor):
            ax.barh(
                yi,
                100,
                height=0.7,
                color="white",
                edgecolor=MEDIAN_GREY,
                hatch="////",
                linewidth=0.4,
            )
            ax.text(
                1.5,
                yi,
                "tidak dinilai: laporan salinan triwulan sebelumnya",
                va="center",
                fontsize=_FONT - 1,
                color="#424242",
                fontstyle="italic",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
            )


@styled
def trend_chart(trend: pd.DataFrame, columns: Iterable[str] = TREND_PANELS) -> Figure:
    """Province figures per quarter, one small panel per column (bars with values).

    ``trend`` has one row per quarter, oldest first (e.g.
    ``Evaluation.province_trend()``), a label column ``periode_label`` (or
    ``periode``, else the index) and the numeric ``columns``; missing columns are
    left out. Panels have their own scales: the outputs differ a hundredfold.
    """
    labels = _period_labels(trend)
    cols = [c for c in columns if c in trend.columns]
    ncols = 3
    nrows = max(1, math.ceil(len(cols) / ncols))
    height = 1.45 * nrows + 0.2
    fig = new_figure(6.3, height)
    fig.subplots_adjust(
        left=0.04, right=0.99, top=1 - 0.35 / height, bottom=0.42 / height, hspace=0.75, wspace=0.15
    )
    x = np.arange(len(labels))
    colors = [MEDIAN_GREY] * (len(labels) - 1) + [KPU_RED]  # the evaluated quarter stands out
    for i, col in enumerate(cols):
        ax = fig.add_subplot(nrows, ncols, i + 1)
        values = trend[col].to_numpy(dtype=float)
        ax.bar(x, values, width=0.6, color=colors)
        top = np.nanmax(values) if len(values) and not np.isnan(values).all() else 1.0
        for xi, v in enumerate(values):  # x is 0, 1, 2, ...
            ax.text(xi, v, compact_number(v, col), ha="center", va="bottom", fontsize=_FONT - 0.5)
        ax.set_ylim(0, (top or 1.0) * 1.25)
        ax.set_xticks(x, labels)
        ax.set_yticks([])
        ax.set_title(indicator_label(col), fontsize=_FONT + 0.5, loc="left")
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(labelsize=_FONT - 0.5, length=0)
    return fig


# ----------------------------------------------------------------------------- office charts
def office_vs_median_chart(
    indicators_row: Mapping[str, float] | pd.Series,
    medians: Mapping[str, float] | pd.Series,
    *,
    satker_label: str = "Satker",
) -> Figure:
    """One office against the province median: horizontal grouped bars per indicator.

    Indicators have different units (counts, rupiah), so each pair is drawn
    on its own scale: the larger of the two values is the full bar, and both
    bars carry their actual value (rupiah abbreviated).

    Drawn lean, because it is made once per office report (514 times nationally):
    no Axes at all (creating one, with its axis and tick machinery, cost more than
    drawing the chart). The bars are one collection and the labels plain texts,
    all placed on the figure through one data-to-figure transform
    (:func:`_panel_transform`); figure artists are not clipped. A batch draws it
    through :func:`office_vs_median_png`, which reuses one figure per layout.

    Parameters
    ----------
    indicators_row:
        The office's values by indicator column.
    medians:
        The province medians by indicator column; indicators missing from
        either side are left out. Order follows ``medians``.
    satker_label:
        Key label for the office's bars (e.g. 'Kab. Pamekasan').
    """
    cols, office, median = _office_chart_values(indicators_row, medians)
    chart = _OfficeChart(tuple(cols))
    chart.update(office, median, satker_label)
    return chart.fig


def office_vs_median_png(
    indicators_row: Mapping[str, float] | pd.Series,
    medians: Mapping[str, float] | pd.Series,
    *,
    satker_label: str = "Satker",
) -> bytes:
    """``figure_png(office_vs_median_chart(...))``, the same bytes, without building a figure
    per call: the figure, its texts and its layout are kept per indicator list (on this
    thread) and only the bars, the value labels and the office's name change."""
    cols, office, median = _office_chart_values(indicators_row, medians)
    charts = getattr(_OFFICE_CHARTS, "by_columns", None)
    if charts is None:
        charts = _OFFICE_CHARTS.by_columns = {}
    chart = charts.pop(tuple(cols), None) or _OfficeChart(tuple(cols))
    try:
        chart.update(office, median, satker_label)
        return figure_png(chart.fig)
    finally:
        if len(charts) < _MAX_OFFICE_CHARTS:
            charts[chart.cols] = chart  # back for the next office (taken while in use)


_OFFICE_CHARTS = threading.local()
_MAX_OFFICE_CHARTS = 4


def _office_chart_values(indicators_row, medians) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The indicators drawn (in ``medians``' order) and the office's and median values."""
    row, med = dict(indicators_row), dict(medians)
    cols = [c for c in med if c in row]
    office = np.array([_num(row[c]) for c in cols])
    median = np.array([_num(med[c]) for c in cols])
    return cols, office, median


class _OfficeChart:
    """The office-vs-median figure of one indicator list: built once with its constant
    parts (size, margins, indicator labels, key), then :meth:`update` per office sets what
    changes. Artists are created in the same order and with the same properties as for
    a one-off chart, so both draw the same pixels."""

    BAR = 0.38  # height of one bar (data units; a row is 1)

    @styled
    def __init__(self, cols: tuple[str, ...]):
        from matplotlib.collections import PolyCollection
        from matplotlib.text import Text

        self.cols = cols
        n = len(cols)
        labels = [indicator_label(c) for c in cols]
        # 0.12 in below the panel: the lowest median label hangs under its bar and was cut
        # off at 0.05 in.
        width, height = 5.0, 0.23 * n + 0.52
        self.fig = fig = new_figure(width, height)
        left = _left_margin(labels, width)
        panel = _panel_transform(
            fig, (left, 0.12 / height, 0.87 - left, 1 - 0.47 / height), ((0, -0.55), (1, n - 0.45))
        )
        self.y = np.arange(n)[::-1].astype(float)
        self.baseline = ((0, -0.55), (0, n - 0.45), (0.004, n - 0.45), (0.004, -0.55))
        colors = ["#424242", *([KPU_RED, MEDIAN_GREY] * n)]
        self.bars = PolyCollection(
            [self.baseline] * (1 + 2 * n), facecolors=colors, edgecolors="none", transform=panel
        )
        fig.add_artist(self.bars)
        self.values: list[tuple[Text, Text]] = []
        texts = []
        for yi, label in zip(self.y, labels):
            h = self.BAR
            pair = (
                Text(0, yi + h / 2, "", va="center", fontsize=_FONT - 0.5),
                Text(0, yi - h / 2, "", va="center", fontsize=_FONT - 0.5, color="#616161"),
            )
            self.values.append(pair)
            texts += [*pair, Text(-0.015, yi, label, va="center", ha="right", fontsize=_FONT)]
        for text in texts:
            text.set_transform(panel)
            fig.add_artist(text)
        top = 1 - 0.1 / height
        self.key = fig.text(left, top, "", color=KPU_RED, fontsize=_FONT, va="top")
        fig.text(
            left + 0.3, top, "\u25a0 Median provinsi", color="#757575", fontsize=_FONT, va="top"
        )

    def update(self, office: np.ndarray, median: np.ndarray, satker_label: str) -> None:
        """Bars, value labels and key for one office (``office``/``median`` by column)."""
        h = self.BAR
        scale = np.fmax(np.fmax(office, median), 1e-9)
        verts = [self.baseline]
        for yi, o, m, s in zip(self.y, office, median, scale):
            for value, mid in ((o / s, yi + h / 2), (m / s, yi - h / 2)):
                verts.append(
                    ((0, mid - h / 2), (0, mid + h / 2), (value, mid + h / 2), (value, mid - h / 2))
                )
        self.bars.set_verts(verts)
        for (o_text, m_text), c, o, m, s in zip(self.values, self.cols, office, median, scale):
            o_text.set_x(o / s + 0.01)
            o_text.set_text(compact_number(o, c))
            m_text.set_x(m / s + 0.01)
            m_text.set_text(compact_number(m, c))
        self.key.set_text("\u25a0 " + satker_label)


def _panel_transform(
    fig: Figure,
    rect: tuple[float, float, float, float],
    limits: tuple[tuple[float, float], tuple[float, float]],
):
    """Data coordinates within ``limits`` ((x0, y0), (x1, y1)) to the figure
    rectangle ``rect`` (left, bottom, width, height, as figure fractions): what an
    Axes with these limits would use, without building one."""
    from matplotlib.transforms import Bbox, BboxTransformFrom, BboxTransformTo, TransformedBbox

    box = TransformedBbox(Bbox.from_bounds(*rect), fig.transFigure)
    return BboxTransformFrom(Bbox(limits)) + BboxTransformTo(box)


@styled
def office_trend_chart(
    office_trend: pd.DataFrame, column: str = "skor", province: pd.Series | None = None
) -> Figure:
    """One office's ``column`` per quarter (bars), optionally with the province line.

    ``office_trend`` has one row per quarter and a label column ``periode``
    (else the index); ``province`` is the province's value per quarter in the
    same order (e.g. the median score).
    """
    labels = _period_labels(office_trend)
    values = office_trend[column].to_numpy(dtype=float)
    fig = new_figure(5.0, 2.2)
    fig.subplots_adjust(left=0.1, right=0.98, top=0.82, bottom=0.14)
    ax = fig.add_subplot()
    x = np.arange(len(labels))
    ax.bar(x, values, width=0.5, color=KPU_RED, label="Satker")
    if province is not None:
        ax.plot(
            x,
            np.asarray(province, dtype=float),
            color="#424242",
            marker="o",
            markersize=3,
            linewidth=1.2,
            label="Median provinsi",
        )
    ax.set_xticks(x, labels)
    _style_axes(ax, "y")
    fig.legend(loc="upper left", ncol=2, fontsize=_FONT, frameon=False, handlelength=1.2)
    return fig


def _period_labels(frame: pd.DataFrame) -> list[str]:
    for col in ("periode_label", "label", "periode"):
        if col in frame.columns:
            return [_short_period(v) for v in frame[col]]
    return [_short_period(v) for v in frame.index]


def _short_period(value) -> str:
    """'2025-TW2' / Period / 'TW 2 Tahun 2025' -> 'TW 2\\n2025'."""
    tahun, triwulan = getattr(value, "tahun", None), getattr(value, "triwulan", None)
    if tahun is not None and triwulan is not None:
        return f"TW {triwulan}\n{tahun}"
    text = str(value)
    if "-TW" in text:
        year, q = text.split("-TW", 1)
        return f"TW {q}\n{year}"
    return text.replace(" Tahun ", "\n")


def _num(value) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(out) else out
