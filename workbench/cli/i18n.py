"""Indonesian messages for Click's own texts (usage errors, help decorations).

Click marks its user-facing strings with :mod:`gettext` (``_`` and ``ngettext``
bound at module level in ``click.core``, ``click.exceptions``, ``click.types``,
``click.parser``, ``click.decorators``, ``click.termui``, ``click.formatting``, ...).
:func:`install` replaces those module-level names with lookups in a small
catalog (English msgid -> Indonesian) that fall back to the original function,
so a msgid missing here still shows (in English) rather than failing.

Some texts are not marked for translation in Click and are adjusted here too:
the names of the parameter types (the metavar ``FLOAT RANGE`` of an option
without ``metavar=``, and ``'x' is not a valid integer``), the description of a
number range (``[x>=1]`` -> ``[minimal 1]``, ``[0<=x<=100]`` -> ``[0 sampai 100]``),
and decimals in ``[bawaan: …]`` and range errors (``50.0`` -> ``50``, ``0.5`` -> ``0,5``).
The usage-line placeholders (``[OPSI]``, ``PERINTAH [ARGUMEN]...``) are set by the
base classes in :mod:`workbench.cli.base`.

Click's messages to programmers (``Name 'x' defined twice`` and the like, raised
as ``TypeError`` when a command is declared wrongly) are left in English on purpose.

Only the workbench CLI installs this (``workbench.cli`` does, when the command
group is built): it is a CLI-only process. The catalog covers the msgids of
Click 8.x as installed (read from its source); :data:`CATALOG` and
:data:`PLURALS` are plain dicts so a new Click message is one line to add.
"""

from __future__ import annotations

import importlib
import re
from typing import Any, Callable

#: gettext msgid -> Indonesian. ``{...}`` fields must be kept (Click formats them).
CATALOG: dict[str, str] = {
    # -- help layout (formatting, core, decorators)
    "Usage:": "Penggunaan:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Do you want to continue?": "Lanjutkan?",
    "Confirm the action without prompting.": "Setujui tindakan ini tanpa ditanya.",
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "required": "wajib",
    "(dynamic)": "(dinamis)",
    "deprecated": "usang",
    # -- usage errors (exceptions, core, parser)
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Lihat bantuan dengan '{command} {option}'.",
    "Missing argument": "Argumen belum diisi:",
    "Missing option": "Opsi wajib belum diisi:",
    "Missing parameter": "Parameter belum diisi:",
    "Missing {param_type}": "{param_type} belum diisi:",
    "Missing parameter: {param_name}": "Parameter belum diisi: {param_name}",
    "Missing command.": "Perintah belum disebutkan.",
    "No such option {name!r}.": "Opsi {name!r} tidak dikenal.",
    "No such command {name!r}.": "Perintah {name!r} tidak dikenal.",
    "Invalid value for {param_hint}: {message}": "Nilai {param_hint} tidak sah: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
    "unknown error": "galat yang tidak diketahui",
    "Aborted!": "Dibatalkan.",
    "Value must be an iterable.": "Nilai harus berupa daftar.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} memerlukan {nargs} nilai.",
    "Invalid start character for option ({option})": "Karakter awal opsi tidak sah ({option})",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "Peringatan: perintah {name!r} sudah usang.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "Peringatan: {param_type} {name!r} sudah usang.{extra_message}",
    # -- values (types)
    "Choose from:\n\t{choices}": "Pilih salah satu:\n\t{choices}",
    "Choice({choices})": "Pilihan({choices})",
    "{value} is not in the range {range}.": "{value} di luar batas yang diizinkan ({range}).",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} bukan nilai ya/tidak yang sah. Nilai yang dikenali: {states}",
    "{value!r} is not a valid UUID.": "{value!r} bukan UUID yang sah.",
    "file": "berkas",
    "directory": "folder",
    "path": "lokasi",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    # ({name} is "Berkas"/"Folder"; left out where it would read "Folder 'x' adalah berkas".)
    "{name} {filename!r} is a file.": "Lokasi {filename!r} adalah berkas, bukan folder.",
    "{name} {filename!r} is a directory.": "Lokasi {filename!r} adalah folder, bukan berkas.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    # -- prompts and terminal (termui, _termui_impl, utils, shell_completion)
    "Repeat for confirmation": "Ulangi untuk konfirmasi",
    "Error: The two entered values do not match.": "Galat: kedua nilai yang diisikan tidak sama.",
    "Error: invalid input": "Galat: masukan tidak sah",
    "Press any key to continue...": "Tekan tombol apa saja untuk melanjutkan...",
    "Unknown color {colour!r}": "Warna {colour!r} tidak dikenal",
    "{editor}: Editing failed": "{editor}: penyuntingan gagal",
    "{editor}: Editing failed: {e}": "{editor}: penyuntingan gagal: {e}",
    "Unknown standard stream '{name}'": "Aliran standar '{name}' tidak dikenal",
    "Windows error: {error}": "Galat Windows: {error}",
    "d": "h",  # days in a progress bar's ETA: "2h 03:04:05" (hari)
    "Shell completion is not supported for Bash versions older than 4.4.": "Pelengkapan otomatis tidak didukung untuk Bash di bawah versi 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.": "Versi Bash tidak terdeteksi; pelengkapan otomatis tidak didukung.",
}

