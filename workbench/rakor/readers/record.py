"""Load a meeting record (``meeting.yaml`` or ``rapat.xlsx``) into a validated :class:`Meeting`.

The format readers (:mod:`.yaml_reader`, :mod:`.xlsx_reader`) turn a file into plain
data plus a *locator* (pydantic ``loc`` path -> where the user sees it: YAML line or
sheet row). :func:`validate_meeting` then does what both formats share:

1. day-first dates ("17/07/2025", "17 Juli 2025"), Indonesian times ("09.00"),
   case of ``mode``/``zona_waktu``, ``selesai: "s.d. selesai"``;
2. documentation photos resolved against the record's folder and checked;
3. the pydantic model, every error translated into one Indonesian
   :class:`~workbench.errors.InputError` naming file, line/row, field and fix.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from workbench.dates import parse_jam, parse_tanggal, weekday_conflict
from workbench.errors import InputError, InputErrors, closest, did_you_mean
from workbench.limits import MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, open_image, size_text
from workbench.rakor.model import Meeting
from workbench.rakor.readers.locate import Locator

SUFFIXES = (".yaml", ".yml", ".xlsx")
PHOTO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")

DATE_FIX = (
    "tulis tanggal sebagai 17/07/2025, 17-07-2025, 2025-07-17 atau 17 Juli 2025 (hari dahulu)"
)
SELESAI_FIX = (
    "periksa jam mulai dan selesai; kosongkan selesai (null) bila rapat berlangsung 's.d. selesai'"
)
TIME_FIX = "tulis jam sebagai 09.00 atau 09:00 (00.00 sampai 23.59)"
PHOTO_SHRINK_FIX = (
    "perkecil foto itu (mis. ubah ukurannya menjadi paling besar 4000×3000 piksel "
    "di aplikasi galeri/Paint, atau kirim lewat WhatsApp yang memperkecilnya), "
    "lalu tulis lokasi foto yang baru"
)

#: What each key holds, for "please fill in" fixes (Indonesian), by path without list indexes.
HINTS = {
    "rapat": "bagian rapat: judul, tanggal, mulai, tempat, pimpinan, notulis, dst.",
    "rapat.judul": "nama rapat",
    "rapat.penyelenggara": "instansi penyelenggara rapat, mis. KPU Provinsi Jawa Timur",
    "rapat.satker": 'kode wilayah satker penulis notula, mis. "35.28" (Kab. Pamekasan) '
    'atau "35" (Prov. Jawa Timur)',
    "rapat.tanggal": "tanggal rapat, mis. 17/07/2025",
    "rapat.mulai": "jam mulai, mis. 09.00",
    "rapat.mode": "luring, daring atau hybrid",
    "rapat.zona_waktu": "WIB, WITA atau WIT",
    "rapat.tempat": "tempat rapat, mis. Aula KPU atau Zoom Meeting",
    "rapat.pimpinan": "pimpinan rapat: nama, jabatan, nip",
    "rapat.notulis": "notulis/pencatat: nama, jabatan, nip",
    "rapat.mengetahui": "yang mengetahui notula: nama, jabatan, nip (boleh dikosongkan)",
    "rapat.mengetahui.nama": "nama pimpinan satker yang mengetahui notula",
    "rapat.daftar_hadir": "cakupan daftar hadir: semua atau satker",
    "rapat.pimpinan.nama": "nama pimpinan rapat",
    "rapat.notulis.nama": "nama notulis/pencatat",
    "materi.judul": "judul materi/paparan",
    "materi.narasumber.nama": "nama narasumber, atau kosongkan seluruh narasumber",
    "tindak_lanjut.uraian": "apa yang harus dikerjakan",
    "tindak_lanjut.penanggung_jawab": "siapa yang bertanggung jawab",
}


# ----------------------------------------------------------------------------- entry point
def load_meeting(path: str | Path) -> Meeting:
    """Read and validate a meeting record.

    Parameters
    ----------
    path
        ``meeting.yaml`` / ``.yml`` or ``rapat.xlsx``.

    Returns
    -------
    Meeting
        With ``source`` set to the record's absolute path and ``dokumentasi``
        resolved to absolute paths.

    Raises
    ------
    InputError
        Any problem in the file (all problems found are reported together).
    """
    path = Path(path).expanduser().resolve()
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"jenis berkas rapat '{path.suffix or '(tanpa akhiran)'}' tidak dikenal",
            file=path,
            fix="gunakan meeting.yaml (.yaml/.yml) atau rapat.xlsx; "
            "buat yang kosong dengan `workbench new-meeting FOLDER`",
        )
    if not path.is_file():
        raise InputError(
            "berkas rapat tidak ditemukan",
            file=path,
            fix="periksa nama dan folder berkas; buat yang kosong dengan "
            "`workbench new-meeting FOLDER`",
        )
    if suffix == ".xlsx":
        from workbench.rakor.readers.record_xlsx import read_xlsx_record as read
    else:
        from workbench.rakor.readers.record_yaml import read_yaml_record as read
    data, locate = read(path)
    return validate_meeting(data, source=path, locate=locate)


def validate_meeting(data: dict, *, source: Path, locate: Locator) -> Meeting:
    """Validate raw record data (as read from YAML or XLSX) into a :class:`Meeting`.

    ``data`` is not modified. Raises :class:`InputErrors` listing every problem.
    """
    data = copy.deepcopy(data)
    errors: list[tuple[tuple, str, str]] = []  # (loc, problem, fix)
    for internal in ("source", "foto"):  # set by the reader, not typed by users
        if internal in data:
            errors.append(
                (
                    (internal,),
                    f"kunci '{internal}' tidak dikenal",
                    "hapus kunci ini (lokasi berkas dan foto dicatat otomatis; foto "
                    "ditulis di bawah 'dokumentasi')",
                )
            )
            del data[internal]
    errors += normalize_values(data)
    errors += resolve_photos(data, Path(source).parent)
    meeting = None
    try:
        meeting = Meeting.model_validate({**data, "source": Path(source)})
    except ValidationError as e:
        seen = {loc for loc, _, _ in errors}
        errors += [err for err in translate(list(e.errors())) if err[0] not in seen]
    if errors or meeting is None:
        raise _as_input_errors(errors, source, locate)
    return meeting


def _as_input_errors(errors, source, locate: Locator) -> InputErrors:
    found = []
    for loc, problem, fix in errors:
        where = locate(tuple(loc))
        found.append(
            InputError(
                problem,
                file=Path(source).name,
                row=where.row,
                field=where.field,
                fix=fix,
                row_label=where.row_label,
            )
        )
    found.sort(key=lambda e: (e.row_label, e.row if e.row is not None else 10**9))
    return InputErrors(found)


# ----------------------------------------------------------------------------- values
_OPTIONAL_LISTS = ("materi", "pembahasan", "kesimpulan", "tindak_lanjut", "dokumentasi")
_UNTIL_DONE = {"", "-", "selesai", "s.d. selesai", "s.d selesai", "sd selesai", "s/d selesai"}


def normalize_values(data: dict) -> list[tuple[tuple, str, str]]:
    """Parse dates/times in place and tidy choice values; return the unreadable ones."""
    errors = []
    for key in _OPTIONAL_LISTS:  # "acara:" left empty means no items
        if key in data and data[key] is None:
            del data[key]
    rapat = data.get("rapat")
    if isinstance(rapat, dict) and rapat.get("acara", []) is None:
        del rapat["acara"]
    if isinstance(rapat, dict):
        errors += _normalize(rapat, ("rapat",), "tanggal", parse_tanggal, "tanggal", DATE_FIX)
        errors += _normalize(rapat, ("rapat",), "mulai", parse_jam, "jam", TIME_FIX)
        selesai = rapat.get("selesai")
        if isinstance(selesai, str) and selesai.strip().lower() in _UNTIL_DONE:
            rapat["selesai"] = None
        errors += _normalize(rapat, ("rapat",), "selesai", parse_jam, "jam", TIME_FIX)
        errors += _check_order(rapat)
        errors += _normalize_acara(rapat)
        if isinstance(rapat.get("mode"), str):
            rapat["mode"] = rapat["mode"].strip().lower()
        if isinstance(rapat.get("zona_waktu"), str):
            rapat["zona_waktu"] = rapat["zona_waktu"].strip().upper()
    for item in _list(data.get("materi")):
        if isinstance(item, dict) and "poin" in item and item["poin"] is None:
            del item["poin"]
        if isinstance(item, dict) and _all_blank(item.get("narasumber")):
            item["narasumber"] = None  # the blank record's "nama:/jabatan:" left empty
    for i, item in enumerate(_list(data.get("tindak_lanjut"))):
        if isinstance(item, dict):
            errors += _normalize(
                item, ("tindak_lanjut", i), "tenggat", parse_tanggal, "tanggal", DATE_FIX
            )
    return errors


ACARA_TIME_FIX = (
    'tulis jam di awal butir acara sebagai "13.30 Pembukaan" atau "13:30 Pembukaan" '
    '(00.00 sampai 23.59), atau {waktu: "13.30", uraian: Pembukaan}'
)


def _normalize_acara(rapat: dict) -> list:
    """``acara`` items as text: ``{waktu, uraian}`` -> '13.30 Uraian'; a leading time that
    is not a time ('25.30 Pembukaan') is reported."""
    from workbench.rakor.model import AGENDA_TIME

    errors: list = []
    items = rapat.get("acara")
    if not isinstance(items, list):
        return errors
    for i, item in enumerate(items):
        loc = ("rapat", "acara", i)
        if isinstance(item, dict):
            unknown = sorted(set(item) - {"waktu", "uraian"})
            uraian = item.get("uraian")
            if unknown:
                errors.append(
                    (
                        loc + (unknown[0],),
                        f"kunci '{unknown[0]}' tidak dikenal",
                        'tulis butir acara sebagai teks ("13.30 Pembukaan") atau '
                        '{waktu: "13.30", uraian: Pembukaan}',
                    )
                )
                items[i] = ""
                continue
            if uraian is None or not str(uraian).strip():
                errors.append((loc + ("uraian",), "nilai wajib belum diisi", "isi 'uraian'"))
                items[i] = ""
                continue
            waktu = item.get("waktu")
            if waktu is None or (isinstance(waktu, str) and not waktu.strip()):
                items[i] = str(uraian).strip()
                continue
            parsed = parse_jam(waktu)
            if parsed is None:
                errors.append((loc + ("waktu",), f"jam '{waktu}' tidak dapat dibaca", TIME_FIX))
                items[i] = str(uraian).strip()  # reported once, not again as "not text"
                continue
            items[i] = f"{parsed:%H.%M} {str(uraian).strip()}"
        elif isinstance(item, str) and (m := AGENDA_TIME.match(item.strip())) and m[3].strip():
            if parse_jam(f"{m[1]}.{m[2]}") is None:
                errors.append(
                    (
                        loc,
                        f"jam '{m[1]}.{m[2]}' pada acara '{item}' tidak dapat dibaca",
                        ACARA_TIME_FIX,
                    )
                )
    return errors


def acara_warnings(meeting: Meeting) -> list[str]:
    """Agenda times outside ``mulai``–``selesai`` (a warning, not an error)."""
    r = meeting.rapat
    out = []
    for item in r.agenda:
        if item.waktu is None:
            continue
        if item.waktu < r.mulai or (r.selesai is not None and item.waktu > r.selesai):
            until = f"{r.selesai:%H.%M}" if r.selesai else "selesai"
            out.append(
                f"jam acara '{item.uraian}' ({item.waktu:%H.%M}) di luar waktu rapat "
                f"({r.mulai:%H.%M}\u2013{until}); periksa kembali"
            )
    return out


def _check_order(rapat: dict) -> list:
    """``selesai`` after ``mulai`` (also reported when other fields are invalid)."""
    mulai, selesai = rapat.get("mulai"), rapat.get("selesai")
    if isinstance(mulai, dt.time) and isinstance(selesai, dt.time) and selesai <= mulai:
        return [
            (
                ("rapat", "selesai"),
                f"selesai ({selesai:%H.%M}) tidak boleh sebelum atau sama dengan mulai "
                f"({mulai:%H.%M})",
                SELESAI_FIX,
            )
        ]
    return []


def _normalize(block: dict, loc: tuple, key: str, parse, what: str, fix: str) -> list:
    value = block.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    parsed = parse(value)
    if parsed is None and (conflict := weekday_conflict(value)):
        return [
            (
                loc + (key,),
                conflict,
                "perbaiki nama hari atau tanggalnya (nama hari boleh "
                "dihapus; notula menuliskannya sendiri)",
            )
        ]
    if parsed is None:
        return [(loc + (key,), f"{what} '{value}' tidak dapat dibaca", fix)]
    block[key] = parsed
    return []


def _all_blank(value) -> bool:
    """True for a mapping whose values are all empty (``{nama: null, jabatan: ""}``)."""
    return isinstance(value, dict) and all(
        v is None or (isinstance(v, str) and not v.strip()) for v in value.values()
    )


def _list(value) -> list:
    return value if isinstance(value, list) else []


def resolve_photos(data: dict, base: Path) -> list[tuple[tuple, str, str]]:
    """Resolve ``dokumentasi`` entries against ``base`` in place; report bad ones.

    An entry is a path (a file, or a folder meaning every photo in it) or a mapping
    ``{berkas, keterangan}``. ``data['dokumentasi']`` becomes the list of photo files and
    ``data['foto']`` the same photos with captions and origin (:class:`~.model.Foto`).
    """
    from workbench.standar.foto.reader import folder_photos

    errors: list[tuple[tuple, str, str]] = []
    photos = data.get("dokumentasi")
    if not isinstance(photos, list):
        return errors
    files: list[Path] = []
    entries: list[dict] = []
    for i, item in enumerate(photos):
        loc: tuple = ("dokumentasi", i)
        caption = None
        if isinstance(item, dict):
            unknown = sorted(set(item) - {"berkas", "keterangan"})
            if unknown:
                errors.append(
                    (
                        loc + (unknown[0],),
                        f"kunci '{unknown[0]}' tidak dikenal",
                        "tulis foto sebagai {berkas: foto/x.jpg, keterangan: ...}",
                    )
                )
                continue
            caption = item.get("keterangan")
            if caption is not None and not isinstance(caption, str):
                caption = str(caption)
            item, loc = item.get("berkas"), loc + ("berkas",)
            if item is None or not str(item).strip():
                errors.append((loc, "nilai wajib belum diisi", "isi 'berkas' (lokasi foto)"))
                continue
        if not isinstance(item, (str, Path)) or not str(item).strip():
            errors.append((loc, "harus berupa lokasi foto atau folder foto", PHOTO_ENTRY_FIX))
            continue
        path = (base / Path(str(item).strip()).expanduser()).resolve()
        if path.is_dir():
            found = folder_photos(path)
            if not found:
                errors.append(
                    (
                        loc,
                        f"folder foto '{item}' tidak berisi foto .jpg, .jpeg, .png atau .heic",
                        "salin foto kegiatan ke folder itu, atau tulis folder yang benar",
                    )
                )
            for photo in found:
                errors += _photo_errors(photo, f"{str(item).rstrip('/')}/{photo.name}", loc)
                files.append(photo)
                entries.append({"berkas": photo, "dari_folder": True})
            continue
        if not path.is_file():
            errors.append(
                (
                    loc,
                    f"foto '{item}' tidak ditemukan (dicari di {path})",
                    "tulis lokasi foto atau folder foto relatif terhadap folder berkas rapat, "
                    "mis. foto/pembukaan.jpg atau foto/, atau hapus baris ini",
                )
            )
            continue
        errors += _photo_errors(path, str(item), loc)
        files.append(path)
        entries.append({"berkas": path, "keterangan": caption})
    from workbench.limits import MAX_PHOTOS

    if len(files) > MAX_PHOTOS:
        errors.append(
            (
                ("dokumentasi",),
                f"terlalu banyak foto: {len(files)} (batas {MAX_PHOTOS})",
                "pilih foto yang akan dipakai dan pindahkan sisanya ke folder lain",
            )
        )
    data["dokumentasi"] = files
    data["foto"] = entries
    return errors


PHOTO_ENTRY_FIX = (
    "tulis lokasi foto (foto/pembukaan.jpg), folder foto (foto/), atau "
    "{berkas: foto/pembukaan.jpg, keterangan: Pembukaan oleh Ketua}"
)


def _photo_errors(path: Path, label: str, loc: tuple) -> list[tuple[tuple, str, str]]:
    from workbench.standar.foto.reader import HEIC_SUFFIXES, problem

    if path.suffix.lower() not in PHOTO_SUFFIXES + HEIC_SUFFIXES:
        return [(loc, f"'{label}' bukan berkas gambar", "gunakan foto .jpg atau .png")]
    if (too_big := photo_over_limit(path)) is not None:
        return [(loc, f"foto '{label}' {too_big}", PHOTO_SHRINK_FIX)]
    if (why := problem(path)) is not None:
        return [
            (
                loc,
                f"foto '{label}' tidak dapat dibaca ({why})",
                "buka foto itu di penampil gambar; bila rusak, salin ulang dari "
                "kamera/ponsel atau simpan ulang sebagai .jpg, atau hapus baris ini",
            )
        ]
    return []


def photo_over_limit(path: Path) -> str | None:
    """Why ``path`` is too big to decode (bytes or pixels over :mod:`workbench.limits`), or None.

    Only the image header is read (``Image.open`` does not decode pixels), so a small file
    claiming 20000×20000 pixels is refused without the ~1.2 GB decoding it would take. Files
    Pillow cannot identify pass here; :func:`photo_problem` reports them.
    """
    import warnings

    from PIL import Image

    from workbench.heif import register_heif

    register_heif()  # so a HEIC's header is read here too, before any decoding
    size = path.stat().st_size
    if size > MAX_PHOTO_BYTES:
        return f"terlalu besar: {size_text(size)} (batas {size_text(MAX_PHOTO_BYTES)})"
    limit = f"batas {MAX_PHOTO_PIXELS // 1_000_000} megapiksel"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with open_image(path) as im:
                width, height = im.size
    except Image.DecompressionBombError:
        bomb = (
            (Image.MAX_IMAGE_PIXELS or MAX_PHOTO_PIXELS) * 2 // 1_000_000
        )  # Pillow refuses these itself
        return f"berukuran lebih dari {bomb} megapiksel ({limit})"
    except (OSError, SyntaxError, ValueError):
        return None
    if width * height > MAX_PHOTO_PIXELS:
        return (
            f"berukuran {width}×{height} piksel ({width * height // 1_000_000} megapiksel; {limit})"
        )
    return None


def photo_problem(path: Path) -> str | None:
    """Why ``path`` cannot go into a Word document, or None when it can.

    Decodes the whole image with Pillow (a truncated or corrupt file fails here,
    not halfway through rendering) and checks that python-docx knows its format;
    the file is read once for both.
    """
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image as DocxImage
    from PIL import UnidentifiedImageError

    try:
        blob = path.read_bytes()
        with open_image(io.BytesIO(blob)) as im:
            im.load()
        DocxImage.from_blob(blob)
    except (UnidentifiedImageError, UnrecognizedImageError):
        return "bukan gambar JPG/PNG yang dikenali"
    except (OSError, SyntaxError, ValueError) as e:
        return f"berkas gambar rusak atau terpotong: {e}"
    return None


# ----------------------------------------------------------------------------- pydantic errors
def translate(errors: typing.Sequence[Any]) -> list[tuple[tuple, str, str]]:
    """Turn pydantic errors into ``(loc, problem, fix)`` in Indonesian."""
    out = []
    suggested = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = tuple(err["loc"])
            key, keys = str(loc[-1]), _keys_at(loc[:-1])
            if match := closest(key, keys):
                suggested.add(loc[:-1] + (match,))
            out.append(
                (
                    loc,
                    f"kunci '{key}' tidak dikenal{did_you_mean(key, keys)}",
                    f"perbaiki ejaan atau hapus kunci ini; kunci yang sah di sini: "
                    f"{', '.join(keys)}",
                )
            )
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" or (err["type"] == "missing" and loc in suggested):
            continue
        out.append(_translate_one(err, loc))
    return out


def _translate_one(err: dict, loc: tuple) -> tuple[tuple, str, str]:
    kind, value = err["type"], err.get("input")
    key = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing" or value is None or (isinstance(value, str) and not value.strip()):
        hint = HINTS.get(".".join(str(p) for p in loc if isinstance(p, str)), "")
        return loc, "nilai wajib belum diisi", f"isi '{key}'" + (f" ({hint})" if hint else "")
    if kind == "value_error" and loc == ("rapat",):
        return ("rapat", "selesai"), _message(err), SELESAI_FIX
    if kind == "value_error" and key == "satker":
        from workbench.wilayah import normalize_code, registry

        return (
            loc,
            _message(err) + did_you_mean(normalize_code(value), registry()),
            'gunakan kode wilayah BPS dalam tanda kutip, mis. "35" (Provinsi Jawa Timur) '
            'atau "35.28" (Kabupaten Pamekasan); daftar di workbench/data/wilayah/',
        )
    if kind == "value_error" and key == "tagar":
        return (
            loc,
            _message(err),
            'tulis tiap tagar tanpa spasi, mis. ["#KPUPamekasan", "#PemiluDamai"]',
        )
    if kind == "literal_error":
        choices = _literal_choices(loc)
        return (
            loc,
            f"nilai '{value}' tidak sah{did_you_mean(str(value), choices)}",
            f"pilih salah satu: {', '.join(choices)}",
        )
    if kind.startswith("date"):
        return loc, f"tanggal '{value}' tidak dapat dibaca", DATE_FIX
    if kind.startswith("time"):
        return loc, f"jam '{value}' tidak dapat dibaca", TIME_FIX
    if kind == "list_type":
        return loc, "harus berupa daftar", "tulis tiap butir pada baris sendiri, diawali '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return (
            loc,
            "harus berisi kunci-kunci, bukan satu nilai",
            f"tulis kunci di bawahnya: {', '.join(_keys_at(loc))}",
        )
    if kind == "string_type":
        return (
            loc,
            f"harus berupa teks, bukan '{_short(value)}'",
            "tulis sebagai teks satu baris; apit dengan tanda kutip bila mengandung ':' atau '#'",
        )
    return loc, f"nilai '{_short(value)}' tidak sah ({err['msg']})", "periksa nilai ini"


def _message(err: dict) -> str:
    error = (err.get("ctx") or {}).get("error")
    return str(error) if error is not None else err["msg"]


def _short(value: Any, width: int = 60) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _model_at(loc: tuple) -> Any:
    """The model class or annotation found by walking ``loc`` down from :class:`Meeting`."""
    node: Any = Meeting
    for part in loc:
        node = _unwrap(node)
        if isinstance(part, int):
            args = typing.get_args(node)
            node = args[0] if args else None
        elif isinstance(node, type) and issubclass(node, BaseModel) and part in node.model_fields:
            node = node.model_fields[part].annotation
        else:
            return None
    return node


def _unwrap(annotation: Any) -> Any:
    """Optional[X] -> X (lists and literals are kept)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return annotation


def _keys_at(loc: tuple) -> list[str]:
    model = _unwrap(_model_at(loc))
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [name for name, f in model.model_fields.items() if not f.exclude]
    return []


def _literal_choices(loc: tuple) -> list[str]:
    return [str(a) for a in typing.get_args(_unwrap(_model_at(loc)))]
