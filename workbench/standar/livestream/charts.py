"""The recording's timeline: cover, siaran, hening and macet segments on a minutes axis."""

from __future__ import annotations

from typing import Sequence

#: jenis -> (label, colour)
SEGMENT_STYLE = {
    "cover_awal": ("Cover pembuka", "#1f77b4"),
    "siaran": ("Siaran", "#2ca02c"),
    "hening": ("Hening (gambar bergerak)", "#f0ad4e"),
    "macet": ("Macet", "#d62728"),
    "cover_akhir": ("Cover penutup", "#1f77b4"),
}


def timeline_chart(segments: Sequence[tuple[float, float, str]], duration: float):
    """A one-row timeline (a matplotlib Figure); hening/macet are drawn over the siaran."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    fig = Figure(figsize=(6.5, 1.6), dpi=150)
    ax = fig.add_subplot()
    minutes = max(duration / 60, 1 / 60)
    for start, end, kind in segments:
        label, colour = SEGMENT_STYLE.get(kind, (kind, "#7f7f7f"))
        height = 0.5 if kind in ("hening", "macet") else 0.8
        ax.barh(0, (end - start) / 60, left=start / 60, height=height, color=colour)
    ax.set_xlim(0, minutes)
    ax.set_ylim(-0.6, 0.6)
    ax.set_yticks([])
    ax.set_xlabel("menit sejak awal rekaman")
    kinds = []
    for _, _, kind in segments:
        label = SEGMENT_STYLE.get(kind, (kind, ""))[0]
        if label not in kinds:
            kinds.append(label)
    colours = {label: colour for label, colour in SEGMENT_STYLE.values()}
    ax.legend(
        handles=[Patch(color=colours.get(k, "#7f7f7f"), label=k) for k in kinds],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.55),
        ncol=min(4, max(1, len(kinds))),
        fontsize=7,
        frameon=False,
    )
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    fig.subplots_adjust(left=0.03, right=0.97, top=0.95, bottom=0.52)
    return fig
