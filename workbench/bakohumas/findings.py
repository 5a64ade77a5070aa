"""Findings and recommendations of the Bakohumas evaluation, as Indonesian sentences.

Pure functions over an :class:`~workbench.bakohumas.evaluation.Evaluation`. Numbers,
dates and money go through :mod:`workbench.indonesian` (Babel); lists are
joined the Indonesian way ("A, B, dan C") by Babel's ``format_list``.
"""

from __future__ import annotations

import math
import weakref
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from babel.lists import format_list

from workbench.bakohumas.schema import ACTIVITY_COLUMNS, KK, LABELS, OUTPUT_COLUMNS, Period
from workbench.indonesian import angka, persen, rupiah, tanggal
from workbench.wilayah import get_office

if TYPE_CHECKING:
    from workbench.bakohumas.evaluation import Evaluation

#: Indicators named in the office's "above/below the median" sentences.
COMPARED = (*OUTPUT_COLUMNS, *ACTIVITY_COLUMNS)


def daftar(items) -> str:
    """'A', 'A dan B', 'A, B, dan C'."""
    return format_list([str(i) for i in items], locale="id")


def _label(column: str) -> str:
    """'Unggahan media sosial' -> 'unggahan media sosial' (for use inside a sentence)."""
    return LABELS[column][0].lower() + LABELS[column][1:]


# ----------------------------------------------------------------------------- province
#: A finding names up to this many offices inline; more go to a Lampiran list of their own.
INLINE_MAX = 5


def findings(result: "Evaluation", period: "Period | str | None" = None) -> list[str]:
    """The province-level findings of the evaluated quarter (the texts of
    :func:`findings_detail`).

    Parameters
    ----------
    result : Evaluation
        From :func:`~workbench.bakohumas.evaluate.evaluate_period`.
    period : Period or str, optional
        Must be the evaluated period when given (kept for readable call sites).
    """
    return [text for text, _ in findings_detail(result, period)]


def findings_detail(
    result: "Evaluation", period: "Period | str | None" = None
) -> list[tuple[str, tuple[str, ...]]]:
    """Each finding with the offices it concerns when they are too many to name inline
    (more than :data:`INLINE_MAX`; then the text points to the Lampiran list of that
    finding), else ``()``.

    Copied (stale) reports are "tidak dinilai": the findings on staff, budget, equipment,
    non-budget activities, outputs and the best scores count only the assessed reports.
    """
    period = Period.parse(period) if period is not None else result.period
    r = result.ringkasan
    out = _submission(r, period, result.deadline)
    out.append(_stale(r, period, result.previous_available))
    assessed = _assessed(r)
    s = r[assessed]
    if len(s):
        out += _constraints(s, len(r), result.weights.ambang.realisasi_rendah_persen, period)
        out.append(_non_budget(s, len(r)))
        out.append((_outputs(s, period), ()))
        out.append((_top(s), ()))
    return [_with_lampiran(i, text, names) for i, (text, names) in enumerate(out, start=1)]


def _assessed(r: pd.DataFrame) -> np.ndarray:
    submitted = r["status_laporan"].to_numpy() != "belum"
    return submitted & ~r["tidak_diperbarui"].to_numpy(dtype=bool)


def _with_lampiran(i: int, text: str, names) -> tuple[str, tuple[str, ...]]:
    """``text`` naming ``names`` inline (up to :data:`INLINE_MAX`) or pointing to the
    Lampiran list of finding ``i``."""
    names = tuple(str(n) for n in names)
    if not names:
        return text, ()
    if "{satker}" not in text:
        text = text.rstrip(".") + "{satker}."
    if len(names) <= INLINE_MAX:
        return text.replace("{satker}", f": {daftar(names)}"), ()
    return text.replace("{satker}", f" (daftar satker pada Lampiran, Temuan {i})"), names


def _names(r: pd.DataFrame, mask: np.ndarray) -> tuple[str, ...]:
    return tuple(r["nama_satker"].to_numpy()[mask])


