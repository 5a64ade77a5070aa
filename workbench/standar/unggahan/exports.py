"""Native social-media exports read as posting-log rows (``workbench posts``).

Each export a platform gives an account owner carries every post's link, time and text,
but not what the posting log adds by hand: the event (``acara``, ``tanggal``) and whether
the account is the organiser's or a KPU office's (``pemilik``); some lack the account too.
Those come from :class:`ExportContext` (the CLI's ``--acara``, ``--tanggal``, ``--pemilik``,
``--akun``), or the account's ``pemilik`` from a hand-made log given alongside; what is
still missing is asked for in the error message, never guessed.

The formats are data (:data:`FORMATS`): the header keys that identify an export and the
column of each field. Times are converted to the office's time zone (``--zona``): X gives
an explicit UTC offset, Facebook Insights uses Pacific time (as Meta documents for that
export), Meta Business Suite and YouTube Studio give local time without a zone (taken as
the office's, a stated assumption). Only posts on the event's date are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from workbench.errors import InputError
from workbench.text import header_key

#: Office time zones -> UTC offset (hours).
ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}


@dataclass(frozen=True)
class ExportFormat:
    """One native export: how to recognise it and where each field is."""

    name: str  # shown to the user
    platform: str  # the posting log's platform name
    signature: tuple[str, ...]  # header keys (snake) that all appear in its header
    waktu: str  # column of the posting time
    tautan: str  # column of the link (or of the video id, see ``link``)
    teks: tuple[str, ...]  # columns of the text, first non-empty wins
    akun: str = ""  # column of the account ("" when the export has none)
    #: Time formats of ``waktu`` (strptime), tried in order; datetime cells need none.
    time_formats: tuple[str, ...] = ()
    #: Zone of times without an offset: "local" (the office's) or an IANA zone name.
    zone: str = "local"
    header_rows: int = 1  # the header and that many-1 description rows after it
    link: str = "{}"  # the link made from the ``tautan`` cell
    #: Where the account name is read from the link when there is no ``akun`` column.
    akun_from_link: str = ""
    skip_first_cell: tuple[str, ...] = ()  # rows whose first cell is this (a "Total" row)


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        name="ekspor X/Twitter Analytics (tweet activity)",
        platform="X",
        signature=("tweet_id", "tweet_permalink", "tweet_text", "time", "impressions"),
        waktu="time",
        tautan="tweet_permalink",
        teks=("tweet_text",),
        time_formats=("%Y-%m-%d %H:%M %z",),
        akun_from_link=r"(?:twitter|x)\.com/([^/]+)/status/",
    ),
    ExportFormat(
        name="ekspor Facebook Insights per unggahan (Key Metrics)",
        platform="Facebook",
        signature=("post_id", "permalink", "post_message", "posted"),
        waktu="posted",
        tautan="permalink",
        teks=("post_message",),
        time_formats=("%Y-%m-%d %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M"),
        zone="America/Los_Angeles",
        header_rows=2,
        akun_from_link=r"facebook\.com/([^/]+)/",
    ),
    ExportFormat(
        name="ekspor Meta Business Suite (konten Facebook)",
        platform="Facebook",
        signature=("post_id", "page_name", "publish_time", "permalink"),
        waktu="publish_time",
        tautan="permalink",
        teks=("title", "description"),
        akun="page_name",
        time_formats=("%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"),
    ),
    ExportFormat(
        name="ekspor Meta Business Suite (konten Instagram)",
        platform="Instagram",
        signature=("post_id", "account_username", "publish_time", "permalink"),
        waktu="publish_time",
        tautan="permalink",
        teks=("description",),
        akun="account_username",
        time_formats=("%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"),
    ),
    ExportFormat(
        name="ekspor YouTube Studio (konten)",
        platform="YouTube",
        signature=("content", "video_title", "video_publish_time"),
        waktu="video_publish_time",
        tautan="content",
        teks=("video_title",),
        time_formats=("%b %d, %Y %I:%M %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%b %d, %Y"),
        link="https://www.youtube.com/watch?v={}",
        skip_first_cell=("total",),
    ),
)


@dataclass(frozen=True)
class ExportContext:
    """What a native export lacks, given by the user (CLI options) or a hand-made log."""

    acara: str = ""
    tanggal: dt.date | None = None
    pemilik: str = ""  # "kpu" | "penyelenggara" | "" (from a hand-made log, else asked)
    akun: str = ""  # overrides the export's account name (as the hand-made log spells it)
    zona: str = "WIB"
    #: (platform, account key) -> pemilik, from the hand-made logs given alongside.
    known_owners: tuple[tuple[tuple[str, str], str], ...] = ()
    #: (platform, account key) -> the account as those logs spell it.
    known_names: tuple[tuple[tuple[str, str], str], ...] = ()


@dataclass(frozen=True)
class ExportPost:
    """One post of a native export, before the event and owner are added."""

    row: int
    akun: str
    platform: str
    waktu: dt.datetime  # in the office's zone, naive
    tautan: str
    teks: str
    date_only: bool = False  # the export gave the date without a time


def account_key(name: str) -> str:
    """Accounts compared as the hand-made log's: case, spaces and a leading '@' ignored."""
    return " ".join(name.strip().lstrip("@").lower().split())


