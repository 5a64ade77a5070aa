"""Period parsing and the report schema."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.bakohumas.schema import COLUMNS, DTYPES, Period
from workbench.errors import InputError


@pytest.mark.parametrize(
    "text", ["2025-TW2", "2025TW2", "2025-tw 2", "TW2-2025", "TW 2 Tahun 2025", "2025-TWII"]
)
def test_parse_spellings(text):
    assert Period.parse(text) == Period(tahun=2025, triwulan=2)


def test_label_str_and_neighbours():
    p = Period.parse("2025-TW2")
    assert p.label == "TW 2 Tahun 2025"
    assert str(p) == "2025-TW2"
    assert p.previous == Period(2025, 1)
    assert Period(2025, 1).previous == Period(2024, 4)
    assert Period(2025, 4).next == Period(2026, 1)


@pytest.mark.parametrize(
    "tw, deadline",
    [
        (1, dt.date(2025, 4, 10)),
        (2, dt.date(2025, 7, 10)),
        (3, dt.date(2025, 10, 10)),
        (4, dt.date(2026, 1, 10)),
    ],
)
def test_default_deadline_is_the_10th_of_the_month_after(tw, deadline):
    assert Period(2025, tw).deadline == deadline


def test_start_end_and_order():
    p = Period(2025, 2)
    assert (p.start, p.end) == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    assert sorted([Period(2025, 2), Period(2024, 4), Period(2025, 1)])[0] == Period(2024, 4)


@pytest.mark.parametrize("text", ["2025-TW5", "kuartal 2", "2025"])
def test_bad_period_is_an_input_error(text):
    with pytest.raises(InputError, match="periode") as info:
        Period.parse(text)
    assert "2025-TW2" in info.value.message


def test_every_column_has_a_dtype():
    assert set(COLUMNS) == set(DTYPES)