def _submission(r: pd.DataFrame, period: Period, deadline) -> list[tuple[str, tuple]]:
    status = r["status_laporan"].to_numpy()
    on_time, late, missing = (
        int((status == s).sum()) for s in ("tepat waktu", "terlambat", "belum")
    )
    out: list[tuple[str, tuple]] = [
        (
            f"Dari {angka(len(r))} {KK}, {angka(on_time)} menyampaikan laporan {period.label} "
            f"tepat waktu, {angka(late)} terlambat, dan {angka(missing)} belum menyampaikan "
            "laporan.",
            (),
        )
    ]
    if late:
        out.append(
            (
                f"{KK} yang terlambat menyampaikan laporan {period.label} (tenggat "
                f"{tanggal(deadline)})",
                _names(r, status == "terlambat"),
            )
        )
    if missing:
        out.append(
            (
                f"{KK} yang belum menyampaikan laporan {period.label}",
                _names(r, status == "belum"),
            )
        )
    return out


def _stale(r: pd.DataFrame, period: Period, previous_available: bool) -> tuple[str, tuple]:
    if not previous_available:
        return (
            f"Laporan {period.previous.label} tidak tersedia dalam data, sehingga pembaruan "
            f"laporan {period.label} belum dapat diperiksa.",
            (),
        )
    stale = r["tidak_diperbarui"].to_numpy()
    if not stale.any():
        return (
            f"Seluruh laporan {period.label} yang disampaikan telah diperbarui dari laporan "
            "periode sebelumnya.",
            (),
        )
    return (
        f"Terdapat {angka(int(stale.sum()))} {KK} yang menyampaikan laporan {period.label} "
        "yang belum diperbarui dari laporan periode sebelumnya{satker}; laporan tersebut "
        "tidak dinilai (tidak dihitung dalam jumlah, median, peringkat, maupun skor "
        "tertinggi).",
        _names(r, stale),
    )


def _of(count: int, assessed: int, total: int) -> str:
    """'21 dari 38 satker' (or '... dari 35 satker yang dinilai' when some were not)."""
    tail = "" if assessed == total else " yang dinilai"
    return f"{angka(count)} dari {angka(assessed)} satker{tail}"


def _constraints(s: pd.DataFrame, total: int, low: float, period: Period) -> list:
    m = len(s)
    texts = (
        (
            "tanpa_sdm_terlatih",
            "belum memiliki SDM terlatih kehumasan",
            "Seluruh satker yang dinilai telah memiliki SDM terlatih kehumasan.",
        ),
        (
            "tanpa_anggaran",
            "tidak memiliki anggaran kegiatan Bakohumas",
            "Seluruh satker yang dinilai memiliki anggaran kegiatan Bakohumas.",
        ),
        (
            "sarana_tidak_memadai",
            "menyatakan sarana dan prasarana kehumasan belum memadai",
            "Seluruh satker yang dinilai menyatakan sarana dan prasarana kehumasan memadai.",
        ),
    )
    out: list[tuple[str, tuple]] = []
    for flag, some, none in texts:
        mask = s[flag].to_numpy(dtype=bool)
        n = int(mask.sum())
        out.append((f"Sebanyak {_of(n, m, total)} {some}", _names(s, mask)) if n else (none, ()))
    budget = float(s["anggaran"].sum())
    with_budget = int((s["anggaran"] > 0).sum())
    if with_budget:
        spent = float(s["realisasi_anggaran"].sum())
        low_mask = s["realisasi_rendah"].to_numpy(dtype=bool)
        n_low = int(low_mask.sum())
        out.append(
            (
                f"Realisasi anggaran Bakohumas {period.label} sebesar {rupiah(spent)} dari "
                f"{rupiah(budget)} ({persen(spent / budget * 100)}); {angka(n_low)} dari "
                f"{angka(with_budget)} satker yang memiliki anggaran merealisasikan kurang "
                f"dari {angka(low)}% anggarannya",
                _names(s, low_mask),
            )
            if n_low
            else (
                f"Realisasi anggaran Bakohumas {period.label} sebesar {rupiah(spent)} dari "
                f"{rupiah(budget)} ({persen(spent / budget * 100)}); seluruh "
                f"{angka(with_budget)} satker yang memiliki anggaran merealisasikan "
                f"sedikitnya {angka(low)}% anggarannya.",
                (),
            )
        )
    return out


