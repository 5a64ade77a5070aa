"""The Bakohumas documents: the province evaluation report and the per-office report.

Context builders are pure (an :class:`~workbench.bakohumas.evaluation.Evaluation` in, a
dict of ready-formatted Indonesian strings out; charts are passed in as PNG bytes).
Renderers draw the charts, render the Word templates through
:func:`workbench.bakohumas.docx_render.render_docx_bytes` (``render_bytes`` with
per-process caches) and write every file atomically, after everything has been
rendered (a failure leaves no partial file).

:func:`make_office_report` is the per-office unit of work of the batch (the notebook
``notebooks/office_report.ipynb`` calls it; 514 times nationally), so that path is kept
lean: one chart, a small template, the evaluation cached per process by
:func:`~workbench.bakohumas.job.evaluate_file`.

``ringkasan.csv`` and ``ringkasan.xlsx`` hold the same table (:func:`ringkasan_table`):
whole numbers as integers, one decimal for scores and percentages, ``ya``/``tidak``,
ISO dates. The CSV is UTF-8 with a byte-order mark, ``,`` separator and ``.`` decimal
point (for programs); the XLSX is for people. The formatted figures are in the DOCX.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, Hashable, Mapping

from workbench.atomic import write_bytes
from workbench.bakohumas.docx_render import render_docx_bytes
from workbench.bakohumas.schema import COUNT_COLUMNS, KK, MONEY_COLUMNS
from workbench.documents import Image, numbered
from workbench.indonesian import angka, persen, rupiah
from workbench.indonesian import tanggal as tanggal_id
from workbench.paths import TEMPLATES_DIR
from workbench.wilayah import get_office

if TYPE_CHECKING:
    import pandas as pd

    from workbench.bakohumas.evaluation import Evaluation

PROVINCE_TEMPLATE = TEMPLATES_DIR / "evaluasi-provinsi.docx"
OFFICE_TEMPLATE = TEMPLATES_DIR / "laporan-satker.docx"
#: Output file names.
PROVINCE_DOCX, RINGKASAN_CSV, RINGKASAN_XLSX = (
    "evaluasi-provinsi.docx",
    "ringkasan.csv",
    "ringkasan.xlsx",
)
CHART_FILES = {
    "status": "status-laporan.png",
    "indikator": "indikator-satker.png",
    "tren": "tren-triwulan.png",
}
OFFICE_DOCX, OFFICE_CHART = "laporan.docx", "perbandingan-median.png"
#: Widths of the charts in the documents (mm; the text column is 160 mm).
CHART_WIDTH_MM = {"status": 120.0, "indikator": 150.0, "tren": 150.0, "satker": 125.0}
#: Indicators drawn in the per-office chart: the counts and the realisation share (the
#: table lists them all).
OFFICE_CHART_INDICATORS = (*COUNT_COLUMNS, "realisasi_persen")
#: Default signatory: the province's Bagian that runs the evaluation; name and NIP are
#: left as lines to fill by hand (or passed as ``penandatangan``).
DEFAULT_SIGNER = {
    "jabatan": "Kepala Bagian Partisipasi Masyarakat dan SDM",
    "nama": "(" + "." * 40 + ")",
    "nip": "",
}
#: Capital city of each province, for the place in the signature line.
IBUKOTA = {
    "11": "Banda Aceh",
    "12": "Medan",
    "13": "Padang",
    "14": "Pekanbaru",
    "15": "Jambi",
    "16": "Palembang",
    "17": "Bengkulu",
    "18": "Bandar Lampung",
    "19": "Pangkalpinang",
    "21": "Tanjungpinang",
    "31": "Jakarta",
    "32": "Bandung",
    "33": "Semarang",
    "34": "Yogyakarta",
    "35": "Surabaya",
    "36": "Serang",
    "51": "Denpasar",
    "52": "Mataram",
    "53": "Kupang",
    "61": "Pontianak",
    "62": "Palangka Raya",
    "63": "Banjarbaru",
    "64": "Samarinda",
    "65": "Tanjung Selor",
    "71": "Manado",
    "72": "Palu",
    "73": "Makassar",
    "74": "Kendari",
    "75": "Gorontalo",
    "76": "Mamuju",
    "81": "Ambon",
    "82": "Sofifi",
    "91": "Manokwari",
    "94": "Jayapura",
}


# ----------------------------------------------------------------------------- formatting
def skor_text(value: float) -> str:
    """'78,5'."""
    return angka(float(value), 1)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def indicator_value(column: str, value: Any) -> str:
    """An indicator as users read it: 'Rp11.900.000', '59,4%', '153', '2,5', or '-'."""
    if _missing(value):
        return "-"
    value = float(value)
    if column in MONEY_COLUMNS:
        return rupiah(round(value))
    if column.endswith("_persen"):
        return persen(value)
    return angka(value, 0 if value.is_integer() else 1)


def status_text(status: str) -> str:
    from workbench.bakohumas.charts import STATUS_LABELS

    return STATUS_LABELS.get(status, status)


def diperbarui_text(row: Mapping[Hashable, Any]) -> str:
    """'Ya' / 'Tidak' for a submitted report, '-' for a missing one (``row``: a record of
    ``DataFrame.to_dict("records")``, or a row Series)."""
    if row["status_laporan"] == "belum":
        return "-"
    return "Tidak" if bool(row["tidak_diperbarui"]) else "Ya"


def _count(n: int, total: int) -> str:
    """'34 satker (89,5%)'."""
    share = f" ({persen(n / total * 100)})" if total else ""
    return f"{angka(n)} satker{share}"


def signature_block(
    kode_provinsi: str, when: dt.date, penandatangan: Mapping | None, tempat: str | None = None
) -> dict[str, str]:
    """Place and date, jabatan, name and NIP line of the signatory."""
    signer = {**DEFAULT_SIGNER, **(penandatangan or {})}
    place = tempat or IBUKOTA.get(kode_provinsi) or get_office(kode_provinsi).nama_wilayah
    nip = str(signer.get("nip") or "").strip()
    return {
        "tempat_tanggal": f"{place}, {tanggal_id(when)}",
        "jabatan": signer["jabatan"],
        "nama": signer["nama"],
        "nip_baris": f"NIP. {nip}" if nip else "NIP. " + "." * 30,
    }


def _image(png: bytes | None, key: str) -> Image | None:
    return Image(png, CHART_WIDTH_MM[key]) if png else None


# ----------------------------------------------------------------------------- province
def one_province(evaluation: "Evaluation", kode_provinsi: str | None = None) -> "Evaluation":
    """The evaluation restricted to one province (findings recomputed when it held more)."""
    kode = kode_provinsi or evaluation.provinsi[0]
    if tuple(evaluation.provinsi) == (kode,):
        return evaluation
    from workbench.bakohumas.findings import findings

    r = evaluation.ringkasan
    sub = dataclasses.replace(
        evaluation,
        provinsi=(kode,),
        ringkasan=r[r["kode_provinsi"].to_numpy() == kode].reset_index(drop=True),
    )
    return dataclasses.replace(sub, findings=tuple(findings(sub)))


#: Who carries out the recommendations addressed to every office.
PJ_SEKRETARIS = f"Sekretaris {KK}"
PJ_PARMAS = f"Kepala Subbagian Partisipasi Masyarakat dan SDM {KK}"
#: Days an office is given to send a missing or copied report again, from the letter date.
RESUBMIT_DAYS = 7


def _work_quarter_end(when: dt.date) -> dt.date:
    """The end of the quarter in which follow-up work is due: the quarter 30 days after the
    letter date (a letter dated late in a quarter gives until the end of the next one)."""
    from workbench.bakohumas.schema import Period

    later = when + dt.timedelta(days=30)
    return Period(later.year, (later.month - 1) // 3 + 1).end


def province_recommendations(
    evaluation: "Evaluation", when: dt.date | None = None
) -> list[dict[str, str]]:
    """General recommendations for all offices, following the province's findings: each
    ``{uraian, penanggung_jawab, tenggat}``. ``when`` is the letter date (default today): a
    report whose deadline is before it is asked for "segera", never by a past date."""
    from workbench.bakohumas.findings import daftar

    when = when or dt.date.today()
    r, period = evaluation.ringkasan, evaluation.period
    status = r["status_laporan"].to_numpy()
    names = r["nama_satker"].to_numpy()
    resubmit = f"segera, paling lambat {tanggal_id(when + dt.timedelta(days=RESUBMIT_DAYS))}"
    work = tanggal_id(_work_quarter_end(when))
    out = []

    def add(uraian: str, pj: str, tenggat: str) -> None:
        out.append({"uraian": uraian, "penanggung_jawab": pj, "tenggat": tenggat})

    stale = (status != "belum") & r["tidak_diperbarui"].to_numpy(dtype=bool)
    if stale.any():
        add(
            f"{daftar(names[stale])} agar segera menyampaikan ulang laporan {period.label} "
            "dengan kegiatan, angka, dan uraian periode berjalan.",
            f"{PJ_SEKRETARIS} yang bersangkutan",
            resubmit,
        )
    if (status == "belum").any():
        add(
            f"{daftar(names[status == 'belum'])} agar segera menyampaikan laporan {period.label}.",
            f"{PJ_SEKRETARIS} yang bersangkutan",
            resubmit,
        )
    nxt = period.next
    if nxt.deadline >= when:
        add(
            f"Seluruh {KK} menyampaikan laporan {nxt.label} tepat waktu, paling lambat "
            f"{tanggal_id(nxt.deadline)}, dan memperbarui isinya setiap triwulan.",
            PJ_SEKRETARIS,
            tanggal_id(nxt.deadline),
        )
    else:  # the next report's deadline passed before this letter: ask for it now
        add(
            f"{KK} yang belum menyampaikan laporan {nxt.label} agar segera menyampaikannya "
            f"(tenggat {tanggal_id(nxt.deadline)} telah lewat), dengan isi periode berjalan.",
            PJ_SEKRETARIS,
            f"segera, paling lambat {tanggal_id(when + dt.timedelta(days=RESUBMIT_DAYS))}",
        )
    n_untrained = int(r["tanpa_sdm_terlatih"].sum())
    if n_untrained:
        add(
            "Meningkatkan kapasitas SDM pelaksana melalui pelatihan kehumasan dan "
            "pemahaman regulasi Bakohumas, terutama bagi "
            f"{angka(n_untrained)} satker yang belum memiliki SDM terlatih.",
            f"{PJ_SEKRETARIS}; Bagian Partisipasi Masyarakat dan SDM KPU Provinsi (fasilitasi)",
            work,
        )
    n_budget, n_equip = int(r["tanpa_anggaran"].sum()), int(r["sarana_tidak_memadai"].sum())
    if n_budget or n_equip:
        add(
            "Menginventarisasi kebutuhan anggaran serta sarana dan prasarana kehumasan "
            f"({angka(n_budget)} satker tanpa anggaran, {angka(n_equip)} satker dengan "
            "sarana belum memadai) untuk diusulkan dalam perencanaan berikutnya.",
            PJ_SEKRETARIS,
            work,
        )
    n_low = int(r["realisasi_rendah"].sum())
    if n_low:
        low = angka(evaluation.weights.ambang.realisasi_rendah_persen)
        add(
            f"Mempercepat realisasi anggaran Bakohumas pada {angka(n_low)} satker yang "
            f"realisasinya di bawah {low}%.",
            PJ_SEKRETARIS,
            work,
        )
    assessed = (status != "belum") & ~r["tidak_diperbarui"].to_numpy(dtype=bool)
    n_idle = int((assessed & (r["kegiatan_non_anggaran"].to_numpy() == 0)).sum())
    if n_idle:
        add(
            "Mengoptimalkan kegiatan Bakohumas non-anggaran (kerja sama publikasi, "
            "pertemuan, dan koordinasi dengan instansi/lembaga/pemangku kepentingan), "
            f"terutama bagi {angka(n_idle)} satker yang belum melaksanakannya.",
            PJ_PARMAS,
            work,
        )
    add(
        "Menerapkan Standar Output Kehumasan KPU (foto, media sosial, dan livestream) "
        "pada setiap publikasi.",
        PJ_PARMAS,
        f"setiap publikasi, mulai {tanggal_id(when)}",
    )
    return out


def letter_date_notes(period, when: dt.date, *, given: bool) -> list[str]:
    """A stated warning when the letter is dated today by default and today is past the
    next period's deadline (an old quarter evaluated late): the report then asks for that
    report "segera"; ``--tanggal`` dates it as it was signed."""
    nxt = period.next
    if given or when <= nxt.deadline:
        return []
    return [
        f"laporan {period.label} bertanggal hari ini ({tanggal_id(when)}), sudah lewat dari "
        f"tenggat laporan {nxt.label} ({tanggal_id(nxt.deadline)}); rekomendasi meminta "
        f"laporan itu 'segera'. Berikan --tanggal bila laporan ini ditandatangani lebih awal"
    ]


def _ringkasan_block(evaluation: "Evaluation", provinsi) -> dict[str, str]:
    from workbench.bakohumas.findings import daftar

    r, period = evaluation.ringkasan, evaluation.period
    n = len(r)
    status = r["status_laporan"].to_numpy()
    stale = r["tidak_diperbarui"].to_numpy(dtype=bool)
    stale_text = _count(int(stale.sum()), n)
    if stale.any():
        stale_text += f": {daftar(r['nama_satker'].to_numpy()[stale])}"
    return {
        "pengantar": (
            f"{provinsi.nama} telah mengevaluasi laporan triwulan pelaksanaan "
            f"Bakohumas {period.label} dari {angka(n)} {KK} se-{provinsi.nama_wilayah} "
            f"dengan tenggat penyampaian {tanggal_id(evaluation.deadline)}. "
            "Ringkasan hasilnya sebagai berikut."
        ),
        "jumlah_satker": f"{angka(n)} satker",
        "tepat_waktu": _count(int((status == "tepat waktu").sum()), n),
        "terlambat": _count(int((status == "terlambat").sum()), n),
        "belum": _count(int((status == "belum").sum()), n),
        "tidak_diperbarui": stale_text,
        "rata_rata_skor": skor_text(r["skor"].mean()) if n else "-",
        "median_skor": skor_text(r["skor"].median()) if n else "-",
    }


def penalty_text(evaluation: "Evaluation") -> str:
    """'dikurangi 10 poin untuk laporan yang terlambat dan 30 poin untuk laporan yang belum
    diperbarui' (only the penalties the weights set; '' when none)."""
    from workbench.bakohumas.findings import daftar

    p = evaluation.weights.penalti
    # a copied report is not scored at all ("tidak dinilai"): no penalty to state for it
    parts = [
        f"{angka(v)} poin untuk laporan yang {what}"
        for v, what in ((p.terlambat, "terlambat"),)
        if v
    ]
    return f"dikurangi {daftar(parts)}" if parts else ""


