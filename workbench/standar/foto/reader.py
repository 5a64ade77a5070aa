"""Reading documentation photos: folders expanded, files decoded upright and downscaled.

:func:`read_photo` decodes one photo the way the documents need it: EXIF orientation applied
(Pillow's ``ImageOps.exif_transpose``), downscaled in memory to at most
:data:`EMBED_MAX_SIDE` pixels on the long side (JPEG files are decoded at a reduced scale
through ``Image.draft``, so a 12-megapixel photo costs a quarter of its full decode), with
the photo's time (EXIF ``DateTimeOriginal``, else the file's modification time). The
user's files are only read. The analysis of what was read is :mod:`workbench.standar.foto.check`.

HEIC/HEIF photos (iPhone) are read when ``pillow-heif`` is installed; otherwise they are bad
input naming that package.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from workbench.errors import InputError
from workbench.limits import MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, MAX_PHOTOS, open_image, size_text

#: Photo files a ``dokumentasi`` folder contributes (HEIC/HEIF too, see :func:`heic_supported`).
FOLDER_SUFFIXES = (".jpg", ".jpeg", ".png")
HEIC_SUFFIXES = (".heic", ".heif")
#: The package that teaches Pillow to read HEIC.
HEIC_PACKAGE = "pillow-heif"
#: Long side of a photo as embedded in a document (pixels): 1600 px over the Lampiran's
#: 74 mm column is ~550 dpi, and sharp on a full-width 150 mm print (~270 dpi).
EMBED_MAX_SIDE = 1600
#: JPEG quality of embedded photos.
JPEG_QUALITY = 85

_ORIENTATION = 0x0112
_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 0x9003
_DATETIME = 0x0132
READ_FIX = (
    "buka foto itu di penampil gambar; bila rusak, salin ulang dari kamera/ponsel atau "
    "simpan ulang sebagai .jpg, atau hapus dari daftar"
)


@dataclass
class PhotoFile:
    """One photo as read: sizes as displayed (after EXIF orientation) and an upright RGB
    image of at most :data:`EMBED_MAX_SIDE` pixels on the long side."""

    path: Path
    lebar: int
    tinggi: int
    waktu_ambil: dt.datetime | None
    waktu_sumber: str  # "exif" (DateTimeOriginal), "berkas" (file time), "" (none)
    image: Any  # PIL.Image.Image
    #: For a photo with transparency: its alpha channel ("L", same size as ``image``), so
    #: the check measures the picture and not the white it was laid on; else None.
    alpha: Any = None


def heic_supported() -> bool:
    """True when HEIC/HEIF can be read (``pillow-heif``, registered by :mod:`workbench.heif`)."""
    from workbench.heif import register_heif

    return register_heif()


def folder_photos(folder: Path) -> list[Path]:
    """The photo files directly in ``folder`` (JPEG, PNG, HEIC/HEIF), sorted by name."""
    suffixes = FOLDER_SUFFIXES + HEIC_SUFFIXES
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes),
        key=lambda p: p.name.lower(),
    )


def expand(paths: Iterable[Path], *, field: str = "dokumentasi") -> list[Path]:
    """Files and folders -> photo files (a folder gives :func:`folder_photos`).

    Raises :class:`InputError` for a path that does not exist, a folder without photos, or
    more than :data:`~workbench.limits.MAX_PHOTOS` photos.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = folder_photos(path)
            if not found:
                raise InputError(
                    "folder ini tidak berisi foto .jpg, .jpeg, .png atau .heic",
                    file=path,
                    field=field,
                    fix="salin foto kegiatan ke folder ini, atau sebutkan folder yang benar",
                )
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(
                "foto atau folder foto tidak ditemukan",
                file=path,
                field=field,
                fix="periksa ejaan lokasinya; lokasi relatif dihitung dari folder berkas rapat",
            )
    if len(files) > MAX_PHOTOS:
        raise InputError(
            f"terlalu banyak foto: {len(files)} (batas {MAX_PHOTOS})",
            field=field,
            fix="pilih foto yang akan dipakai dan pindahkan sisanya ke folder lain",
        )
    return files


#: What Pillow raises on a damaged file or damaged EXIF: a negative EXIF offset is a
#: ``ValueError`` ("negative seek value"), a short EXIF block a ``struct.error``, a bad tag
#: a ``KeyError``/``IndexError``/``TypeError``. Each is a bad photo (exit 2), never a traceback.
DECODE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    KeyError,
    IndexError,
    TypeError,
    OverflowError,
    ArithmeticError,
    struct.error,
)
TIME_FIX = (
    "waktu berkas foto itu tidak masuk akal; salin ulang foto itu (waktu berkasnya menjadi "
    "sekarang) atau perbaiki tanggalnya, lalu ulangi"
)


def file_time(path: Path) -> dt.datetime:
    """The file's modification time, local, to the second. A time the platform cannot show
    (an mtime in the year 318000, a negative one on Windows) is ``InputError`` (exit 2)."""
    try:
        return dt.datetime.fromtimestamp(Path(path).stat().st_mtime).replace(microsecond=0)
    except (ValueError, OverflowError, OSError) as e:
        raise InputError(
            f"waktu berkas foto tidak dapat dibaca ({e})", file=path, fix=TIME_FIX
        ) from e


def problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a photo (HEIC without decoder, not an image, truncated
    or corrupt), or None. Decodes at 1/8 scale (JPEG), which still reads the whole file, so
    a truncated photo is found here and not halfway through a document. Size limits are
    checked before (``record.photo_over_limit``)."""
    from PIL import Image, UnidentifiedImageError

    # registered whatever the name says (an iPhone photo renamed .jpg is still HEIC)
    if not heic_supported() and path.suffix.lower() in HEIC_SUFFIXES:
        return f"foto HEIC/HEIF memerlukan paket {HEIC_PACKAGE} (`pip install {HEIC_PACKAGE}`)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with open_image(path) as im:
                if im.format == "JPEG":
                    im.draft("RGB", (max(1, im.width // 8), max(1, im.height // 8)))
                im.load()
                taken = _taken(im.getexif())  # the EXIF the kernel reads, read now
    except UnidentifiedImageError:
        return "bukan gambar JPG/PNG/HEIC yang dikenali"
    except DECODE_ERRORS as e:
        return f"berkas gambar atau data EXIF-nya rusak atau terpotong: {e}"
    if taken is None:
        try:
            file_time(path)
        except InputError as e:
            return e.problem
    return None


def read_photo(path: str | Path, *, field: str = "dokumentasi") -> PhotoFile:
    """Decode ``path`` upright and downscaled (see the module docstring).

    Raises
    ------
    InputError
        The file is too big (bytes or pixels), HEIC without ``pillow-heif``, not an image,
        or truncated/corrupt.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    path = Path(path)

    def bad(problem: str, fix: str = READ_FIX) -> InputError:
        return InputError(problem, file=path, field=field, fix=fix)

    if not heic_supported() and path.suffix.lower() in HEIC_SUFFIXES:
        raise bad(
            "foto HEIC/HEIF tidak dapat dibaca: pembacanya belum terpasang",
            f"pasang paket {HEIC_PACKAGE} (`pip install {HEIC_PACKAGE}`), atau simpan ulang "
            "foto itu sebagai .jpg (di iPhone: Pengaturan > Kamera > Format > Paling Kompatibel)",
        )
    size = path.stat().st_size
    if size > MAX_PHOTO_BYTES:
        raise bad(
            f"foto terlalu besar: {size_text(size)} (batas {size_text(MAX_PHOTO_BYTES)})",
            "perkecil foto itu (mis. paling besar 4000×3000 piksel) lalu simpan ulang",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with open_image(path) as im:
                if im.width * im.height > MAX_PHOTO_PIXELS:
                    raise bad(
                        f"foto berukuran {im.width}×{im.height} piksel (batas "
                        f"{MAX_PHOTO_PIXELS // 1_000_000} megapiksel)",
                        "perkecil foto itu (mis. paling besar 4000×3000 piksel) lalu simpan ulang",
                    )
                exif = im.getexif()
                orientation = exif.get(_ORIENTATION, 1)
                lebar, tinggi = im.size
                if orientation in (5, 6, 7, 8):
                    lebar, tinggi = tinggi, lebar
                if im.format == "JPEG":  # decode at 1/2, 1/4 or 1/8 scale when that is enough
                    scale = max(im.size) / EMBED_MAX_SIDE
                    if scale > 1:
                        im.draft("RGB", (int(im.width / scale), int(im.height / scale)))
                im.load()
                upright = ImageOps.exif_transpose(im)
                image, alpha = _rgb(upright)
                taken, source = _taken(exif), "exif"
    except InputError:
        raise
    except Image.DecompressionBombError as e:
        raise bad(f"foto terlalu besar untuk dibuka ({e})") from e
    except UnidentifiedImageError as e:
        raise bad("berkas ini bukan gambar JPG/PNG/HEIC yang dikenali") from e
    except DECODE_ERRORS as e:
        raise bad(f"berkas gambar atau data EXIF-nya rusak atau terpotong ({e})") from e
    image.thumbnail((EMBED_MAX_SIDE, EMBED_MAX_SIDE), Image.Resampling.LANCZOS)
    if alpha is not None:
        alpha = alpha.resize(image.size, Image.Resampling.LANCZOS)
    if taken is None:
        taken, source = file_time(path), "berkas"
    return PhotoFile(path, lebar, tinggi, taken, source, image, alpha)


def _rgb(im):
    """``(rgb, alpha)``: an RGB copy, transparency laid on white (a PNG with an alpha
    channel), and that alpha channel when some pixel is not opaque (else None)."""
    from PIL import Image

    if im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info):
        im = im.convert("RGBA")
        alpha = im.getchannel("A")
        white = Image.new("RGB", im.size, "white")
        white.paste(im, mask=alpha)
        return white, (alpha if alpha.getextrema()[0] < 255 else None)
    return im.convert("RGB"), None


def _taken(exif) -> dt.datetime | None:
    """EXIF DateTimeOriginal (else DateTime) as a datetime, or None."""
    values = [exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL), exif.get(_DATETIME)]
    for value in values:
        if isinstance(value, bytes):
            value = value.decode("ascii", "replace")
        if isinstance(value, str):
            try:
                return dt.datetime.strptime(value.strip().rstrip("\x00")[:19], "%Y:%m:%d %H:%M:%S")
            except ValueError:
                continue
    return None


def read_photos(paths: Iterable[str | Path], *, field: str = "dokumentasi") -> list[PhotoFile]:
    """:func:`read_photo` of each path, in order."""
    return [read_photo(p, field=field) for p in paths]


def jpeg_bytes(image, quality: int = JPEG_QUALITY) -> bytes:
    """``image`` as baseline JPEG bytes without metadata (no EXIF, no GPS, no thumbnail)."""
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality, optimize=True)
    return buf.getvalue()
