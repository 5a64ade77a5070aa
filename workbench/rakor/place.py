"""Where a meeting took place, as an Indonesian writer puts it.

Pure text: a :class:`~workbench.rakor.model.Rapat` in, phrases out. The user may or may not
have typed the platform into ``tempat`` ("Ruang Rapat Lantai 2 & Zoom Meeting", "Aula KPU",
"Zoom"); :func:`split_place` separates the room from the platform so that the platform is
named once:

- luring: "Aula KPU Kota Denpasar" (the cell) / "di Aula KPU Kota Denpasar" (a sentence);
- daring: "daring melalui Zoom Meeting" (+ " dari <ruang>" when a room is named);
- hybrid: "hibrida: luring di <ruang> dan daring melalui <platform>" (the cell) and
  "secara hibrida: luring di <ruang> dan daring melalui <platform>" (a sentence).
"""

from __future__ import annotations

import re

#: The platform assumed when ``tempat`` names none.
DEFAULT_PLATFORM = "Zoom Meeting"

# A platform mention, with the words a writer puts around it ("melalui", "via", "daring").
_PLATFORM = re.compile(
    r"\(?\s*(?:(?:secara|daring|online|melalui|via|aplikasi|platform|media)\s+)*"
    r"(?P<name>zoom(?:\s+(?:meeting|meetings|cloud\s+meeting|webinar))?|google\s+meet|g-?meet"
    r"|(?:microsoft\s+|ms\s+)?teams|webex|youtube(?:\s+live)?)\s*\)?",
    re.I,
)
_CANONICAL = (
    (re.compile(r"^zoom$", re.I), "Zoom Meeting"),
    (re.compile(r"^zoom\s+meetings?$", re.I), "Zoom Meeting"),
    (re.compile(r"^(google\s+meet|g-?meet)$", re.I), "Google Meet"),
    (re.compile(r"^(microsoft\s+|ms\s+)?teams$", re.I), "Microsoft Teams"),
    (re.compile(r"^webex$", re.I), "Webex"),
    (re.compile(r"^youtube$", re.I), "YouTube"),
    (re.compile(r"^youtube\s+live$", re.I), "YouTube Live"),
)
# What is left around the room once the platform is taken out: joiners, mode words, brackets.
_EDGE = re.compile(
    r"^(?:[\s,;:&+/\-\u2013]|\b(?:dan|serta|atau|secara|luring|daring|offline|online|"
    r"hybrid|hibrida|di)\b)+|(?:[\s,;:&+/\-\u2013]|\b(?:dan|serta|atau|secara|luring|"
    r"daring|offline|online|hybrid|hibrida|di)\b)+$",
    re.I,
)


def platform_name(text: str) -> str:
    """'zoom' -> 'Zoom Meeting', 'gmeet' -> 'Google Meet'; other spellings as typed."""
    text = " ".join(text.split())
    for pattern, name in _CANONICAL:
        if pattern.match(text):
            return name
    return text


def split_place(tempat: str) -> tuple[str, str | None]:
    """``tempat`` as (room, platform): 'Ruang Rapat Lantai 2 & Zoom Meeting' ->
    ('Ruang Rapat Lantai 2', 'Zoom Meeting'); 'Aula KPU' -> ('Aula KPU', None);
    'Zoom' -> ('', 'Zoom Meeting')."""
    m = _PLATFORM.search(tempat)
    if m is None:
        return _clean(tempat), None
    room = tempat[: m.start()] + " " + tempat[m.end() :]
    return _clean(room), platform_name(m["name"])


def _clean(text: str) -> str:
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous, text = text, _EDGE.sub("", text).strip()
    return text


def tempat_cell(rapat) -> str:
    """The *Tempat* line of the notula and daftar hadir (see the module docstring)."""
    room, platform = split_place(rapat.tempat)
    platform = platform or DEFAULT_PLATFORM
    if rapat.mode == "luring":
        return rapat.tempat.strip()
    if rapat.mode == "hybrid":
        return "hibrida: " + _both(room, platform)
    if room:
        return f"daring melalui {platform} dari {room}"
    return f"daring melalui {platform}"


def _both(room: str, platform: str) -> str:
    offline = f"luring di {room}" if room else "luring"
    return f"{offline} dan daring melalui {platform}"


def where_phrase(rapat, *, platform_online: bool = True) -> str:
    """The place in a sentence: 'di Aula KPU', 'secara daring melalui Zoom Meeting',
    'secara hibrida: luring di Aula KPU dan daring melalui Zoom Meeting' (end it a sentence:
    the hybrid phrase holds a colon). ``platform_online=False`` says only 'secara daring' for
    an online meeting (the berita's style)."""
    room, platform = split_place(rapat.tempat)
    platform = platform or DEFAULT_PLATFORM
    if rapat.mode == "luring":
        return f"di {rapat.tempat.strip()}"
    if rapat.mode == "hybrid":
        return "secara hibrida: " + _both(room, platform)
    if not platform_online:
        return "secara daring"
    return f"secara daring melalui {platform}" + (f" dari {room}" if room else "")