def ranking_intro(evaluation: "Evaluation") -> str:
    """The sentence above the ranking table: order, ties, penalties, non-reporters."""
    penalty = penalty_text(evaluation)
    penalty = f" Skor {penalty}, paling rendah 0." if penalty else ""
    return (
        "Satker diurutkan menurut skor evaluasi (0–100); satker dengan skor sama berbagi "
        f"peringkat.{penalty} Satker yang belum menyampaikan laporan diberi skor 0; laporan "
        f"yang belum diperbarui dari triwulan sebelumnya {NOT_ASSESSED}."
    )


#: What the ranking table says of a copied report.
NOT_ASSESSED = "tidak dinilai"


def _ranking_rows(r: "pd.DataFrame") -> list[dict[str, str]]:
    """Ranked offices first (rank, then code); copied reports ("tidak dinilai", rank 0)
    last, without score or rank."""
    ordered = r.assign(_urut=r["peringkat"].where(r["peringkat"] > 0, 10**9)).sort_values(
        ["_urut", "kode_satker"]
    )
    rows = []
    for i, row in enumerate(ordered.to_dict("records"), start=1):
        ranked = int(row["peringkat"]) > 0
        status = status_text(row["status_laporan"])
        rows.append(
            {
                "no": f"{i}",
                "satker": row["nama_satker"],
                "status": status if ranked else f"{status}, {NOT_ASSESSED}",
                "diperbarui": diperbarui_text(row),
                "skor": skor_text(row["skor"]) if ranked else "-",
                "peringkat": angka(int(row["peringkat"])) if ranked else "-",
            }
        )
    return rows