def _non_budget(s: pd.DataFrame, total: int) -> tuple[str, tuple]:
    m = len(s)
    idle = s["kegiatan_non_anggaran"].to_numpy() == 0
    doing = m - int(idle.sum())
    n_act = angka(int(s["kegiatan_non_anggaran"].sum()))
    if doing == m:
        return (
            f"Seluruh {angka(m)} satker yang dinilai melaksanakan kegiatan Bakohumas "
            f"non-anggaran (total {n_act} kegiatan).",
            (),
        )
    return (
        f"Sebanyak {_of(doing, m, total)} melaksanakan kegiatan Bakohumas non-anggaran "
        f"(total {n_act} kegiatan); {angka(m - doing)} satker belum melaksanakannya sehingga "
        "kegiatan Bakohumas non-anggaran perlu dioptimalkan",
        _names(s, idle),
    )


def _outputs(s: pd.DataFrame, period: Period) -> str:
    parts = [f"{angka(int(s[c].sum()))} {_label(c)}" for c in OUTPUT_COLUMNS]
    meetings = angka(int(s["rapat_koordinasi"].sum()))
    return (
        f"Keluaran kehumasan {period.label}: {daftar(parts)}, dengan {meetings} rapat "
        "koordinasi bersama instansi/lembaga lain."
    )


def _top(s: pd.DataFrame, n: int = 3) -> str:
    score, names = s["skor"].to_numpy(), s["nama_satker"].to_numpy()
    best = np.lexsort((s["kode_satker"].to_numpy(), -score))[:n]
    items = [f"{names[i]} ({angka(score[i], 1)})" for i in best]
    return f"Skor tertinggi diraih oleh {daftar(items)}."


# ----------------------------------------------------------------------------- one office
def office_findings(result: "Evaluation", kode: str) -> list[str]:
    """Findings about one office (for its own report), in Indonesian."""
    row = result.office(kode)
    period = result.period
    out = [_office_status(row, period, result.deadline)]
    if row["status_laporan"] == "belum":
        return out
    if row["tidak_diperbarui"]:  # a copied report: no score, rank, comparison or praise
        out.append(_office_stale(row, period, result.weights.ambang.kemiripan_uraian))
        out.append(
            f"Laporan tersebut tidak dinilai: tidak diberi skor dan peringkat, dan angkanya "
            f"tidak dihitung dalam jumlah maupun median Provinsi "
            f"{get_office(row['kode_provinsi']).nama_wilayah}."
        )
        kendala = kendala_text(row["kendala"])
        return out + ([kendala] if kendala else [])
    out.append(_office_score(result, row))
    out += _office_vs_median(result, row["kode_satker"])
    out += _office_resources(row, result.weights.ambang.realisasi_rendah_persen)
    kendala = kendala_text(row["kendala"])
    if kendala:
        out.append(kendala)
    return out


