"""Generate the sample meeting's attendance files (seeded, so the output never changes).

Writes into ``data/samples/rakor-bakohumas-2025-07-17/``:

- ``zoom-peserta.csv``: a Zoom participants report with the meeting summary block for the
  Rakor Bakohumas of 17 July 2025 (09.00-11.45 WIB; the host opened the room at 08.48):
  KPU Provinsi Jawa Timur (host login, Nur Salam, Popong Anjarseno, staff), KPU RI (Reni
  Rinjani Pratiwi), and 1-3 people from every other kabupaten/kota of Jawa Timur, renamed
  in the usual styles. About 15% drop and rejoin (some with overlapping connections),
  a few stay under half of the meeting, a few wait in the waiting room first.
- ``peserta-internal.csv``: KPU Kabupaten Pamekasan's own roster (the six people the news
  article names), ``;``-separated and Windows-1252 encoded as Excel on an Indonesian
  machine saves it. Pamekasan followed the meeting on one shared Zoom login
  ("KPU Kab. Pamekasan"); the merge gives its time to these six people.

Usage: ``.venv/bin/python tools/make_sample_zoom.py [--out DIR]``
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
from pathlib import Path

from workbench.atomic import write_bytes
from workbench.paths import SAMPLE_MEETING_DIR
from workbench.rakor.names import parse_display_name
from workbench.samples.names import NAMES
from workbench.wilayah import get_office, kabupaten_kota

SEED = 20250717
DAY = dt.date(2025, 7, 17)
HOST_START = dt.datetime(2025, 7, 17, 8, 48, 31)
HOST_END = dt.datetime(2025, 7, 17, 11, 45, 19)
TOPIC = "Rakor Bakohumas KPU Provinsi dan KPU Kabupaten/Kota se-Jawa Timur"
MEETING_ID = "84731290562"
HOST_EMAIL = "humas.jatim@example.com"
PAMEKASAN = "35.28"

PARTICIPANT_HEADER = [
    "Name (Original Name)",
    "User Email",
    "Join Time",
    "Leave Time",
    "Duration (Minutes)",
    "Guest",
    "Recording Consent",
    "In Waiting Room",
]
SUMMARY_HEADER = [
    "Meeting ID",
    "Topic",
    "Start Time",
    "End Time",
    "User Email",
    "Duration (Minutes)",
    "Participants",
]

#: Pamekasan's internal roster: the people the article names (staff names are invented).
PAMEKASAN_ROSTER = [
    (
        "Mahdi",
        "Ketua",
        "KPU Kabupaten Pamekasan",
        "Hadir (daring)",
        "Ruang Media Center – lantai 2",
    ),
    (
        "Moh. Amiruddin",
        "Anggota, Divisi Sosdiklih, Parmas dan SDM",
        "KPU Kab. Pamekasan",
        "hadir daring",
        "",
    ),
    ("Panji Kuncoro", "Sekretaris", "KPU Kab. Pamekasan", "HADIR (DARING)", ""),
    ("Yuda", "Kepala Sub Bagian Parmas dan SDM", "KPU Kabupaten Pamekasan", "Hadir (daring)", ""),
    (
        "Ach. Fauzi",
        "Staf Sub Bagian Parmas dan SDM",
        "KPU Kabupaten Pamekasan",
        "Hadir (daring)",
        "",
    ),
    (
        "Siti Nurhasanah",
        "Staf Sub Bagian Parmas dan SDM",
        "KPU Kabupaten Pamekasan",
        "Hadir (daring)",
        "",
    ),
]


def zoom_time(t: dt.datetime) -> str:
    """Zoom's US export format: '07/17/2025 08:55:12 AM'."""
    return t.strftime("%m/%d/%Y %I:%M:%S %p")


def at(hh: int, mm: int, ss: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hh, mm, ss))


def jitter(rng: random.Random, base: dt.datetime, lo_s: int, hi_s: int) -> dt.datetime:
    return base + dt.timedelta(seconds=rng.randint(lo_s, hi_s))


def display_name(rng: random.Random, short: str, full: str, office) -> str:
    """One of the renaming styles participants use, checked against the parser."""
    kind = "Kab." if office.nama_wilayah.startswith("Kabupaten") else "Kota"
    kind_full = "Kabupaten" if kind == "Kab." else "Kota"
    place = office.kota_ttd
    styles = [
        f"{short}_KPU {kind.rstrip('.')} {place}",
        f"KPU {kind} {place} - {short}",
        f"{full} (KPU {kind_full} {place})",
        f"{short} - KPU {kind_full} {place}",
        f"{short}_KPU {place} ({full})",
        f"{short}_KPU {place}",
    ]
    for style in rng.sample(styles, len(styles)):
        parsed = parse_display_name(style)
        wanted = full if style.startswith(full) else short
        if (parsed.nama, parsed.instansi) == (wanted, office.nama):
            return style
    raise AssertionError(f"no display style parses back for {short} / {office.nama}")