def ranking_note(evaluation: "Evaluation") -> str:
    """The sentence under the ranking table about copied reports ('' when none)."""
    from workbench.bakohumas.findings import daftar

    r = evaluation.ringkasan
    stale = (r["status_laporan"].to_numpy() != "belum") & r["tidak_diperbarui"].to_numpy(dtype=bool)
    if not stale.any():
        return ""
    return (
        f"Laporan {daftar(r['nama_satker'].to_numpy()[stale])} belum diperbarui dari laporan "
        f"{evaluation.period.previous.label} (salinan) sehingga {NOT_ASSESSED}: tidak diberi "
        "skor dan peringkat, dan tidak dihitung dalam jumlah, median, maupun skor tertinggi "
        "laporan ini."
    )


def province_report_context(
    evaluation: "Evaluation",
    *,
    charts: Mapping[str, bytes] | None = None,
    kode_provinsi: str | None = None,
    tanggal: dt.date | None = None,
    penandatangan: Mapping[str, str] | None = None,
    tempat: str | None = None,
    kop_alamat: str = "",
) -> dict[str, Any]:
    """Everything ``templates/evaluasi-provinsi.docx`` shows (pure).

    Parameters
    ----------
    evaluation : Evaluation
        The quarter's evaluation; with several provinces, ``kode_provinsi`` picks one
        (default: the first).
    charts : mapping, optional
        PNG bytes by key ``status``, ``indikator``, ``tren``; a missing chart is left out.
    tanggal : date, optional
        Date of the report (default: today).
    penandatangan : mapping, optional
        ``jabatan``, ``nama``, ``nip`` of the signatory (default :data:`DEFAULT_SIGNER`).
    tempat : str, optional
        Place of signing (default: the province's capital).
    """
    ev = one_province(evaluation, kode_provinsi)
    provinsi = get_office(ev.provinsi[0])
    period, charts = ev.period, charts or {}
    when = tanggal or dt.date.today()
    return {
        "kop": provinsi.kop,
        "kop_alamat": kop_alamat,
        "judul": (
            f"LAPORAN EVALUASI PELAKSANAAN BAKOHUMAS {KK.upper()} "
            f"SE-{provinsi.nama_wilayah.upper()}, {period.label.upper()}"
        ),
        "periode": period.label,
        "ringkasan": _ringkasan_block(ev, provinsi),
        "temuan": numbered(ev.findings),
        "peringkat_pengantar": ranking_intro(ev),
        "peringkat": _ranking_rows(ev.ringkasan),
        "peringkat_catatan": ranking_note(ev),
        "grafik": {key: _image(charts.get(key), key) for key in CHART_FILES},
        "rekomendasi": [
            {"no": f"{i}.", "teks": rec["uraian"], **rec}
            for i, rec in enumerate(province_recommendations(ev, when), start=1)
        ],
        "lampiran_temuan": findings_lampiran(ev),
        "penutup": (
            f"Demikian laporan evaluasi pelaksanaan Bakohumas {period.label} ini "
            f"disampaikan sebagai bahan tindak lanjut {KK} se-{provinsi.nama_wilayah}."
        ),
        "ttd": signature_block(provinsi.kode, when, penandatangan, tempat),
    }


