"""The berita kegiatan (website news) of a meeting and its social-media captions, as text.

Pure: a validated :class:`~workbench.rakor.model.Meeting` and the attendance table in, an
:class:`Article` (headline, dateline, paragraphs with dash lists, lead photo) and
:class:`Captions` out. No file is read or written here; :mod:`workbench.rakor.news_output`
renders them to DOCX, Markdown, HTML and ``caption.txt``.

The house style is the seed article (docs/berita.md): headline "<KPU short name> Ikuti
<meeting short name> <organiser short name>" (or "… Gelar …" when the writing office holds the
meeting); dateline "<seat>, <tanggal> –"; a lead naming the meeting in full with its acronym,
the organiser, the mode and the purpose; the time paragraph with who attended from the
writing office, by jabatan then name; one paragraph per materi (title in quotes, speaker with
jabatan, the points as a dash list); pembahasan and kesimpulan; a closing sentence. Names,
titles and points are used exactly as in the record; dates and times come from
:mod:`workbench.indonesian` (Babel).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from workbench.indonesian import hari, jam, tanggal

#: Hashtags every caption carries (the KPU's national ones), before the record's own.
DEFAULT_TAGS: tuple[str, ...] = ("#KPUMelayani", "#TemanPemilih")
#: Platform limits stated in caption.txt: Instagram caption, hashtags; X post; Facebook post.
INSTAGRAM_MAX_CHARS = 2200
INSTAGRAM_MAX_TAGS = 30
X_MAX_CHARS = 280
X_LINK_CHARS = 23  # X counts every link as 23 characters (t.co)
FACEBOOK_MAX_CHARS = 63206
#: Stands for the website link of the berita until it is published (counted as a link on X).
LINK_PLACEHOLDER = "https://[tautan-berita]"

# Long forms the lead spells out before the acronym ("Rapat Koordinasi (Rakor)").
_ACRONYMS: tuple[tuple[str, str], ...] = (
    ("Rapat Koordinasi", "Rakor"),
    ("Rapat Kerja", "Raker"),
    ("Rapat Pimpinan", "Rapim"),
    ("Bimbingan Teknis", "Bimtek"),
    ("Rapat Pleno", "Rapat Pleno"),
)
# Acronyms the lead expands after the long form ("Badan Koordinasi ... (Bakohumas)").
_EXPANSIONS: dict[str, str] = {
    "Bakohumas": "Badan Koordinasi Hubungan Masyarakat",
}
# Words that end a meeting's short name: what follows names who takes part.
_STOP_WORDS = {"kpu", "komisi", "bawaslu", "dkpp", "tingkat", "tahun", "bagi", "untuk", "dengan"}
_MAX_SHORT_WORDS = 4

_JABATAN_RANK = (
    (re.compile(r"^ketua\b", re.I), 0),
    (re.compile(r"^anggota\b", re.I), 1),
    (re.compile(r"^(sekretaris|sekretaris kpu)\b", re.I), 2),
    (re.compile(r"^(kepala|kasubag|kasubbag|kabag|kabag\.)\b", re.I), 3),
    (re.compile(r"^staf\b", re.I), 5),
)


# ----------------------------------------------------------------------------- records
@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the berita, and the dash list that follows it (may be empty)."""

    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Photo:
    """The lead documentation photo and its caption."""

    path: Path
    keterangan: str


@dataclass(frozen=True)
class Article:
    """A berita kegiatan: headline, dateline, lead and body paragraphs, photo, hashtags."""

    judul: str
    dateline: str  # "Pamekasan, 17 Juli 2025 –"
    lead: str  # the rest of the first paragraph, after the dateline
    paragraphs: tuple[Paragraph, ...]  # after the lead
    foto: Photo | None
    tagar: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what the writer should check (Indonesian)

    @property
    def first_paragraph(self) -> str:
        """Dateline and lead as printed: 'Pamekasan, 17 Juli 2025 – Komisi …'."""
        return f"{self.dateline} {self.lead}"

    def plain_text(self) -> str:
        """The whole article as plain text (headline, paragraphs, dash lists)."""
        lines = [self.judul, self.first_paragraph]
        for p in self.paragraphs:
            lines.append(p.text)
            lines += [f"- {item}" for item in p.items]
        return "\n".join(lines)


@dataclass(frozen=True)
class Caption:
    """One platform's caption with its measured length and the platform's limits."""

    platform: str  # "Instagram", "Facebook", "X"
    text: str
    length: int  # as the platform counts it
    max_length: int
    tags: int
    max_tags: int | None = None
    shortened: bool = False  # points or hashtags were left out to fit

    @property
    def within_limits(self) -> bool:
        return self.length <= self.max_length and (
            self.max_tags is None or self.tags <= self.max_tags
        )


