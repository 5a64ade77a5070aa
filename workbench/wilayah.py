"""The office registry: KPU provinces and kabupaten/kota offices by code.

Codes are written with a dot as users type them ("35.28"); the BPS data
ships them without ("3528"). Offices are keyed by code, never by name:
seven names exist as both Kabupaten and Kota in Jawa Timur alone.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.errors import InputError, did_you_mean
from workbench.paths import WILAYAH_DIR
from workbench.text import slugify

_KEEP_UPPER = {"DKI", "DI", "II"}


def title_case(name: str) -> str:
    """'KABUPATEN PAMEKASAN' -> 'Kabupaten Pamekasan' (DKI, DI kept upper)."""
    words = []
    for w in name.split():
        words.append(w if w in _KEEP_UPPER else w.capitalize())
    return " ".join(words)


@dataclass(frozen=True)
class Office:
    """A KPU office: a province ("35") or a kabupaten/kota ("35.28")."""

    kode: str  # dotted: "35" or "35.28"
    nama_wilayah: str  # "Kabupaten Pamekasan", "Jawa Timur"
    kode_provinsi: str
    is_provinsi: bool

    @property
    def nama(self) -> str:
        """'KPU Kabupaten Pamekasan' / 'KPU Provinsi Jawa Timur'."""
        if self.is_provinsi:
            return f"KPU Provinsi {self.nama_wilayah}"
        return f"KPU {self.nama_wilayah}"

    @property
    def kop(self) -> str:
        """Letterhead line: 'KOMISI PEMILIHAN UMUM KABUPATEN PAMEKASAN'."""
        if self.is_provinsi:
            return f"KOMISI PEMILIHAN UMUM PROVINSI {self.nama_wilayah.upper()}"
        return f"KOMISI PEMILIHAN UMUM {self.nama_wilayah.upper()}"

    @property
    def kota_ttd(self) -> str:
        """Place name for the signature line: 'Pamekasan', 'Surabaya'."""
        name = self.nama_wilayah
        for prefix in ("Kabupaten ", "Kota ", "Kab. "):
            if name.startswith(prefix):
                return name[len(prefix) :]
        return name

    @property
    def slug(self) -> str:
        return slugify(self.nama_wilayah)


def normalize_code(code: object) -> str:
    """'3528', '35.28', 35.28, ' 35.28 ' -> '35.28'; '35' -> '35'."""
    text = str(code).strip()
    if re.fullmatch(r"\d{2}\.\d{2}", text):
        return text
    if re.fullmatch(r"\d{4}", text):
        return f"{text[:2]}.{text[2:]}"
    if re.fullmatch(r"\d{2}\.\d", text):  # a float that lost its trailing zero: 35.1 -> 35.10
        return f"{text}0"
    if re.fullmatch(r"\d{2}(\.0)?", text):
        return text[:2]
    return text


@lru_cache(maxsize=1)
def registry() -> dict[str, Office]:
    """All offices by dotted code (34 provinces + 514 kabupaten/kota)."""
    offices: dict[str, Office] = {}
    with open(WILAYAH_DIR / "provinsi.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            offices[row["kode"]] = Office(row["kode"], title_case(row["nama"]), row["kode"], True)
    with open(WILAYAH_DIR / "kabupaten_kota.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            kode = normalize_code(row["kode"])
            offices[kode] = Office(kode, title_case(row["nama"]), row["kode_provinsi"], False)
    return offices


def get_office(code: object, **where) -> Office:
    """Look an office up by code; an :class:`InputError` names the fix.

    ``where`` (file, row, field) is passed on to the error.
    """
    kode = normalize_code(code)
    office = registry().get(kode)
    if office is None:
        raise InputError(
            f"kode satker '{code}' tidak dikenal{did_you_mean(kode, registry())}",
            fix="gunakan kode wilayah BPS, mis. '35' (Provinsi Jawa Timur) atau '35.28' "
            "(Kabupaten Pamekasan); daftar lengkap di workbench/data/wilayah/",
            **where,
        )
    return office


def kabupaten_kota(kode_provinsi: str | None = None) -> list[Office]:
    """Kabupaten/kota offices, optionally of one province, in code order."""
    return [
        o
        for o in registry().values()
        if not o.is_provinsi and (kode_provinsi is None or o.kode_provinsi == kode_provinsi)
    ]