def sessions_for(rng: random.Random, short_stay: bool, rejoin: bool) -> list[tuple]:
    """Join/leave intervals of one person."""
    start = jitter(rng, at(8, 50), 0, 15 * 60)
    end = min(
        jitter(rng, at(11, 38), 0, 8 * 60), HOST_END - dt.timedelta(seconds=rng.randint(5, 60))
    )
    if short_stay:
        if rng.random() < 0.5:
            start = jitter(rng, at(10, 25), 0, 20 * 60)
        else:
            end = jitter(rng, at(9, 35), 0, 25 * 60)
    if not rejoin:
        return [(start, end)]
    cut = start + (end - start) * rng.uniform(0.3, 0.7)
    if rng.random() < 0.35:  # joined again from a phone before the laptop dropped
        return [(start, cut), (cut - dt.timedelta(seconds=rng.randint(30, 120)), end)]
    gap = dt.timedelta(seconds=rng.randint(20, 240))
    return [(start, cut), (cut + gap, end)]


def people(rng: random.Random) -> list[dict]:
    """Everyone in the report except the host: display, email, sessions."""
    prov = get_office("35")
    rows = [
        {"name": "Nur Salam_KPU Jatim", "email": "", "sessions": [(at(8, 56, 10), at(11, 45, 2))]},
        {
            "name": f"Popong Anjarseno - {prov.nama}",
            "email": "popong.anjarseno@example.com",
            "sessions": [(at(8, 53, 40), at(10, 12, 5)), (at(10, 14, 30), at(11, 44, 51))],
        },
        {
            "name": "Dian Permatasari_KPU Prov Jatim",
            "email": "",
            "sessions": [(at(8, 51, 2), at(11, 45, 10))],
        },
        {
            "name": "Reni Rinjani Pratiwi (KPU RI)",
            "email": "reni.pratiwi@example.com",
            "sessions": [(at(9, 4, 22), at(10, 41, 37))],
        },
        {
            "name": "KPU Kab. Pamekasan",
            "email": "",
            "sessions": [(at(8, 57, 12), at(10, 21, 40)), (at(10, 23, 5), at(11, 45, 8))],
        },
    ]
    offices = [o for o in kabupaten_kota("35") if o.kode != PAMEKASAN]
    used: set[str] = set()
    shorts: set[str] = set()  # display names unique over the whole report
    for office in offices:
        for _ in range(rng.choice([1, 2, 2, 3])):
            firsts, lasts = NAMES[rng.choice("LP")]
            first, last = rng.choice(firsts), rng.choice(lasts)
            while f"{first} {last}" in used:
                first, last = rng.choice(firsts), rng.choice(lasts)
            used.add(f"{first} {last}")
            full = f"{first} {last}"
            short = full if rng.random() < 0.6 or first == "Moh." or first in shorts else first
            shorts.update({short, first})
            email = f"{first.rstrip('.')}.{last}@example.com".lower() if rng.random() < 0.35 else ""
            rows.append(
                {
                    "name": display_name(rng, short, full, office),
                    "email": email,
                    "sessions": sessions_for(rng, rng.random() < 0.06, rng.random() < 0.15),
                }
            )
    return rows


def participant_rows(rng: random.Random, everyone: list[dict]) -> list[list[str]]:
    """Report rows, in join order as Zoom lists them; a few waiting-room rows first."""
    rows = [(HOST_START, ["KPU Provinsi Jawa Timur", HOST_EMAIL, HOST_START, HOST_END, "No", "No"])]
    for person in everyone:
        guest = "No" if person["email"] else "Yes"
        first_join = person["sessions"][0][0]
        if first_join < at(8, 56) and rng.random() < 0.25:
            waited = first_join - dt.timedelta(seconds=rng.randint(40, 150))
            rows.append(
                (waited, [person["name"], person["email"], waited, first_join, guest, "Yes"])
            )
        for join, leave in person["sessions"]:
            rows.append((join, [person["name"], person["email"], join, leave, guest, "No"]))
    out = []
    for _, (name, email, join, leave, guest, waiting) in sorted(rows, key=lambda r: r[0]):
        minutes = math.ceil((leave - join).total_seconds() / 60)
        consent = "" if waiting == "Yes" else "Y"
        out.append(
            [name, email, zoom_time(join), zoom_time(leave), str(minutes), guest, consent, waiting]
        )
    return out


def zoom_csv(rng: random.Random) -> str:
    everyone = people(rng)
    rows = participant_rows(rng, everyone)
    duration = math.ceil((HOST_END - HOST_START).total_seconds() / 60)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(SUMMARY_HEADER)
    writer.writerow(
        [
            MEETING_ID,
            TOPIC,
            zoom_time(HOST_START),
            zoom_time(HOST_END),
            HOST_EMAIL,
            str(duration),
            str(len(everyone) + 1),
        ]
    )
    writer.writerow([])
    writer.writerow(PARTICIPANT_HEADER)
    writer.writerows(rows)
    return buf.getvalue()


def roster_csv() -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["Nama Lengkap", "Jabatan", "Instansi/Unit Kerja", "Status Kehadiran", "Keterangan"]
    )
    writer.writerows(PAMEKASAN_ROSTER)
    return buf.getvalue().encode("cp1252")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SAMPLE_MEETING_DIR)
    args = parser.parse_args(argv)
    rng = random.Random(SEED)
    write_bytes(args.out / "zoom-peserta.csv", zoom_csv(rng).encode("utf-8"))
    write_bytes(args.out / "peserta-internal.csv", roster_csv())
    print(f"ditulis: {args.out / 'zoom-peserta.csv'}, {args.out / 'peserta-internal.csv'}")


if __name__ == "__main__":
    main()