@dataclass(frozen=True)
class Captions:
    """The captions of every platform, in the order of caption.txt."""

    items: tuple[Caption, ...] = field(default_factory=tuple)

    def __getitem__(self, platform: str) -> Caption:
        return next(c for c in self.items if c.platform == platform)


# ----------------------------------------------------------------------------- names
def short_office_name(name: str) -> str:
    """'KPU Kabupaten Pamekasan' -> 'KPU Pamekasan'; 'KPU Provinsi Jawa Timur' -> 'KPU Jawa
    Timur'; a Kabupaten whose name a Kota shares keeps 'Kabupaten' ('KPU Kabupaten Malang');
    'KPU Kota Surabaya' stays. Text that names no registered office is returned as typed."""
    from workbench.wilayah import registry

    office = find_office(name)
    if office is None:
        return name.strip()
    if office.is_provinsi:
        return f"KPU {office.nama_wilayah}"
    wilayah = office.nama_wilayah
    if wilayah.startswith("Kabupaten "):
        bare = wilayah[len("Kabupaten ") :]
        twin = any(
            o.nama_wilayah == f"Kota {bare}" and o.kode_provinsi == office.kode_provinsi
            for o in registry().values()
        )
        return office.nama if twin else f"KPU {bare}"
    return office.nama


def find_office(name: str):
    """The registry office a text names ('KPU Kab. Pamekasan', 'KPU Provinsi Jawa Timur'),
    or None (e.g. 'KPU RI', 'Bawaslu Jawa Timur')."""
    from workbench.rakor.names import instansi_key
    from workbench.wilayah import registry

    key = instansi_key(name)
    return next((o for o in registry().values() if instansi_key(o.nama) == key), None)


def long_office_name(office_nama: str) -> str:
    """'KPU Kabupaten Pamekasan' -> 'Komisi Pemilihan Umum (KPU) Kabupaten Pamekasan'."""
    if office_nama.startswith("KPU "):
        return "Komisi Pemilihan Umum (KPU) " + office_nama[len("KPU ") :]
    return office_nama


def meeting_acronym(judul: str) -> str | None:
    """'Rakor' for 'Rapat Koordinasi …', None when the title starts with no known long form."""
    for long, short in _ACRONYMS:
        if judul.lower().startswith(long.lower()):
            return short
    return None


def short_meeting_name(judul: str) -> str:
    """'Rapat Koordinasi Bakohumas KPU Provinsi dan …' -> 'Rakor Bakohumas': the acronym,
    then the title's words up to the first that names participants (KPU, tingkat, tahun …).

    A name of up to :data:`_MAX_WHOLE_WORDS` words is kept whole ('Rakor Evaluasi
    Sosialisasi dan Pendidikan Pemilih'); a longer one is shortened to at most
    :data:`_MAX_SHORT_WORDS` words at a phrase boundary (before a joiner or after a comma),
    and never ends on a joiner (&, dan, serta, atau) or a comma. '&' reads 'dan'.
    """
    words = judul.split()
    acronym = meeting_acronym(judul)
    if acronym:
        skip = len(next(long for long, short in _ACRONYMS if short == acronym).split())
        head, words = [acronym], words[skip:]
    else:
        head = []
    for w in words:
        if w.lower().strip(",.") in _STOP_WORDS or w.lower().startswith("se-"):
            break
        head.append("dan" if w == "&" else w)
    if len(head) > _MAX_WHOLE_WORDS:
        head = _phrase_cut(head, _MAX_SHORT_WORDS)
    return _trim_joiners(" ".join(head)) or judul


#: A short meeting name keeps the whole phrase up to this many words.
_MAX_WHOLE_WORDS = 7
#: Words a headline or name never ends on.
_JOINERS = {"&", "dan", "serta", "atau", "dengan", "untuk", "di", "ke", "dari", "pada", "yang"}


def _phrase_cut(words: list[str], most: int) -> list[str]:
    """The longest start of ``words`` of at most ``most`` words ending at a phrase boundary
    (the next word is a joiner, or the last ends with a comma); else ``most`` words."""
    for end in range(min(most, len(words)), 0, -1):
        last, nxt = words[end - 1], words[end] if end < len(words) else ""
        if last.lower() in _JOINERS:
            continue
        if last.endswith(",") or nxt.lower() in _JOINERS:
            return words[:end]
    return words[:most]


def _trim_joiners(text: str) -> str:
    """'Rakor Evaluasi Sosialisasi &' -> 'Rakor Evaluasi Sosialisasi'; trailing commas too."""
    words = text.replace(" & ", " dan ").split()
    while words and (words[-1].lower().strip(",;:") in _JOINERS or words[-1] in ",;:&-\u2013"):
        words.pop()
    return " ".join(words).rstrip(",;:")


