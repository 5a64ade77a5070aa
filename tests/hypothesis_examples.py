"""Example counts for property tests under the loaded Hypothesis profile (tests/conftest.py)."""

from __future__ import annotations

import os

from hypothesis import settings


def examples(full: int) -> int:
    """``full`` under the ``ci`` profile (``HYPOTHESIS_PROFILE=ci``: ``.ci/run``); otherwise
    the profile's smaller count (``dev``, the default: quick local runs), never more."""
    if os.environ.get("HYPOTHESIS_PROFILE") == "ci":
        return full
    return min(full, settings().max_examples)
