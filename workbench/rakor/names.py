"""People's names and institutions as participants type them.

Zoom participants are asked to rename themselves "Nama_Instansi" or "Instansi - Nama";
what they actually type varies ("KPU Kab. Jember - Sari", "Sari Wulandari (KPU Kota Batu)").
:func:`parse_display_name` splits such a name; :func:`canonical_instansi` writes an
institution one way ("KPU Kab. Jember", "KPU Jember" -> "KPU Kabupaten Jember") so that the
same office groups together; :func:`person_key` / :func:`instansi_key` are the
case-, space- and punctuation-insensitive keys used to match people.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.utils import default_process

#: Words that mark the institution side of a display name (compared lower-case, whole word).
INSTANSI_WORDS = frozenset(
    {
        "kpu",
        "kpud",
        "bawaslu",
        "panwaslu",
        "dkpp",
        "ppk",
        "pps",
        "dinas",
        "diskominfo",
        "kominfo",
        "dispendukcapil",
        "kesbangpol",
        "bakesbangpol",
        "bpbd",
        "pemkab",
        "pemkot",
        "pemprov",
        "setda",
        "sekretariat",
        "dprd",
        "kecamatan",
        "kelurahan",
        "kab",
        "kabupaten",
        "kota",
        "provinsi",
        "prov",
        "ri",
        "polres",
        "polda",
        "polresta",
        "kodim",
        "korem",
        "kejari",
        "kejaksaan",
        "pengadilan",
        "bps",
        "rri",
        "tvri",
        "universitas",
        "uin",
        "iain",
    }
)

#: Abbreviations written out in an institution name (whole words, case-insensitive).
_EXPANSIONS: tuple[tuple[str, str], ...] = (
    (r"\bkab\b\.?", "Kabupaten"),
    (r"\bprov\b\.?", "Provinsi"),
    (r"\bkpu\b", "KPU"),
    (r"\bbawaslu\b", "Bawaslu"),
    (r"\bjatim\b", "Jawa Timur"),
    (r"\bjateng\b", "Jawa Tengah"),
    (r"\bjabar\b", "Jawa Barat"),
)

_KPU_OFFICE = re.compile(r"^KPU\s+(?:(Provinsi|Kabupaten|Kota)\s+)?(.+)$", re.IGNORECASE)
_TRIM = " \t-_–—|;:"


@dataclass(frozen=True)
class DisplayName:
    """A display name split into its parts ('' when absent); ``kode`` is a code typed with
    the name (NIP, roll or office number: "D99 - Sari" -> kode 'D99'), never the name."""

    nama: str
    instansi: str
    jabatan: str = ""
    kode: str = ""

    @property
    def nip(self) -> str:
        """The code when it is an 18-digit NIP (spaces removed), else ''."""
        digits = self.kode.replace(" ", "")
        return digits if len(digits) == 18 and digits.isdigit() else ""

    @property
    def shared_login(self) -> bool:
        """True for an office's shared account ("KPU Kab. Pamekasan"): no personal name."""
        return bool(self.instansi) and instansi_key(self.nama) == instansi_key(self.instansi)


def _invisible(char: str) -> bool:
    """Format characters (zero-width spaces and joiners, bidi controls, BOM, soft hyphen)."""
    return unicodedata.category(char) == "Cf"


def has_invisible(text: object) -> bool:
    """True when ``text`` holds characters :func:`normalize_text` removes unseen: zero-width
    and bidi controls ("Ma\u200bhdi", "Mahdi\u202e"), which make one person look like two."""
    return any(_invisible(c) for c in str(text or ""))


def normalize_text(text: object) -> str:
    """``text`` in Unicode NFKC form (full-width and compatibility letters folded) without
    zero-width or bidi control characters, so "Mahdi", "Ma\u200bhdi" and "Mahdi\u202e" are
    one string."""
    folded = unicodedata.normalize("NFKC", str(text or ""))
    return "".join(c for c in folded if not _invisible(c))


def clean(text: object) -> str:
    """Normalised (:func:`normalize_text`), single spaces, no stray separators at either end."""
    return " ".join(normalize_text(text).split()).strip(_TRIM).strip()


#: Honorifics written before a name ("Dr. H. Sari"); degrees follow a comma ("Sari, S.Sos.").
_PREFIX_TITLES = re.compile(r"^(?:(?:prof|dr|drs|dra|ir|h|hj|kh)\.\s*)+", re.IGNORECASE)


def person_key(nama: str) -> str:
    """Matching key of a name: without titles and degrees, lower case, letters and digits
    only, single spaces ('Dr. Panji Kuncoro, S.H.' -> 'panji kuncoro')."""
    text = str(nama or "").split(",")[0]
    text = _PREFIX_TITLES.sub("", text.strip())
    return " ".join(default_process(text).split())


