"""HEIC/HEIF (iPhone photos) for Pillow: :func:`register_heif` teaches ``PIL.Image.open``
to read them through ``pillow-heif`` (a declared dependency), once per process.

Neutral: any domain reading photos calls it before ``Image.open``; it imports no domain.
"""

from __future__ import annotations

from functools import lru_cache

#: The PyPI package that decodes HEIC/HEIF.
HEIF_PACKAGE = "pillow-heif"
#: Pillow format names the opener adds (``Image.open(...).format``).
HEIF_FORMATS = ("HEIF",)


@lru_cache(maxsize=1)
def register_heif() -> bool:
    """Register ``pillow-heif``'s opener with Pillow (once); False when it is not installed
    (a broken environment: the callers then refuse HEIC naming the package)."""
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    # Thumbnails are not needed; EXIF (orientation, date) is kept by the opener.
    register_heif_opener(thumbnails=False)
    return True
