"""The Standar Livestream Word template kind (periksa-livestream), registered into
:mod:`workbench.template_check` with its sample context. Light to import."""

from __future__ import annotations

from typing import Any

from workbench.template_check import PIXEL, register_kind


def _periksa_livestream_sample() -> dict[str, Any]:
    """Every block of the template filled: three findings, a schedule line, notes, three
    thumbnails (one half-empty row); :data:`PIXEL` stands in for every picture."""
    from workbench.standar.livestream.check import LivestreamCheck
    from workbench.standar.livestream.output import context

    row = LivestreamCheck(
        berkas="rakor-livestream.mp4",
        durasi_detik=3600.0,
        cover_awal_detik=62.0,
        cover_akhir_detik=0.0,
        siaran_mulai_detik=62.0,
        siaran_selesai_detik=3600.0,
        presisi_detik=1.0,
        cover_lufs=-70.0,
        cover_ketajaman=14.0,
        cover_kecerahan=120.0,
        macet_terlama_detik=25.0,
        masalah=["tanpa_cover_akhir", "cover_tanpa_backsound", "siaran_macet"],
        alasan=["tidak ada gambar diam", "kekerasan suara -70 LUFS", "0:40:00–0:40:25"],
        segmen=[(0.0, 62.0, "cover_awal"), (62.0, 3600.0, "siaran")],
        gambar={"Cover pembuka": 0.0, "Pindah ke acara": 64.0, "Akhir rekaman": 3598.0},
        jadwal="Acara dijadwalkan mulai pukul 09.00 WIB; cover pembuka ditutup pukul 09.01 WIB.",
        catatan=["contoh catatan"],
    )
    thumbs = {label: PIXEL for label in row.gambar}
    return context(row, chart_png=PIXEL, thumbs=thumbs, warnings=("contoh peringatan",))


register_kind(
    "periksa-livestream",
    "workbench.standar.livestream.output:LIVESTREAM_VARIABLES",
    None,
    sample=_periksa_livestream_sample,
    order=70,
    hints=(("periksa-livestream", 9), ("livestream", 10)),
)
