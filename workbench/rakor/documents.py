"""Minutes (notula) and attendance list (daftar hadir) of a meeting, as Word documents.

The context builders are pure: a :class:`~workbench.rakor.model.Meeting` and an
attendance DataFrame (columns :data:`workbench.rakor.attendance_model.COLUMNS`) in, a dict of
ready-formatted Indonesian strings out. Every date, time and number is formatted here
(through :mod:`workbench.indonesian`), so the Word templates only place text.
The renderers pass the context to :func:`workbench.documents.render_docx`.

Phrasing decisions (see docs/templates.md):

- *Tempat*: ``luring`` uses the place as typed; ``daring`` gives
  "daring melalui Zoom Meeting" (or "daring melalui <platform>" when the place names one,
  or "daring melalui Zoom Meeting dari <tempat>" when it names a room the office joined
  from); ``hybrid`` gives "<tempat> dan daring melalui Zoom Meeting".
- *Pembukaan*: a meeting the office holds itself ("Rapat dibuka oleh <pimpinan> pada pukul
  09.00 WIB.") and one it attends ("Rapat diselenggarakan oleh <penyelenggara> secara daring
  melalui Zoom Meeting dan dimulai pada pukul 09.00 WIB. <office> mengikuti rapat tersebut.")
  read differently.
- *Penutup*: "Rapat ditutup pada pukul 11.45 WIB." or, without an end time,
  "Rapat ditutup setelah seluruh acara selesai dibahas."
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from pathlib import Path
from typing import Any

from workbench.documents import Image, numbered, render_docx
from workbench.indonesian import angka, hari_tanggal, jam, tanggal, waktu_rapat
from workbench.paths import TEMPLATES_DIR
from workbench.rakor.attendance_model import PRESENT, STATUSES
from workbench.rakor.place import tempat_cell, where_phrase

#: Width of the chart and of documentation photos in the Lampiran (mm).
CHART_WIDTH_MM = 150.0
PHOTO_WIDTH_MM = 74.0

_DASH = "\u2013"

#: Keys of one row of the attendance summary, per status: 'Hadir (daring)' -> 'hadir_daring'.
STATUS_KEYS: dict[str, str] = {s: re.sub(r"[^a-z]+", "_", s.lower()).strip("_") for s in STATUSES}

#: Top-level variables :func:`notula_context` supplies.
NOTULA_VARIABLES: frozenset[str] = frozenset(
    {
        "kop",
        "kop_alamat",
        "rapat",
        "acara",
        "pembukaan",
        "materi",
        "pembahasan",
        "pembahasan_huruf",
        "kesimpulan",
        "tindak_lanjut",
        "penutup",
        "ttd",
        "lampiran",
        "tanggal_dibuat",
    }
)
#: Supplied notula variables a template may leave out without a warning.
NOTULA_OPTIONAL: frozenset[str] = frozenset({"kop_alamat", "tanggal_dibuat", "pembahasan_huruf"})

#: Top-level variables :func:`daftar_hadir_context` supplies.
DAFTAR_HADIR_VARIABLES: frozenset[str] = frozenset(
    {
        "kop",
        "kop_alamat",
        "rapat",
        "peserta",
        "jumlah",
        "rekap",
        "cakupan",
        "ttd",
    }
)
DAFTAR_HADIR_OPTIONAL: frozenset[str] = frozenset(
    {"kop", "kop_alamat", "jumlah", "rekap", "cakupan", "ttd"}
)


# ----------------------------------------------------------------------------- small helpers
def _text(value: Any) -> str:
    """A cell value as clean text: None/NaN/NA become '', control characters are dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if type(value).__name__ == "NAType":  # pandas.NA, without importing pandas here
        return ""
    text = str(value).strip()
    # docxtpl turns \a and \f into new paragraphs / page breaks; user text must not.
    return text.replace("\a", "").replace("\f", "")


