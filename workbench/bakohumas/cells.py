"""Parsing single cells of a quarterly report as Indonesian-locale Excel writes them.

Each parser takes a raw cell (text from a CSV, or a number/date from an XLSX cell)
and returns the value, ``None`` for an empty cell, or raises :class:`BadCell`
with the problem and the fix in Indonesian. The reader adds file, row and column.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from workbench.bakohumas.schema import ROMAN
from workbench.text import NO_WORDS, YES_WORDS
from workbench.text import yes_no as yes_no_word
from workbench.wilayah import kabupaten_kota, normalize_code, registry


class BadCell(ValueError):
    """A cell that cannot be read: ``problem`` and ``fix`` in Indonesian."""

    def __init__(self, problem: str, fix: str):
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


_SPACES = re.compile(r"[\s\u00a0]+")
_ID_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.500.000 / 1.500.000,00
_ID_DECIMAL = re.compile(r"^-?\d+(,\d+)?$")  # 1500000 / 12,5
_EN_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+\.\d+$")  # 1,500,000.00
_PLAIN_DECIMAL = re.compile(r"^-?\d+\.\d+$")  # 12.5 (not a thousands group)
_DATE_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$")
_DATE_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
#: Yes/no answers of the report form (its one yes/no column is ``sarana_memadai``): the words
#: every table takes (:data:`workbench.text.YES_WORDS`), the form's own answers and check marks.
FORM_YES = YES_WORDS | {"memadai", "v", "\u2713"}
FORM_NO = NO_WORDS | {"tidak memadai", "belum memadai", "kurang", "kurang memadai", "-", "x"}


def is_empty(value: object) -> bool:
    """True for None, NaN and blank text."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def text(value: object) -> str:
    """A text cell, whitespace-trimmed ('' when empty)."""
    if is_empty(value):
        return ""
    return str(value).strip()


def number(value: object) -> float | None:
    """'1.500.000', '1.500.000,00', 'Rp 1.500.000', '12,5', 1500000.0 -> float.

    Indonesian notation first: ``.`` groups thousands and ``,`` marks decimals.
    """
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise BadCell(f"'{value}' bukan angka", "isi dengan angka, mis. 12 atau 1.500.000")
    if isinstance(value, (int, float)):
        return float(value)
    raw = str(value).strip()
    s = _SPACES.sub("", raw)
    s = re.sub(r"^(-?)rp\.?", r"\1", s, flags=re.I)
    if _ID_GROUPED.match(s) or _ID_DECIMAL.match(s):
        return float(s.replace(".", "").replace(",", "."))
    if _EN_GROUPED.match(s):
        return float(s.replace(",", ""))
    if _PLAIN_DECIMAL.match(s):
        return float(s)
    raise BadCell(f"'{raw}' bukan angka", "isi dengan angka, mis. 12 atau 1.500.000 (tanpa huruf)")


def count(value: object) -> int | None:
    """A non-negative whole number."""
    n = _non_negative(value, "jumlah")
    if n is None:
        return None
    if not float(n).is_integer():
        raise BadCell(
            f"jumlah harus bilangan bulat ({_show(value)})", "isi bilangan bulat, mis. 12"
        )
    return int(n)


def money(value: object) -> float | None:
    """A non-negative amount of Rupiah."""
    return _non_negative(value, "nilai rupiah")


def _non_negative(value: object, what: str) -> float | None:
    n = number(value)
    if n is not None and n < 0:
        raise BadCell(f"{what} tidak boleh negatif ({_show(value)})", "isi 0 atau lebih")
    return n


def date(value: object) -> dt.date | None:
    """'17/07/2025', '17-07-2025', '2025-07-17', or a date cell -> date."""
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = str(value).strip()
    m = _DATE_DMY.match(raw)
    parts = (m[3], m[2], m[1]) if m else None
    if parts is None and (m := _DATE_YMD.match(raw)):
        parts = (m[1], m[2], m[3])
    if parts is not None:
        try:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            pass
    raise BadCell(f"'{raw}' bukan tanggal", "tulis tanggal sebagai HH/BB/TTTT, mis. 17/07/2025")


def yes_no(value: object) -> bool | None:
    """'ya'/'tidak' (and common variants) -> True/False."""
    if is_empty(value):
        return None
    answer = yes_no_word(value, yes=FORM_YES, no=FORM_NO)
    if answer is None:
        raise BadCell(f"'{str(value).strip()}' bukan ya/tidak", "isi 'ya' atau 'tidak'")
    return answer


def quarter(value: object) -> int | None:
    """1-4, also 'TW 2', 'TW2', 'II'."""
    if is_empty(value):
        return None
    raw = str(value).strip()
    key = re.sub(r"^(TW|TRIWULAN)\s*", "", raw.upper())
    if key in ROMAN:
        return ROMAN[key]
    try:
        n = number(key)
    except BadCell:
        n = None
    if n is None or not float(n).is_integer() or not 1 <= n <= 4:
        raise BadCell(f"triwulan '{raw}' di luar 1–4", "isi 1, 2, 3 atau 4")
    return int(n)


def year(value: object) -> int | None:
    """A year between 2000 and 2100."""
    n = number(value)
    if n is None:
        return None
    if not float(n).is_integer() or not 2000 <= n <= 2100:
        raise BadCell(f"tahun '{_show(value)}' tidak sah", "isi tahun empat angka, mis. 2025")
    return int(n)


def office_code(value: object) -> str | None:
    """'3528', '35.28', 35.28, 35.1 (Excel's 35.10), 3528.0 -> '35.28' (a known kabupaten/kota)."""
    if is_empty(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    kode = normalize_code(value)
    office = registry().get(kode)
    if office is not None and not office.is_provinsi:
        return kode
    if office is not None:
        raise BadCell(
            f"kode '{_show(value)}' adalah kode provinsi, bukan kabupaten/kota",
            "isi kode KPU Kabupaten/Kota, mis. 35.28 (Kabupaten Pamekasan)",
        )
    from workbench.errors import did_you_mean

    codes = [o.kode for o in kabupaten_kota()]
    raise BadCell(
        f"kode satker '{_show(value)}' tidak dikenal{did_you_mean(kode, codes)}",
        "gunakan kode wilayah BPS kabupaten/kota, mis. 35.28 (Kabupaten Pamekasan); "
        "daftar lengkap di workbench/data/wilayah/kabupaten_kota.csv",
    )


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
