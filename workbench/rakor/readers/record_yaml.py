"""Read ``meeting.yaml`` into plain data plus line numbers for error messages.

The YAML is composed into a node tree (``yaml.compose``) rather than loaded, for two
reasons: every key and list item keeps its line number, and scalars are kept *as
typed*. YAML 1.1 would otherwise turn ``09:00`` into 540, ``35.10`` into 35.1,
``2025-07-17`` into a date and an 18-digit NIP into an integer; the model does its
own parsing of text (see :mod:`workbench.rakor.readers.record`). Only ``null``/``~``/empty
become ``None``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from workbench.errors import InputError, InputErrors
from workbench.limits import MAX_YAML_BYTES, read_limited, yaml_compose
from workbench.rakor.readers.locate import Location, Locator

#: Lists of free text. An unquoted item like ``- Standar Foto: Foto harus ...`` is a
#: one-key mapping to YAML; in these lists it is read back as the text the user meant.
TEXT_LISTS = {
    ("rapat", "acara"),
    ("materi", "poin"),
    ("pembahasan",),
    ("kesimpulan",),
    ("dokumentasi",),
}

SYNTAX_FIX = (
    "periksa indentasi (gunakan spasi, bukan tab; kunci yang setingkat harus sejajar) "
    "dan apit teks yang mengandung ':' atau '#' atau diawali '-', '*', '&', '!', '@', "
    "'[' atau '{' dengan tanda kutip \"...\""
)


def read_yaml_record(path: str | Path) -> tuple[dict, Locator]:
    """Parse a YAML record.

    Returns
    -------
    (data, locate)
        ``data`` holds strings, ``None``, lists and dicts only; ``locate(loc)`` gives
        the line of the deepest key or item of ``loc`` found in the file.

    Raises
    ------
    InputError
        Unreadable text, YAML syntax errors (with line), duplicate keys, a file that
        is not a mapping at the top, a file over a YAML limit of :mod:`workbench.limits`
        (size, nesting, anchors expanding too far or into themselves).
    """
    path = Path(path)
    node = _compose(path, _read_text(path))
    if not isinstance(node, yaml.MappingNode):
        raise InputError(
            "isi berkas rapat harus berupa kunci-kunci (rapat:, materi:, ...)",
            file=path.name,
            row=node.start_mark.line + 1 if node else None,
            fix="mulai dari berkas kosong buatan `workbench new-meeting FOLDER`",
        )
    builder = _Builder(path)
    data = builder.build(node, ())
    if builder.errors:
        raise InputErrors(builder.errors)
    return data, _locator(builder.lines)


def _read_text(path: Path) -> str:
    try:
        data = read_limited(
            path,
            MAX_YAML_BYTES,
            file=path.name,
            what="berkas rapat",
            fix="berkas rapat cukup memuat pokok-pokok rapat; pindahkan "
            "lampiran panjang ke dokumen terpisah",
        )
    except OSError as e:
        raise InputError(
            f"berkas tidak dapat dibaca ({e.strerror})",
            file=path.name,
            fix="periksa lokasi dan izin berkas",
        ) from e
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            "berkas bukan teks UTF-8",
            file=path.name,
            row=line,
            fix="simpan ulang berkas sebagai UTF-8 (di Notepad: Save As, Encoding: UTF-8)",
        ) from e


def _compose(path: Path, text: str) -> yaml.Node | None:
    try:
        return yaml_compose(text, file=path.name)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(
            _syntax_problem(e),
            file=path.name,
            row=line,
            field=_key_on_line(text, line),
            fix=SYNTAX_FIX,
        ) from e
    except yaml.YAMLError as e:
        raise InputError(f"penulisan YAML salah ({e})", file=path.name, fix=SYNTAX_FIX) from e


#: PyYAML's usual complaints, in words a user can act on.
_SYNTAX_PROBLEMS = (
    (
        "mapping values are not allowed",
        "ada tanda titik dua (:) di tengah nilai; teks yang "
        "mengandung ':' harus diapit tanda kutip \"...\"",
    ),
    ("'\\t'", "ada karakter tab; indentasi harus memakai spasi"),
    (
        "could not find expected ':'",
        "tanda titik dua (:) sesudah kunci tidak ditemukan, atau tanda kutip tidak ditutup",
    ),
    ("expected <block end>", "indentasi tidak sejajar dengan baris di atasnya"),
    ("unexpected end of stream", "tanda kutip atau kurung belum ditutup"),
    ("expected a single document", "berkas berisi lebih dari satu dokumen (---)"),
    ("found undefined alias", "ada '*' di awal nilai; apit nilai itu dengan tanda kutip"),
    ("found character '@'", "nilai diawali '@' atau '`'; apit dengan tanda kutip"),
    (
        "found unknown escape character",
        "ada garis miring terbalik (\\) di dalam tanda kutip "
        "ganda; gunakan tanda kutip tunggal '...'",
    ),
)


def _key_on_line(text: str, line: int | None) -> str | None:
    """The key written on ``line`` (1-based), if the line starts with one."""
    lines = text.splitlines()
    if line is None or not 0 < line <= len(lines):
        return None
    m = re.match(r"^[\s-]*([A-Za-z_][\w.]*)\s*:", lines[line - 1])
    return m.group(1) if m else None


def _syntax_problem(e: yaml.MarkedYAMLError) -> str:
    problem = " ".join(filter(None, [e.context, e.problem]))
    for needle, text in _SYNTAX_PROBLEMS:
        if needle in problem:
            return f"penulisan YAML salah: {text}"
    return f"penulisan YAML salah ({problem})"


class _Builder:
    """Node tree -> plain data, recording the line of every key and list item."""

    def __init__(self, path: Path):
        self.path = path
        self.lines: dict[tuple, int] = {}
        self.errors: list[InputError] = []

    def build(self, node: yaml.Node, loc: tuple) -> Any:
        if isinstance(node, yaml.MappingNode):
            if _is_text_item(loc) and _is_key_value_pair(node) and not _is_entry(node, loc):
                return _joined(node)
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, loc)
        if node.tag == "tag:yaml.org,2002:null":
            return None
        return node.value

    def _sequence(self, node: yaml.SequenceNode, loc: tuple) -> list:
        """List items; blank ones (``-`` alone, or keys all empty) are skipped like blank rows."""
        items: list = []
        for item in node.value:
            here = loc + (len(items),)
            value = self.build(item, here)
            if _is_blank(value):
                self.lines = {k: v for k, v in self.lines.items() if k[: len(here)] != here}
                continue
            self.lines[here] = item.start_mark.line + 1
            items.append(value)
        return items

    def _mapping(self, node: yaml.MappingNode, loc: tuple) -> dict:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(
                    line,
                    ".".join(map(str, loc)),
                    "kunci harus berupa teks",
                    "tulis kunci sebagai satu kata, mis. judul:",
                )
                continue
            key = key_node.value
            if key in out:
                self._error(
                    line,
                    field_label(loc + (key,)),
                    f"kunci '{key}' ditulis dua kali (pertama di baris {self.lines[loc + (key,)]})",
                    "hapus salah satunya atau gabungkan isinya",
                )
                continue
            self.lines[loc + (key,)] = line
            out[key] = self.build(value_node, loc + (key,))
        return out

    def _error(self, line: int, field: str, problem: str, fix: str) -> None:
        self.errors.append(InputError(problem, file=self.path.name, row=line, field=field, fix=fix))


def _is_text_item(loc: tuple) -> bool:
    """True for an item of a free-text list (``materi[i].poin[j]``, ``kesimpulan[j]``, ...)."""
    if not loc or not isinstance(loc[-1], int):
        return False
    return tuple(p for p in loc[:-1] if isinstance(p, str)) in TEXT_LISTS


def _is_blank(value: Any) -> bool:
    if isinstance(value, dict):
        return bool(value) and all(_is_blank(v) for v in value.values())
    if isinstance(value, list):
        return not value
    return value is None or (isinstance(value, str) and not value.strip())


def _is_key_value_pair(node: yaml.MappingNode) -> bool:
    return len(node.value) == 1 and all(isinstance(n, yaml.ScalarNode) for n in node.value[0])


#: Keys of the mapping form of a text-list item (``{waktu, uraian}``, ``{berkas, keterangan}``):
#: a one-key mapping with one of these keys is that form, not a joined text.
ENTRY_KEYS = {
    ("rapat", "acara"): {"waktu", "uraian"},
    ("dokumentasi",): {"berkas", "keterangan"},
}


def _is_entry(node: yaml.MappingNode, loc: tuple) -> bool:
    keys = ENTRY_KEYS.get(tuple(p for p in loc if not isinstance(p, int)), set())
    return node.value[0][0].value in keys


def _joined(node: yaml.MappingNode) -> str:
    """``- Standar Foto: Foto harus ...`` -> 'Standar Foto: Foto harus ...'."""
    ((key, value),) = node.value
    text = "" if value.tag == "tag:yaml.org,2002:null" else value.value
    return f"{key.value}: {text}".strip()


def field_label(loc: tuple) -> str:
    """('materi', 0, 'poin', 1) -> 'materi[1].poin[2]' (items counted from 1)."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _locator(lines: dict[tuple, int]) -> Locator:
    def locate(loc: tuple) -> Location:
        for n in range(len(loc), 0, -1):
            if loc[:n] in lines:
                return Location(lines[loc[:n]], "baris", field_label(loc))
        return Location(1, "baris", field_label(loc))

    return locate
