"""Charts of the Bakohumas evaluation: pure functions returning matplotlib Figures."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.text import Text

from workbench.bakohumas import charts as ch


@pytest.fixture
def ringkasan() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kode_satker": ["35.01", "35.02", "35.28", "35.78", "35.79"],
            "nama_satker": [
                "KPU Kabupaten Pacitan",
                "KPU Kabupaten Ponorogo",
                "KPU Kabupaten Pamekasan",
                "KPU Kota Surabaya",
                "KPU Kota Batu",
            ],
            "status_laporan": ["tepat waktu", "tepat waktu", "terlambat", "belum", "tepat waktu"],
            "tidak_diperbarui": [False, True, False, False, False],
            "skor": [61.5, 40.0, 55.2, 0.0, 72.25],
            "peringkat": [2, 4, 3, 5, 1],
        }
    )


def test_short_office_name():
    assert ch.short_office_name("KPU Kabupaten Pamekasan") == "Kab. Pamekasan"
    assert ch.short_office_name("KPU Kota Batu") == "Kota Batu"


def test_compact_number_units():
    assert ch.compact_number(12) == "12"
    assert ch.compact_number(2.5) == "2,5"
    assert ch.compact_number(12_500_000, "anggaran") == "Rp12,5 jt"
    assert ch.compact_number(59.4, "realisasi_persen") == "59,4%"
    assert ch.compact_number(float("nan")) == "-"


def test_submission_chart_has_a_bar_per_status(ringkasan):
    fig = ch.submission_chart(ringkasan)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    stale = int(((ringkasan["status_laporan"] != "belum") & ringkasan["tidak_diperbarui"]).sum())
    assert heights == [3, 1, 1, stale]  # tepat waktu, terlambat, belum; copied reports
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["Tepat waktu", "Terlambat", "Belum mengirim", "Tidak dinilai (salinan)"]
    assert ax.patches[-1].get_hatch() == "////"


def test_submission_chart_keeps_empty_statuses(ringkasan):
    on_time = ringkasan[ringkasan["status_laporan"] == "tepat waktu"]
    fig = ch.submission_chart(on_time)
    stale = int(on_time["tidak_diperbarui"].sum())
    assert [p.get_height() for p in fig.axes[0].patches] == [3, 0, 0, stale]


def test_score_chart_shows_offices_without_a_score(ringkasan):
    """An office that sent nothing and a copied report have no bar: each is named on the
    chart, the copied one as a hatched band; the median is of the assessed reports."""
    r = ringkasan.copy()
    r.loc[r.index[0], ["status_laporan", "skor"]] = ["tepat waktu", float("nan")]
    r.loc[r.index[0], "tidak_diperbarui"] = True
    fig = ch.indicators_chart(r)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "tidak dinilai: laporan salinan triwulan sebelumnya" in texts
    assert ("belum mengirim laporan" in texts) == (r["status_laporan"] == "belum").any()
    assert any(p.get_hatch() == "////" for p in fig.axes[0].patches)


def test_indicators_chart_one_bar_per_office_best_on_top(ringkasan):
    fig = ch.indicators_chart(ringkasan)
    ax = fig.axes[0]
    assert sorted(p.get_width() for p in ax.patches) == [0.0, 40.0, 55.2, 61.5, 72.25]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 5
    assert labels[-1] == "Kota Batu"  # highest score drawn at the top
    assert labels[0] == "Kota Surabaya"


def test_trend_chart_small_multiples():
    trend = pd.DataFrame(
        {
            "periode_label": ["TW 1 Tahun 2025", "TW 2 Tahun 2025"],
            "siaran_pers": [269, 240],
            "berita_website": [767, 784],
            "median_skor": [46.55, 44.8],
        }
    )
    fig = ch.trend_chart(trend)
    assert len(fig.axes) == 3  # one panel per column present
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["TW 1\n2025", "TW 2\n2025"]
    assert [len(ax.patches) for ax in fig.axes] == [2, 2, 2]
    texts = [t.get_text() for t in fig.axes[2].texts]
    assert texts == ["46,5", "44,8"] or texts == ["46,6", "44,8"]


def test_office_vs_median_chart_pairs_and_values():
    office = {"siaran_pers": 7, "berita_website": 19, "anggaran": 27_000_000}
    medians = {"siaran_pers": 6, "berita_website": 21, "anggaran": 26_000_000}
    fig = ch.office_vs_median_chart(office, medians, satker_label="Kab. Pamekasan")
    assert fig.axes == []  # drawn without an Axes (speed): artists sit on the figure
    (bars,) = [c for c in fig.artists if isinstance(c, PolyCollection)]
    assert len(bars.get_paths()) == 1 + 2 * 3  # baseline + two bars per indicator
    texts = [t.get_text() for t in fig.artists + fig.texts if hasattr(t, "get_text")]
    for expected in (
        "Siaran pers",
        "Berita website",
        "Anggaran",
        "7",
        "6",
        "19",
        "21",
        "Rp27,0 jt",
        "Rp26,0 jt",
    ):
        assert expected in texts
    assert any("Kab. Pamekasan" in t.get_text() for t in fig.texts)


def test_office_vs_median_chart_skips_indicators_missing_on_one_side():
    fig = ch.office_vs_median_chart({"siaran_pers": 1, "livestream": 2}, {"siaran_pers": 3})
    labels = [t.get_text() for t in fig.artists if isinstance(t, Text) and t.get_ha() == "right"]
    assert labels == ["Siaran pers"]


def test_office_trend_chart():
    t = pd.DataFrame({"periode": ["2025-TW1", "2025-TW2"], "skor": [53.0, 54.0]})
    fig = ch.office_trend_chart(t, province=[46.5, 44.8])
    ax = fig.axes[0]
    assert [p.get_height() for p in ax.patches] == [53.0, 54.0]
    assert len(ax.lines) == 1


def test_charts_leave_global_state_alone(ringkasan):
    before = dict(matplotlib.rcParams)
    import matplotlib.pyplot as plt

    n_open = len(plt.get_fignums())
    png = ch.figure_png(ch.submission_chart(ringkasan))
    assert png.startswith(b"\x89PNG")
    assert len(plt.get_fignums()) == n_open
    assert dict(matplotlib.rcParams) == before


def test_charts_do_not_mutate_input(ringkasan):
    copy = ringkasan.copy()
    ch.indicators_chart(ringkasan)
    ch.submission_chart(ringkasan)
    pd.testing.assert_frame_equal(ringkasan, copy)


def test_figure_png_reuses_renderers_without_mixing_figures():
    """The per-thread renderer pool gives the same bytes as a fresh canvas, per figure."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    def fresh(fig):
        canvas = FigureCanvasAgg(fig)
        with matplotlib.rc_context({"text.hinting": "no_hinting"}):
            canvas.draw()
        return (
            Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
            .convert("RGB")
            .tobytes()
        )

    a = ch.office_vs_median_chart({"siaran_pers": 7}, {"siaran_pers": 6}, satker_label="A")
    b = ch.office_vs_median_chart({"siaran_pers": 1}, {"siaran_pers": 9}, satker_label="B")
    pngs = [ch.figure_png(a), ch.figure_png(b), ch.figure_png(a)]
    assert pngs[0] == pngs[2] != pngs[1]
    decoded = [Image.open(io.BytesIO(p)).convert("RGB").tobytes() for p in pngs[:2]]
    assert decoded == [fresh(a), fresh(b)]
