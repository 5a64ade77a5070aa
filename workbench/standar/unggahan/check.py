"""The Standar Media Sosial check on a posting log: pure, posts in, findings out.

The standard (seed article, "Standar Output Kehumasan KPU"): "jika menghadiri acara, akun
media sosial penyelenggara harus mengunggah terlebih dahulu sebelum akun KPU
mengunggahnya", and greetings ("ucapan") are posted alike by every office. For each event
(``acara`` + ``tanggal``) and platform:

- every KPU account's first post is compared with the organiser's first post: ``sesuai``
  (after it), ``kpu lebih dulu`` (before it, by how many minutes) or ``penyelenggara belum
  mengunggah`` (the organiser has no post on that platform);
- an event whose name starts with "Ucapan" has no organiser: every KPU account of the log on
  that platform should post it; each one missing is ``ucapan tidak diunggah``;
- an event without any organiser post on any platform is one a KPU office held itself (its
  own account is the organiser's): ``acara kpu`` (no violation), never a false
  "penyelenggara belum mengunggah".

Time differences are stated as people read them (:func:`durasi_text`: "25 menit",
"1 jam 15 menit", "1 hari 2 jam"): a post the next day is late by hours, not "1510 menit".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

SESUAI = "sesuai"
KPU_LEBIH_DULU = "kpu lebih dulu"
TANPA_PENYELENGGARA = "penyelenggara belum mengunggah"
UCAPAN_KURANG = "ucapan tidak diunggah"
UCAPAN_SESUAI = "ucapan diunggah"
ACARA_KPU = "acara kpu"
#: Findings in report order; all but the "fine" ones break the standard.
FINDINGS = (KPU_LEBIH_DULU, TANPA_PENYELENGGARA, UCAPAN_KURANG, SESUAI, UCAPAN_SESUAI, ACARA_KPU)
#: How the documents and charts name each finding (proper Indonesian, not the CSV codes).
LABELS = {
    KPU_LEBIH_DULU: "Akun KPU mengunggah lebih dulu",
    TANPA_PENYELENGGARA: "Akun penyelenggara belum mengunggah",
    UCAPAN_KURANG: "Ucapan belum diunggah",
    SESUAI: "Sesuai standar",
    UCAPAN_SESUAI: "Ucapan sudah diunggah",
    ACARA_KPU: "Acara KPU sendiri",
}


def durasi_text(minutes: int) -> str:
    """25 -> '25 menit', 75 -> '1 jam 15 menit', 1510 -> '1 hari 1 jam' (minutes dropped
    once the difference is a day or more)."""
    days, rest = divmod(int(minutes), 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} hari" + (f" {hours} jam" if hours else "")
    if hours:
        return f"{hours} jam" + (f" {mins} menit" if mins else "")
    return f"{mins} menit"


VIOLATIONS = frozenset({KPU_LEBIH_DULU, TANPA_PENYELENGGARA, UCAPAN_KURANG})
#: Columns of periksa-unggahan.csv, in order.
COLUMNS = (
    "acara",
    "tanggal",
    "platform",
    "akun",
    "temuan",
    "selisih_menit",
    "unggah_penyelenggara",
    "unggah_kpu",
    "keterangan",
    "tautan",
)


@dataclass(frozen=True)
class Post:
    """One row of the posting log."""

    row: int
    acara: str
    tanggal: dt.date
    akun: str
    pemilik: str  # "penyelenggara" | "kpu"
    platform: str  # "Instagram", "Facebook", "X", …
    waktu_unggah: dt.datetime
    tautan: str


@dataclass(frozen=True)
class Finding:
    """The check of one KPU account's post(s) for one event on one platform."""

    acara: str
    tanggal: dt.date
    platform: str
    akun: str
    temuan: str
    selisih_menit: int | None  # minutes between the organiser's first post and KPU's (≥ 0)
    unggah_penyelenggara: dt.datetime | None
    unggah_kpu: dt.datetime | None
    keterangan: str
    tautan: str = ""

    @property
    def melanggar(self) -> bool:
        return self.temuan in VIOLATIONS

    def as_row(self) -> dict[str, object]:
        return {
            "acara": self.acara,
            "tanggal": self.tanggal.isoformat(),
            "platform": self.platform,
            "akun": self.akun,
            "temuan": self.temuan,
            "selisih_menit": "" if self.selisih_menit is None else self.selisih_menit,
            "unggah_penyelenggara": _stamp(self.unggah_penyelenggara),
            "unggah_kpu": _stamp(self.unggah_kpu),
            "keterangan": self.keterangan,
            "tautan": self.tautan,
        }


