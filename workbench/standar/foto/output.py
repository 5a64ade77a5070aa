"""The Standar Foto contact sheet (``periksa-foto.docx``): its context and rendering.

Photos grouped by agenda item when a rundown (a meeting record passed in as data) is
given. Rendered through :mod:`workbench.documents` with ``templates/periksa-foto.docx``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.documents import Image, render_docx
from workbench.indonesian import angka, hari_tanggal, jam, tanggal
from workbench.paths import TEMPLATES_DIR

#: Width of a thumbnail on the contact sheet (mm): three per row.
THUMB_WIDTH_MM = 50.0

#: Top-level variables :func:`contact_sheet_context` supplies.
PERIKSA_FOTO_VARIABLES: frozenset[str] = frozenset(
    {"kop", "judul", "sumber", "rapat", "ringkasan", "kelompok", "tanpa_foto", "aturan"}
)


def _check_cell(row, thumb: bytes | None, zona: str) -> dict[str, Any]:
    from workbench.standar.foto.check import FLAG_WORDS

    info = f"{row.lebar}×{row.tinggi} piksel"
    if row.waktu_ambil is not None and row.tanggal_beda:  # another day: its date, no zone
        info = (
            f"diambil {tanggal(row.waktu_ambil.date())} pukul {jam(row.waktu_ambil.time())}, {info}"
        )
    elif row.waktu_ambil is not None:
        source = " (waktu berkas)" if row.sumber_waktu == "berkas" else ""
        info = f"pukul {jam(row.waktu_ambil.time())} {zona}{source}, {info}"
    return {
        "gambar": Image(thumb, THUMB_WIDTH_MM) if thumb else "",
        "berkas": row.berkas,
        "info": info,
        "status": "Baik" if row.ok else ", ".join(FLAG_WORDS[f] for f in row.masalah).capitalize(),
        "alasan": "; ".join(row.alasan),
    }


def _threes(cells: list[dict]) -> list[dict[str, Any]]:
    empty = {"gambar": "", "berkas": "", "info": "", "status": "", "alasan": ""}
    padded = cells + [empty] * (-len(cells) % 3)
    return [
        {"a": padded[i], "b": padded[i + 1], "c": padded[i + 2]} for i in range(0, len(padded), 3)
    ]


def contact_sheet_context(rows, thumbs, *, source: str, meeting=None) -> dict:
    """Everything the photo check's contact sheet (``periksa-foto.docx``) shows.

    ``rows``: :class:`workbench.standar.foto.check.PhotoCheck` in file order; ``thumbs``: a small
    JPEG of each (or None). Photos are grouped by agenda item in rundown order when
    ``meeting`` gives a rundown with times; agenda items without a usable photo are listed.
    Pure: nothing is read or written.
    """
    from workbench.standar.foto.check import (
        BLUR_MIN,
        BRIGHT_MEAN,
        DARK_MEAN,
        DUPLICATE_MAX_DISTANCE,
        FLAG_WORDS,
        MIN_LONG_SIDE,
    )

    zona = meeting.rapat.zona_waktu if meeting else "WIB"
    agenda = meeting.rapat.agenda if meeting else []
    cells = [(row, _check_cell(row, thumb, zona)) for row, thumb in zip(rows, thumbs)]
    groups = []
    for i, item in enumerate(agenda):
        mine = [c for r, c in cells if r.acara == i]
        if mine:
            when = f" (pukul {jam(item.waktu)} {zona})" if item.waktu else ""
            groups.append({"judul": f"{i + 1}. {item.uraian}{when}", "baris": _threes(mine)})
    rest = [c for r, c in cells if r.acara is None]
    if rest:
        title = "Foto di luar susunan acara" if groups else ""
        groups.append({"judul": title, "baris": _threes(rest)})
    usable = {r.acara for r in rows if r.ok}
    counts: dict[str, int] = {}
    for r in rows:
        for flag in r.masalah:
            counts[flag] = counts.get(flag, 0) + 1
    good = sum(r.ok for r in rows)
    summary = [
        f"{angka(len(rows))} foto diperiksa: {angka(good)} baik, "
        f"{angka(len(rows) - good)} bermasalah."
    ]
    summary += [
        f"{FLAG_WORDS[f].capitalize()}: {angka(counts[f])} foto" for f in FLAG_WORDS if f in counts
    ]
    return {
        "kop": meeting.rapat.office.kop if meeting else "",
        "judul": "PEMERIKSAAN FOTO KEGIATAN",
        "sumber": source,
        "rapat": (
            f"{meeting.rapat.judul}, {hari_tanggal(meeting.rapat.tanggal)}" if meeting else ""
        ),
        "ringkasan": summary,
        "kelompok": groups,
        "tanpa_foto": [
            f"{i + 1}. {item.uraian}" for i, item in enumerate(agenda) if i not in usable
        ]
        if any(a.waktu for a in agenda)
        else [],
        "aturan": [
            f"Kabur (blur): garis dan tepi benda dalam foto kurang tegas. Ketajaman diukur dari "
            f"seberapa kuat perbedaan terang-gelap di tepi benda, pada foto yang diperkecil ke "
            f"sisi panjang 1000 piksel; nilai di bawah {BLUR_MIN:.0f} dianggap kabur (foto "
            "tajam biasanya bernilai beberapa ratus).",
            f"Terlalu gelap: kecerahan rata-rata di bawah {DARK_MEAN:.0f} (dari 255) atau separuh "
            f"piksel hampir hitam; terlalu terang: di atas {BRIGHT_MEAN:.0f} atau 40% piksel "
            "hampir putih.",
            f"Resolusi rendah: sisi panjang di bawah {MIN_LONG_SIDE} piksel.",
            "Tanggal berbeda: diambil (menurut EXIF) pada hari lain dari tanggal rapat; tidak "
            "ditempatkan pada susunan acara. Tanpa EXIF, waktu berkas dipakai hanya bila "
            "jatuh pada tanggal rapat.",
            f"Duplikat: foto hampir sama dengan foto lain (sidik gambar berbeda paling banyak "
            f"{DUPLICATE_MAX_DISTANCE} dari 64 titik); foto yang lebih tajam dipertahankan.",
        ],
    }


def render_contact_sheet(context: dict, target, *, template=None) -> Path:
    """Render the contact sheet to ``target`` (atomically)."""
    return render_docx(template or TEMPLATES_DIR / "periksa-foto.docx", context, target)