def findings_lampiran(evaluation: "Evaluation") -> list[dict[str, str]]:
    """The Lampiran lists of the findings naming more offices than fit inline:
    ``{judul: 'Temuan 5', satker: 'A, B, dan C'}``."""
    from workbench.bakohumas.findings import daftar, findings_detail

    return [
        {"judul": f"Temuan {i} ({angka(len(names))} satker)", "satker": daftar(names)}
        for i, (_, names) in enumerate(findings_detail(evaluation), start=1)
        if names
    ]


def province_charts(evaluation: "Evaluation", kode_provinsi: str | None = None) -> dict[str, bytes]:
    """The three province charts as PNG bytes, by key ``status``, ``indikator``, ``tren``."""
    from workbench.bakohumas import charts as ch

    ev = one_province(evaluation, kode_provinsi)
    return {
        "status": ch.figure_png(ch.submission_chart(ev.ringkasan)),
        "indikator": ch.figure_png(ch.indicators_chart(ev.ringkasan)),
        "tren": ch.figure_png(ch.trend_chart(evaluation.province_trend(ev.provinsi[0]))),
    }


#: Columns of ``ringkasan`` rounded to one decimal in the written tables.
_ONE_DECIMAL = ("skor", "realisasi_persen", "sdm_terlatih_persen", "kemiripan_uraian")


