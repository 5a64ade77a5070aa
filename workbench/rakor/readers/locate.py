"""Where a value of a meeting record is, as the user sees it (shared by the YAML and XLSX readers
and the validation).
"""

from __future__ import annotations

from typing import Callable, NamedTuple


class Location(NamedTuple):
    """Where a value is, as the user sees it."""

    row: int | None
    row_label: str
    field: str


Locator = Callable[[tuple], Location]