def _lower_first(text: str) -> str:
    """'Sarana prasarana ...' -> 'sarana prasarana ...' inside a sentence; words written
    in capitals (SDM, RRI) or with capitals inside (YouTube) are left alone."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[0].isupper() and word[1:].islower():
        return text[0].lower() + text[1:]
    return text


def kendala_text(kendala) -> str:
    """The office's reported obstacles as one finding ('' when none were written).

    The office writes them as a list joined by ';' and each part capitalised; inside the
    sentence they continue after a colon, so they start in lower case. "Tidak ada kendala
    berarti" is the office's own sentence and stands alone.
    """
    if kendala is None or (isinstance(kendala, float) and math.isnan(kendala)):
        return ""
    text = " ".join(str(kendala).split()).rstrip(".;")
    if not text:
        return ""
    if text.lower().startswith("tidak ada"):
        return f"{text[0].upper()}{text[1:]}."
    parts = [_lower_first(p.strip()) for p in text.split(";") if p.strip()]
    return f"Kendala yang dilaporkan: {'; '.join(parts)}."


def _office_status(row: pd.Series, period: Period, deadline) -> str:
    name, status = row["nama_satker"], row["status_laporan"]
    if status == "belum":
        return f"{name} belum menyampaikan laporan {period.label} (tenggat {tanggal(deadline)})."
    sent = tanggal(pd.Timestamp(row["tanggal_kirim"]).date())
    if status == "terlambat":
        return (
            f"{name} menyampaikan laporan {period.label} pada {sent}, terlambat "
            f"{angka(int(row['hari_terlambat']))} hari dari tenggat {tanggal(deadline)}."
        )
    return (
        f"{name} menyampaikan laporan {period.label} tepat waktu pada {sent} (tenggat "
        f"{tanggal(deadline)})."
    )


#: Per evaluation (while it lives): province code -> (its offices, the median score of its
#: assessed reports). Every office report of a province states them (514 nationally).
_PROVINCE_SCORES: "weakref.WeakKeyDictionary[Evaluation, dict[str, tuple[int, float]]]" = (
    weakref.WeakKeyDictionary()
)


def province_scores(result: "Evaluation", kode_provinsi: str) -> tuple[int, float]:
    """(number of offices, median score of the assessed reports) of one province,
    computed once per evaluation."""
    by_province = _PROVINCE_SCORES.setdefault(result, {})
    scores = by_province.get(kode_provinsi)
    if scores is None:
        r = result.ringkasan
        peers = r[r["kode_provinsi"].to_numpy() == kode_provinsi]
        median = float(peers.loc[_assessed(peers), "skor"].median())
        scores = by_province[kode_provinsi] = (len(peers), median)
    return scores


def _office_score(result: "Evaluation", row: pd.Series) -> str:
    prov = row["kode_provinsi"]
    n_peers, median = province_scores(result, prov)
    p = result.weights.penalti
    cuts = [
        f"{angka(v)} poin karena {why}"
        for v, why, applies in (
            (p.terlambat, "terlambat", row["status_laporan"] == "terlambat"),
            (p.tidak_diperbarui, "laporan belum diperbarui", bool(row["tidak_diperbarui"])),
        )
        if v and applies
    ]
    cut = f" setelah dikurangi {daftar(cuts)}" if cuts else ""
    return (
        f"Skor evaluasi {angka(row['skor'], 1)} dari 100{cut}, peringkat "
        f"{angka(row['peringkat'])} dari {angka(n_peers)} {KK} di Provinsi "
        f"{get_office(prov).nama_wilayah} (median satker yang dinilai {angka(median, 1)})."
    )


def _office_stale(row: pd.Series, period: Period, threshold: float) -> str:
    reasons = []
    if row["angka_sama"]:
        reasons.append("seluruh angka sama")
    sim = float(row["kemiripan_uraian"])
    if not math.isnan(sim) and sim >= threshold:
        reasons.append(f"uraian kegiatan {angka(math.floor(sim))}% mirip")
    return (
        f"Laporan {period.label} belum diperbarui dari laporan {period.previous.label}: "
        f"{daftar(reasons)}."
    )


def _office_vs_median(result: "Evaluation", kode: str) -> list[str]:
    pairs = _indicator_positions(result, kode)
    out = []
    for posisi in ("di atas", "di bawah"):
        names = [_label(c) for c, p in pairs if p == posisi and c in COMPARED]
        if names:
            out.append(f"{posisi.capitalize()} median provinsi: {daftar(names)}.")
    return out


def _office_resources(row: pd.Series, low: float) -> list[str]:
    pelaksana, terlatih = int(row["sdm_pelaksana"]), int(row["sdm_terlatih"])
    if pelaksana == 0:
        sdm = "Belum ada SDM pelaksana kehumasan."
    elif terlatih == 0:
        sdm = (
            f"SDM pelaksana {angka(pelaksana)} orang, belum ada yang terlatih kehumasan."
            if pelaksana > 1
            else "SDM pelaksana 1 orang dan belum terlatih kehumasan."
        )
    elif terlatih >= pelaksana:
        sdm = (
            f"SDM pelaksana {angka(pelaksana)} orang, seluruhnya terlatih kehumasan."
            if pelaksana > 1
            else "SDM pelaksana 1 orang dan sudah terlatih kehumasan."
        )
    else:
        sdm = (
            f"SDM pelaksana {angka(pelaksana)} orang, {angka(terlatih)} orang di antaranya "
            "terlatih kehumasan."
        )
    out = [sdm]
    if row["anggaran"] == 0:
        out.append("Tidak ada anggaran kegiatan Bakohumas pada triwulan ini.")
    else:
        text = (
            f"Realisasi anggaran {rupiah(row['realisasi_anggaran'])} dari "
            f"{rupiah(row['anggaran'])} ({persen(row['realisasi_persen'])})"
        )
        out.append(text + (f", di bawah {angka(low)}%." if row["realisasi_rendah"] else "."))
    out.append(
        "Sarana dan prasarana kehumasan belum memadai."
        if row["sarana_tidak_memadai"]
        else "Sarana dan prasarana kehumasan memadai."
    )
    n_act, n_meet = int(row["kegiatan_non_anggaran"]), int(row["rapat_koordinasi"])
    out.append(
        f"Melaksanakan {angka(n_act)} kegiatan Bakohumas non-anggaran."
        if n_act
        else "Belum melaksanakan kegiatan Bakohumas non-anggaran."
    )
    out.append(
        f"Melaksanakan {angka(n_meet)} rapat koordinasi dengan instansi/lembaga lain."
        if n_meet
        else "Belum melaksanakan rapat koordinasi dengan instansi/lembaga lain."
    )
    return out


def office_recommendations(result: "Evaluation", kode: str) -> list[str]:
    """Recommendations for one office, specific to its status and flags (Indonesian)."""
    row = result.office(kode)
    period = result.period
    provinsi = get_office(row["kode_provinsi"]).nama
    if row["status_laporan"] == "belum":
        return [
            f"Segera sampaikan laporan {period.label} kepada {provinsi}.",
            f"Sampaikan laporan {period.next.label} paling lambat {tanggal(period.next.deadline)}.",
        ]
    out = []
    if row["tidak_diperbarui"]:
        out.append(
            f"Perbarui laporan triwulan {period.label} dengan kegiatan, angka, dan uraian "
            f"periode berjalan, bukan salinan laporan {period.previous.label}."
        )
        out.append(
            f"Sampaikan laporan {period.next.label} paling lambat "
            f"{tanggal(period.next.deadline)} dengan data periode berjalan."
        )
        return out
    if row["status_laporan"] == "terlambat":
        out.append(
            f"Sampaikan laporan triwulan tepat waktu; laporan {period.next.label} paling "
            f"lambat {tanggal(period.next.deadline)}."
        )
    out += _resource_advice(row)
    below = _below_median(result, row["kode_satker"])
    if below:
        out.append(f"Tingkatkan jumlah {daftar(below)} yang masih di bawah median provinsi.")
    return out or ["Pertahankan kinerja kehumasan dan ketepatan waktu pelaporan."]


def _resource_advice(row: pd.Series) -> list[str]:
    out = []
    if row["tanpa_sdm_terlatih"]:
        out.append(
            "Ikutsertakan SDM pelaksana dalam pelatihan kehumasan (standar foto, media "
            "sosial, dan livestream)."
        )
    if row["tanpa_anggaran"]:
        out.append(
            "Usulkan anggaran kegiatan Bakohumas dan manfaatkan kegiatan non-anggaran "
            "selama anggaran belum tersedia."
        )
    elif row["realisasi_rendah"]:
        out.append(
            f"Percepat realisasi anggaran Bakohumas (baru {persen(row['realisasi_persen'])}"
            " dari anggaran)."
        )
    if row["sarana_tidak_memadai"]:
        out.append(
            "Inventarisasi kebutuhan sarana dan prasarana kehumasan dan usulkan pemenuhannya."
        )
    if row["kegiatan_non_anggaran"] == 0:
        out.append(
            "Optimalkan kegiatan Bakohumas non-anggaran, mis. kerja sama publikasi dan "
            "pertemuan dengan instansi/lembaga/pemangku kepentingan."
        )
    return out


def _below_median(result: "Evaluation", kode: str) -> list[str]:
    named = (*OUTPUT_COLUMNS, "rapat_koordinasi")
    return [
        _label(c) for c, p in _indicator_positions(result, kode) if p == "di bawah" and c in named
    ]


def _indicator_positions(result: "Evaluation", kode: str) -> list[tuple[str, object]]:
    """(indicator, position against the province median) of the office, in table order
    (plain values: no pandas selection per sentence)."""
    ind = result.office_indicators(kode)
    return list(zip(ind["indikator"].to_numpy().tolist(), ind["posisi"].to_numpy().tolist()))
