"""The Standar Foto Word template kind (periksa-foto, the contact sheet), registered into
:mod:`workbench.template_check` with its sample context. Light to import."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from workbench.template_check import PIXEL, register_kind


def sample_rundown() -> SimpleNamespace:
    """A rundown as the photo check receives it (a meeting record's ``rapat``, as data):
    the bundled sample meeting's title, date, office and agenda items, written out here
    (``standar`` reads no meeting record)."""
    from workbench.wilayah import get_office

    agenda = [
        (dt.time(9, 0), "Pembukaan"),
        (
            dt.time(9, 15),
            "Pemaparan materi Standar Output Kehumasan KPU oleh Kabag Humas dan Informasi "
            "Publik KPU",
        ),
        (dt.time(10, 0), "Evaluasi Bakohumas KPU Kabupaten/Kota se-Jawa Timur"),
        (
            dt.time(10, 45),
            "Tujuan dan peran strategis Bakohumas oleh Anggota KPU Provinsi Jawa Timur",
        ),
        (dt.time(11, 15), "Tanggapan dan diskusi"),
        (dt.time(11, 45), "Penutup"),
    ]
    rapat = SimpleNamespace(
        judul="Rapat Koordinasi Bakohumas KPU Provinsi dan KPU Kabupaten/Kota se-Jawa Timur",
        tanggal=dt.date(2025, 7, 17),
        zona_waktu="WIB",
        office=get_office("35.28"),
        agenda=[SimpleNamespace(waktu=w, uraian=u) for w, u in agenda],
    )
    return SimpleNamespace(rapat=rapat)


def _periksa_foto_sample() -> dict[str, Any]:
    """The contact sheet of four stand-in photos on the sample rundown: one good on the
    first agenda item, one blurred and its duplicate on the second, one outside the rundown
    (so every block of the template renders: groups, flags, items without a photo)."""
    from workbench.standar.foto.check import PhotoCheck
    from workbench.standar.foto.output import contact_sheet_context

    meeting = sample_rundown()
    day = meeting.rapat.tanggal
    at = [dt.datetime.combine(day, dt.time(9, 5)), dt.datetime.combine(day, dt.time(9, 20))]
    rows = [
        PhotoCheck("foto/IMG_0901.jpg", 1600, 1200, at[0], 0, 412.0, 121.0),
        PhotoCheck(
            "foto/IMG_0917.jpg",
            1600,
            1200,
            at[1],
            1,
            31.0,
            118.0,
            ["blur"],
            alasan=["ketajaman 31, batas 100"],
        ),
        PhotoCheck(
            "foto/IMG_0918.jpg",
            1200,
            1600,
            at[1],
            1,
            12.0,
            117.0,
            ["blur", "duplikat"],
            "foto/IMG_0917.jpg",
            ["ketajaman 12, batas 100", "mirip foto/IMG_0917.jpg"],
        ),
        PhotoCheck(
            "foto/lain.png",
            480,
            360,
            None,
            None,
            250.0,
            98.0,
            ["resolusi_rendah"],
            alasan=["sisi panjang 480 piksel, batas 640"],
        ),
    ]
    return contact_sheet_context(rows, [PIXEL] * len(rows), source="foto/", meeting=meeting)


register_kind(
    "periksa-foto",
    "workbench.standar.foto.output:PERIKSA_FOTO_VARIABLES",
    None,
    sample=_periksa_foto_sample,
    order=60,
    hints=(("periksa-foto", 9), ("foto", 10)),
)
