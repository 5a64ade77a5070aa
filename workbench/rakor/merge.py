"""Merging attendance tables from several files into one row per person.

Rules (see docs/format-kehadiran.md):

- The same person is the same normalised name (case, spaces and punctuation ignored) or a
  near-identical one (rapidfuzz ratio >= :data:`NAME_SIMILARITY`), within the same
  institution or where one side has no institution.
- A roster row (no Zoom duration) wins over a Zoom row for every text field it fills
  (nama, jabatan, instansi, status); durations come from Zoom; ``keterangan`` keeps both
  notes; ``sumber`` lists every file.
- An office's shared Zoom login ("KPU Kab. Pamekasan") is replaced by that office's roster
  rows with a present status, which take its duration; with no such roster rows it stays.
- Order: KPU RI, then offices in registry code order (province before its kabupaten/kota),
  then other institutions alphabetically, then rows without an institution; within one
  institution the first-seen order (a roster's own order, Zoom's join order) is kept.

Finding a row's person is linear in rows overall: :class:`_People` looks a row up by its
exact key per institution, and for the near-identical case compares it (one rapidfuzz
call) only with the keys that can reach :data:`NAME_SIMILARITY`, found through the pieces
each key is cut into (every such key holds one piece unchanged). The result is the one of
comparing every row with every person, as the merge did before (``bench/merge.py`` keeps
that version, checks both agree and times them: 10,000 rows 75 s before, under 1 s now).
"""

from __future__ import annotations

import bisect
import heapq
import math
from functools import lru_cache
from typing import Iterable, Sequence

import pandas as pd
from rapidfuzz import fuzz, process

from workbench.rakor.attendance_model import COLUMNS, PRESENT, SHARED_LOGIN_NOTE
from workbench.rakor.attendance_table import to_frame
from workbench.rakor.names import instansi_key, instansi_order_key, person_key

NAME_SIMILARITY = 92.0
_TEXT_FIELDS = ("nama", "jabatan", "instansi", "status")


def _is_zoom(row: dict) -> bool:
    value = row.get("durasi_menit")
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _kept_apart(a: dict, b: dict) -> bool:
    """True for two people the Zoom reader of one report already kept apart (the other half
    of "could be one person" is the institution, which :class:`_People` looks up by key)."""
    return _is_zoom(a) and _is_zoom(b) and b["sumber"] in a["sumber"].split(", ")


def _join(values: Iterable[str], sep: str) -> str:
    return sep.join(dict.fromkeys(v for v in values if v))


def combine(a: dict, b: dict) -> dict:
    """One person's two rows as one (roster fields win, Zoom durations kept)."""
    first, second = (b, a) if _is_zoom(a) and not _is_zoom(b) else (a, b)
    row = {f: first[f] or second[f] for f in _TEXT_FIELDS}
    row["keterangan"] = _join((first["keterangan"], second["keterangan"]), "; ")
    row["sumber"] = _join([*a["sumber"].split(", "), *b["sumber"].split(", ")], ", ")
    zooms = [r for r in (a, b) if _is_zoom(r)]
    timing = max(zooms, key=lambda r: r["durasi_menit"]) if zooms else first
    for f in ("durasi_menit", "persen_hadir", "kurang_durasi"):
        row[f] = timing[f]
    return row


# ----------------------------------------------------------------------------- finding people
#: Keys longer than this are not cut into pieces (cutting a long key would take more
#: lookups than comparing it); they are compared with every key of a near length. Person
#: keys (titles and degrees removed) are far shorter.
PIECE_MAX = 48
#: A scope of at most this many keys is compared whole (one rapidfuzz call) rather than
#: through its pieces: cheaper for one institution's few dozen people.
SCAN_MAX = 200


@lru_cache(maxsize=None)
def _max_distance(a: int, b: int) -> int:
    """Largest Indel distance (insertions + deletions) at which keys of lengths ``a`` and
    ``b`` still reach :data:`NAME_SIMILARITY` (``fuzz.ratio = 100 * (1 - d / (a + b))``);
    a hair generous, so float rounding can only widen the search."""
    return math.floor((100 - NAME_SIMILARITY) / 100 * (a + b) + 1e-6)


