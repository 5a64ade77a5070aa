"""The Bakohumas quarterly report: its columns, their kinds, and the reporting period.

One row per KPU Kabupaten/Kota office per quarter (*triwulan*). The format is
documented for users in ``docs/format-laporan.md``.

Examples
--------
>>> p = Period.parse("2025-TW2")
>>> p.label
'TW 2 Tahun 2025'
>>> p.previous
Period(tahun=2025, triwulan=1)
>>> p.deadline
datetime.date(2025, 7, 10)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from workbench.errors import InputError

#: How documents name the reporting offices.
KK = "KPU Kabupaten/Kota"

#: Count indicators: public-relations outputs and activities (non-negative integers).
OUTPUT_COLUMNS: tuple[str, ...] = (
    "siaran_pers",
    "berita_website",
    "unggahan_medsos",
    "livestream",
    "foto_dokumentasi",
)
ACTIVITY_COLUMNS: tuple[str, ...] = ("rapat_koordinasi", "kegiatan_non_anggaran")
STAFF_COLUMNS: tuple[str, ...] = ("sdm_pelaksana", "sdm_terlatih")
COUNT_COLUMNS: tuple[str, ...] = OUTPUT_COLUMNS + ACTIVITY_COLUMNS + STAFF_COLUMNS
#: Money in Rupiah (non-negative numbers).
MONEY_COLUMNS: tuple[str, ...] = ("anggaran", "realisasi_anggaran")
#: Every numeric indicator (compared when detecting a report copied from the previous quarter).
NUMERIC_COLUMNS: tuple[str, ...] = COUNT_COLUMNS + MONEY_COLUMNS
TEXT_COLUMNS: tuple[str, ...] = ("uraian_kegiatan", "kendala")

#: The columns of the report, in the order of the form and of every table written.
COLUMNS: tuple[str, ...] = (
    "kode_satker",
    "tahun",
    "triwulan",
    "tanggal_kirim",
    *COUNT_COLUMNS,
    *MONEY_COLUMNS,
    "sarana_memadai",
    *TEXT_COLUMNS,
)

#: pandas dtypes of the table returned by :func:`workbench.bakohumas.reader.read_reports`.
DTYPES: dict[str, str] = {
    "kode_satker": "str",
    "tahun": "int64",
    "triwulan": "int64",
    "tanggal_kirim": "datetime64[s]",
    **{c: "Int64" for c in COUNT_COLUMNS},
    **{c: "Float64" for c in MONEY_COLUMNS},
    "sarana_memadai": "boolean",
    **{c: "str" for c in TEXT_COLUMNS},
}

#: Human-readable names (Indonesian) of the columns, for messages and documents.
LABELS: dict[str, str] = {
    "kode_satker": "Kode satker",
    "tahun": "Tahun",
    "triwulan": "Triwulan",
    "tanggal_kirim": "Tanggal kirim",
    "siaran_pers": "Siaran pers",
    "berita_website": "Berita website",
    "unggahan_medsos": "Unggahan media sosial",
    "livestream": "Livestream",
    "foto_dokumentasi": "Foto dokumentasi",
    "rapat_koordinasi": "Rapat koordinasi",
    "kegiatan_non_anggaran": "Kegiatan non-anggaran",
    "sdm_pelaksana": "SDM pelaksana",
    "sdm_terlatih": "SDM terlatih",
    "anggaran": "Anggaran",
    "realisasi_anggaran": "Realisasi anggaran",
    "sarana_memadai": "Sarana memadai",
    "uraian_kegiatan": "Uraian kegiatan",
    "kendala": "Kendala",
    "realisasi_persen": "Realisasi anggaran (%)",
    "sdm_terlatih_persen": "SDM terlatih (%)",
}

#: Day of the month after the quarter on which the report is due (default deadline).
DEADLINE_DAY = 10

_PERIOD_PATTERNS = (
    re.compile(r"^\s*(?P<tahun>\d{4})\s*[-_/ ]?\s*TW\s*(?P<tw>[1-4]|IV|I{1,3})\s*$", re.I),
    re.compile(
        r"^\s*TW\s*(?P<tw>[1-4]|IV|I{1,3})\s*(?:[-_/ ]|\s+TAHUN\s+)\s*(?P<tahun>\d{4})\s*$", re.I
    ),
)
#: Quarters written in Roman numerals ('TW II').
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass(frozen=True, order=True)
class Period:
    """A reporting quarter: ``Period(tahun=2025, triwulan=2)`` is written ``2025-TW2``."""

    tahun: int
    triwulan: int

    def __post_init__(self) -> None:
        if not 1 <= int(self.triwulan) <= 4:
            raise InputError(
                f"triwulan {self.triwulan} tidak sah",
                field="triwulan",
                fix="triwulan bernilai 1, 2, 3 atau 4",
            )

    @classmethod
    def parse(cls, text: "str | Period") -> "Period":
        """'2025-TW2', '2025TW2', 'TW2-2025', 'TW 2 Tahun 2025', '2025-TWII' -> Period.

        Raises
        ------
        InputError
            When ``text`` is not a period.
        """
        if isinstance(text, Period):
            return text
        for pattern in _PERIOD_PATTERNS:
            m = pattern.match(str(text))
            if m:
                tw = m["tw"].upper()
                return cls(int(m["tahun"]), ROMAN.get(tw) or int(tw))
        raise InputError(
            f"periode '{text}' tidak dikenal",
            field="periode",
            fix="tulis periode sebagai TAHUN-TWn, mis. 2025-TW2",
        )

    def __str__(self) -> str:
        return f"{self.tahun}-TW{self.triwulan}"

    @property
    def label(self) -> str:
        """'TW 2 Tahun 2025'."""
        return f"TW {self.triwulan} Tahun {self.tahun}"

    @property
    def previous(self) -> "Period":
        """The quarter before (TW 1 2025 -> TW 4 2024)."""
        if self.triwulan == 1:
            return Period(self.tahun - 1, 4)
        return Period(self.tahun, self.triwulan - 1)

    @property
    def next(self) -> "Period":
        """The quarter after (TW 4 2025 -> TW 1 2026)."""
        if self.triwulan == 4:
            return Period(self.tahun + 1, 1)
        return Period(self.tahun, self.triwulan + 1)

    @property
    def start(self) -> dt.date:
        """First day of the quarter."""
        return dt.date(self.tahun, 3 * self.triwulan - 2, 1)

    @property
    def end(self) -> dt.date:
        """Last day of the quarter."""
        return self.next.start - dt.timedelta(days=1)

    @property
    def deadline(self) -> dt.date:
        """Default deadline: the 10th day of the month after the quarter (TW 2 -> 10 July)."""
        return self.next.start.replace(day=DEADLINE_DAY)