@lru_cache(maxsize=4096)
def instansi_key(instansi: str) -> str:
    """Matching key of an institution (after :func:`canonical_instansi`)."""
    return " ".join(default_process(canonical_instansi(instansi)).split())


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def looks_like_instansi(text: str) -> bool:
    """True when ``text`` contains an institution word (KPU, Bawaslu, Dinas, Kab, Kota...)."""
    return any(w in INSTANSI_WORDS for w in _words(text))


@lru_cache(maxsize=1)
def _places() -> dict[str, list]:
    """Lower-case place name -> offices with that name ('jember' -> [Kabupaten Jember])."""
    from workbench.wilayah import registry

    index: dict[str, list] = {}
    for office in registry().values():
        place = office.nama_wilayah if office.is_provinsi else office.kota_ttd
        index.setdefault(place.lower(), []).append(office)
    return index


def _resolve_office(text: str) -> str | None:
    """'KPU Jember' -> 'KPU Kabupaten Jember' when exactly one office fits, else None."""
    m = _KPU_OFFICE.match(text)
    if not m:
        return None
    kind = (m.group(1) or "").lower()
    candidates = _places().get(m.group(2).lower(), [])
    if kind == "provinsi":
        candidates = [o for o in candidates if o.is_provinsi]
    elif kind:
        candidates = [
            o for o in candidates if not o.is_provinsi and o.nama_wilayah.lower().startswith(kind)
        ]
    return candidates[0].nama if len(candidates) == 1 else None


def canonical_instansi(text: object) -> str:
    """Write an institution one way.

    Examples
    --------
    >>> canonical_instansi("KPU Kab. Jember")
    'KPU Kabupaten Jember'
    >>> canonical_instansi("kpu jatim")
    'KPU Provinsi Jawa Timur'
    >>> canonical_instansi("KPU Malang")  # Kabupaten or Kota? left as typed
    'KPU Malang'
    """
    value = clean(text)
    if not value:
        return ""
    for pattern, repl in _EXPANSIONS:
        value = re.sub(pattern, repl, value, flags=re.IGNORECASE)
    value = " ".join(value.split())
    return _resolve_office(value) or value


#: A meeting role typed before or after a name ("Host KPU Jatim", "Co-host - Sari",
#: "Admin Zoom KPU Jember", "KPU Jember_Host"): not part of the person's name.
_ROLE_WORDS = r"(?:co[-\s]?host|host|admin)(?:\s+zoom)?"
_ROLE_PREFIX = re.compile(rf"^{_ROLE_WORDS}(?:\b[\s:._\-–—|]*|$)", re.IGNORECASE)
_ROLE_SUFFIX = re.compile(rf"(?:^|[\s:._\-–—|]+){_ROLE_WORDS}$", re.IGNORECASE)
#: A number typed before a name: an office code ("35.09 - KPU Jember - Sari") or a list
#: number ("01. Sari"); it is neither name nor institution.
_NUMBER_PREFIX = re.compile(r"^\d+(?:\.\d+)*[.)]?(?:\s+|$)")
_TRAILING_PARENTHESIS = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def _trailing_parenthesis(text: str) -> tuple[str, str]:
    """'Sari (KPU Kota Batu)' -> ('Sari', 'KPU Kota Batu'); ('Sari', '') without one."""
    m = _TRAILING_PARENTHESIS.match(text)
    return (clean(m.group(1)), clean(m.group(2))) if m else (text, "")


def _strip_marks(part: str) -> str:
    """A part without meeting roles and leading numbers ('Host KPU Jatim' -> 'KPU Jatim')."""
    previous = None
    while part != previous:
        previous = part
        part = clean(_ROLE_SUFFIX.sub("", _ROLE_PREFIX.sub("", _NUMBER_PREFIX.sub("", part))))
    return part


def _split_parts(display: str) -> list[str]:
    """Split on '_', on a dash with a space on either side or a bar, or (when it separates an
    institution) a bare dash."""
    for pattern, need_instansi in (
        (r"_+", False),
        (r"\s+[-–—]+\s*|\s*[-–—]+\s+|\s*\|\s*", False),
        (r"\s*[-–—/]\s*", True),
    ):
        parts = [clean(p) for p in re.split(pattern, display)]
        parts = [p for p in parts if p]
        if len(parts) > 1:
            kinds = {looks_like_instansi(p) for p in parts}
            if not need_instansi or kinds == {True, False}:
                return parts
    return [clean(display)]


def _split_words(text: str) -> list[str]:
    """'Sari Wulandari KPU Jember' -> ['Sari Wulandari', 'KPU Jember'] (no separator typed)."""
    words = text.split()
    marks = [any(w in INSTANSI_WORDS for w in _words(word)) for word in words]
    if marks and not marks[0] and any(marks):
        i = marks.index(True)
        return [" ".join(words[:i]), " ".join(words[i:])]
    return [text]


def _pieces(text: str) -> list[str]:
    """The parts of a display name, without roles and numbers."""
    parts = [p for p in (_strip_marks(p) for p in _split_parts(text)) if p]
    return _split_words(parts[0]) if len(parts) == 1 else parts


