"""Weights and thresholds of the Bakohumas score, read from ``weights.yaml``.

The default file sits beside this module; ``docs/evaluasi.md`` explains every
entry. A user may pass another YAML file with the same keys.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from workbench.bakohumas.schema import ACTIVITY_COLUMNS, OUTPUT_COLUMNS
from workbench.errors import InputError, did_you_mean
from workbench.limits import MAX_YAML_BYTES, read_limited, yaml_load, yaml_syntax_error

DEFAULT_WEIGHTS_PATH = Path(__file__).with_name("weights.yaml")

#: Count indicators scaled within the province (by max or percentile rank).
SCALED_INDICATORS: tuple[str, ...] = OUTPUT_COLUMNS + ACTIVITY_COLUMNS
#: Indicators already in percent (0–100), scaled by /100.
PERCENT_INDICATORS: tuple[str, ...] = ("sdm_terlatih_persen", "realisasi_persen")
#: Yes/no indicators (1 or 0).
FLAG_INDICATORS: tuple[str, ...] = ("sarana_memadai",)
SCORED_INDICATORS: tuple[str, ...] = SCALED_INDICATORS + PERCENT_INDICATORS + FLAG_INDICATORS


class Penalties(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
    terlambat: float = Field(10, ge=0, le=100)
    tidak_diperbarui: float = Field(30, ge=0, le=100)


class Thresholds(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
    realisasi_rendah_persen: float = Field(50, ge=0, le=100)
    kemiripan_uraian: float = Field(90, gt=0, le=100)


class Weights(BaseModel):
    """The scoring configuration (see ``weights.yaml``)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
    normalisasi: Literal["maks", "persentil"] = "maks"
    indikator: tuple[tuple[str, float], ...]
    penalti: Penalties = Penalties()
    ambang: Thresholds = Thresholds()

    @field_validator("indikator", mode="before")
    @classmethod
    def _indicators(cls, value):
        items = tuple(dict(value).items()) if isinstance(value, Mapping) else tuple(value)
        for name, weight in items:
            if name not in SCORED_INDICATORS:
                raise ValueError(
                    f"indikator '{name}' tidak dikenal{did_you_mean(name, SCORED_INDICATORS)}"
                )
            try:
                float(weight)
            except (TypeError, ValueError):
                raise ValueError(f"bobot '{name}' bukan angka ({weight!r})") from None
            if not math.isfinite(float(weight)):  # .nan/.inf: every score NaN, all ranked 1
                raise ValueError(f"bobot '{name}' bukan bilangan terhingga ({weight})")
            if float(weight) < 0:
                raise ValueError(f"bobot '{name}' negatif")
        if sum(float(w) for _, w in items) <= 0:
            raise ValueError("jumlah bobot harus lebih dari 0")
        return tuple((n, float(w)) for n, w in items)

    @property
    def indicator_weights(self) -> dict[str, float]:
        return dict(self.indikator)


def load_weights(path: str | Path | None = None) -> Weights:
    """Read a weights YAML file (default: the package's ``weights.yaml``).

    Raises
    ------
    InputError
        When the file is missing or an entry is invalid (names file and key).
    """
    if path is None:
        return _default_weights()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _default_weights() -> Weights:
    return _load(DEFAULT_WEIGHTS_PATH)


def _load(path: Path) -> Weights:
    import yaml

    try:
        raw = read_limited(
            path,
            MAX_YAML_BYTES,
            what="berkas bobot",
            fix="berkas bobot hanya memuat beberapa baris; mulai dari salinan "
            "workbench/bakohumas/weights.yaml",
        )
        data = yaml_load(raw.decode("utf-8-sig"), file=path) or {}
    except OSError as e:
        raise InputError(
            "berkas bobot tidak dapat dibaca", file=path, fix="periksa nama dan lokasi berkas"
        ) from e
    except UnicodeDecodeError as e:
        raise InputError(
            "berkas bobot bukan teks UTF-8",
            file=path,
            row=raw[: e.start].count(b"\n") + 1,
            fix="simpan ulang berkas sebagai UTF-8",
        ) from e
    except yaml.YAMLError as e:
        raise yaml_syntax_error(
            e, file=path, problem="YAML tidak sah ({})", fix="periksa indentasi dan tanda titik dua"
        ) from e
    return _validated(
        data, file=path, fix="lihat contoh di workbench/bakohumas/weights.yaml dan docs/evaluasi.md"
    )


def _validated(data, **where) -> Weights:
    """``data`` as :class:`Weights`; the first invalid entry raises InputError (with ``where``)."""
    try:
        return Weights.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "finite_number":
            message = f"harus bilangan terhingga, bukan {err.get('input')}"
        raise InputError(
            message,
            field=".".join(str(p) for p in err["loc"]),
            **where,
        ) from e


def resolve_weights(weights: "Weights | Mapping | str | Path | None") -> Weights:
    """Accept a :class:`Weights`, a mapping like the YAML, a YAML path, or None (default).

    For the job layer, which reads files; analysis takes :func:`as_weights`.
    """
    if isinstance(weights, (str, Path)):
        return load_weights(weights)
    return as_weights(weights)


def as_weights(weights: "Weights | Mapping | None") -> Weights:
    """Accept a :class:`Weights`, a mapping like the YAML, or None (the package's default);
    never a path: reading a user's scoring file belongs to the job (:func:`load_weights`)."""
    if weights is None:
        return _default_weights()
    if isinstance(weights, Weights):
        return weights
    if not isinstance(weights, Mapping):
        raise TypeError(f"weights must be Weights, a mapping or None, not {type(weights).__name__}")
    return _validated(dict(weights), fix="lihat docs/evaluasi.md")
