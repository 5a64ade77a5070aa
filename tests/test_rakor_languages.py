"""Platform words as data (workbench/rakor/readers/languages.py): durations and times in
every language, dates split over two cells, an ambiguous date order stated."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.rakor.readers import languages
from workbench.rakor.readers.attendance import read_attendance
from workbench.rakor.readers.platform import TIME_FAMILIES, parse_duration, parse_time
from workbench.rakor.readers.teams import COLUMNS, join_split_times


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("2 godz. 18 min 8 s", 138 + 8 / 60),
        ("2\u00a0h 44\u00a0m", 164),
        ("1 Std. 5 Min.", 65),
        ("1 Std. 5 Min. 30 Sek.", 65.5),
        ("1 u 5 m 0 s", 65),
        ("2 h 30 min 0 s", 150),
        ("1 jam 5 menit", 65),
        ("1時間5分", 65),
    ],
)
def test_durations_in_every_language(text, minutes):
    assert parse_duration(text) == pytest.approx(minutes)


@pytest.mark.parametrize(
    "text", ["13/04/2021 à 09:01:31", "13.04.2021 um 09:01:31", "13-04-2021 om 09:01:31"]
)
def test_words_between_date_and_time(text):
    day_first = TIME_FAMILIES[2]
    assert parse_time(text, day_first) == dt.datetime(2021, 4, 13, 9, 1, 31)


def test_a_language_is_one_table():
    assert {"en", "id", "pt", "fr", "pl", "es", "de", "nl"} <= set(languages.LANGUAGES)
    assert "Pierwsze dołączenie" in COLUMNS["join"] and "Erster Beitritt" in COLUMNS["join"]
    assert languages.duration_units()["godz"] == 60


def test_date_and_time_in_two_cells_are_joined():
    assert join_split_times(["Sari", "5/15/2026", "1:00:00 PM", "51m"]) == [
        "Sari",
        "5/15/2026 1:00:00 PM",
        "51m",
    ]


def _old_list(tmp_path, day: str):
    text = "Full Name\tUser Action\tTimestamp\n"
    text += f"Sari\tJoined\t{day}, 9:00:00 AM\nSari\tLeft\t{day}, 11:00:00 AM\n"
    path = tmp_path / "teams.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_ambiguous_date_order_is_a_stated_assumption_checked_against_the_record(tmp_path):
    path = _old_list(tmp_path, "4/7/2025")
    on_record = read_attendance([path], tanggal=dt.date(2025, 7, 4))
    assert on_record.attrs["laporan"][0]["mulai"] == "2025-07-04 09:00:00"
    note = next(w for w in on_record.attrs["peringatan"] if "bulan-dulu" in w)
    assert "dibaca 04-07-2025 (sama dengan tanggal rapat pada catatan), bukan 07-04-2025" in note
    other = read_attendance([path], tanggal=dt.date(2025, 4, 7))
    assert other.attrs["laporan"][0]["mulai"] == "2025-04-07 09:00:00"


def test_unambiguous_date_gives_no_assumption(tmp_path):
    table = read_attendance([_old_list(tmp_path, "7/17/2025")], tanggal=dt.date(2025, 7, 17))
    assert not any("bulan-dulu" in w for w in table.attrs["peringatan"])
