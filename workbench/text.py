"""Domain-free text helpers (used by both domains and the batch; import nothing from them)."""

from __future__ import annotations

import re

#: Words read as yes / no in every table users fill in (jobs tables, report tables), after
#: :func:`word_key`. A table whose form has its own answers adds them (see
#: :data:`workbench.bakohumas.cells.FORM_YES`).
YES_WORDS: frozenset[str] = frozenset({"ya", "y", "yes", "true", "benar", "1"})
NO_WORDS: frozenset[str] = frozenset({"tidak", "t", "tdk", "no", "n", "false", "salah", "0"})

_NOT_SNAKE = re.compile(r"[^0-9a-z]+")


def slugify(text: str, max_len: int = 60) -> str:
    """Filesystem-safe, lower-case, hyphenated: 'Kabupaten Pamekasan' -> 'kabupaten-pamekasan'."""
    import unicodedata

    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", norm).strip("-").lower()
    if len(slug) > max_len:  # cut at a word boundary when there is one
        cut = slug[: max_len + 1].rfind("-")
        slug = slug[:cut] if cut > 0 else slug[:max_len]
    return slug.rstrip("-") or "tanpa-nama"


def word_key(value: object) -> str:
    """``value`` as text, lower case, with single spaces: ' Tidak  Memadai ' -> 'tidak memadai'."""
    return " ".join(str(value).lower().split())


def header_key(text: object, *, snake: bool = False) -> str:
    """A header cell as a lookup key (a byte-order mark and the case are ignored).

    By default the words are kept: single spaces, no spaces around '/', no trailing ':'
    ('Instansi / Unit Kerja :' -> 'instansi/unit kerja'; the attendance readers).
    ``snake=True``: every run of characters other than ``a-z``/``0-9`` becomes one '_',
    none at the ends ('Kode Satker ' -> 'kode_satker'; the report reader).
    """
    key = str(text or "").replace("\ufeff", "").lower()
    if snake:
        return _NOT_SNAKE.sub("_", key).strip("_")
    key = " ".join(key.split())
    return key.replace(" / ", "/").replace("/ ", "/").replace(" /", "/").rstrip(":").strip()


def yes_no(
    value: object, *, yes: frozenset[str] = YES_WORDS, no: frozenset[str] = NO_WORDS
) -> bool | None:
    """True/False for a yes/no cell, None when it is neither.

    A bool is itself, the numbers 0 and 1 are False and True, text is looked up (after
    :func:`word_key`) in ``yes`` and ``no``.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    key = word_key(value)
    if key in yes:
        return True
    if key in no:
        return False
    return None