def _stamp(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def is_ucapan(acara: str) -> bool:
    """A greeting post ("Ucapan Hari Bhayangkara", "ucapan selamat …")."""
    return acara.strip().lower().startswith("ucapan")


def check_posts(posts: Iterable[Post]) -> list[Finding]:
    """The findings of a posting log (``posts`` as read by
    :mod:`workbench.standar.unggahan.reader`), violations first (largest lead of KPU first),
    then the compliant ones."""
    posts = list(posts)
    kpu_accounts: dict[str, set[str]] = {}
    for p in posts:
        if p.pemilik == "kpu":
            kpu_accounts.setdefault(p.platform, set()).add(p.akun)
    groups: dict[tuple[str, dt.date, str], list[Post]] = {}
    for p in posts:
        groups.setdefault((p.acara, p.tanggal, p.platform), []).append(p)
    findings: list[Finding] = []
    organised = {(p.acara, p.tanggal) for p in posts if p.pemilik == "penyelenggara"}
    for (acara, tanggal, platform), items in groups.items():
        if is_ucapan(acara):
            findings += _greeting(
                acara, tanggal, platform, items, kpu_accounts.get(platform, set())
            )
        else:
            own = (acara, tanggal) not in organised  # no organiser anywhere: a KPU event
            findings += _event(acara, tanggal, platform, items, own=own)
    order = {name: i for i, name in enumerate(FINDINGS)}
    return sorted(
        findings,
        key=lambda f: (
            order[f.temuan],
            -(f.selisih_menit or 0) if f.temuan == KPU_LEBIH_DULU else 0,  # largest lead first
            f.tanggal,
            f.acara,
            f.platform,
            f.akun,
        ),
    )


def _first_by_account(items: Iterable[Post]) -> dict[str, Post]:
    first: dict[str, Post] = {}
    for p in sorted(items, key=lambda p: p.waktu_unggah):
        first.setdefault(p.akun, p)
    return first


def _event(
    acara: str, tanggal: dt.date, platform: str, items: list[Post], *, own: bool = False
) -> list[Finding]:
    organiser = [p for p in items if p.pemilik == "penyelenggara"]
    first_org = min((p.waktu_unggah for p in organiser), default=None)
    org_names = ", ".join(sorted({p.akun for p in organiser}))
    out = []
    for akun, post in _first_by_account([p for p in items if p.pemilik == "kpu"]).items():
        when = post.waktu_unggah
        lead: int | None = None
        if own:
            found = ACARA_KPU
            text = (
                f"acara ini tidak memiliki akun penyelenggara lain di log (acara KPU sendiri); "
                f"{akun} mengunggahnya"
            )
        elif first_org is None:
            found = TANPA_PENYELENGGARA
            text = (
                f"akun penyelenggara belum mengunggah acara ini di {platform}; {akun} "
                "mengunggah tanpa didahului penyelenggara"
            )
        elif when < first_org:
            found, lead = KPU_LEBIH_DULU, -round((when - first_org).total_seconds() / 60)
            text = f"{akun} mengunggah {durasi_text(lead)} sebelum akun penyelenggara ({org_names})"
        else:
            found, lead = SESUAI, round((when - first_org).total_seconds() / 60)
            text = f"{akun} mengunggah {durasi_text(lead)} setelah akun penyelenggara ({org_names})"
        out.append(
            Finding(acara, tanggal, platform, akun, found, lead, first_org, when, text, post.tautan)
        )
    return out


def _greeting(
    acara: str, tanggal: dt.date, platform: str, items: list[Post], accounts: set[str]
) -> list[Finding]:
    posted = _first_by_account([p for p in items if p.pemilik == "kpu"])
    out = []
    for akun in sorted(accounts):
        post = posted.get(akun)
        if post is not None:
            found, when, link = UCAPAN_SESUAI, post.waktu_unggah, post.tautan
            text = f"{akun} mengunggah ucapan ini"
        else:
            found, when, link = UCAPAN_KURANG, None, ""
            text = (
                f"{akun} belum mengunggah ucapan ini di {platform} ({len(posted)} dari "
                f"{len(accounts)} akun KPU mengunggahnya)"
            )
        out.append(Finding(acara, tanggal, platform, akun, found, None, None, when, text, link))
    return out


def counts_by_platform(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """platform -> finding -> count (every finding present, zero included)."""
    table: dict[str, dict[str, int]] = {}
    for f in findings:
        row = table.setdefault(f.platform, dict.fromkeys(FINDINGS, 0))
        row[f.temuan] += 1
    return table