def ringkasan_table(evaluation: "Evaluation") -> "pd.DataFrame":
    """``ringkasan`` as people read it: whole numbers as integers (empty when the office
    sent nothing), one decimal for scores and percentages, ``ya``/``tidak`` for yes/no
    columns (as in the report form), ISO dates, without the narratives."""
    from workbench.bakohumas.evaluate import FLAGS

    r = evaluation.ringkasan.drop(columns=["uraian_kegiatan"], errors="ignore").copy()
    for column in (*COUNT_COLUMNS, *MONEY_COLUMNS, "peringkat", "hari_terlambat"):
        r[column] = r[column].round().astype("Int64")
    for column in _ONE_DECIMAL:
        r[column] = r[column].round(1)
    for column in ("tidak_diperbarui", "sarana_memadai", "angka_sama", *FLAGS):
        values = r[column].astype("boolean")
        r[column] = (
            values.map({True: "ya", False: "tidak"}).astype(object).where(values.notna(), "")
        )
    r["tanggal_kirim"] = r["tanggal_kirim"].dt.strftime("%Y-%m-%d").fillna("")
    return r


def ringkasan_csv(evaluation: "Evaluation") -> bytes:
    """:func:`ringkasan_table` as CSV bytes (see the module docstring)."""
    from workbench.csv_write import frame_csv

    return frame_csv(ringkasan_table(evaluation)).encode("utf-8-sig")  # no cell a formula


