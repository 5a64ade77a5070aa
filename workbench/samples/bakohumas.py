"""A seeded generator of sample Bakohumas quarterly reports.

:func:`generate_reports` builds the report table (pure, deterministic for a
seed); :func:`write_samples` writes it with the per-office files ``kiriman/``
that :mod:`workbench.bakohumas.collect` consolidates.

The shape of the sample, per province, in the last quarter generated:

- exactly ``stale`` offices (default 2) whose report repeats the previous quarter
  (identical numbers and narrative, only the submission date differs);
- 3–5 late offices (fewer in very small provinces);
- ``missing`` offices (default 1) that did not report: they have **no row** in the
  quarter (and no file in ``kiriman/``);
- every other office's report differs from its previous one (numbers and a
  narrative less than 85% alike), so the evaluation finds exactly the stale ones.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, utils

from workbench.bakohumas.reader import ROW_COLUMN, to_frame
from workbench.bakohumas.schema import NUMERIC_COLUMNS, Period
from workbench.samples import phrases as ph
from workbench.wilayah import Office, kabupaten_kota

PERIODS: tuple[Period, ...] = (Period(2025, 1), Period(2025, 2))
PROVINCE = "35"
SAMPLE_FILE = "laporan-triwulan.csv"
NATIONAL_FILE = "laporan-triwulan-nasional.csv"
KIRIMAN_DIR = "kiriman"
#: Narratives of consecutive quarters stay below this similarity (the stale threshold is 90).
MAX_SIMILARITY = 85


def generate_reports(
    offices: Sequence[Office] | None = None,
    *,
    seed: int = 2025,
    periods: Sequence[Period] = PERIODS,
    stale: int = 2,
    missing: int = 1,
) -> pd.DataFrame:
    """Synthetic quarterly reports of ``offices`` (default: Jawa Timur's 38) for ``periods``.

    Returns the table :func:`~workbench.bakohumas.reader.read_reports` would return,
    sorted by period and office code. Deterministic for ``seed``.
    """
    offices = list(offices) if offices is not None else kabupaten_kota(PROVINCE)
    rng = np.random.default_rng(seed)
    records: list[dict] = []
    by_province: dict[str, list[Office]] = {}
    for o in offices:
        by_province.setdefault(o.kode_provinsi, []).append(o)
    for group in by_province.values():
        records += _province_records(group, list(periods), rng, stale, missing)
    records.sort(key=lambda r: (r["tahun"], r["triwulan"], r["kode_satker"]))
    for i, r in enumerate(records):
        r[ROW_COLUMN] = i + 2
    return to_frame(records).drop(columns=ROW_COLUMN)


def _province_records(
    offices: list[Office],
    periods: list[Period],
    rng: np.random.Generator,
    n_stale: int,
    n_missing: int,
) -> list[dict]:
    n = len(offices)
    order = rng.permutation(n)
    n_stale, n_missing = min(n_stale, n // 3), min(n_missing, max(0, n // 4))
    stale = set(order[:n_stale])
    missing = set(order[n_stale : n_stale + n_missing])
    rest = order[n_stale + n_missing :]
    n_late = min(int(rng.integers(3, 6)), max(1, n // 4))
    late_last = set(rng.choice(np.concatenate([rest, order[:n_stale]]), n_late, replace=False))
    profiles = [_profile(rng) for _ in offices]
    out = []
    previous: dict[int, dict] = {}
    for pi, period in enumerate(periods):
        last = pi == len(periods) - 1
        late = late_last if last else set(rng.choice(n, min(2, n), replace=False))
        for i, office in enumerate(offices):
            if last and i in missing:
                continue
            sent = _sent_date(period, i in late, rng)
            if last and i in stale and i in previous:
                record = {
                    **previous[i],
                    "tahun": period.tahun,
                    "triwulan": period.triwulan,
                    "tanggal_kirim": sent,
                }
            else:
                record = _record(office, period, profiles[i], sent, rng, previous.get(i))
            out.append(record)
            previous[i] = record
    return out


def _profile(rng: np.random.Generator) -> dict:
    """An office's lasting traits: size, trained staff, budget, equipment, realisation."""
    return {
        "size": float(rng.uniform(0.6, 1.6)),
        "staff": int(rng.integers(2, 7)),
        "trained": bool(rng.random() > 0.55),
        "budget": bool(rng.random() > 0.25),
        "equipment": bool(rng.random() > 0.45),
        "low_spend": bool(rng.random() < 0.2),
        "non_budget": bool(rng.random() > 0.3),
    }


def _sent_date(period: Period, late: bool, rng: np.random.Generator) -> dt.date:
    days = int(rng.integers(1, 13)) if late else -int(rng.integers(0, 10))
    return period.deadline + dt.timedelta(days=days)


def _record(
    office: Office,
    period: Period,
    p: dict,
    sent: dt.date,
    rng: np.random.Generator,
    before: dict | None,
) -> dict:
    s = p["size"]
    anggaran = float(round(rng.uniform(5e6, 30e6), -5)) if p["budget"] else 0.0
    share = rng.uniform(0.1, 0.45) if p["low_spend"] else rng.uniform(0.55, 1.0)
    r = {
        "kode_satker": office.kode,
        "tahun": period.tahun,
        "triwulan": period.triwulan,
        "tanggal_kirim": sent,
        "siaran_pers": int(rng.poisson(6 * s)),
        "berita_website": int(rng.poisson(18 * s)),
        "unggahan_medsos": int(rng.poisson(70 * s)),
        "livestream": int(rng.poisson(2 * s)),
        "foto_dokumentasi": int(rng.poisson(120 * s)),
        "rapat_koordinasi": int(rng.poisson(3)),
        "kegiatan_non_anggaran": int(rng.poisson(2) + 1) if p["non_budget"] else 0,
        "sdm_pelaksana": p["staff"],
        "sdm_terlatih": int(rng.integers(1, p["staff"] + 1)) if p["trained"] else 0,
        "anggaran": anggaran,
        "realisasi_anggaran": float(round(anggaran * share, -3)),
        "sarana_memadai": p["equipment"],
        "kendala": _kendala(p, rng),
    }
    if before is not None and all(r[c] == before[c] for c in NUMERIC_COLUMNS):
        r["siaran_pers"] += 1
    r["uraian_kegiatan"] = _narrative(office, period, r, rng, before)
    return r


def _narrative(
    office: Office, period: Period, r: dict, rng: np.random.Generator, before: dict | None
) -> str:
    """3–5 activity sentences; redrawn until unlike the previous quarter's narrative."""
    for _ in range(20):
        text = _compose(office, period, r, rng)
        if (
            before is None
            or fuzz.token_sort_ratio(
                text, before["uraian_kegiatan"], processor=utils.default_process
            )
            < MAX_SIMILARITY
        ):
            return text
    return text + f" Catatan khusus {period.label}."


def _compose(office: Office, period: Period, r: dict, rng: np.random.Generator) -> str:
    pick = lambda seq: seq[int(rng.integers(len(seq)))]  # noqa: E731
    k = int(rng.integers(3, 6))
    chosen = rng.choice(len(ph.KEGIATAN), k, replace=False)
    fill = dict(
        satker=office.nama, n=0, sasaran="", lokasi="", topik="", mitra="", acara="", platform=""
    )
    parts = [
        ph.OPENING.format(bulan=ph.BULAN[period.triwulan], tahun=period.tahun, satker=office.nama)
    ]
    for i in chosen:
        fill.update(
            sasaran=pick(ph.SASARAN),
            lokasi=pick(ph.LOKASI),
            topik=pick(ph.TOPIK),
            mitra=pick(ph.MITRA),
            acara=pick(ph.ACARA),
            platform=pick(ph.PLATFORM),
            n=max(1, int(rng.integers(2, 40))),
        )
        parts.append(ph.KEGIATAN[i].format(**fill))
    return " ".join(parts)


def _kendala(p: dict, rng: np.random.Generator) -> str:
    items = []
    if not p["trained"]:
        items.append(ph.KENDALA_SDM)
    if not p["budget"] or p["low_spend"]:
        items.append(ph.KENDALA_ANGGARAN)
    if not p["equipment"]:
        items.append(ph.KENDALA_SARANA)
    if rng.random() < 0.5:
        items.append(ph.KENDALA_LAIN[int(rng.integers(len(ph.KENDALA_LAIN)))])
    return "; ".join(items) + "." if items else ph.TANPA_KENDALA + "."


# ----------------------------------------------------------------------------- files
def write_samples(out_dir: str | Path, *, national: bool = False, seed: int = 2025) -> list[Path]:
    """Write the sample table (and, for the province sample, ``kiriman/``) into ``out_dir``.

    Province sample: ``laporan-triwulan.csv`` (38 Jawa Timur offices, TW 1 and TW 2
    2025) and ``kiriman/`` (one file per office that reported in TW 2, as offices send
    them). National: ``laporan-triwulan-nasional.csv`` (514 offices), no ``kiriman/``.
    Every file is written atomically. Returns the paths written.
    """
    from workbench.atomic import staged_dir
    from workbench.bakohumas.collect import write_reports
    from workbench.samples.kiriman import write_kiriman

    out_dir = Path(out_dir)
    offices = kabupaten_kota() if national else kabupaten_kota(PROVINCE)
    table = generate_reports(offices, seed=seed)
    target = out_dir / (NATIONAL_FILE if national else SAMPLE_FILE)
    written = [write_reports(table, target)]
    if not national:
        last = PERIODS[-1]
        rows = table[(table["tahun"] == last.tahun) & (table["triwulan"] == last.triwulan)]
        with staged_dir(out_dir / KIRIMAN_DIR) as stage:
            write_kiriman(rows, stage, seed=seed)
        written.append(out_dir / KIRIMAN_DIR)
    return written
