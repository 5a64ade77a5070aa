"""Benchmark of the attendance merge (``workbench.rakor.merge.merge_attendance``).

Builds seeded attendance tables of 1,000 / 10,000 / 100,000 rows the way a large online
meeting produces them (a Zoom report of one row per person, from the 514 KPU
Kabupaten/Kota and a few without an institution, with shared office logins; a roster that
repeats half of them with typos, titles and degrees, and adds people who were not on
Zoom), merges them with the indexed merge and, where it finishes in reasonable time, with
the previous algorithm (kept below as the reference: every row compared with every person
merged so far), checks that both give the same table, and prints the times and ratios.

Usage::

    .venv/bin/python bench/merge.py                       # 1k, 10k, 100k (reference to 10k)
    .venv/bin/python bench/merge.py --rows 1000 5000 --reference-max 5000
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Sequence

import pandas as pd
from rapidfuzz import fuzz, process

from workbench.rakor.attendance_model import COLUMNS, PRESENT, SHARED_LOGIN_NOTE
from workbench.rakor.attendance_table import to_frame
from workbench.rakor.merge import (
    NAME_SIMILARITY,
    _is_shared_login,
    _is_zoom,
    _join,
    combine,
    merge_attendance,
)
from workbench.rakor.names import instansi_key, instansi_order_key, person_key
from workbench.samples.names import NAMES

#: First and last names of both genders, mixed freely.
FIRST = NAMES["L"][0] + NAMES["P"][0]
LAST = NAMES["L"][1] + NAMES["P"][1]


# ----------------------------------------------------------------------------- inputs
def _typo(rng: random.Random, name: str) -> str:
    i = rng.randrange(1, len(name))
    return name[:i] + name[i + 1 :] if rng.random() < 0.5 else name[:i] + name[i] + name[i:]


def attendance_frames(rows: int, seed: int = 1) -> list[pd.DataFrame]:
    """A Zoom table and a roster table of ``rows`` rows in all (see the module docstring)."""
    from workbench.wilayah import kabupaten_kota

    rng = random.Random(seed)
    offices = [o.nama for o in kabupaten_kota()]
    people = [
        (
            " ".join([rng.choice(FIRST), *rng.sample(LAST, rng.choice((1, 1, 2)))]),
            rng.choice(offices) if rng.random() < 0.95 else "",
        )
        for _ in range(rows // 2)
    ]
    zoom = [
        {
            "nama": n,
            "instansi": i,
            "status": "Hadir (daring)",
            "durasi_menit": d,
            "persen_hadir": round(d / 1.7, 1),
            "kurang_durasi": d < 85,
            "sumber": "zoom.csv",
        }
        for n, i, d in ((n, i, round(rng.uniform(10, 170), 1)) for n, i in people)
    ]
    zoom += [
        {
            "nama": o,
            "instansi": o,
            "status": "Hadir (daring)",
            "durasi_menit": 150.0,
            "persen_hadir": 88.0,
            "sumber": "zoom.csv",
            "keterangan": SHARED_LOGIN_NOTE,
        }
        for o in rng.sample(offices, min(len(offices), max(1, rows // 200)))
    ]
    roster = []
    for name, office in rng.sample(people, len(people) // 2):
        r = rng.random()
        name = (
            _typo(rng, name)
            if r < 0.2
            else f"Dr. {name}, S.H."
            if r < 0.3
            else name.lower()
            if r < 0.35
            else name
        )
        roster.append(
            {
                "nama": name,
                "jabatan": rng.choice(("Ketua", "Anggota", "Staf", "")),
                "instansi": office if rng.random() < 0.9 else "",
                "status": rng.choice(("Hadir", "Hadir (daring)", "Izin")),
                "sumber": "hadir.csv",
            }
        )
    while len(zoom) + len(roster) < rows:
        roster.append(
            {
                "nama": " ".join([rng.choice(FIRST), *rng.sample(LAST, 2)]),
                "jabatan": "Staf",
                "instansi": rng.choice(offices),
                "status": "Hadir",
                "sumber": "hadir.csv",
            }
        )
    rng.shuffle(zoom)
    return [to_frame(zoom), to_frame(roster)]


# ----------------------------------------------------------------------------- reference
def _compatible(a: dict, b: dict) -> bool:
    if _is_zoom(a) and _is_zoom(b) and set(a["sumber"].split(", ")) & {b["sumber"]}:
        return False
    ka, kb = instansi_key(a["instansi"]), instansi_key(b["instansi"])
    return ka == kb or not ka or not kb


def _find(people: list[dict], row: dict) -> int | None:
    candidates = {i: person_key(p["nama"]) for i, p in enumerate(people) if _compatible(p, row)}
    if not candidates:
        return None
    key = person_key(row["nama"])
    for i, other in candidates.items():
        if other == key:
            return i
    best = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY)
    return best[2] if best else None


def _absorb_shared_logins(people: list[dict]) -> list[dict]:
    out = list(people)
    for login in [p for p in people if _is_shared_login(p)]:
        office = instansi_key(login["instansi"])
        members = [
            i
            for i, p in enumerate(out)
            if not _is_zoom(p) and p["status"] in PRESENT and instansi_key(p["instansi"]) == office
        ]
        if not members:
            continue
        for i in members:
            member = dict(out[i])
            for f in ("durasi_menit", "persen_hadir", "kurang_durasi"):
                member[f] = login[f]
            notes = [n for n in login["keterangan"].split("; ") if n and n != SHARED_LOGIN_NOTE]
            member["keterangan"] = _join(
                [member["keterangan"], f"melalui {SHARED_LOGIN_NOTE}", *notes], "; "
            )
            member["sumber"] = _join([member["sumber"], login["sumber"]], ", ")
            out[i] = member
        out = [p for p in out if p is not login]
    return out


def reference_merge(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The merge before it was indexed (commit cd95fb7): quadratic in rows."""
    people: list[dict] = []
    for frame in frames:
        for row in frame.loc[:, list(COLUMNS)].to_dict("records"):
            index = _find(people, row)
            if index is None:
                people.append(dict(row))
            else:
                people[index] = combine(people[index], row)
    people = _absorb_shared_logins(people)
    order = sorted(range(len(people)), key=lambda i: (instansi_order_key(people[i]["instansi"]), i))
    return to_frame(people[i] for i in order)


# ----------------------------------------------------------------------------- timing
def timed(merge, frames) -> tuple[float, pd.DataFrame]:
    start = time.perf_counter()
    table = merge(frames)
    return time.perf_counter() - start, table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument(
        "--reference-max",
        type=int,
        default=10_000,
        help="largest input also merged with the reference (quadratic)",
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(f"{'rows':>8} {'people':>8} {'indexed s':>10} {'reference s':>12} {'ratio':>8}  same")
    for rows in args.rows:
        frames = attendance_frames(rows, args.seed)
        new_s, new = timed(merge_attendance, frames)
        line = f"{rows:>8,} {len(new):>8,} {new_s:>10.2f}"
        if rows <= args.reference_max:
            old_s, old = timed(reference_merge, frames)
            same = "yes" if new.equals(old) else "NO"
            line += f" {old_s:>12.2f} {old_s / new_s:>7.1f}x  {same}"
        else:
            line += f" {'-':>12} {'-':>8}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