def ringkasan_xlsx(evaluation: "Evaluation") -> bytes:
    """:func:`ringkasan_table` as an Excel workbook (opens right in any regional setting)."""
    import io

    import pandas as pd
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from workbench.xlsx_write import keep_text

    table = ringkasan_table(evaluation)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name="Ringkasan")
        sheet = writer.sheets["Ringkasan"]
        keep_text(sheet)  # free text (kendala) stays text, never a formula
        sheet.freeze_panes = "C2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for i, column in enumerate(table.columns, start=1):
            width = max(len(str(column)), *(len(str(v)) for v in table[column].head(60)))
            sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, 45)
    return buf.getvalue()


def render_province_report(
    evaluation: "Evaluation",
    out_dir: str | Path,
    *,
    template: str | Path | None = None,
    **context_options,
) -> list[Path]:
    """Write ``evaluasi-provinsi.docx``, ``ringkasan.csv``/``.xlsx`` and the three chart PNGs.

    Everything is rendered in memory first, then each file is written atomically.
    ``context_options`` go to :func:`province_report_context`. Returns the paths written.
    """
    ev = one_province(evaluation, context_options.pop("kode_provinsi", None))
    charts = province_charts(ev)
    context = province_report_context(ev, charts=charts, **context_options)
    docx = render_docx_bytes(template or PROVINCE_TEMPLATE, context)
    out = Path(out_dir)
    files = {
        PROVINCE_DOCX: docx,
        RINGKASAN_CSV: ringkasan_csv(ev),
        RINGKASAN_XLSX: ringkasan_xlsx(ev),
        **{CHART_FILES[k]: png for k, png in charts.items()},
    }
    return [write_bytes(out / name, data) for name, data in files.items()]


# ----------------------------------------------------------------------------- one office
def _peers(evaluation: "Evaluation", row) -> int:
    """The number of offices of ``row``'s province (computed once per evaluation)."""
    return _province_figures(evaluation, row["kode_provinsi"])[0]


#: Per evaluation (while it lives): province code -> (offices, share of reporting offices
#: with adequate facilities as written in the report). The per-office reports of one
#: province ask for the same figures 38 (nationally 514) times.
_PROVINCE_FIGURES: "weakref.WeakKeyDictionary[Evaluation, dict[str, tuple[int, str]]]" = (
    weakref.WeakKeyDictionary()
)


def _province_figures(evaluation: "Evaluation", kode_provinsi: str) -> tuple[int, str]:
    by_province = _PROVINCE_FIGURES.setdefault(evaluation, {})
    figures = by_province.get(kode_provinsi)
    if figures is None:
        r = evaluation.ringkasan
        in_province = r["kode_provinsi"].to_numpy() == kode_provinsi
        peers = r[in_province & (r["status_laporan"].to_numpy() != "belum")]
        share = (
            f"{persen(float(peers['sarana_memadai'].mean()) * 100)} satker memadai"
            if len(peers)
            else "-"
        )
        figures = by_province[kode_provinsi] = (int(in_province.sum()), share)
    return figures


def scorecard(evaluation: "Evaluation", row) -> dict[str, str]:
    """Status, submission date, updated, score and rank of one office, formatted."""
    import pandas as pd

    status = row["status_laporan"]
    submitted = status != "belum"
    state = status_text(status)
    if status == "terlambat":
        state += f" ({angka(int(row['hari_terlambat']))} hari)"
    updated = (
        "Tidak dapat diperiksa"
        if submitted and not evaluation.previous_available
        else diperbarui_text(row)
    )
    return {
        "status": state,
        "tanggal_kirim": tanggal_id(pd.Timestamp(row["tanggal_kirim"]).date())
        if submitted
        else "-",
        "tenggat": tanggal_id(evaluation.deadline),
        "diperbarui": updated,
        "skor": f"{skor_text(row['skor'])} dari 100" if row["peringkat"] > 0 else NOT_ASSESSED,
        "peringkat": (
            f"{angka(int(row['peringkat']))} dari {angka(_peers(evaluation, row))}"
            if row["peringkat"] > 0
            else "-"
        ),
    }


