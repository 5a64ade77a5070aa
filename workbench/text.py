"""Domain-free text helpers."""

from __future__ import annotations

import re


def slugify(text: str, max_len: int = 60) -> str:
    """Filesystem-safe, lower-case, hyphenated: 'Kabupaten Pamekasan' -> 'kabupaten-pamekasan'."""
    import unicodedata

    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", norm).strip("-").lower()
    if len(slug) > max_len:  # cut at a word boundary when there is one
        cut = slug[:max_len + 1].rfind("-")
        slug = slug[:cut] if cut > 0 else slug[:max_len]
    return slug.rstrip("-") or "tanpa-nama"