def detect(header: Sequence[Any]) -> ExportFormat | None:
    """The native export whose signature this header row carries, or None."""
    keys = {header_key(h, snake=True) for h in header}
    return next((f for f in FORMATS if set(f.signature) <= keys), None)


def read_export(
    fmt: ExportFormat,
    header: Sequence[Any],
    body: Sequence[tuple[int, Sequence[Any]]],
    path: Path,
    zona: str = "WIB",
) -> list[ExportPost]:
    """The posts of an export (every row; the event's date is applied by :func:`to_posts`).

    Raises InputError naming the row and column of a time that does not parse.
    """
    keys = [header_key(h, snake=True) for h in header]

    def col(name: str) -> int | None:
        return keys.index(name) if name and name in keys else None

    at = {name: col(name) for name in (fmt.waktu, fmt.tautan, fmt.akun, *fmt.teks)}
    rows = list(body)[fmt.header_rows - 1 :]
    posts = []
    for number, cells in rows:

        def cell(name: str, cells: Sequence[Any] = cells) -> Any:
            i = at.get(name)
            return cells[i] if i is not None and i < len(cells) else None

        first = cell_text(cells[0]) if cells else ""
        if first.lower() in fmt.skip_first_cell or not any(cell_text(c) for c in cells):
            continue
        raw = cell(fmt.waktu)
        when, date_only = _time(raw, fmt, zona)
        if when is None:
            raise InputError(
                f"waktu unggah '{cell_text(raw)}' tidak dapat dibaca ({fmt.name})",
                file=path,
                row=number,
                field=str(header[at[fmt.waktu] or 0]),
                fix="unduh ulang ekspornya tanpa mengubah isinya di Excel",
            )
        tautan = cell_text(cell(fmt.tautan))
        link = fmt.link.format(tautan) if tautan else ""
        akun = cell_text(cell(fmt.akun)) if fmt.akun else ""
        if not akun and fmt.akun_from_link:
            m = re.search(fmt.akun_from_link, link)
            akun = m.group(1) if m else ""
        text = next((cell_text(cell(t)) for t in fmt.teks if cell_text(cell(t))), "")
        posts.append(ExportPost(number, akun, fmt.platform, when, link, text, date_only))
    return posts