def _letters(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa'."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def _person_line(person) -> str:
    """'Nama (Jabatan)' or 'Nama'."""
    return f"{person.nama} ({person.jabatan})" if person.jabatan else person.nama


def _signer(person) -> dict[str, str]:
    return {
        "nama": person.nama,
        "jabatan": person.jabatan or "",
        "nip": person.nip or "",
        "nip_baris": f"NIP. {person.nip}" if person.nip else "",
    }


def tempat_text(rapat) -> str:
    """The *Tempat* line for the meeting's mode (:func:`workbench.rakor.place.tempat_cell`)."""
    return tempat_cell(rapat)


def _is_host(rapat) -> bool:
    """True when the office writing the minutes also held the meeting."""
    return rapat.held_by_office


def _chair(person) -> str:
    """'Nur Salam, Anggota KPU Provinsi Jawa Timur,' (for the middle of a sentence)."""
    return f"{person.nama}, {person.jabatan}," if person.jabatan else person.nama


def pembukaan_text(rapat) -> str:
    """The opening sentence(s).

    A meeting the office held: "Rapat dibuka oleh <pimpinan> pada pukul 09.00 WIB."
    A meeting it attended (another penyelenggara): the pimpinan is the host's chair, so
    the sentence names the penyelenggara, who opened and chaired it, the start time and the
    place, and says the office took part.
    """
    at = f"pukul {jam(rapat.mulai)} {rapat.zona_waktu}"
    if _is_host(rapat):
        return f"Rapat dibuka oleh {_chair(rapat.pimpinan)} pada {at}."
    return (
        f"Rapat diselenggarakan oleh {rapat.penyelenggara}, dibuka dan dipimpin oleh "
        f"{_chair(rapat.pimpinan)} pada {at} {where_phrase(rapat)}. {rapat.office.nama} "
        "mengikuti rapat tersebut."
    )


def penutup_text(rapat) -> str:
    """The closing sentence."""
    if rapat.selesai is None:
        return "Rapat ditutup setelah seluruh acara selesai dibahas."
    return f"Rapat ditutup pada pukul {jam(rapat.selesai)} {rapat.zona_waktu}."


def peserta_text(attendance) -> str:
    """'47 orang (daftar hadir terlampir)', with the invited count when some were absent."""
    if attendance is None or len(attendance) == 0:
        return "-"
    total = len(attendance)
    hadir = int(attendance["status"].isin(PRESENT).sum())
    if hadir == total:
        return f"{angka(hadir)} orang (daftar hadir terlampir)"
    return f"{angka(hadir)} orang hadir dari {angka(total)} orang undangan (daftar hadir terlampir)"


def _rapat_block(meeting, attendance) -> dict[str, str]:
    r = meeting.rapat
    return {
        "judul": r.judul,
        "penyelenggara": r.penyelenggara,
        "hari_tanggal": hari_tanggal(r.tanggal),
        "waktu": waktu_rapat(r.mulai, r.selesai, r.zona_waktu),
        "tempat": tempat_text(r),
        "undangan": r.undangan or "",
        "pimpinan": _person_line(r.pimpinan),
        "notulis": _person_line(r.notulis),
        "peserta": peserta_text(attendance),
        "satker": r.office.nama,
    }


_NO_SIGNER = {"judul": "", "nama": "", "jabatan": "", "nip": "", "nip_baris": ""}


def acknowledger(rapat):
    """Who signs under "Mengetahui,": ``mengetahui`` when given; for a meeting the office
    held, the pimpinan (the office's own chair) when no one else is named; else None."""
    if rapat.mengetahui is not None:
        return rapat.mengetahui
    return rapat.pimpinan if _is_host(rapat) else None


def _ttd_block(rapat, *, daftar_hadir: bool = False) -> dict[str, Any]:
    """The signature block: ``kiri`` and ``kanan`` columns (``judul``, ``jabatan``,
    ``nama``, ``nip_baris``), and the people by role (``pimpinan``, ``notulis``,
    ``mengetahui``) for templates that place them themselves.

    Notula of a meeting the office held: Pimpinan Rapat (left) and Notulis (right). Of a
    meeting it attended: the host's chair does not sign another office's notula; the
    Notulis signs (right) and the writing office's head acknowledges under "Mengetahui,"
    (left, blank when the record names no one). Daftar hadir: "Mengetahui," (left: the
    ``mengetahui`` person, else the pimpinan of a meeting the office held) and Notulis.
    """
    held = _is_host(rapat)
    ack = acknowledger(rapat)
    notulis = {"judul": "Notulis,", **_signer(rapat.notulis)}
    if held and not daftar_hadir:
        kiri = {"judul": "Pimpinan Rapat,", **_signer(rapat.pimpinan)}
    elif ack is not None:
        kiri = {"judul": "Mengetahui,", **_signer(ack)}
    else:
        kiri = dict(_NO_SIGNER)
    return {
        "tempat_tanggal": f"{rapat.office.kota_ttd}, {tanggal(rapat.tanggal)}",
        "pimpinan": _signer(rapat.pimpinan),
        "notulis": _signer(rapat.notulis),
        "mengetahui": _signer(ack) if ack is not None else dict(_NO_SIGNER),
        "kiri": kiri,
        "kanan": notulis,
    }


def role_warnings(meeting, attendance=None) -> list[str]:
    """What the writer should check about the meeting's roles (Indonesian, one line each):
    a meeting another office held without ``mengetahui``; the pimpinan or the notulis
    missing from the attendance (they are listed as present on the daftar hadir)."""
    r = meeting.rapat
    out = []
    if not _is_host(r) and r.mengetahui is None:
        out.append(
            f"rapat diselenggarakan oleh {r.penyelenggara}: notula ditandatangani notulis dan "
            f"diketahui pimpinan {r.office.nama}, tetapi berkas rapat tidak memuat "
            "rapat.mengetahui (nama, jabatan, nip); kolom 'Mengetahui' dibiarkan kosong"
        )
    if attendance is not None:
        _, added = with_officials(meeting, attendance)
        for role, person in added:
            out.append(
                f"{role} ({person.nama}) tidak ada di data kehadiran; dicantumkan sebagai Hadir "
                "di daftar hadir (bila tidak hadir, tambahkan ke data kehadiran dengan status "
                "yang sesuai)"
            )
    return out


# ----------------------------------------------------------------------------- attendance
def _summary_rows(attendance) -> tuple[list[dict], dict]:
    if attendance is None or len(attendance) == 0:
        return [], {}
    from workbench.rakor.summary import summarize

    summary = summarize(attendance)
    short = _short_counts(attendance)
    rows = []
    sums = {key: 0 for key in (*STATUS_KEYS.values(), SHORT_KEY)}
    for rec in summary.to_dict("records"):
        counts = {key: int(rec.get(s, 0)) for s, key in STATUS_KEYS.items()}
        for status, n in short.get(str(rec["instansi"]), {}).items():
            counts[STATUS_KEYS[status]] -= n  # counted apart, as on the daftar hadir
            counts[SHORT_KEY] = counts.get(SHORT_KEY, 0) + n
        counts.setdefault(SHORT_KEY, 0)
        for key, n in counts.items():
            sums[key] += n
        row = {"instansi": _text(rec["instansi"]) or "-", "jumlah": angka(int(rec["jumlah"]))}
        row.update({key: angka(n) for key, n in counts.items()})
        rows.append(row)
    rows.sort(key=lambda row: row["instansi"] == "-")  # people without instansi last
    total = {"instansi": "Jumlah", "jumlah": angka(int(summary["jumlah"].sum()))}
    total.update({key: angka(n) for key, n in sums.items()})
    return rows, total


#: Key of the summary column of present people under the minimum share ("Hadir, durasi
#: kurang" on the chart and the daftar hadir); they are not counted under their status.
SHORT_KEY = "hadir_durasi_kurang"


def _short_counts(attendance) -> dict[str, dict[str, int]]:
    """Present people under the minimum share, per institution (stripped, as
    :func:`~workbench.rakor.summary.summarize` groups) and status."""
    from workbench.rakor.attendance_model import PRESENT

    frame = attendance.assign(
        instansi=attendance["instansi"].fillna("").astype(str).str.strip(),
        status=attendance["status"].fillna("").astype(str),
    )
    short = frame[frame["kurang_durasi"].astype(bool) & frame["status"].isin(PRESENT)]
    counts: dict[str, dict[str, int]] = {}
    for (office, status), n in short.groupby(["instansi", "status"]).size().items():
        counts.setdefault(str(office), {})[str(status)] = int(n)
    return counts


def keterangan_text(status: str, keterangan: str) -> str:
    """'Hadir (daring)' or 'Izin – tugas luar'."""
    status, keterangan = _text(status), _text(keterangan)
    if status and keterangan:
        return f"{status} {_DASH} {keterangan}"
    return status or keterangan


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


def known_jabatan(meeting) -> dict[str, str]:
    """Jabatan the meeting record already gives (narasumber, pimpinan, notulis), by name.

    A Zoom report carries no jabatan; the speakers' and officials' positions written in
    the meeting file fill their empty Jabatan cells in the daftar hadir.
    """
    if meeting is None:
        return {}
    people = [m.narasumber for m in meeting.materi if m.narasumber]
    people += [meeting.rapat.pimpinan, meeting.rapat.notulis]
    return {_key(p.nama): p.jabatan for p in people if p and p.nama and p.jabatan}


def with_officials(meeting, attendance):
    """The attendance with the pimpinan and the notulis as present when it omits them
    (matched by name), and the ``(role, person)`` added. Pure: a new frame is returned.

    The user "says otherwise" by listing them with another status (Izin, Dinas Luar …).
    """
    import pandas as pd

    r = meeting.rapat
    names = {_key(_text(n)) for n in attendance["nama"]} if len(attendance) else set()
    expected = [
        ("pimpinan rapat", r.pimpinan, r.office.nama if _is_host(r) else r.penyelenggara),
        ("notulis", r.notulis, r.office.nama),
    ]
    added, rows = [], []
    for role, person, instansi in expected:
        if _key(person.nama) in names:
            continue
        names.add(_key(person.nama))
        added.append((role, person))
        rows.append(
            {
                "nama": person.nama,
                "jabatan": person.jabatan or "",
                "instansi": instansi,
                "status": "Hadir (daring)" if r.mode == "daring" else "Hadir",
                "keterangan": "",
                "durasi_menit": float("nan"),
                "persen_hadir": float("nan"),
                "kurang_durasi": False,
                "sumber": "berkas rapat",
            }
        )
    if not rows:
        return attendance, added
    extra = pd.DataFrame(rows, columns=list(attendance.columns))
    table = pd.concat([attendance, extra], ignore_index=True) if len(attendance) else extra
    table.attrs = dict(attendance.attrs)
    return table, added


def own_people(meeting, attendance):
    """The rows whose instansi is the writing office (``rapat.daftar_hadir: satker``)."""
    from workbench.rakor.names import instansi_key

    office = meeting.rapat.office
    keys = {instansi_key(office.nama), instansi_key(office.kop)}
    mine = attendance["instansi"].map(lambda v: bool(_text(v)) and instansi_key(_text(v)) in keys)
    return attendance[mine.astype(bool)].reset_index(drop=True)


def daftar_hadir_table(meeting, attendance, *, only_office: bool | None = None):
    """The rows the daftar hadir lists: the attendance with the officials
    (:func:`with_officials`), only the writing office's people when ``only_office`` (default:
    the record's ``rapat.daftar_hadir == 'satker'``)."""
    if attendance is None:
        return None
    table, _ = with_officials(meeting, attendance)
    if only_office is None:
        only_office = meeting.rapat.daftar_hadir == "satker"
    return own_people(meeting, table) if only_office else table


def status_counts(attendance) -> str:
    """'Hadir 7, Izin 1, Sakit 1, Dinas Luar 1' (statuses in their usual order; 'Hadir'
    counts both Hadir and Hadir (daring) when both occur)."""
    if attendance is None or len(attendance) == 0:
        return "-"
    counts = attendance["status"].map(_text).value_counts()
    parts = []
    for status in STATUSES:
        n = int(counts.get(status, 0))
        if n:
            parts.append(f"{status} {angka(n)}")
    return ", ".join(parts)


def _peserta_rows(attendance, meeting=None) -> list[dict[str, Any]]:
    """One row per person; a numbered signature slot only for people present (the slots
    alternate left and right), absentees show their status and keterangan."""
    if attendance is None:
        return []
    known = known_jabatan(meeting)
    rows = []
    for i, rec in enumerate(attendance.to_dict("records"), start=1):
        present = _text(rec.get("status")) in PRESENT
        line = f"{i}. " + "." * 10 if present else ""
        nama = _text(rec.get("nama"))
        rows.append(
            {
                "no": str(i),
                "nama": nama,
                "jabatan": _text(rec.get("jabatan")) or known.get(_key(nama), ""),
                "instansi": _text(rec.get("instansi")),
                "keterangan": keterangan_text(rec.get("status"), rec.get("keterangan")),
                "hadir": present,
                "ttd_kiri": line if i % 2 else "",
                "ttd_kanan": "" if i % 2 else line,
            }
        )
    return rows


# ----------------------------------------------------------------------------- images
def _chart_image(chart) -> Image | None:
    """PNG bytes, a path, or a matplotlib Figure (saved to PNG in memory)."""
    if chart is None or isinstance(chart, Image):
        return chart
    if isinstance(chart, (bytes, bytearray)):
        return Image(bytes(chart), CHART_WIDTH_MM)
    if isinstance(chart, (str, Path)):
        return Image(Path(chart), CHART_WIDTH_MM)
    if hasattr(chart, "savefig"):
        buf = io.BytesIO()
        chart.savefig(buf, format="png", dpi=200, bbox_inches="tight")
        return Image(buf.getvalue(), CHART_WIDTH_MM)
    raise TypeError(f"chart must be PNG bytes, a path or a Figure, not {type(chart).__name__}")


def photo_paths(meeting) -> list[Path]:
    """Documentation photo paths, relative ones taken from the meeting file's folder."""
    base = meeting.source.parent if meeting.source else Path.cwd()
    return [p if p.is_absolute() else base / p for p in meeting.dokumentasi]


def photo_caption(photo: dict, meeting) -> str:
    """The caption of a prepared photo: as typed, else '<acara>, pukul 13.52 WIB', else
    'Dokumentasi kegiatan, pukul 13.52 WIB', else 'Dokumentasi kegiatan'. A time from the
    file (no EXIF time) says so ('(waktu berkas)'); a photo of another day (allowed with
    --izinkan-tanggal-beda) is captioned with its date, never with a time of this meeting."""
    other_day = photo.get("tanggal")
    if photo.get("keterangan"):
        typed = _text(photo["keterangan"])
        return f"{typed} (foto tanggal {tanggal(other_day)})" if other_day else typed
    agenda = meeting.rapat.agenda
    index, waktu = photo.get("acara"), photo.get("waktu")
    what = agenda[index].uraian if index is not None else "Dokumentasi kegiatan"
    if other_day:
        at = f" pukul {jam(waktu)}" if waktu else ""
        return f"{what}, diambil {tanggal(other_day)}{at}"
    if waktu is None:
        return what
    source = " (waktu berkas)" if photo.get("sumber_waktu") == "berkas" else ""
    return f"{what}, pukul {jam(waktu)} {meeting.rapat.zona_waktu}{source}"


def _pairs(photos: list[dict]) -> list[dict[str, Any]]:
    """Photos two per table row: ``[{'kiri': {...}, 'kanan': {...} or empty}, ...]``."""
    empty = {"gambar": "", "keterangan": ""}
    return [
        {"kiri": photos[i], "kanan": photos[i + 1] if i + 1 < len(photos) else empty}
        for i in range(0, len(photos), 2)
    ]


def _photo_cells(meeting, photos: list[dict] | None) -> list[dict[str, Any]]:
    """One ``{'gambar', 'keterangan', 'acara'}`` per photo: ``photos`` prepared by
    :func:`workbench.rakor.job.prepare_photos` (JPEG bytes, captions, agenda item), else the
    record's files as they are (a context built without reading photos)."""
    if photos is None:
        return [
            {"gambar": Image(p, PHOTO_WIDTH_MM), "keterangan": f"Dokumentasi {i}", "acara": None}
            for i, p in enumerate(photo_paths(meeting), start=1)
        ]
    return [
        {
            "gambar": Image(p["jpeg"], PHOTO_WIDTH_MM),
            "keterangan": photo_caption(p, meeting),
            "acara": p.get("acara"),
            "hari_lain": bool(p.get("tanggal")),  # taken on another day (allowed)
        }
        for p in photos
    ]


def _photo_groups(meeting, cells: list[dict]) -> list[dict[str, Any]]:
    """The Lampiran's photos by agenda item in rundown order, each with its rows of two;
    agenda items without a photo are kept (``kosong``). Photos that fit no agenda item
    come last under 'Dokumentasi lainnya'. Without any rundown time (or photo placed),
    one group without a title, and photos of another day (allowed) under 'Dokumentasi
    lainnya'."""
    agenda = meeting.rapat.agenda
    if not cells:
        return []
    placed = [c for c in cells if c["acara"] is not None]
    if not placed:  # photos of another day still go under their own heading
        same = [c for c in cells if not c.get("hari_lain")]
        other = [c for c in cells if c.get("hari_lain")]
        return [
            {"judul": title, "baris": _pairs(_strip(group)), "kosong": False}
            for title, group in (("", same), ("Dokumentasi lainnya", other))
            if group
        ]
    groups = []
    for i, item in enumerate(agenda):
        mine = [c for c in cells if c["acara"] == i]
        when = f" (pukul {jam(item.waktu)} {meeting.rapat.zona_waktu})" if item.waktu else ""
        groups.append(
            {
                "judul": f"{i + 1}. {item.uraian}{when}",
                "baris": _pairs(_strip(mine)),
                "kosong": not mine,
            }
        )
    rest = [c for c in cells if c["acara"] is None]
    if rest:
        groups.append(
            {"judul": "Dokumentasi lainnya", "baris": _pairs(_strip(rest)), "kosong": False}
        )
    return groups


def _strip(cells: list[dict]) -> list[dict]:
    return [{"gambar": c["gambar"], "keterangan": c["keterangan"]} for c in cells]


def _acara_items(meeting) -> list[dict[str, str]]:
    r = meeting.rapat
    return [
        {
            "no": f"{i}.",
            "teks": (f"{jam(a.waktu)} {r.zona_waktu} {_DASH} " if a.waktu else "")
            + _text(a.uraian),
        }
        for i, a in enumerate(r.agenda, start=1)
    ]


# ----------------------------------------------------------------------------- contexts
def _materi_items(meeting) -> list[dict[str, Any]]:
    return [
        {
            "huruf": f"{_letters(i)}.",
            "judul": m.judul,
            "narasumber": _person_line(m.narasumber) if m.narasumber else "",
            "poin": numbered(m.poin, "{})", text=_text),
        }
        for i, m in enumerate(meeting.materi, start=1)
    ]


def _tindak_lanjut_rows(meeting) -> list[dict[str, str]]:
    return [
        {
            "no": str(i),
            "uraian": t.uraian,
            "penanggung_jawab": t.penanggung_jawab,
            "tenggat": tanggal(t.tenggat) if t.tenggat else "-",
        }
        for i, t in enumerate(meeting.tindak_lanjut, start=1)
    ]


def notula_context(
    meeting,
    attendance,
    *,
    chart=None,
    now: dt.datetime | None = None,
    photos: list[dict] | None = None,
) -> dict:
    """Everything the notula template shows, formatted in Indonesian.

    Parameters
    ----------
    meeting : workbench.rakor.model.Meeting
        The meeting record.
    attendance : pandas.DataFrame or None
        One row per person, columns :data:`workbench.rakor.attendance_model.COLUMNS`.
    chart : bytes, str, Path, Image or matplotlib.figure.Figure, optional
        The attendance chart for the Lampiran.
    now : datetime, optional
        When the document is made (``tanggal_dibuat``); defaults to today.
    photos : list of dict, optional
        The photos to embed, prepared by :func:`workbench.rakor.job.prepare_photos`
        (``jpeg``, ``keterangan``, ``acara``, ``waktu``); None: the record's files as they
        are, uncaptioned and ungrouped.

    Returns
    -------
    dict
        Keys :data:`NOTULA_VARIABLES`. Pure: nothing is read or written.
    """
    r = meeting.rapat
    if attendance is not None:
        attendance, _ = with_officials(meeting, attendance)
    ringkasan, total = _summary_rows(attendance)
    cells = _photo_cells(meeting, photos)
    made = (now or dt.datetime.now()).date()
    return {
        "kop": r.office.kop,
        "kop_alamat": "",
        "rapat": _rapat_block(meeting, attendance),
        "acara": _acara_items(meeting),
        "pembukaan": pembukaan_text(r),
        "materi": _materi_items(meeting),
        "pembahasan": numbered(meeting.pembahasan, "{})", text=_text),
        "pembahasan_huruf": f"{_letters(len(meeting.materi) + 1)}.",
        "kesimpulan": numbered(meeting.kesimpulan, text=_text),
        "tindak_lanjut": _tindak_lanjut_rows(meeting),
        "penutup": penutup_text(r),
        "ttd": _ttd_block(r),
        "lampiran": {
            "ringkasan": ringkasan,  # all rows (offices' own templates)
            # the same rows split for the bundled template: only the last keeps with "Jumlah"
            "ringkasan_awal": ringkasan[:-1],
            "ringkasan_akhir": ringkasan[-1:],
            "total": total,
            "grafik": _chart_image(chart),
            "foto": _pairs(_strip(cells)),  # all photos, two per row (templates before 0.9)
            "foto_acara": _photo_groups(meeting, cells),
        },
        "tanggal_dibuat": tanggal(made),
    }


def daftar_hadir_context(meeting, attendance, *, only_office: bool | None = None) -> dict:
    """Everything the daftar hadir template shows (see :data:`DAFTAR_HADIR_VARIABLES`).

    The rows are :func:`daftar_hadir_table` (officials added, only the writing office's
    people when ``only_office`` or the record says ``daftar_hadir: satker``).
    """
    r = meeting.rapat
    table = daftar_hadir_table(meeting, attendance, only_office=only_office)
    peserta = _peserta_rows(table, meeting)
    satker_only = only_office if only_office is not None else r.daftar_hadir == "satker"
    return {
        "kop": r.office.kop,
        "kop_alamat": "",
        "rapat": _rapat_block(meeting, table),
        "peserta": peserta,
        "jumlah": angka(len(peserta)),
        # "10 orang: Hadir 7, Izin 1, Sakit 1, Dinas Luar 1" (absentees are no peserta hadir)
        "rekap": f"{angka(len(peserta))} orang: {status_counts(table)}" if peserta else "-",
        "cakupan": f"Peserta dari {r.office.nama}" if satker_only else "",
        "ttd": _ttd_block(r, daftar_hadir=True),
    }


# ----------------------------------------------------------------------------- rendering
def _check_photos(meeting) -> None:
    from workbench.errors import InputError

    for i, path in enumerate(photo_paths(meeting), start=1):
        if not path.is_file():
            raise InputError(
                f"foto dokumentasi ke-{i} tidak ditemukan: {path}",
                file=meeting.source,
                field="dokumentasi",
                fix="periksa nama berkas foto; path relatif dihitung dari folder berkas rapat",
            )


def render_notula(
    meeting,
    attendance,
    target,
    *,
    template=None,
    chart=None,
    now: dt.datetime | None = None,
    photos: list[dict] | None = None,
) -> Path:
    """Render the notula to ``target`` (atomically) and return the path.

    ``template`` defaults to ``templates/notula.docx``. Photos are checked before anything
    is written.
    """
    _check_photos(meeting)
    context = notula_context(meeting, attendance, chart=chart, now=now, photos=photos)
    return render_docx(template or TEMPLATES_DIR / "notula.docx", context, target)


def render_daftar_hadir(
    meeting, attendance, target, *, template=None, only_office: bool | None = None
) -> Path:
    """Render the daftar hadir to ``target`` (atomically) and return the path."""
    context = daftar_hadir_context(meeting, attendance, only_office=only_office)
    return render_docx(template or TEMPLATES_DIR / "daftar-hadir.docx", context, target)