_POSITION = {
    "di atas": "Di atas median",
    "di bawah": "Di bawah median",
    "sama": "Sama dengan median",
}


def indicator_rows(evaluation: "Evaluation", kode: str) -> list[dict[str, str]]:
    """Indikator · Satker · Median Provinsi · Keterangan rows, formatted."""
    ind = evaluation.office_indicators(kode)
    rows = [
        {
            "indikator": label,
            "satker": indicator_value(col, value),
            "median": indicator_value(col, median),
            "keterangan": _POSITION.get(pos, "-"),
        }
        for col, label, value, median, pos in zip(
            ind["indikator"], ind["label"], ind["nilai"], ind["median"], ind["posisi"]
        )
    ]
    row = evaluation.office(kode)
    share = _province_figures(evaluation, row["kode_provinsi"])[1]
    sarana = row["sarana_memadai"]
    rows.append(
        {
            "indikator": "Sarana dan prasarana",
            "satker": "-" if _missing(sarana) else ("Memadai" if sarana else "Belum memadai"),
            "median": share,
            "keterangan": "-",
        }
    )
    return rows


def trend_rows(evaluation: "Evaluation", kode: str) -> list[dict[str, str]]:
    """The office's status, updated, score and rank in every quarter present."""
    n = _peers(evaluation, evaluation.office(kode))
    return [
        {
            "periode": row["periode_label"],
            "status": status_text(row["status_laporan"]),
            "diperbarui": diperbarui_text(row),
            "skor": skor_text(row["skor"]) if row["peringkat"] > 0 else NOT_ASSESSED,
            "peringkat": f"{angka(int(row['peringkat']))} dari {angka(n)}"
            if row["peringkat"] > 0
            else "-",
        }
        for row in evaluation.office_trend_records(kode)
    ]


def office_chart_png(evaluation: "Evaluation", kode: str) -> bytes | None:
    """The office-vs-median chart as PNG bytes (None for an office that did not report)."""
    from workbench.bakohumas import charts as ch

    row = evaluation.office(kode)
    if row["status_laporan"] == "belum":
        return None
    ind = evaluation.office_indicators(kode)
    values = dict(zip(ind["indikator"], ind["nilai"]))
    medians = dict(zip(ind["indikator"], ind["median"]))
    medians = {c: medians[c] for c in OFFICE_CHART_INDICATORS if c in medians}
    return ch.office_vs_median_png(
        values, medians, satker_label=ch.short_office_name(row["nama_satker"])
    )


def office_intro(evaluation: "Evaluation", row, provinsi, n: int) -> str:
    """The opening paragraph of the office report; an office that sent no report is told
    so instead of being thanked for a report it did not send."""
    period, satker = evaluation.period, row["nama_satker"]
    # "0 sampai 100", not "0–100": a line must not break after the dash ("0–" / "100").
    basis = (
        f"Skor (0 sampai 100) dan peringkat dihitung terhadap {angka(n)} {KK} "
        f"se-{provinsi.nama_wilayah}; median provinsi dihitung dari laporan yang "
        "disampaikan."
    )
    if row["status_laporan"] == "belum":
        return (
            f"Sampai dengan evaluasi ini disusun, {satker} belum menyampaikan laporan "
            f"triwulan pelaksanaan Bakohumas {period.label} kepada {provinsi.nama} (tenggat "
            f"{tanggal_id(evaluation.deadline)}), sehingga indikatornya belum dapat dinilai "
            f"dan skornya 0. {basis}"
        )
    return (
        f"Berdasarkan laporan triwulan pelaksanaan Bakohumas yang disampaikan kepada "
        f"{provinsi.nama}, berikut hasil evaluasi {satker} pada {period.label}. {basis}"
    )


