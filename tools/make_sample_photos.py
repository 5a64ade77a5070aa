"""Make the sample meeting's documentation photos (data/samples/rakor-bakohumas-2025-07-17/foto/).

From scikit-image's bundled sample photos (public domain / CC0, see the README written
beside them): each scaled to 800×600 JPEG with an EXIF DateTimeOriginal on the sample
rundown; one portrait frame stored sideways with EXIF orientation 6, one blurred, one a
re-saved near-duplicate. Needs scikit-image (a project dependency). Deterministic.

    .venv/bin/python tools/make_sample_photos.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter
from skimage import data

FOLDER = Path(__file__).resolve().parents[1] / "data/samples/rakor-bakohumas-2025-07-17/foto"
DAY = dt.date(2025, 7, 17)

#: file, skimage image, time taken, treatment
PHOTOS = [
    ("IMG_0901.jpg", "astronaut", "09.04", "landscape"),
    ("IMG_0917.jpg", "camera", "09.26", "portrait-sideways"),
    ("IMG_0918.jpg", "camera", "09.27", "blurred"),
    ("IMG_1003.jpg", "coffee", "10.08", "landscape"),
    ("IMG_1004.jpg", "coffee", "10.08", "duplicate"),
    ("IMG_1052.jpg", "rocket", "10.52", "landscape"),
    ("IMG_1121.jpg", "astronaut", "11.21", "mirrored"),
]


def frame(name: str, portrait: bool) -> Image.Image:
    """The sample image cropped to 4:3 (or 3:4) and scaled to 800 px on the long side."""
    im = Image.fromarray(getattr(data, name)()).convert("RGB")
    w, h = im.size
    ratio = 3 / 4 if portrait else 4 / 3
    if w / h > ratio:
        cw = int(h * ratio)
        im = im.crop(((w - cw) // 2, 0, (w - cw) // 2 + cw, h))
    else:
        ch = int(w / ratio)
        im = im.crop((0, (h - ch) // 2, w, (h - ch) // 2 + ch))
    size = (600, 800) if portrait else (800, 600)
    return im.resize(size, Image.Resampling.LANCZOS)


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(17)
    for file, name, at, treatment in PHOTOS:
        im = frame(name, portrait=treatment.startswith("portrait"))
        # a little sensor noise, as a phone photo has (and the grey images get colour)
        arr = np.asarray(im).astype(np.int16) + rng.normal(0, 3, (im.height, im.width, 3)).astype(
            np.int16
        )
        im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        exif = Image.Exif()
        hour, minute = (int(x) for x in at.split("."))
        taken = dt.datetime.combine(DAY, dt.time(hour, minute, 10))
        exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
        exif[0x010F] = "Contoh"  # Make
        if treatment == "portrait-sideways":
            im = im.transpose(Image.Transpose.ROTATE_90)  # stored sideways; 6 turns it upright
            exif[0x0112] = 6
        elif treatment == "blurred":
            im = im.filter(ImageFilter.GaussianBlur(6))
        elif treatment == "mirrored":  # another moment of the same speaker
            im = im.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        elif treatment == "duplicate":
            im = ImageEnhance.Brightness(im).enhance(1.04)  # a burst shot / re-saved copy
        im.save(FOLDER / file, quality=80, exif=exif)
    print(f"{len(PHOTOS)} photos, {sum(p.stat().st_size for p in FOLDER.glob('*.jpg'))} bytes")


if __name__ == "__main__":
    main()
