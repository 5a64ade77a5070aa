"""Validated meeting record. YAML and XLSX readers both produce a :class:`Meeting`.

Field names are the Indonesian keys users type (see docs/format-rapat.md).
Unknown keys are refused (``extra="forbid"``) so a typo is reported, not lost.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ZonaWaktu = Literal["WIB", "WITA", "WIT"]
ModeRapat = Literal["luring", "daring", "hybrid"]
#: Who the daftar hadir lists: everyone, or only the writing office's own people.
DaftarHadir = Literal["semua", "satker"]


#: An agenda item that starts with a time: "13.30 Pembukaan", "13:30 - Pembukaan".
AGENDA_TIME = re.compile(r"^(\d{1,2})[.:](\d{2})(?![\d.:])\s*(?:[-\u2013\u2014]\s*)?(.*)$", re.S)


class AgendaItem(BaseModel):
    """One item of the rundown: its time when given, and its text."""

    waktu: Optional[dt.time] = None
    uraian: str


def split_acara(text: str) -> AgendaItem:
    """'13.30 Pembukaan' -> (13:30, 'Pembukaan'); 'Pembukaan' -> (None, 'Pembukaan').

    An invalid time ('25.30 Pembukaan') raises ``ValueError``; the record reader reports it.
    """
    text = text.strip()
    m = AGENDA_TIME.match(text)
    if not m or not m[3].strip():
        return AgendaItem(uraian=text)
    return AgendaItem(waktu=dt.time(int(m[1]), int(m[2])), uraian=m[3].strip())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Person(_Strict):
    """Someone named in the minutes (pimpinan, notulis, narasumber)."""

    nama: str = Field(min_length=1)
    jabatan: Optional[str] = None
    nip: Optional[str] = None

    @field_validator("nip", mode="before")
    @classmethod
    def _nip_as_text(cls, v):
        # Excel and YAML turn an 18-digit NIP into a number; keep it as typed.
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(int(v))
        return v


class Materi(_Strict):
    """A presentation or agenda item discussed, with its points."""

    judul: str = Field(min_length=1)
    narasumber: Optional[Person] = None
    poin: list[str] = Field(default_factory=list)


class TindakLanjut(_Strict):
    """A follow-up: what, who, by when."""

    uraian: str = Field(min_length=1)
    penanggung_jawab: str = Field(min_length=1)
    tenggat: Optional[dt.date] = None


class Rapat(_Strict):
    """The meeting's header block."""

    judul: str = Field(min_length=1)
    penyelenggara: str = Field(min_length=1)
    satker: str = Field(min_length=1)
    tanggal: dt.date
    mulai: dt.time
    selesai: Optional[dt.time] = None
    zona_waktu: ZonaWaktu = "WIB"
    mode: ModeRapat = "luring"
    tempat: str = Field(min_length=1)
    undangan: Optional[str] = None
    pimpinan: Person
    notulis: Person
    #: Who acknowledges the notula under "Mengetahui," (the writing office's head); for a
    #: meeting another office held, the notulis signs and this person acknowledges.
    mengetahui: Optional[Person] = None
    acara: list[str] = Field(default_factory=list)
    tujuan: Optional[str] = None  # the meeting's purpose, for the berita's lead
    #: 'satker': the daftar hadir lists only the writing office's own people.
    daftar_hadir: DaftarHadir = "semua"

    @field_validator("mengetahui", mode="before")
    @classmethod
    def _blank_person(cls, v):
        # a blank block (every key empty, as the blank workbook leaves it) is no person
        if isinstance(v, dict) and not any(x is not None and str(x).strip() for x in v.values()):
            return None
        return v

    @field_validator("daftar_hadir", mode="before")
    @classmethod
    def _blank_daftar_hadir(cls, v):
        if v is None or (isinstance(v, str) and not v.strip()):
            return "semua"
        return v.strip().lower() if isinstance(v, str) else v

    @field_validator("tujuan", mode="before")
    @classmethod
    def _blank_tujuan(cls, v):
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("satker", mode="before")
    @classmethod
    def _satker_code(cls, v):
        from workbench.wilayah import normalize_code, registry

        code = normalize_code(v)
        if code not in registry():
            raise ValueError(f"kode satker '{v}' tidak dikenal")
        return code

    @field_validator("mulai", "selesai", mode="before")
    @classmethod
    def _time_text(cls, v):
        # "09.00" (Indonesian style) as well as "09:00"; YAML 1.1 reads 09:00 as 540 (minutes)
        if isinstance(v, str):
            return v.strip().replace(".", ":")
        if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 24 * 60:
            return dt.time(v // 60, v % 60)
        return v

    @model_validator(mode="after")
    def _selesai_after_mulai(self):
        if self.selesai is not None and self.selesai <= self.mulai:
            raise ValueError(
                f"selesai ({self.selesai:%H.%M}) tidak boleh sebelum atau sama dengan "
                f"mulai ({self.mulai:%H.%M})"
            )
        return self

    @property
    def agenda(self) -> list[AgendaItem]:
        """The rundown: ``acara`` items split into time (when given) and text."""
        return [split_acara(a) for a in self.acara]

    @property
    def office(self):
        from workbench.wilayah import get_office

        return get_office(self.satker)

    @property
    def held_by_office(self) -> bool:
        """True when the writing office (``satker``) also held the meeting
        (``penyelenggara`` names it: 'KPU Kabupaten Pamekasan', 'KPU Kab. Pamekasan')."""
        from workbench.rakor.names import instansi_key

        office = self.office
        return instansi_key(self.penyelenggara) in {
            instansi_key(office.nama),
            instansi_key(office.kop),
        }


_HASHTAG = re.compile(r"#?[^\W_][\w]*")


class Berita(_Strict):
    """Optional settings of the berita kegiatan and captions (``workbench news``)."""

    judul: Optional[str] = None  # headline; None: built from the record
    tagar: list[str] = Field(default_factory=list)  # the office's hashtags

    @field_validator("judul", mode="before")
    @classmethod
    def _blank_judul(cls, v):
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("tagar", mode="before")
    @classmethod
    def _hashtags(cls, v):
        # "#KPUPamekasan #PemiluDamai", "KPUPamekasan, PemiluDamai" or a list of either
        if v is None:
            return []
        items = v if isinstance(v, list) else [v]
        tags: list[str] = []
        for item in items:
            if not isinstance(item, str):
                raise ValueError("tagar harus berupa teks, mis. #KPUPamekasan")
            for word in re.split(r"[\s,;]+", item.strip()):
                if not word:
                    continue
                if not _HASHTAG.fullmatch(word):
                    raise ValueError(
                        f"tagar '{word}' tidak sah: hanya huruf, angka, dan garis bawah, "
                        "tanpa spasi"
                    )
                tag = "#" + word.lstrip("#")
                if tag.lower() not in {t.lower() for t in tags}:
                    tags.append(tag)
        return tags


class Foto(BaseModel):
    """One documentation photo after the record is read: a file, its caption when typed,
    and whether it came from a folder entry (flagged folder photos are left out)."""

    berkas: Path
    keterangan: Optional[str] = None
    dari_folder: bool = False


class Meeting(_Strict):
    """A whole meeting record."""

    rapat: Rapat
    materi: list[Materi] = Field(default_factory=list)
    pembahasan: list[str] = Field(default_factory=list)
    kesimpulan: list[str] = Field(default_factory=list)
    tindak_lanjut: list[TindakLanjut] = Field(default_factory=list)
    #: Photo files, folders expanded, resolved against the record's folder.
    dokumentasi: list[Path] = Field(default_factory=list)
    berita: Optional[Berita] = None

    # Where the record came from (not a user key); photo paths are relative to it.
    source: Optional[Path] = Field(default=None, exclude=True)
    # The ``dokumentasi`` entries with captions and origin (not a user key; set by the reader).
    foto: list[Foto] = Field(default_factory=list, exclude=True)

    def photos(self) -> list[Foto]:
        """The documentation photos with their captions: :attr:`foto` when it describes
        :attr:`dokumentasi`, else one uncaptioned entry per file (a record built in code)."""
        if [f.berkas for f in self.foto] == list(self.dokumentasi):
            return list(self.foto)
        return [Foto(berkas=p) for p in self.dokumentasi]
