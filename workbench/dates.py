"""Dates and times as Indonesian users type them (day first, month names, '09.00'); pure parsing,
no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any


_DAY_FIRST = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(?:([A-Za-z']+),?\s+)?(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
#: Day names as typed before a date ("Kamis, 17 Juli 2025"), by ``date.weekday()``.
_WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_TIME = re.compile(r"^(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?$")


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    from babel.dates import get_month_names

    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for num, name in get_month_names(width, locale="id").items():
            months[name.lower()] = num
    months.update({"agust": 8, "agt": 8, "ags": 8, "sept": 9, "nop": 11, "nopember": 11})
    return months


def parse_tanggal(value: Any) -> dt.date | None:
    """A date as users type it (day first), or ``None`` when it cannot be read."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    try:
        if m := _DAY_FIRST.match(text):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := _ISO.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _WORDS.match(text):
            month = _month_numbers().get(m[3].lower())
            if not month:
                return None
            day = dt.date(int(m[4]), month, int(m[2]))
            named = _WEEKDAYS.get((m[1] or "").lower())
            return None if named is not None and named != day.weekday() else day
    except ValueError:
        return None
    return None


def weekday_conflict(value: Any) -> str | None:
    """'Senin, 17 Juli 2025' -> why it cannot be right (17 July 2025 is a Thursday), else None."""
    from workbench.indonesian import hari, tanggal

    m = _WORDS.match(" ".join(str(value).split())) if isinstance(value, str) else None
    if not m or (m[1] or "").lower() not in _WEEKDAYS:
        return None
    day = parse_tanggal(f"{m[2]} {m[3]} {m[4]}")
    if day is None or _WEEKDAYS[m[1].lower()] == day.weekday():
        return None
    return f"{tanggal(day)} jatuh pada hari {hari(day)}, bukan {m[1]}"


def parse_jam(value: Any) -> dt.time | None:
    """A time as users type it ("09.00", "9:00", a time cell), or ``None``."""
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return dt.time(value // 60, value % 60)  # YAML 1.1 sexagesimal 09:00 -> 540
    if isinstance(value, str) and (m := _TIME.match(value.strip())):
        try:
            return dt.time(int(m[1]), int(m[2]), int(m[3] or 0))
        except ValueError:
            return None
    return None