def full_meeting_name(judul: str) -> str:
    """The title with its acronyms introduced: 'Rapat Koordinasi (Rakor) Badan Koordinasi
    Hubungan Masyarakat (Bakohumas) KPU Provinsi …'."""
    text = judul
    acronym = meeting_acronym(judul)
    if acronym and acronym != judul[: len(acronym)]:
        long = next(long for long, short in _ACRONYMS if short == acronym)
        if long != acronym:
            text = f"{judul[: len(long)]} ({acronym}){judul[len(long) :]}"
    for short, long in _EXPANSIONS.items():
        if long.lower() not in text.lower():
            text = re.sub(rf"\b{re.escape(short)}\b", f"{long} ({short})", text, count=1)
    return text


def kind_word(judul: str) -> str:
    """How later sentences name the meeting: its acronym ('Rakor'), else 'Rapat' or
    'Kegiatan'."""
    acronym = meeting_acronym(judul)
    if acronym:
        return acronym
    return "Rapat" if judul.lower().startswith("rapat") else "Kegiatan"


def date_in_text(d) -> str:
    """'Kamis (17/7/2025)', as Indonesian news writes the day of an event."""
    return f"{hari(d)} ({d.day}/{d.month}/{d.year})"


def _sentence_part(text: str) -> str:
    """A typed purpose as the continuation of '… bertujuan untuk': no leading 'untuk', no
    final stop, first letter lowered unless the word is an acronym."""
    text = text.strip().rstrip(".").strip()
    text = re.sub(r"^(untuk|guna|agar)\s+", "", text, flags=re.I)
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and not first.isupper() and first[1:] == first[1:].lower():
        text = text[0].lower() + text[1:]
    return text


def _join_list(parts: Sequence[str], sep: str = ", ", last: str = " dan ") -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return sep.join(parts[:-1]) + last + parts[-1]


# ----------------------------------------------------------------------------- the article
def is_organiser(meeting) -> bool:
    """Whether the writing office (``satker``) holds the meeting itself."""
    return bool(meeting.rapat.held_by_office)


def headline(meeting) -> str:
    """'KPU Pamekasan Ikuti Rakor Bakohumas KPU Jawa Timur, Perkuat Koordinasi dan Tata
    Kelola Kehumasan' (or '… Gelar …'): the purpose phrase comes from ``rapat.tujuan``
    (:func:`purpose_phrase`) when it gives one. The record's ``berita.judul`` when given, as
    typed but with '&' read 'dan'. Never ends on a joiner."""
    if meeting.berita is not None and meeting.berita.judul:
        return _trim_joiners(meeting.berita.judul)
    text = _by_role(meeting, "{writer} Gelar {name}", "{writer} Ikuti {name} {host}")
    tujuan = meeting.rapat.tujuan
    for purpose in (purpose_phrase(tujuan), purpose_phrase(tujuan, single=True)):
        if purpose and len(text) + len(purpose) + 2 <= _MAX_HEADLINE_CHARS:
            return _trim_joiners(f"{text}, {purpose}")
    return _trim_joiners(text)


#: A headline with its purpose phrase stays within this many characters.
_MAX_HEADLINE_CHARS = 120
# The first word of a purpose phrase -> the headline's verb (news style: "Perkuat", not
# "Memperkuat").
_PURPOSE_VERBS = {
    "meningkatkan": "Tingkatkan",
    "peningkatan": "Tingkatkan",
    "memperkuat": "Perkuat",
    "menguatkan": "Perkuat",
    "penguatan": "Perkuat",
    "memantapkan": "Mantapkan",
    "pemantapan": "Mantapkan",
    "mengoptimalkan": "Optimalkan",
    "optimalisasi": "Optimalkan",
    "membangun": "Bangun",
    "mewujudkan": "Wujudkan",
    "membahas": "Bahas",
    "pembahasan": "Bahas",
    "menyusun": "Susun",
    "penyusunan": "Susun",
    "mengevaluasi": "Evaluasi",
    "evaluasi": "Evaluasi",
    "menyiapkan": "Siapkan",
    "mempersiapkan": "Siapkan",
    "persiapan": "Siapkan",
    "menyamakan": "Samakan",
    "penyamaan": "Samakan",
    "menyosialisasikan": "Sosialisasikan",
    "mendorong": "Dorong",
}
#: Verbs of strengthening: two phrases with such verbs share one ("Perkuat A dan B").
_STRENGTHEN = {"Tingkatkan", "Perkuat", "Mantapkan", "Optimalkan"}
# A measure before the thing measured ("efektivitas koordinasi" -> "koordinasi").
_MEASURES = {"efektivitas", "efektifitas", "kualitas", "kelancaran", "efisiensi", "kinerja"}
_OBJECT_END = {"antar", "antara", "bagi", "dengan", "di", "dalam", "untuk", "yang", "pada", "ke"}
_SMALL_WORDS = {"dan", "di", "ke", "dari", "untuk", "yang", "serta", "atau", "pada", "dengan"}