#: ngettext singular msgid -> (Indonesian singular, Indonesian plural).
PLURALS: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": (
        "Argumen berlebih yang tidak dikenal: {args}.",
        "Argumen berlebih yang tidak dikenal: {args}.",
    ),
    "Did you mean {possibility}?": (
        "Maksud Anda {possibility}?",
        "(Maksud Anda salah satu dari: {possibilities}?)",
    ),
    "Option {name!r} requires an argument.": (
        "Opsi {name!r} memerlukan sebuah nilai.",
        "Opsi {name!r} memerlukan {nargs} nilai.",
    ),
    "Takes {nargs} values but 1 was given.": (
        "Memerlukan {nargs} nilai, tetapi hanya 1 yang diberikan.",
        "Memerlukan {nargs} nilai, tetapi {len} yang diberikan.",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} bukan {choice}.",
        "{value!r} bukan salah satu dari {choices}.",
    ),
    "{value!r} does not match the format {format}.": (
        "{value!r} tidak sesuai format {format}.",
        "{value!r} tidak sesuai format mana pun dari {formats}.",
    ),
    "{len_type} values are required, but {len_value} was given.": (
        "Diperlukan {len_type} nilai, tetapi {len_value} yang diberikan.",
        "Diperlukan {len_type} nilai, tetapi {len_value} yang diberikan.",
    ),
}

#: Click parameter type class -> Indonesian ``name`` (metavar upper-cased, messages as is).
TYPE_NAMES: dict[str, str] = {
    "StringParamType": "teks",
    "IntParamType": "bilangan bulat",
    "IntRange": "bilangan bulat",
    "FloatParamType": "bilangan",
    "FloatRange": "bilangan",
    "BoolParamType": "ya/tidak",
    "DateTime": "tanggal",
    "File": "berkas",
    "Choice": "pilihan",
}

_MODULES = (
    "core",
    "exceptions",
    "types",
    "parser",
    "decorators",
    "termui",
    "formatting",
    "_termui_impl",
    "shell_completion",
    "utils",
)

# msgids whose fields may hold a decimal number (written 50 / 0,5 rather than 50.0 / 0.5).
_NUMERIC = frozenset({"default: {default}", "{value} is not in the range {range}."})

# (object, attribute) -> original value, for uninstall().
_ORIGINALS: dict[tuple[Any, str], Any] = {}


class _Template(str):
    """A translated format string that writes decimals the Indonesian way.

    ``[bawaan: 50.0]`` becomes ``[bawaan: 50]`` and ``0.5`` becomes ``0,5``.
    """

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:  # noqa: A003 - str API
        kwargs = {k: _number(v) for k, v in kwargs.items()}
        return str.format(self, *args, **kwargs)


def _number(value: Any) -> Any:
    if isinstance(value, float) or (isinstance(value, str) and re.fullmatch(r"-?\d+\.\d+", value)):
        number = float(value)
        if number.is_integer():
            return str(int(number))
        return repr(number).replace(".", ",")
    return value


def _fmt(value: Any) -> str:
    return str(_number(value)) if isinstance(value, (int, float)) else str(value)


def _describe_range(self) -> str:
    """Indonesian description of a ``click.IntRange``/``FloatRange`` (``minimal 1``)."""
    low = None
    high = None
    if self.min is not None:
        low = f"lebih dari {_fmt(self.min)}" if self.min_open else f"minimal {_fmt(self.min)}"
    if self.max is not None:
        high = f"kurang dari {_fmt(self.max)}" if self.max_open else f"maksimal {_fmt(self.max)}"
    if low and high and not self.min_open and not self.max_open:
        return f"{_fmt(self.min)} sampai {_fmt(self.max)}"
    return " dan ".join(part for part in (low, high) if part)


def _gettext(original: Callable[[str], str]) -> Callable[[str], str]:
    def gettext(message: str) -> str:
        translated = CATALOG.get(message)
        if translated is None:
            return original(message)
        return _Template(translated) if message in _NUMERIC else translated

    gettext.__wrapped__ = original  # type: ignore[attr-defined]
    return gettext


def _ngettext(original: Callable[[str, str, int], str]) -> Callable[[str, str, int], str]:
    def ngettext(singular: str, plural: str, n: int) -> str:
        forms = PLURALS.get(singular)
        if forms is None:
            return original(singular, plural, n)
        return forms[0] if n == 1 else forms[1]

    ngettext.__wrapped__ = original  # type: ignore[attr-defined]
    return ngettext


def _patch(obj: Any, attr: str, value: Any) -> None:
    _ORIGINALS.setdefault((obj, attr), getattr(obj, attr))
    setattr(obj, attr, value)


def installed() -> bool:
    """True once :func:`install` ran (and :func:`uninstall` did not undo it)."""
    return bool(_ORIGINALS)


def install() -> None:
    """Make Click speak Indonesian in this process. Idempotent."""
    if installed():
        return
    import click.types

    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - platform-specific modules
            continue
        if callable(getattr(module, "_", None)):
            _patch(module, "_", _gettext(module._))
        if callable(getattr(module, "ngettext", None)):
            _patch(module, "ngettext", _ngettext(module.ngettext))
    for class_name, label in TYPE_NAMES.items():
        cls = getattr(click.types, class_name, None)
        if cls is not None and isinstance(cls.__dict__.get("name"), str):
            _patch(cls, "name", label)
    base = getattr(click.types, "_NumberRangeBase", None)
    if base is not None:
        _patch(base, "_describe_range", _describe_range)


def uninstall() -> None:
    """Restore Click's original texts (for tests)."""
    for (obj, attr), value in reversed(list(_ORIGINALS.items())):
        setattr(obj, attr, value)
    _ORIGINALS.clear()
