"""The attendance chart."""

from __future__ import annotations

import sys

from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from workbench.rakor.attendance_table import to_frame
from workbench.rakor.charts import NO_INSTANSI, SHORT, attendance_chart, chart_table
from workbench.rakor.readers.attendance import read_attendance


def small():
    rows = [
        ("A", "KPU Kota Batu", "Hadir (daring)", False),
        ("B", "KPU Kota Batu", "Izin", False),
        ("C", "KPU RI", "Hadir (daring)", True),
        ("D", "", "Hadir", False),
    ]
    return to_frame(
        {"nama": n, "instansi": i, "status": s, "kurang_durasi": k} for n, i, s, k in rows
    )


def bars(fig: Figure) -> list[BarContainer]:
    return [c for c in fig.axes[0].containers if isinstance(c, BarContainer)]


def test_chart_table_segments():
    table = chart_table(small())
    assert list(table.index) == ["KPU Kota Batu", "KPU RI", NO_INSTANSI]
    assert list(table.columns) == ["Hadir", "Hadir (daring)", SHORT, "Izin"]
    assert table.loc["KPU RI", SHORT] == 1 and table.loc["KPU RI", "Hadir (daring)"] == 0
    assert table.to_numpy().sum() == 4


def test_one_bar_per_instansi_with_indonesian_labels(tmp_path):
    fig = attendance_chart(small())
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    containers = bars(fig)
    assert len(containers) == 4  # one per non-empty segment
    assert all(len(c.patches) == 3 for c in containers)  # one bar per instansi
    assert [t.get_text() for t in ax.get_yticklabels()] == ["KPU Kota Batu", "KPU RI", NO_INSTANSI]
    assert ax.get_xlabel() == "Jumlah peserta (orang)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Hadir",
        "Hadir (daring)",
        SHORT,
        "Izin",
    ]
    widths = [sum(c.patches[i].get_width() for c in containers) for i in range(3)]
    assert widths == [2, 1, 1]
    path = tmp_path / "kehadiran.png"
    fig.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_sample_meeting_chart_is_tall_enough_for_40_offices(sample_meeting_dir, tmp_path):
    df = read_attendance(
        [sample_meeting_dir / "zoom-peserta.csv", sample_meeting_dir / "peserta-internal.csv"]
    )
    fig = attendance_chart(df)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 40 and labels[0] == "KPU RI"
    assert all(len(c.patches) == 40 for c in bars(fig))
    assert fig.get_size_inches()[1] >= 40 * 0.2
    fig.savefig(tmp_path / "k.png", dpi=80)
    assert (tmp_path / "k.png").stat().st_size > 10_000


def test_empty_table_gives_a_message_figure():
    fig = attendance_chart(to_frame([]))
    assert isinstance(fig, Figure)
    assert "Tidak ada data kehadiran" in [t.get_text() for t in fig.axes[0].texts]


def test_chart_does_not_use_pyplot_state():
    attendance_chart(small())
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        assert pyplot.get_fignums() == []


def test_chart_does_not_modify_input():
    df = small()
    copy = df.copy()
    attendance_chart(df)
    assert df.equals(copy)