def purpose_phrase(tujuan: str | None, *, single: bool = False) -> str | None:
    """A headline's purpose phrase from the typed purpose: 'meningkatkan efektivitas
    koordinasi, penguatan tata kelola kehumasan, serta …' -> 'Perkuat Koordinasi dan Tata
    Kelola Kehumasan' (``single``: the first aim only, 'Tingkatkan Koordinasi'); None when
    the purpose starts with no known verb."""
    if not tujuan:
        return None
    text = _sentence_part(tujuan)
    phrases = [p.strip() for p in re.split(r",\s*(?:serta\s+|dan\s+)?|\s+serta\s+", text)]
    parsed = [_verb_object(p) for p in phrases if p]
    if not parsed or parsed[0] is None:
        return None
    verb, objects = parsed[0][0], [parsed[0][1]]
    if len(parsed) > 1 and parsed[1] is not None and not single:
        verb2, obj2 = parsed[1]
        if verb2 == verb or {verb, verb2} <= _STRENGTHEN:
            verb = "Perkuat" if "Perkuat" in {verb, verb2} else verb
            objects.append(obj2)
    if sum(len(o.split()) for o in objects) > 6:
        objects = objects[:1]
    return f"{verb} " + " dan ".join(_title(o) for o in objects)


def _verb_object(phrase: str) -> tuple[str, str] | None:
    words = phrase.split()
    verb = _PURPOSE_VERBS.get(words[0].lower()) if words else None
    if verb is None:
        return None
    rest = words[1:]
    if len(rest) > 1 and rest[0].lower() in _MEASURES:
        rest = rest[1:]
    obj: list[str] = []
    for w in rest:
        if w.lower() in _OBJECT_END or len(obj) >= 4:
            break
        obj.append(w)
    obj_text = _trim_joiners(" ".join(obj))
    return (verb, obj_text) if obj_text else None


def _title(text: str) -> str:
    """'tata kelola kehumasan' -> 'Tata Kelola Kehumasan'; acronyms (KPU) stay."""
    out = []
    for i, w in enumerate(text.split()):
        if w.isupper() or (i and w.lower() in _SMALL_WORDS):
            out.append(w if w.isupper() else w.lower())
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


def _by_role(meeting, held: str, joined: str) -> str:
    """``held`` when the writing office holds the meeting (:func:`is_organiser`), else
    ``joined``, with ``{writer}`` (the writing office), ``{name}`` (the meeting), ``{host}``
    (the organiser), all short, ``{mode}`` (:func:`mode_phrase`), ``{when}``
    (:func:`date_in_text`) and ``{mode_when}`` (both, the place last when it holds a colon)
    filled in."""
    r = meeting.rapat
    mode, when = mode_phrase(r), date_in_text(r.tanggal)
    return (held if is_organiser(meeting) else joined).format(
        writer=short_office_name(r.office.nama),
        name=short_meeting_name(r.judul),
        host=short_office_name(r.penyelenggara),
        mode=mode,
        when=when,
        # ' secara daring, Kamis (17/7/2025)'; a hybrid place (it holds a colon) goes last
        mode_when=f", {when}, {mode}" if ":" in mode else f" {mode}, {when}",
    )


def dateline(meeting) -> str:
    """'Pamekasan, 17 Juli 2025 –' (the writing office's seat)."""
    return f"{meeting.rapat.office.kota_ttd}, {tanggal(meeting.rapat.tanggal)} \u2013"


def mode_phrase(rapat) -> str:
    """'secara daring', 'di Aula KPU', 'secara hibrida: luring di Aula KPU dan daring melalui
    Zoom Meeting' (:func:`workbench.rakor.place.where_phrase`; the platform named once,
    whether or not ``tempat`` names it). The hybrid phrase holds a colon: it ends a
    sentence."""
    from workbench.rakor.place import where_phrase

    return where_phrase(rapat, platform_online=False)


