"""Where a meeting took place (rakor/place.py): the platform named once, hybrid phrasing."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.rakor.model import Rapat
from workbench.rakor.place import split_place, tempat_cell, where_phrase


def rapat(mode: str, tempat: str) -> Rapat:
    return Rapat.model_validate(
        {
            "judul": "Rapat Koordinasi Evaluasi Sosialisasi",
            "penyelenggara": "KPU Kota Denpasar",
            "satker": "51.71",
            "tanggal": dt.date(2025, 8, 14),
            "mulai": dt.time(9, 0),
            "zona_waktu": "WITA",
            "mode": mode,
            "tempat": tempat,
            "pimpinan": {"nama": "I Gede Wirawan", "jabatan": "Ketua KPU Kota Denpasar"},
            "notulis": {"nama": "Ni Made Sari"},
        }
    )


@pytest.mark.parametrize(
    "tempat, room, platform",
    [
        (
            "Ruang Rapat Lantai 2 KPU Kota Denpasar & Zoom Meeting",
            "Ruang Rapat Lantai 2 KPU Kota Denpasar",
            "Zoom Meeting",
        ),
        ("Ruang Rapat Lantai 2 KPU Kota Denpasar", "Ruang Rapat Lantai 2 KPU Kota Denpasar", None),
        ("Aula KPU (Zoom)", "Aula KPU", "Zoom Meeting"),
        ("Aula KPU dan daring melalui Zoom Meeting", "Aula KPU", "Zoom Meeting"),
        ("Luring di Aula, daring via MS Teams", "Aula", "Microsoft Teams"),
        ("Ruang Rapat (Lantai 2)", "Ruang Rapat (Lantai 2)", None),
        ("Zoom", "", "Zoom Meeting"),
    ],
)
def test_split_place(tempat, room, platform):
    assert split_place(tempat) == (room, platform)


HYBRID = "hibrida: luring di Ruang Rapat Lantai 2 KPU Kota Denpasar dan daring melalui Zoom Meeting"


@pytest.mark.parametrize(
    "tempat",
    [
        "Ruang Rapat Lantai 2 KPU Kota Denpasar & Zoom Meeting",  # the platform typed
        "Ruang Rapat Lantai 2 KPU Kota Denpasar",  # not typed: Zoom Meeting assumed
    ],
)
def test_hybrid_names_the_platform_once(tempat):
    r = rapat("hybrid", tempat)
    assert tempat_cell(r) == HYBRID
    assert where_phrase(r) == "secara " + HYBRID
    assert where_phrase(r).count("Zoom") == 1


def test_online_and_offline_places():
    assert tempat_cell(rapat("daring", "Zoom Meeting")) == "daring melalui Zoom Meeting"
    assert where_phrase(rapat("daring", "Google Meet")) == "secara daring melalui Google Meet"
    assert where_phrase(rapat("daring", "Zoom"), platform_online=False) == "secara daring"
    assert tempat_cell(rapat("luring", "Aula KPU Kota Denpasar")) == "Aula KPU Kota Denpasar"
    assert where_phrase(rapat("luring", "Aula KPU Kota Denpasar")) == "di Aula KPU Kota Denpasar"
