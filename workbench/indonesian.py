"""Indonesian formatting of dates, times, numbers and money, all through Babel.

Examples
--------
>>> hari_tanggal(date(2025, 7, 17))
'Kamis, 17 Juli 2025'
>>> waktu_rapat(time(9, 0), None, "WIB")
'pukul 09.00 WIB s.d. selesai'
>>> rupiah(1500000)
'Rp1.500.000'
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal

LOCALE = "id"


@lru_cache(maxsize=None)
def _locale() -> Locale:
    return Locale.parse(LOCALE)


def tanggal(d: _dt.date) -> str:
    """'17 Juli 2025'."""
    return format_date(d, "d MMMM y", locale=_locale())


def hari_tanggal(d: _dt.date) -> str:
    """'Kamis, 17 Juli 2025'."""
    return format_date(d, "EEEE, d MMMM y", locale=_locale())


def hari(d: _dt.date) -> str:
    """'Kamis'."""
    return format_date(d, "EEEE", locale=_locale())


def jam(t: _dt.time) -> str:
    """'09.00' (Babel's Indonesian time pattern uses the dot)."""
    return format_time(t, "HH.mm", locale=_locale())


def waktu_rapat(mulai: _dt.time, selesai: _dt.time | None, zona: str) -> str:
    """'pukul 09.00 WIB s.d. selesai' or 'pukul 09.00–11.30 WIB'."""
    if selesai is None:
        return f"pukul {jam(mulai)} {zona} s.d. selesai"
    return f"pukul {jam(mulai)}\u2013{jam(selesai)} {zona}"


def angka(value: float | int, decimals: int | None = None) -> str:
    """Grouped number in the Indonesian style: '1.234.567,89'."""
    if decimals is None:
        return format_decimal(value, locale=_locale())
    fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=fmt, locale=_locale())


def persen(value: float, decimals: int = 1) -> str:
    """'87,5%' from 87.5 (a value already in percent)."""
    return f"{angka(value, decimals)}%"


def rupiah(value: float | int, cents: bool = False) -> str:
    """'Rp1.500.000' or with cents 'Rp1.500.000,00'."""
    return "Rp" + angka(value, 2 if cents else 0)


def bulan_tahun(d: _dt.date) -> str:
    """'Juli 2025'."""
    return format_date(d, "MMMM y", locale=_locale())