def lead(meeting, table=None) -> str:
    """The lead: who followed/held which meeting, when, how, organised by whom, why; for a
    meeting the office held, who opened and chaired it and which offices took part
    (:func:`chair_sentence`)."""
    r = meeting.rapat
    organiser = is_organiser(meeting)
    verb = "menggelar" if organiser else "mengikuti"
    kind = kind_word(r.judul)
    text = (
        f"{long_office_name(r.office.nama)} {verb} {full_meeting_name(r.judul)} "
        f"pada {date_in_text(r.tanggal)} {mode_phrase(r)}."
    )
    if organiser:
        if r.tujuan:
            text += f" {kind} ini bertujuan untuk {_sentence_part(r.tujuan)}."
        text += " " + chair_sentence(meeting, table)
    elif r.tujuan:
        text += (
            f" {kind} yang diselenggarakan oleh {r.penyelenggara} ini bertujuan untuk "
            f"{_sentence_part(r.tujuan)}."
        )
    else:
        text += f" {kind} ini diselenggarakan oleh {r.penyelenggara}."
    return text


#: Offices named one by one in the berita; more are counted ("… dan 30 instansi lainnya").
MAX_NAMED_OFFICES = 6


def participating_offices(table, office_nama: str) -> list[str]:
    """The instansi of the present attendance rows other than the writing office, in order
    of first appearance; blank instansi ("(tanpa instansi)") is no institution."""
    from workbench.rakor.attendance_model import PRESENT
    from workbench.rakor.names import instansi_key

    if table is None or len(table) == 0:
        return []
    own = instansi_key(office_nama)
    seen: dict[str, str] = {}
    for row in table.to_dict("records"):
        name = str(row.get("instansi") or "").strip()
        if row.get("status") not in PRESENT or not name or name.startswith("(tanpa"):
            continue
        key = instansi_key(name)
        if key and key != own:
            seen.setdefault(key, name)
    return list(seen.values())


def chair_sentence(meeting, table=None) -> str:
    """'Rakor dibuka dan dipimpin oleh Ketua KPU Kota Denpasar, I Gede Wirawan, serta diikuti
    oleh KPU Kabupaten Badung dan KPU Kabupaten Gianyar.' (a meeting the office held)."""
    r = meeting.rapat
    kind = kind_word(r.judul)
    p = r.pimpinan
    who = f"{_jabatan_in_office(p.jabatan, short_office_name(r.office.nama))}, {p.nama}"
    text = f"{kind} dibuka dan dipimpin oleh {who if p.jabatan else p.nama}"
    offices = participating_offices(table, r.office.nama)
    if len(offices) > MAX_NAMED_OFFICES:
        rest = len(offices) - MAX_NAMED_OFFICES + 1
        named = offices[: MAX_NAMED_OFFICES - 1] + [f"{rest} instansi lainnya"]
        text += f", serta diikuti oleh {_join_list(named)}"
    elif offices:
        text += f", serta diikuti oleh {_join_list(offices)}"
    return text + "."


def time_phrase(rapat) -> str:
    """'mulai pukul 09.00 WIB hingga selesai' or 'mulai pukul 09.00 hingga 11.30 WIB'."""
    if rapat.selesai is None:
        return f"mulai pukul {jam(rapat.mulai)} {rapat.zona_waktu} hingga selesai"
    return f"mulai pukul {jam(rapat.mulai)} hingga {jam(rapat.selesai)} {rapat.zona_waktu}"


def internal_attendees(table, office_nama: str) -> list[tuple[str, str]]:
    """(jabatan, nama) of the present attendance rows whose instansi is the writing office,
    ordered by jabatan (Ketua, Anggota, Sekretaris, Kepala, others, Staf) then name."""
    from workbench.rakor.attendance_model import PRESENT
    from workbench.rakor.names import instansi_key

    key = instansi_key(office_nama)
    people = []
    for row in table.to_dict("records"):
        if row["status"] in PRESENT and row["instansi"] and instansi_key(row["instansi"]) == key:
            if row["nama"] and instansi_key(row["nama"]) != key:  # not the office's own login
                people.append((str(row["jabatan"] or "").strip(), str(row["nama"]).strip()))
    return sorted(dict.fromkeys(people), key=lambda p: (_rank(p[0]), p[0].lower(), p[1].lower()))


def _rank(jabatan: str) -> int:
    if not jabatan:
        return 9
    return next((rank for pattern, rank in _JABATAN_RANK if pattern.match(jabatan)), 4)


def _jabatan_in_office(jabatan: str, short_office: str) -> str:
    """'Ketua' -> 'Ketua KPU Pamekasan' (a bare Ketua/Anggota names the office); else as typed."""
    m = re.match(r"^(Ketua|Anggota)(\b.*)$", jabatan)
    if m and "kpu" not in jabatan.lower():
        return f"{m.group(1)} {short_office}{m.group(2)}"
    return jabatan


def attendee_phrase(people: Sequence[tuple[str, str]], short_office: str) -> str:
    """'Ketua KPU Pamekasan, Mahdi; Sekretaris, Panji Kuncoro; serta Staf …, A dan B'."""
    groups: dict[str, list[str]] = {}
    for jabatan, nama in people:
        groups.setdefault(jabatan, []).append(nama)
    parts = []
    for jabatan, names in groups.items():
        joined = _join_list(names)
        parts.append(
            f"{_jabatan_in_office(jabatan, short_office)}, {joined}" if jabatan else joined
        )
    return _join_list(parts, sep="; ", last="; serta ") if len(parts) > 1 else "".join(parts)