@lru_cache(maxsize=None)
def _partner_lengths(length: int) -> tuple[int, ...]:
    """Lengths of the keys that can be alike enough to a key of ``length`` (their distance
    is at least the difference of the lengths)."""
    share = (100 - NAME_SIMILARITY) / 100
    top = int(length * (1 + share) / max(1 - share, 1e-9)) + 2
    return tuple(n for n in range(top + 1) if abs(n - length) <= _max_distance(length, n))


@lru_cache(maxsize=None)
def _pieces(length: int) -> tuple[tuple[int, int], ...]:
    """(start, size) of the pieces a key of ``length`` is cut into: one more than its largest
    distance to any partner, so every partner holds one piece unchanged (an insertion or a
    deletion breaks at most one piece). Empty for keys too short or too long to cut."""
    n = max(_max_distance(length, other) for other in _partner_lengths(length)) + 1
    if n > length or length > PIECE_MAX:
        return ()
    cuts = [j * length // n for j in range(n + 1)]
    return tuple((cuts[j], cuts[j + 1] - cuts[j]) for j in range(n))


@lru_cache(maxsize=None)
def _plan(length: int) -> tuple[tuple[int, tuple[tuple[int, int, int], ...] | None], ...]:
    """Where to look for the keys alike enough to a key of ``length``: for each partner
    length, the (piece number, start, end) of the key's text that may equal that piece
    (None for lengths not cut: every key of that length is a candidate).

    Only the first unbroken piece of a partner need be found: when it is piece ``j``, the
    ``j`` before it are broken, so at most ``k - j`` edits follow it and its shift lies
    within ``k - j`` of the length difference (and within ``k`` edits in all).
    """
    plan: list[tuple[int, tuple[tuple[int, int, int], ...] | None]] = []
    for n in _partner_lengths(length):
        pieces = _pieces(n)
        if not pieces:
            plan.append((n, None))
            continue
        k, delta = _max_distance(n, length), length - n
        probes: list[tuple[int, int, int]] = []
        for j, (start, size) in enumerate(pieces[: k + 1]):
            for shift in range(delta - (k - j), delta + (k - j) + 1):
                at = start + shift
                if abs(shift) + abs(delta - shift) <= k and 0 <= at <= length - size:
                    probes.append((j, at, at + size))
        plan.append((n, tuple(probes)))
    return tuple(plan)


class _Scope:
    """The keys of the people of one institution (or of everyone), with their pieces, and
    how many of them a row of each Zoom report may be."""

    def __init__(self) -> None:
        self.count = 0  # people
        self.zoom_in: dict[str, int] = {}  # file -> its Zoom people
        self.people: dict[str, list[int]] = {}  # key -> person numbers, sorted
        #: (length, piece, text) -> keys, built once the scope outgrows SCAN_MAX
        self.pieces: dict[tuple[int, int, str], set[str]] | None = None
        self.uncut: dict[int, set[str]] = {}  # length -> keys not cut
        self.lengths: dict[int, int] = {}  # length -> keys

    def tally(self, person: dict, sign: int) -> None:
        """Count ``person`` in (``sign`` 1) or out (-1)."""
        self.count += sign
        if _is_zoom(person):
            for name in set(person["sumber"].split(", ")):
                self.zoom_in[name] = self.zoom_in.get(name, 0) + sign

    def may_hold(self, row: dict) -> bool:
        """Is anyone here not :func:`_kept_apart` from ``row``?"""
        kept = self.zoom_in.get(row["sumber"], 0) if _is_zoom(row) else 0
        return self.count > kept

    def add(self, key: str, i: int) -> None:
        numbers = self.people.get(key)
        if numbers:
            bisect.insort(numbers, i)
            return
        self.people[key] = [i]
        self.lengths[len(key)] = self.lengths.get(len(key), 0) + 1
        if self.pieces is not None:
            for slot in self._slots(key):
                slot.add(key)

    def remove(self, key: str, i: int) -> None:
        numbers = self.people[key]
        del numbers[bisect.bisect_left(numbers, i)]
        if not numbers:
            del self.people[key]
            self.lengths[len(key)] -= 1
            if self.pieces is not None:
                for slot in self._slots(key):
                    slot.discard(key)

    def _slots(self, key: str) -> list[set[str]]:
        n = len(key)
        assert self.pieces is not None
        return [
            self.pieces.setdefault((n, j, key[s : s + z]), set())
            for j, (s, z) in enumerate(_pieces(n))
        ] or [self.uncut.setdefault(n, set())]

    def alike(self, key: str) -> set[str]:
        """Every key that may reach :data:`NAME_SIMILARITY` with ``key`` (and some that
        do not: a superset, scored afterwards)."""
        if len(self.people) <= SCAN_MAX:
            return set(self.people)
        if self.pieces is None:
            self.pieces = {}
            for other in self.people:
                for slot in self._slots(other):
                    slot.add(other)
        found: set[str] = set()
        pieces, lengths = self.pieces, self.lengths
        for n, probes in _plan(len(key)):
            if not lengths.get(n):
                continue
            if probes is None:
                found |= self.uncut[n]
                continue
            for j, start, end in probes:
                hit = pieces.get((n, j, key[start:end]))
                if hit:
                    found |= hit
        return found


class _People:
    """The people merged so far, indexed so that finding a row's person looks only at the
    people whose name could match, not at everyone (the merge stays linear in rows).

    The result is the one of comparing the row with every person in order: the first
    compatible person with the same key, else the compatible person with the highest
    ``fuzz.ratio`` at or above :data:`NAME_SIMILARITY`, the first one on a tie.
    """

    def __init__(self) -> None:
        self.people: list[dict] = []
        self._keys: list[tuple[str, str]] = []  # (person key, institution key)
        self._scopes: dict[str | None, _Scope] = {}  # institution key (None: all) -> keys

    def add(self, row: dict) -> None:
        """Merge ``row`` into its person, or add it as a new one."""
        key, office = person_key(row["nama"]), instansi_key(row["instansi"])
        i = self._find(row, key, office)
        if i is None:
            self.people.append(dict(row))
            self._keys.append((key, office))
            self._enter(len(self.people) - 1)
            return
        person = combine(self.people[i], row)
        keys = (person_key(person["nama"]), instansi_key(person["instansi"]))
        moved = keys != self._keys[i]
        self._leave(i, moved)
        self.people[i], self._keys[i] = person, keys
        self._enter(i, moved)

    def _enter(self, i: int, index: bool = True) -> None:
        """Count person ``i`` in its scopes (and index its key)."""
        key, office = self._keys[i]
        for name in (office, None):
            scope = self._scopes.setdefault(name, _Scope())
            scope.tally(self.people[i], 1)
            if index:
                scope.add(key, i)

    def _leave(self, i: int, index: bool = True) -> None:
        key, office = self._keys[i]
        for name in (office, None):
            self._scopes[name].tally(self.people[i], -1)
            if index:
                self._scopes[name].remove(key, i)

    def _find(self, row: dict, key: str, office: str) -> int | None:
        """Number of the person ``row`` is, or None. A person of the same institution, or
        one side without an institution, is compatible unless :func:`_kept_apart`."""
        names = (office, "") if office else (None,)
        scopes = [
            self._scopes[s] for s in names if s in self._scopes and self._scopes[s].may_hold(row)
        ]
        same = self._first(scopes, key, row)
        if same is not None or not scopes:
            return same
        alike = set().union(*(s.alike(key) for s in scopes))
        alike.discard(key)
        best: int | None = None
        best_score = 0.0
        for other, score, _ in process.extract(
            key, list(alike), scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY, limit=None
        ):
            if best is not None and score < best_score:
                break
            i = self._first(scopes, other, row)
            if i is not None and (best is None or i < best):
                best, best_score = i, score
        return best

    def _first(self, scopes: list[_Scope], key: str, row: dict) -> int | None:
        """The first person with ``key`` in ``scopes`` that ``row`` may be."""
        numbers = [n for n in (s.people.get(key) for s in scopes) if n]
        for i in numbers[0] if len(numbers) == 1 else heapq.merge(*numbers):
            if not _kept_apart(self.people[i], row):
                return i
        return None


def _is_shared_login(row: dict) -> bool:
    return (
        _is_zoom(row)
        and bool(row["instansi"])
        and instansi_key(row["nama"]) == instansi_key(row["instansi"])
    )


def _absorb_shared_logins(people: list[dict]) -> list[dict]:
    """Give a shared login's time to its office's present roster rows, then drop it.

    The first login of an office takes them all; their time then comes from Zoom, so a
    later login of the same office finds no one left and stays.
    """
    members: dict[str, list[int]] = {}
    for i, p in enumerate(people):
        if not _is_zoom(p) and p["status"] in PRESENT:
            members.setdefault(instansi_key(p["instansi"]), []).append(i)
    out, absorbed = list(people), set()
    for n, login in enumerate(people):
        if not _is_shared_login(login):
            continue
        office = members.pop(instansi_key(login["instansi"]), None)
        if not office:
            continue
        notes = [t for t in login["keterangan"].split("; ") if t and t != SHARED_LOGIN_NOTE]
        for i in office:
            member = dict(out[i])
            for f in ("durasi_menit", "persen_hadir", "kurang_durasi"):
                member[f] = login[f]
            member["keterangan"] = _join(
                [member["keterangan"], f"melalui {SHARED_LOGIN_NOTE}", *notes], "; "
            )
            member["sumber"] = _join([member["sumber"], login["sumber"]], ", ")
            out[i] = member
        absorbed.add(n)
    return [p for n, p in enumerate(out) if n not in absorbed]


def merge_attendance(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate attendance tables and keep one row per person (rules in the module doc).

    Pure: the input frames are not modified.
    """
    found = _People()
    for frame in frames:
        for row in frame.loc[:, list(COLUMNS)].to_dict("records"):
            found.add(row)
    people = _absorb_shared_logins(found.people)
    order = sorted(range(len(people)), key=lambda i: (instansi_order_key(people[i]["instansi"]), i))
    return to_frame(people[i] for i in order)


# ----------------------------------------------------------------------------- files
#: Two rows of one institution this alike (``fuzz.token_set_ratio``) are listed for review.
REVIEW_SIMILARITY = 90.0
#: An institution with more rows than this is not reviewed (the comparison is pairwise).
REVIEW_MAX_ROWS = 2000


def probable_duplicates(table: pd.DataFrame) -> list[dict[str, object]]:
    """Pairs of rows of the merged table that are probably one person: names alike at
    :data:`REVIEW_SIMILARITY` or more (``token_set_ratio``, so "Sari" and "Sari Wulandari"
    match) within the same non-empty institution. Listed for review, not merged: the merge
    already joined the certain cases (same e-mail, names alike at :data:`NAME_SIMILARITY`).

    Each pair: ``{"baris": (i, j), "nama": (a, b), "instansi": ..., "skor": ...}`` with 1-based
    row numbers of ``table``.
    """
    groups: dict[str, list[int]] = {}
    for i, office in enumerate(table["instansi"].astype(str)):
        if office.strip():
            groups.setdefault(instansi_key(office), []).append(i)
    names = [person_key(n) for n in table["nama"].astype(str)]
    pairs: list[dict[str, object]] = []
    for rows in groups.values():
        if len(rows) < 2 or len(rows) > REVIEW_MAX_ROWS:
            continue
        keys = [names[i] for i in rows]
        scores = process.cdist(
            keys, keys, scorer=fuzz.token_set_ratio, score_cutoff=REVIEW_SIMILARITY
        )
        for a in range(len(rows)):
            for b in scores[a, a + 1 :].nonzero()[0]:
                i, j = rows[a], rows[a + 1 + int(b)]
                pairs.append(
                    {
                        "baris": (i + 1, j + 1),
                        "nama": (str(table["nama"].iloc[i]), str(table["nama"].iloc[j])),
                        "instansi": str(table["instansi"].iloc[i]),
                        "skor": round(float(scores[a, a + 1 + int(b)]), 1),
                    }
                )
    return sorted(pairs, key=lambda p: p["baris"])  # type: ignore[arg-type,return-value]
