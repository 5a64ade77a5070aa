"""figure_png: a figure is drawn once while it is unchanged, again after a change."""

from __future__ import annotations

from matplotlib.figure import Figure

from workbench.charts.png import figure_png


def counted_figure() -> tuple[Figure, list[int]]:
    fig = Figure(figsize=(2, 1))
    fig.add_subplot().bar(["a", "b"], [1, 2])
    calls: list[int] = []
    savefig = fig.savefig
    fig.savefig = lambda *a, **k: (calls.append(1), savefig(*a, **k))[1]  # type: ignore
    return fig, calls


def test_unchanged_figure_is_drawn_once_with_the_same_bytes():
    fig, calls = counted_figure()
    first = figure_png(fig)
    assert first.startswith(b"\x89PNG") and figure_png(fig) == first
    assert len(calls) == 1
    fresh = Figure(figsize=(2, 1))
    fresh.add_subplot().bar(["a", "b"], [1, 2])
    assert figure_png(fresh) == first  # the bytes of a drawing, as before


def test_a_changed_figure_or_another_dpi_is_drawn_again():
    fig, calls = counted_figure()
    first = figure_png(fig)
    fig.axes[0].set_title("judul")
    changed = figure_png(fig)
    assert changed != first and len(calls) == 2
    assert figure_png(fig, dpi=72) != changed and len(calls) == 3
    assert figure_png(fig, dpi=72) and len(calls) == 3