def time_paragraph(meeting, table) -> tuple[Paragraph, list[str]]:
    """The time paragraph with the writing office's attendees, and notes for the writer."""
    r = meeting.rapat
    short = short_office_name(r.office.nama)
    people = internal_attendees(table, r.office.nama) if table is not None else []
    if people:
        text = (
            f"Kegiatan yang berlangsung {time_phrase(r)} ini dihadiri oleh "
            f"{attendee_phrase(people, short)}."
        )
        return Paragraph(text), []
    note = (
        f"tidak ada peserta hadir dari {r.office.nama} pada data kehadiran; kalimat "
        "'dihadiri oleh …' tidak ditulis"
    )
    return Paragraph(f"Kegiatan ini berlangsung {time_phrase(r)}."), [note]


_MATERI_OPENINGS = (
    'Materi mengenai "{judul}" disampaikan oleh {pembicara}.',
    'Selanjutnya, materi "{judul}" dipaparkan oleh {pembicara}.',
    'Dalam kesempatan tersebut, {pembicara_}menyampaikan materi "{judul}".',
    'Materi berikutnya, "{judul}", disampaikan oleh {pembicara}.',
)
_POINTS_INTROS = (
    " Dalam pemaparannya, {nama} menekankan beberapa hal penting, yaitu:",
    " {nama} menyoroti beberapa hal, antara lain:",
    " Menurut {nama}, terdapat beberapa hal penting, yaitu:",
    " Pokok-pokok yang disampaikan {nama} antara lain:",
)
_MATERI_NO_SPEAKER = (
    'Rakor membahas materi "{judul}".',
    'Selanjutnya, dibahas materi "{judul}".',
)


def materi_paragraph(materi, index: int, kind: str) -> Paragraph:
    """One materi: its title in quotes, the speaker with jabatan, the points as a list."""
    n = materi.narasumber
    if n is not None:
        pembicara = f"{n.nama}, {n.jabatan}" if n.jabatan else n.nama
        i = min(index, len(_MATERI_OPENINGS) - 1)
        text = _MATERI_OPENINGS[i].format(
            judul=materi.judul,
            pembicara=pembicara,
            pembicara_=f"{pembicara}, " if n.jabatan else f"{n.nama} ",
        )
        if materi.poin:
            text += _POINTS_INTROS[i].format(nama=n.nama)
    else:
        opening = _MATERI_NO_SPEAKER[min(index, 1)].replace("Rakor", kind)
        text = opening.format(judul=materi.judul)
        if materi.poin:
            text += " Pokok-pokok yang dibahas antara lain:"
    return Paragraph(text, tuple(materi.poin))


def closing_paragraphs(meeting) -> list[Paragraph]:
    """Pembahasan and kesimpulan (each with its list), then the closing sentence."""
    r = meeting.rapat
    short = short_office_name(r.office.nama)
    kind = kind_word(r.judul)
    paragraphs = []
    if meeting.pembahasan:
        paragraphs.append(
            Paragraph(
                "Dalam sesi tanggapan dan diskusi, dibahas pula beberapa hal penting, antara lain:",
                tuple(meeting.pembahasan),
            )
        )
    if meeting.kesimpulan:
        paragraphs.append(
            Paragraph(
                f"Dari {kind} tersebut, {short} mencatat beberapa kesimpulan, yaitu:",
                tuple(meeting.kesimpulan),
            )
        )
    hope = (
        "mendukung tercapainya tujuan tersebut sekaligus meningkatkan kualitas kinerja"
        if r.tujuan
        else "memperkuat koordinasi dan meningkatkan kualitas kinerja"
    )
    if is_organiser(meeting):
        text = f"Melalui {kind} ini, {short} berharap kegiatan tersebut dapat {hope} kelembagaan."
    else:
        text = f"Partisipasi {short} dalam {kind} ini diharapkan dapat {hope} kelembagaan {short}."
    paragraphs.append(Paragraph(text))
    return paragraphs


def photo_caption(meeting) -> str:
    """'Suasana Rakor Bakohumas KPU Jawa Timur yang diikuti KPU Pamekasan secara daring,
    Kamis (17/7/2025).'"""
    return _by_role(
        meeting,
        "Suasana {name} yang digelar {writer}{mode_when}.",
        "Suasana {name} {host} yang diikuti {writer}{mode_when}.",
    )


