"""What ``workbench livestream`` writes, as data: the CSV rows and the document's context.

Pure: a :class:`~.check.LivestreamCheck` (and PNG/JPEG bytes made by the job) in, bytes and
plain dicts out. The template is ``templates/periksa-livestream.docx``
(``tools/build_livestream_template.py``), rendered in the sandbox of
:mod:`workbench.documents`.
"""

from __future__ import annotations

from typing import Any, Mapping

from workbench.csv_write import csv_text
from workbench.documents import Image
from workbench.standar.livestream.check import (
    CODE_WORDS,
    COVER_MATCH_MAX,
    COVER_MIN,
    DENSE_STEP,
    FIXES,
    SAME_MAX,
    SILENCE_LUFS,
    STALL_MIN,
    LivestreamCheck,
    clock,
    decimal,
)

#: Columns of periksa-livestream.csv (one row per recording).
CSV_COLUMNS = (
    "berkas",
    "durasi_detik",
    "cover_awal_detik",
    "cover_akhir_detik",
    "siaran_mulai_detik",
    "siaran_selesai_detik",
    "presisi_detik",
    "cover_lufs",
    "cover_ketajaman",
    "cover_kecerahan",
    "macet_terlama_detik",
    "selisih_jadwal_menit",
    "masalah",
)
#: Columns of segmen.csv.
SEGMENT_COLUMNS = ("mulai", "selesai", "jenis")
#: Variables the template receives (``workbench templates check``).
LIVESTREAM_VARIABLES: frozenset[str] = frozenset(
    {
        "judul",
        "berkas",
        "ringkasan",
        "status",
        "grafik",
        "gambar",
        "temuan",
        "jadwal",
        "catatan",
        "ukuran",
        "aturan",
    }
)
#: Width of a thumbnail in the document (mm): two side by side.
THUMB_WIDTH_MM = 75.0


def _number(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _csv(header: tuple[str, ...], rows: list[list[object]]) -> bytes:
    """UTF-8 with BOM, CRLF, every cell through the formula-safe writer."""
    return ("\ufeff" + csv_text(rows, header)).encode("utf-8")


def check_csv(row: LivestreamCheck) -> bytes:
    """periksa-livestream.csv: UTF-8 with BOM, one row."""
    return _csv(
        CSV_COLUMNS,
        [
            [
                row.berkas,
                _number(row.durasi_detik),
                _number(row.cover_awal_detik),
                _number(row.cover_akhir_detik),
                _number(row.siaran_mulai_detik),
                _number(row.siaran_selesai_detik),
                _number(row.presisi_detik),
                _number(row.cover_lufs),
                _number(row.cover_ketajaman),
                _number(row.cover_kecerahan),
                _number(row.macet_terlama_detik),
                _number(row.selisih_menit),
                ";".join(row.masalah),
            ]
        ],
    )


def segments_csv(row: LivestreamCheck) -> bytes:
    """segmen.csv: UTF-8 with BOM, one row per segment (seconds from the start)."""
    return _csv(SEGMENT_COLUMNS, [[_number(a), _number(z), kind] for a, z, kind in row.segmen])


def rules() -> list[str]:
    """The rules as printed under the findings."""
    return [
        f"Cover pembuka dan penutup: gambar diam minimal {COVER_MIN:.0f} detik di awal dan di "
        f"akhir rekaman (dua gambar kunci berbeda rata-rata paling banyak {SAME_MAX:.0f} dari "
        "255 tingkat keabuan).",
        f"Backsound: suara selama cover lebih keras dari {SILENCE_LUFS:.0f} LUFS.",
        "Gambar cover: ketajaman Standar Foto minimal 100 dan tidak hampir hitam/putih "
        "(kecerahan 25–235), diukur pada sisi panjang paling banyak 1000 piksel.",
        f"Macet: minimal {STALL_MIN:.0f} detik gambar beku dan suara hening di antara kedua "
        f"cover (suara didengar tiap detik, lalu tiap {decimal(DENSE_STEP)} detik di bagian yang "
        "hening); slide diam dengan suara pembicara bukan macet.",
        f"Cover resmi (bila diberikan): jarak hash persepsi paling banyak {COVER_MATCH_MAX}.",
    ]


_EMPTY = {"label": "", "waktu": "", "gambar": ""}


def context(
    row: LivestreamCheck,
    *,
    chart_png: bytes,
    thumbs: Mapping[str, bytes],
    warnings: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Everything periksa-livestream.docx shows. ``thumbs``: label -> JPEG bytes."""
    ok = row.ok
    summary = [
        f"Durasi rekaman {clock(row.durasi_detik)}; siaran acara dari "
        f"{clock(row.siaran_mulai_detik)} sampai {clock(row.siaran_selesai_detik)}.",
        f"Cover pembuka {row.cover_awal_detik:.0f} detik, cover penutup "
        f"{row.cover_akhir_detik:.0f} detik.",
    ]
    measures = []
    if row.cover_lufs is not None:
        measures.append(f"Kekerasan suara saat cover: {decimal(row.cover_lufs)} LUFS.")
    if row.cover_ketajaman is not None:
        measures.append(
            f"Ketajaman cover: {row.cover_ketajaman:.0f}; kecerahan {row.cover_kecerahan:.0f}."
        )
    measures.append(f"Macet terlama: {row.macet_terlama_detik:.0f} detik.")
    measures.append(
        f"Ketepatan batas: ±{decimal(row.presisi_detik)} detik (jarak gambar kunci rekaman); "
        "rekaman dengan gambar kunci jarang (mis. OBS 'auto', ±8 detik) hanya membuat batas "
        "lebih kasar."
    )
    pictures = [
        {
            "label": label,
            "waktu": clock(row.gambar[label]),
            "gambar": Image(thumbs[label], THUMB_WIDTH_MM),
        }
        for label in row.gambar
        if label in thumbs
    ]
    return {
        "judul": "Pemeriksaan Standar Livestream",
        "berkas": row.berkas,
        "status": "MEMENUHI STANDAR" if ok else "BELUM MEMENUHI STANDAR",
        "ringkasan": summary,
        "grafik": Image(chart_png, 160.0),
        "gambar": [
            {"a": pictures[i], "b": pictures[i + 1] if i + 1 < len(pictures) else _EMPTY}
            for i in range(0, len(pictures), 2)
        ],
        "temuan": [
            {
                "judul": CODE_WORDS[code],
                "kode": code,
                "alasan": reason,
                "perbaikan": FIXES[code],
            }
            for code, reason in zip(row.masalah, row.alasan)
        ],
        "jadwal": row.jadwal,
        "catatan": [*warnings, *row.catatan],
        "ukuran": measures,
        "aturan": rules(),
    }
