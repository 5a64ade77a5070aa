"""Read a posting log (CSV or XLSX) for the Standar Media Sosial check (``workbench posts``).

One row per social-media post: ``acara, tanggal, akun, pemilik, platform, waktu_unggah,
tautan`` (docs/format-unggahan.md). Every bad row is reported at once, naming the row and
the column (:class:`~workbench.errors.InputErrors`); bounds are
:data:`~workbench.limits.MAX_POSTS_ROWS` and :data:`~workbench.limits.MAX_POSTS_BYTES`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Iterable, Sequence

from workbench.errors import InputError, InputErrors, closest, did_you_mean
from workbench.limits import MAX_POSTS_BYTES, MAX_POSTS_ROWS
from workbench.standar.unggahan.check import Post
from workbench.standar.unggahan.exports import (
    ExportContext,
    cell_text,
    detect,
    read_export,
    to_posts,
)
from workbench.text import header_key

#: Column -> accepted header spellings (compared as :func:`header_key` snake keys).
COLUMNS: dict[str, tuple[str, ...]] = {
    "acara": ("acara", "kegiatan", "nama_acara"),
    "tanggal": ("tanggal", "tanggal_acara"),
    "akun": ("akun", "nama_akun", "username"),
    "pemilik": ("pemilik", "pemilik_akun", "jenis_akun"),
    "platform": ("platform", "media_sosial", "medsos"),
    "waktu_unggah": ("waktu_unggah", "waktu", "jam_unggah", "diunggah"),
    "tautan": ("tautan", "link", "url"),
}
REQUIRED = ("acara", "tanggal", "akun", "pemilik", "platform", "waktu_unggah")
#: Platform names as written in the log -> the name used in the check.
PLATFORMS: dict[str, str] = {
    "instagram": "Instagram",
    "ig": "Instagram",
    "facebook": "Facebook",
    "fb": "Facebook",
    "x": "X",
    "twitter": "X",
    "x (twitter)": "X",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "yt": "YouTube",
    "threads": "Threads",
}
OWNERS: dict[str, str] = {
    "penyelenggara": "penyelenggara",
    "kpu": "kpu",
}
SPLIT_FIX = "bagi log menjadi beberapa berkas (mis. per triwulan atau per provinsi)"
_TIME = re.compile(r"^(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?$")


def read_logs(
    paths: Sequence[str | Path], context: ExportContext | None = None
) -> tuple[list[Post], list[str]]:
    """``(posts, notes)`` of several files: hand-made posting logs and native exports
    (:mod:`workbench.standar.unggahan.exports`) together. The hand-made logs are read first:
    an export's account found there takes its ``pemilik``, and an ``--acara`` spelled
    differently only in case or spacing takes the log's spelling. ``notes``: one
    Indonesian line per export (what was read, what was left out)."""
    from dataclasses import replace

    from workbench.standar.unggahan.exports import account_key

    ctx = context or ExportContext()
    tables = [(Path(p), _table(Path(p))) for p in paths]
    posts: list[Post] = []
    for path, (header_row, header, body) in tables:
        if detect(header) is None:
            posts += _log_posts(path, header_row, header, body)
    owners = {(p.platform, account_key(p.akun)): p.pemilik for p in posts}
    events: dict[str, tuple[str, set]] = {}
    for p in posts:
        events.setdefault(" ".join(p.acara.lower().split()), (p.acara, set()))[1].add(p.tanggal)
    acara, dates = events.get(" ".join(ctx.acara.lower().split()), (ctx.acara, set()))
    ctx = replace(
        ctx,
        acara=acara,
        # the event named is in a hand-made log on one date: that date
        tanggal=ctx.tanggal or (next(iter(dates)) if len(dates) == 1 else None),
        known_owners=tuple(owners.items()),
        known_names=tuple({(p.platform, account_key(p.akun)): p.akun for p in posts}.items()),
    )
    notes: list[str] = []
    for path, (_row, header, body) in tables:
        fmt = detect(header)
        if fmt is None:
            continue
        found = read_export(fmt, header, body, path, ctx.zona)
        mine, ignored = to_posts(fmt, found, ctx, path)
        posts += mine
        line = (
            f"{path.name}: {fmt.name}, {len(mine)} unggahan akun {mine[0].akun} pada tanggal acara"
        )
        if ignored:
            line += f"; {ignored} unggahan pada tanggal lain tidak diperiksa"
        notes.append(line)
    if len(posts) > MAX_POSTS_ROWS:
        raise InputError(
            f"berkas-berkas ini berisi lebih dari {MAX_POSTS_ROWS:,} unggahan".replace(",", "."),
            fix=SPLIT_FIX,
        )
    return posts, notes


def read_posts(path: str | Path, context: ExportContext | None = None) -> list[Post]:
    """The posts of a CSV or XLSX posting log, or of one native export (with ``context``).

    Raises
    ------
    InputError
        A file over a bound, a missing column, or (all at once) every row with an unreadable
        date/time, an unknown platform or owner, or an empty required cell.
    """
    return read_logs([path], context)[0]


def _table(path: Path) -> tuple[int, Sequence[Any], list[tuple[int, Sequence[Any]]]]:
    """``(header row number, header, body rows)`` of a CSV or XLSX file (blank rows out)."""
    rows = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    rows = [(n, cells) for n, cells in rows if any(cell_text(c) for c in cells)]
    if not rows:
        raise InputError("log unggahan kosong", file=path, fix="isi baris judul kolom dan datanya")
    (header_row, header), body = rows[0], rows[1:]
    return header_row, header, body


def _log_posts(
    path: Path, header_row: int, header: Sequence[Any], body: list[tuple[int, Sequence[Any]]]
) -> list[Post]:
    """The posts of a hand-made posting log (its header and body rows)."""
    columns = _columns(header, path, header_row)
    posts, errors = [], []
    for number, cells in body:
        values = {name: cells[i] if i < len(cells) else None for name, i in columns.items()}
        try:
            posts.append(_post(number, values, path))
        except InputErrors as e:
            errors += e.errors
    if errors:
        raise InputErrors(errors)
    if not posts:
        raise InputError(
            "log unggahan tidak berisi data", file=path, fix="isi satu baris per unggahan"
        )
    return posts


def _csv_rows(path: Path) -> list[tuple[int, Sequence[Any]]]:
    from workbench.csvtext import csv_rows, read_text

    text = read_text(path, max_bytes=MAX_POSTS_BYTES, fix=SPLIT_FIX)
    return list(csv_rows(text, file=path, max_rows=MAX_POSTS_ROWS, fix=SPLIT_FIX))


def _xlsx_rows(path: Path) -> list[tuple[int, Sequence[Any]]]:
    from openpyxl import load_workbook

    from workbench.limits import limited_rows
    from workbench.office_guard import check_workbook

    check_workbook(path, MAX_POSTS_BYTES, fix=SPLIT_FIX)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # zipfile/openpyxl errors
        raise InputError(
            "berkas bukan workbook Excel (.xlsx) yang dapat dibaca",
            file=path,
            fix="simpan ulang dari Excel/LibreOffice sebagai Excel Workbook (.xlsx)",
        ) from e
    try:
        ws = wb.worksheets[0]
        numbered = enumerate(ws.iter_rows(values_only=True), start=1)
        return list(limited_rows(numbered, file=path, max_rows=MAX_POSTS_ROWS, fix=SPLIT_FIX))
    finally:
        wb.close()


def _columns(header: Sequence[Any], path: Path, row: int) -> dict[str, int]:
    keys = [header_key(h, snake=True) for h in header]
    found: dict[str, int] = {}
    for name, spellings in COLUMNS.items():
        for i, key in enumerate(keys):
            if key in spellings and name not in found:
                found[name] = i
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        known = [k for k in keys if k]
        hints = "".join(did_you_mean(m, known) for m in missing[:1])
        from workbench.standar.unggahan.exports import FORMATS

        shown = [str(h) for h in header if h]
        raise InputError(
            f"kolom {', '.join(missing)} tidak ada pada baris judul kolom{hints} (kolom yang "
            f"ada: {', '.join(shown[:12])}{' …' if len(shown) > 12 else ''})",
            file=path,
            row=row,
            fix="baris pertama harus berisi judul kolom: "
            + ", ".join(COLUMNS)
            + "; atau berikan ekspor asli platform tanpa diubah: "
            + "; ".join(f.name for f in FORMATS),
        )
    return found


def _post(number: int, values: dict[str, Any], path: Path) -> Post:
    errors: list[InputError] = []

    def bad(column: str, problem: str, fix: str) -> None:
        errors.append(InputError(problem, file=path, row=number, field=column, fix=fix))

    for column in REQUIRED:
        if not cell_text(values.get(column)):
            bad(column, "nilai wajib belum diisi", f"isi kolom {column}")
    tanggal = _date(values.get("tanggal"))
    if cell_text(values.get("tanggal")) and tanggal is None:
        bad("tanggal", f"tanggal '{cell_text(values['tanggal'])}' tidak dapat dibaca", DATE_FIX)
    platform = PLATFORMS.get(cell_text(values.get("platform")).lower())
    if cell_text(values.get("platform")) and platform is None:
        typed = cell_text(values["platform"])
        bad(
            "platform",
            f"platform '{typed}' tidak dikenal{did_you_mean(typed.lower(), PLATFORMS)}",
            "pilih salah satu: Instagram, Facebook, X, TikTok, YouTube, Threads",
        )
    owner = OWNERS.get(cell_text(values.get("pemilik")).lower())
    if cell_text(values.get("pemilik")) and owner is None:
        typed = cell_text(values["pemilik"])
        hint = closest(typed.lower(), list(OWNERS))
        bad(
            "pemilik",
            f"pemilik '{typed}' tidak dikenal" + (f' (maksud Anda: "{hint}"?)' if hint else ""),
            "tulis 'penyelenggara' (akun penyelenggara acara) atau 'kpu' (akun KPU)",
        )
    waktu = _when(values.get("waktu_unggah"), tanggal)
    time_only = len(cell_text(values.get("waktu_unggah")).split()) == 1
    if cell_text(values.get("waktu_unggah")) and waktu is None and (tanggal or not time_only):
        bad(
            "waktu_unggah",
            f"waktu unggah '{cell_text(values['waktu_unggah'])}' tidak dapat dibaca",
            "tulis tanggal dan jam, mis. 17/07/2025 10.15 atau 2025-07-17 10:15 (jam saja "
            "berarti pada tanggal acara)",
        )
    if errors:
        raise InputErrors(errors)
    assert tanggal is not None and waktu is not None and platform and owner
    return Post(
        number,
        cell_text(values["acara"]),
        tanggal,
        cell_text(values["akun"]),
        owner,
        platform,
        waktu,
        cell_text(values.get("tautan")),
    )


DATE_FIX = "tulis tanggal hari dahulu, mis. 17/07/2025 (atau 2025-07-17)"


def _date(value: Any) -> dt.date | None:
    from workbench.dates import parse_tanggal

    if isinstance(value, (dt.date, dt.datetime)):
        return parse_tanggal(value)
    return parse_tanggal(cell_text(value)) if cell_text(value) else None


def _when(value: Any, tanggal: dt.date | None) -> dt.datetime | None:
    """A posting time: a datetime cell, 'dd/mm/yyyy hh.mm', 'yyyy-mm-dd hh:mm[:ss]',
    ISO 'yyyy-mm-ddThh:mm', or a time alone (on the event's date)."""
    from workbench.dates import parse_tanggal

    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, dt.time):
        return dt.datetime.combine(tanggal, value) if tanggal else None
    text = cell_text(value).replace("T", " ")
    if not text:
        return None
    parts = text.split()
    if len(parts) == 1:
        jam = _clock(parts[0])
        return dt.datetime.combine(tanggal, jam) if tanggal and jam else None
    day, jam = parse_tanggal(" ".join(parts[:-1])), _clock(parts[-1])
    return dt.datetime.combine(day, jam) if day and jam else None


def _clock(text: str) -> dt.time | None:
    """'10.15', '10:15', '10:15:30' (seconds dropped), or None."""
    m = _TIME.match(text)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return dt.time(int(m.group(1)), int(m.group(2)))


def platforms_in(posts: Iterable[Post]) -> list[str]:
    """The platforms of ``posts``, in the order of :data:`PLATFORMS`."""
    present = {p.platform for p in posts}
    return [p for p in dict.fromkeys(PLATFORMS.values()) if p in present]
