"""The rakor Word template kinds (notula, daftar-hadir, berita), registered into
:mod:`workbench.template_check` with their sample contexts. Light to import: the sample
data is read only when a sample is built."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.template_check import PIXEL, SAMPLE_DATE, register_kind


@lru_cache(maxsize=1)
def sample_meeting():
    """The bundled sample meeting (with three stand-in photos) and its attendance."""
    from workbench.paths import SAMPLE_MEETING_DIR as d
    from workbench.rakor.job import load_inputs

    meeting, table = load_inputs(
        d / "meeting.yaml", [d / "zoom-peserta.csv", d / "peserta-internal.csv"]
    )
    photos = [Path(f"foto-{i}.jpg") for i in (1, 2, 3)]
    return meeting.model_copy(update={"dokumentasi": photos}), table


def _notula_sample() -> dict[str, Any]:
    from workbench.rakor.documents import notula_context

    meeting, table = sample_meeting()
    return notula_context(
        meeting, table, chart=PIXEL, now=dt.datetime.combine(SAMPLE_DATE, dt.time())
    )


def _daftar_hadir_sample() -> dict[str, Any]:
    from workbench.rakor.documents import daftar_hadir_context

    return daftar_hadir_context(*sample_meeting())


def _berita_sample() -> dict[str, Any]:
    from workbench.documents import Image
    from workbench.rakor.news import article_context, build_article

    meeting, table = sample_meeting()
    article = build_article(meeting, table)
    return article_context(article, Image(PIXEL, 150))


register_kind(
    "notula",
    "workbench.rakor.documents:NOTULA_VARIABLES",
    "workbench.rakor.documents:NOTULA_OPTIONAL",
    sample=_notula_sample,
    order=10,
    hints=(("notula", 2), ("notulen", 3)),
)
register_kind(
    "daftar-hadir",
    "workbench.rakor.documents:DAFTAR_HADIR_VARIABLES",
    "workbench.rakor.documents:DAFTAR_HADIR_OPTIONAL",
    sample=_daftar_hadir_sample,
    order=20,
    hints=(("daftar-hadir", 0), ("hadir", 1)),
)
register_kind(
    "berita",
    "workbench.rakor.news:BERITA_VARIABLES",
    "workbench.rakor.news:BERITA_OPTIONAL",
    sample=_berita_sample,
    order=50,
    hints=(("berita", 8),),
)
