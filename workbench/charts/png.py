"""A matplotlib Figure as PNG bytes."""

from __future__ import annotations

import io


def figure_png(fig, dpi: int = 150) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