def hashtags(meeting) -> tuple[str, ...]:
    """The default hashtags, then the record's ``berita.tagar`` (no repeats)."""
    tags = list(DEFAULT_TAGS)
    if meeting.berita is not None:
        tags += meeting.berita.tagar
    seen: dict[str, str] = {}
    for tag in tags:
        seen.setdefault(tag.lower(), tag)
    return tuple(seen.values())


def build_article(meeting, table=None, *, photo: Path | None = None) -> Article:
    """The berita kegiatan of ``meeting`` (attendees from ``table``, the attendance table).

    ``photo``: the lead photo (default: the record's first ``dokumentasi`` photo).
    """
    kind = kind_word(meeting.rapat.judul)
    time_par, notes = time_paragraph(meeting, table)
    materi = [materi_paragraph(m, i, kind) for i, m in enumerate(meeting.materi)]
    if not meeting.materi:
        notes.append("berkas rapat tidak memuat materi; paragraf materi tidak ditulis")
    chosen = photo if photo is not None else next(iter(meeting.dokumentasi), None)
    return Article(
        judul=headline(meeting),
        dateline=dateline(meeting),
        lead=lead(meeting, table),
        paragraphs=(time_par, *materi, *closing_paragraphs(meeting)),
        foto=Photo(Path(chosen), photo_caption(meeting)) if chosen else None,
        tagar=hashtags(meeting),
        notes=tuple(notes),
    )


# ----------------------------------------------------------------------------- captions
_URL = re.compile(r"https?://\S+")


def x_length(text: str) -> int:
    """The length X counts (twitter-text v3 weighting): every link 23, characters of the
    Latin, Cyrillic, Greek and Arabic blocks (U+0000–U+10FF) and general punctuation 1,
    everything else (CJK, emoji, Javanese script …) 2; text NFC-normalised first."""
    text = unicodedata.normalize("NFC", text)
    links = _URL.findall(text)
    rest = _URL.sub("", text)
    weight = sum(1 if _light(ch) else 2 for ch in rest)
    return weight + X_LINK_CHARS * len(links)


def _light(ch: str) -> bool:
    cp = ord(ch)
    return (
        cp <= 0x10FF or 0x2000 <= cp <= 0x200D or 0x2010 <= cp <= 0x201F or 0x2032 <= cp <= 0x2037
    )


def _summary(meeting) -> str:
    """One sentence: '<KPU Pamekasan> mengikuti <Rakor Bakohumas> <KPU Jawa Timur> secara
    daring, Kamis (17/7/2025).'"""
    return _by_role(
        meeting,
        "{writer} menggelar {name}{mode_when}.",
        "{writer} mengikuti {name} {host}{mode_when}.",
    )


def handle_placeholder(meeting) -> str:
    """'@[akun KPU Pamekasan]': where the office's own account handle goes."""
    return f"@[akun {short_office_name(meeting.rapat.office.nama)}]"


def _materi_lines(meeting, with_points: bool, max_points: int | None) -> tuple[list[str], bool]:
    lines, dropped = [], False
    for m in meeting.materi:
        n = m.narasumber
        who = f" \u2013 {n.nama}" + (f", {n.jabatan}" if n.jabatan else "") if n else ""
        lines.append(f'\u25aa "{m.judul}"{who}')
        if with_points:
            points = m.poin if max_points is None else m.poin[:max_points]
            dropped |= len(points) < len(m.poin)
            lines += [f"  - {p}" for p in points]
    return lines, dropped


def _compose(parts: Iterable[str]) -> str:
    return "\n\n".join(p for p in parts if p)


def instagram_caption(meeting, article: Article) -> Caption:
    """Lead summary, one line per materi with its points, closing, handle, hashtags; points
    are cut (fewest per materi first) until the caption fits 2,200 characters."""
    tags = list(article.tagar)[:INSTAGRAM_MAX_TAGS]
    closing = article.paragraphs[-1].text
    base = [article.judul, _summary(meeting)]
    tail = [
        closing,
        f"Selengkapnya: {LINK_PLACEHOLDER}",
        handle_placeholder(meeting),
        " ".join(tags),
    ]
    longest = max((len(m.poin) for m in meeting.materi), default=0)
    for max_points in [None, *range(longest - 1, -1, -1)]:
        lines, dropped = _materi_lines(meeting, True, max_points)
        text = _compose([*base, "\n".join(lines), *tail])
        if len(text) <= INSTAGRAM_MAX_CHARS:
            break
    else:
        lines, dropped = _materi_lines(meeting, False, None)
        text = _compose([*base, "\n".join(lines), *tail])
    shortened = dropped or len(tags) < len(article.tagar)
    if len(text) > INSTAGRAM_MAX_CHARS:  # titles alone are too long: cut the materi list
        room = INSTAGRAM_MAX_CHARS - len(_compose([*base, "\u2026", *tail])) - 2
        body = "\n".join(lines)[: max(room, 0)].rstrip() + "\u2026"
        text, shortened = _compose([*base, body, *tail]), True
    return Caption(
        "Instagram",
        text,
        len(text),
        INSTAGRAM_MAX_CHARS,
        len(tags),
        INSTAGRAM_MAX_TAGS,
        shortened,
    )