@dataclasses.dataclass(frozen=True)
class OfficeFacts:
    """What office ``kode``'s report says about it, formatted: shared by ``laporan.docx``
    (:func:`office_report_context`) and the notebook's inline display
    (:mod:`workbench.bakohumas.display`). Shared between callers: read-only."""

    kartu: dict[str, str]  # :func:`scorecard`
    indikator: list[dict[str, str]]  # :func:`indicator_rows`
    tren: list[dict[str, str]]  # :func:`trend_rows`
    temuan: list[str]  # :func:`~workbench.bakohumas.findings.office_findings`
    rekomendasi: list[str]  # :func:`~workbench.bakohumas.findings.office_recommendations`


#: Per evaluation (while it lives): office code -> its :class:`OfficeFacts`. The notebook
#: renders the report and then displays the same facts; they are computed once.
_OFFICE_FACTS: "weakref.WeakKeyDictionary[Evaluation, dict[str, OfficeFacts]]" = (
    weakref.WeakKeyDictionary()
)


def office_facts(evaluation: "Evaluation", kode: str) -> OfficeFacts:
    """The scorecard, indicators, trend, findings and recommendations of office ``kode``,
    computed once per (evaluation, office) (pure functions of the evaluation, which is
    read-only)."""
    from workbench.bakohumas.findings import office_findings, office_recommendations

    row = evaluation.office(kode)
    kode = row["kode_satker"]
    by_office = _OFFICE_FACTS.setdefault(evaluation, {})
    facts = by_office.get(kode)
    if facts is None:
        facts = by_office[kode] = OfficeFacts(
            kartu=scorecard(evaluation, row),
            indikator=indicator_rows(evaluation, kode),
            tren=trend_rows(evaluation, kode),
            temuan=office_findings(evaluation, kode),
            rekomendasi=office_recommendations(evaluation, kode),
        )
    return facts


def office_report_context(
    evaluation: "Evaluation",
    kode: str,
    *,
    chart: bytes | None = None,
    tanggal: dt.date | None = None,
    penandatangan: Mapping[str, str] | None = None,
    tempat: str | None = None,
    kop_alamat: str = "",
) -> dict[str, Any]:
    """Everything ``templates/laporan-satker.docx`` shows for office ``kode`` (pure).

    The report is the province's feedback to the office: it carries the province's kop
    and signatory. ``chart`` is the office-vs-median PNG (see :func:`office_chart_png`).
    Other parameters as in :func:`province_report_context`.
    """
    row = evaluation.office(kode)
    facts = office_facts(evaluation, kode)
    provinsi = get_office(row["kode_provinsi"])
    period, satker = evaluation.period, row["nama_satker"]
    n = _peers(evaluation, row)
    return {
        "kop": provinsi.kop,
        "kop_alamat": kop_alamat,
        "judul": "LAPORAN HASIL EVALUASI BAKOHUMAS",
        "satker_judul": satker.upper(),
        "periode_judul": period.label.upper(),
        "judul_lengkap": f"LAPORAN HASIL EVALUASI BAKOHUMAS \u2014 {satker.upper()} \u2014 "
        f"{period.label.upper()}",
        "satker": satker,
        "periode": period.label,
        "pengantar": office_intro(evaluation, row, provinsi, n),
        # copies: the facts are shared with the display (office_facts)
        "kartu": dict(facts.kartu),
        "indikator": [dict(r) for r in facts.indikator],
        "grafik": _image(chart, "satker"),
        "tren": [dict(r) for r in facts.tren],
        "temuan": numbered(facts.temuan),
        "rekomendasi": numbered(facts.rekomendasi),
        "penutup": (
            "Demikian hasil evaluasi ini disampaikan untuk menjadi perhatian dan ditindaklanjuti."
        ),
        "ttd": signature_block(provinsi.kode, tanggal or dt.date.today(), penandatangan, tempat),
    }


def render_office_report(
    evaluation: "Evaluation",
    kode: str,
    out_dir: str | Path,
    *,
    template: str | Path | None = None,
    write_chart: bool = True,
    **context_options,
) -> Path:
    """Write ``laporan.docx`` (and ``perbandingan-median.png``) for office ``kode``.

    Both are rendered in memory first, then written atomically. Returns the DOCX path.
    """
    png = office_chart_png(evaluation, kode)
    context = office_report_context(evaluation, kode, chart=png, **context_options)
    docx = render_docx_bytes(template or OFFICE_TEMPLATE, context)
    out = Path(out_dir)
    if png and write_chart:
        write_bytes(out / OFFICE_CHART, png)
    return write_bytes(out / OFFICE_DOCX, docx)