#: A code typed with a name: an 18-digit NIP (spaces allowed), a dotted office code
#: ("35.09"), a number ("118"), or letters and digits in one word with at least one digit
#: ("D99", "18211a0482", "A-12" is not one: the dash separates).
_CODE = r"(?:\d{8}\s?\d{6}\s?\d\s?\d{3}|\d+(?:\.\d+)+|[A-Za-z]{0,3}\d[A-Za-z0-9]*)"
_CODE_SEP = r"\s*(?:[-–—|:_]|\.(?=\s))\s*"
_CODE_BEFORE = re.compile(rf"^({_CODE}){_CODE_SEP}(?=\S)")
_CODE_AFTER = re.compile(rf"(?<=\S){_CODE_SEP}({_CODE})$")


def split_code(text: str) -> tuple[str, str]:
    """A code typed before or after a name, and the rest: 'D157 -RAHANE SACHIN' ->
    ('D157', 'RAHANE SACHIN'); 'Sari - 198701012010011001' -> ('198701012010011001',
    'Sari'); ('', text) when there is none or nothing but the code."""
    for pattern in (_CODE_BEFORE, _CODE_AFTER):
        m = pattern.search(text)
        if m:
            rest = clean(text[: m.start()] + " " + text[m.end() :])
            if rest and re.search(r"[^\W\d_]", rest):
                return m.group(1), rest
    return "", text


def parse_display_name(raw: object) -> DisplayName:
    """Split a display name into nama, instansi, jabatan and kode (see below)."""
    text = clean(raw)
    kode, rest = split_code(text)
    name = _parse_parts(rest)
    return DisplayName(name.nama, name.instansi, name.jabatan, kode) if kode else name


def _parse_parts(raw: object) -> DisplayName:
    """Split a Zoom display name into nama, instansi and (leftover parts) jabatan.

    Rules (the user-facing list is in ``docs/format-kehadiran.md``):

    - A code before or after the name, separated by a dash, bar, colon, "_" or ". " with
      any spacing ("D99 - Sari", "D157 -Sari", "D140-Sari", "1987... - Sari", "Sari - D99")
      is the kode (:func:`split_code`), never the name; a NIP goes to the keterangan.
    - The name is split on "_", on a spaced "-" or "|", else on a bare "-" or "/" that
      separates an institution.
    - Meeting roles (Host, Co-host, Admin, "Admin Zoom") at the start or end of a part, and
      numbers before it (office code "35.09", list number "01."), are dropped.
    - A trailing "(...)" naming an institution is the instansi when the rest names none
      ("Sari (KPU Kota Batu)", "Host (KPU Provinsi Jawa Timur)"); otherwise it is Zoom's
      original name and is dropped, unless nothing else is left ("(Sari Wulandari)",
      "Host (Sari Wulandari)").
    - The part with an institution word is the instansi; the first other part is the nama
      (titles and degrees kept: "Dr. H. Ahmad, S.Sos., M.Si."); further parts become the
      jabatan.
    - A name that is only an institution ("KPU Kab. Pamekasan", "Host KPU Jatim") is an
      office's shared login: nama and instansi are both the institution.
    - A name that is only a role or a number ("Host") gives an empty nama.

    Examples
    --------
    >>> parse_display_name("KPU Kab. Jember - Sari")
    DisplayName(nama='Sari', instansi='KPU Kabupaten Jember', jabatan='')
    >>> parse_display_name("Host KPU Jatim (KPU Provinsi Jawa Timur)")
    DisplayName(nama='KPU Provinsi Jawa Timur', instansi='KPU Provinsi Jawa Timur', jabatan='')
    """
    before, inside = _trailing_parenthesis(clean(raw))
    parts = _pieces(before)
    if inside and looks_like_instansi(inside) and not any(map(looks_like_instansi, parts)):
        parts.append(inside)
    elif not parts and inside:
        parts = _pieces(inside)
    if not parts:
        return DisplayName("", "")
    instansi_parts = [p for p in parts if looks_like_instansi(p)]
    other = [p for p in parts if not looks_like_instansi(p)]
    if not instansi_parts:
        return DisplayName(other[0], "", ", ".join(other[1:]))
    instansi = canonical_instansi(instansi_parts[0])
    if not other:
        return DisplayName(instansi, instansi)
    return DisplayName(other[0], instansi, ", ".join(other[1:] + instansi_parts[1:]))


def instansi_order_key(instansi: str) -> tuple:
    """Sort key for institutions: KPU RI, then registry offices in code order, then others
    alphabetically, then the empty institution."""
    text = clean(instansi)
    if not text:
        return (3, "")
    if instansi_key(text) in {"kpu ri", "kpu republik indonesia"}:
        return (0, "")
    code = _office_codes().get(text.lower())
    if code is not None:
        return (1, code)
    return (2, text.lower())


@lru_cache(maxsize=1)
def _office_codes() -> dict[str, str]:
    from workbench.wilayah import registry

    codes: dict[str, str] = {}
    for kode, office in registry().items():
        codes.setdefault(office.nama.lower(), kode)
    return codes