def facebook_caption(meeting, article: Article) -> Caption:
    """The lead, one line per materi with all its points, closing, link, handle, hashtags."""
    lines, _ = _materi_lines(meeting, True, None)
    text = _compose(
        [
            article.judul,
            article.first_paragraph,
            "\n".join(lines),
            article.paragraphs[-1].text,
            f"Selengkapnya: {LINK_PLACEHOLDER}",
            handle_placeholder(meeting),
            " ".join(article.tagar),
        ]
    )
    shortened = len(text) > FACEBOOK_MAX_CHARS
    text = text[:FACEBOOK_MAX_CHARS]
    return Caption(
        "Facebook", text, len(text), FACEBOOK_MAX_CHARS, len(article.tagar), None, shortened
    )


def x_caption(meeting, article: Article) -> Caption:
    """Headline, summary, link, handle and as many hashtags as fit 280 (links count 23)."""
    summary = _summary(meeting)
    handle = handle_placeholder(meeting)
    tags = list(article.tagar)
    shortened = False
    while True:
        text = "\n\n".join(
            p for p in (article.judul, summary, f"{LINK_PLACEHOLDER} {handle}", " ".join(tags)) if p
        )
        if x_length(text) <= X_MAX_CHARS:
            break
        if tags:
            tags.pop()
        elif summary:
            summary = ""
        else:  # the headline alone is too long: cut it
            over = x_length(text) - X_MAX_CHARS
            cut = max(len(article.judul) - over - 1, 1)
            text = "\n\n".join((article.judul[:cut] + "\u2026", f"{LINK_PLACEHOLDER} {handle}"))
            while x_length(text) > X_MAX_CHARS and cut > 1:
                cut -= 1
                text = "\n\n".join((article.judul[:cut] + "\u2026", f"{LINK_PLACEHOLDER} {handle}"))
            shortened = True
            break
        shortened = True
    return Caption("X", text, x_length(text), X_MAX_CHARS, len(tags), None, shortened)


def build_captions(meeting, article: Article) -> Captions:
    """Instagram, Facebook and X captions of ``article``, each within its platform's limits."""
    return Captions(
        (
            instagram_caption(meeting, article),
            facebook_caption(meeting, article),
            x_caption(meeting, article),
        )
    )


def captions_text(captions: Captions) -> str:
    """caption.txt: each platform's caption under a heading stating its length and limits."""
    from workbench.indonesian import angka

    blocks = []
    for c in captions.items:
        head = f"=== {c.platform}: {angka(c.length)} dari {angka(c.max_length)} karakter"
        if c.platform == "X":
            head += f" (tautan dihitung {X_LINK_CHARS})"
        if c.max_tags is not None:
            head += f", {c.tags} dari {c.max_tags} tagar"
        head += " ==="
        if c.shortened:
            head += "\n(dipersingkat agar muat: sebagian poin/tagar tidak dimuat)"
        blocks.append(f"{head}\n{c.text}")
    note = (
        f"Ganti {LINK_PLACEHOLDER} dengan tautan berita di laman KPU dan @[akun …] dengan "
        "akun media sosial kantor sebelum mengunggah. Standar Media Sosial: unggah setelah "
        "akun penyelenggara acara mengunggah."
    )
    return note + "\n\n" + "\n\n".join(blocks) + "\n"


def article_context(article: Article, photo: Any = None) -> dict[str, Any]:
    """The render context of ``templates/berita.docx`` (see :data:`BERITA_VARIABLES`).

    ``photo``: the lead photo as a :class:`workbench.documents.Image` (or None).
    """
    return {
        "judul": article.judul,
        "dateline": article.dateline,
        "lead": article.lead,
        "paragraf": [{"teks": p.text, "butir": list(p.items)} for p in article.paragraphs],
        "foto": photo,
        "keterangan_foto": article.foto.keterangan if article.foto else "",
        "tagar": " ".join(article.tagar),
    }


#: Variables templates/berita.docx may use (``workbench templates check --jenis berita``).
BERITA_VARIABLES = frozenset(
    {"judul", "dateline", "lead", "paragraf", "foto", "keterangan_foto", "tagar"}
)
#: Supplied variables a berita template may leave out without a warning.
BERITA_OPTIONAL = frozenset({"foto", "keterangan_foto", "tagar"})