def to_posts(fmt: ExportFormat, found: list[ExportPost], ctx: ExportContext, path: Path):
    """``(posts, ignored)``: the export's posts on the event's date as posting-log
    :class:`~workbench.standar.unggahan.check.Post` rows, and how many were on other dates.

    Raises InputError when the event, its date, the account or its owner is missing
    (naming what the export holds and the options that supply it), or when no post falls
    on the event's date.
    """
    from workbench.standar.unggahan.check import Post

    if not found:
        raise InputError(
            f"{fmt.name} tidak berisi unggahan", file=path, fix="unduh ulang ekspornya"
        )
    accounts = sorted({p.akun for p in found if p.akun})
    akun = ctx.akun or (accounts[0] if len(accounts) == 1 else "")
    # spelled as the hand-made log spells it ("@KPU_Kab" there, "kpu_kab" in the export)
    akun = dict(ctx.known_names).get((fmt.platform, account_key(akun)), akun)
    owners = dict(ctx.known_owners)
    pemilik = ctx.pemilik or owners.get((fmt.platform, account_key(akun)), "")
    first, last = min(p.waktu for p in found), max(p.waktu for p in found)
    missing = []
    if not ctx.acara:
        missing.append(("nama acara", '--acara "Nama acara"'))
    if ctx.tanggal is None:
        missing.append(("tanggal acara", "--tanggal 17/07/2025"))
    if not akun:
        what = "nama akun" if not accounts else f"satu nama akun (ada: {', '.join(accounts)})"
        missing.append((what, '--akun "nama akun seperti di log unggahan"'))
    if not pemilik:
        missing.append(("pemilik akun", "--pemilik kpu (atau penyelenggara)"))
    if missing:
        holds = (
            f"{len(found)} unggahan {fmt.platform}"
            + (f" akun {akun}" if akun else "")
            + f", {first:%d-%m-%Y} s.d. {last:%d-%m-%Y}"
        )
        raise InputError(
            f"{fmt.name} terbaca ({holds}), tetapi tidak memuat "
            + ", ".join(m for m, _ in missing),
            file=path,
            fix="sebutkan " + " ".join(o for _, o in missing) + " (atau salin unggahannya ke "
            "log unggahan, lihat docs/format-unggahan.md)",
        )
    assert ctx.tanggal is not None
    kept = [p for p in found if p.waktu.date() == ctx.tanggal]
    if not kept:
        days = sorted({p.waktu.date() for p in found})
        shown = ", ".join(f"{d:%d-%m-%Y}" for d in days[:10]) + (" …" if len(days) > 10 else "")
        raise InputError(
            f"{fmt.name}: tidak ada unggahan pada tanggal acara {ctx.tanggal:%d-%m-%Y} "
            f"(tanggal unggahan dalam ekspor, {ctx.zona}: {shown})",
            file=path,
            field="--tanggal",
            fix="periksa --tanggal, atau unduh ekspor yang mencakup tanggal acara",
        )
    no_time = [p for p in kept if p.date_only]
    if no_time:
        raise InputError(
            f"{fmt.name} hanya memuat tanggal unggah, tanpa jam ({len(no_time)} unggahan "
            f"pada {ctx.tanggal:%d-%m-%Y}); jam diperlukan untuk membandingkan urutan unggah",
            file=path,
            row=no_time[0].row,
            field=fmt.waktu,
            fix="salin unggahan itu ke log unggahan dengan jamnya (lihat jam tayang di "
            "halaman videonya)",
        )
    posts = [
        Post(p.row, ctx.acara, ctx.tanggal, akun, pemilik, p.platform, p.waktu, p.tautan)
        for p in kept
    ]
    return posts, len(found) - len(kept)


def cell_text(value: Any) -> str:
    """A spreadsheet cell as text (``None`` empty, whole floats without ``.0``), stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _time(value: Any, fmt: ExportFormat, zona: str) -> tuple[dt.datetime | None, bool]:
    """``(time in the office's zone, date only?)``, or ``(None, False)``."""
    date_only = False
    parsed: dt.datetime | None = value if isinstance(value, dt.datetime) else None
    if parsed is None:
        text = " ".join(cell_text(value).split())
        for pattern in fmt.time_formats:
            try:
                parsed = dt.datetime.strptime(text, pattern)
            except ValueError:
                continue
            date_only = "%H" not in pattern and "%I" not in pattern
            break
    if parsed is None:
        return None, False
    when = parsed
    office = dt.timezone(dt.timedelta(hours=ZONES[zona]))
    if when.tzinfo is None and fmt.zone != "local" and not date_only:
        from zoneinfo import ZoneInfo

        when = when.replace(tzinfo=ZoneInfo(fmt.zone))
    if when.tzinfo is not None:
        when = when.astimezone(office).replace(tzinfo=None)
    return when.replace(microsecond=0), date_only
