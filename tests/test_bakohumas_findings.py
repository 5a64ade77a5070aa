"""Findings sentences: exact Indonesian text for a 3-office fixture (DI Yogyakarta, 5 offices)."""

from __future__ import annotations

import datetime as dt

import pytest
from bakohumas_factory import frame, row

from workbench.bakohumas.evaluate import evaluate_period
from workbench.bakohumas.findings import (
    daftar,
    findings,
    kendala_text,
    office_findings,
    office_recommendations,
)

TW1 = dt.date(2025, 4, 8)


@pytest.fixture(scope="module")
def result():
    df = frame(
        row("34.01", 1, TW1, uraian_kegiatan="Rapat koordinasi dengan Bawaslu."),
        row("34.02", 1, TW1, siaran_pers=2),
        row("34.03", 1, TW1),
        row(
            "34.01",
            2,
            dt.date(2025, 7, 9),
            siaran_pers=8,
            uraian_kegiatan="Sosialisasi bagi pemilih pemula di balai desa.",
        ),
        row(
            "34.02",
            2,
            dt.date(2025, 7, 14),
            sdm_terlatih=0,
            anggaran=0.0,
            realisasi_anggaran=0.0,
            sarana_memadai=False,
            kegiatan_non_anggaran=0,
            kendala="SDM belum mengikuti pelatihan kehumasan",
        ),
        row("34.03", 2, dt.date(2025, 7, 10), realisasi_anggaran=3_000_000.0),
    )
    return evaluate_period(df, "2025-TW2")


def test_daftar_joins_the_indonesian_way():
    assert daftar(["A"]) == "A"
    assert daftar(["A", "B"]) == "A dan B"
    assert daftar(["A", "B", "C"]) == "A, B, dan C"


def test_province_findings_exact_text(result):
    assert findings(result, "2025-TW2") == [
        "Dari 5 KPU Kabupaten/Kota, 2 menyampaikan laporan TW 2 Tahun 2025 tepat waktu, "
        "1 terlambat, dan 2 belum menyampaikan laporan.",
        "KPU Kabupaten/Kota yang terlambat menyampaikan laporan TW 2 Tahun 2025 (tenggat "
        "10 Juli 2025): KPU Kabupaten Bantul.",
        "KPU Kabupaten/Kota yang belum menyampaikan laporan TW 2 Tahun 2025: KPU Kabupaten "
        "Sleman dan KPU Kota Yogyakarta.",
        "Terdapat 2 KPU Kabupaten/Kota yang menyampaikan laporan TW 2 Tahun 2025 yang belum "
        "diperbarui dari laporan periode sebelumnya: KPU Kabupaten Bantul dan KPU Kabupaten "
        "Gunung Kidul; laporan tersebut tidak dinilai (tidak dihitung dalam jumlah, median, "
        "peringkat, maupun skor tertinggi).",
        # the two copied reports are in no count, total or praise below
        "Seluruh satker yang dinilai telah memiliki SDM terlatih kehumasan.",
        "Seluruh satker yang dinilai memiliki anggaran kegiatan Bakohumas.",
        "Seluruh satker yang dinilai menyatakan sarana dan prasarana kehumasan memadai.",
        "Realisasi anggaran Bakohumas TW 2 Tahun 2025 sebesar Rp8.000.000 dari Rp10.000.000 "
        "(80,0%); seluruh 1 satker yang memiliki anggaran merealisasikan sedikitnya 50% "
        "anggarannya.",
        "Seluruh 1 satker yang dinilai melaksanakan kegiatan Bakohumas non-anggaran (total 1 "
        "kegiatan).",
        "Keluaran kehumasan TW 2 Tahun 2025: 8 siaran pers, 10 berita website, 50 unggahan "
        "media sosial, 2 livestream, dan 100 foto dokumentasi, dengan 3 rapat koordinasi "
        "bersama instansi/lembaga lain.",
        "Skor tertinggi diraih oleh KPU Kabupaten Kulon Progo (93,0).",
    ]
    assert list(result.findings) == findings(result)


def test_no_previous_quarter_is_said_so():
    result = evaluate_period(frame(row("34.01", 2, dt.date(2025, 7, 9))), "2025-TW2")
    assert (
        "Laporan TW 1 Tahun 2025 tidak tersedia dalam data, sehingga pembaruan laporan "
        "TW 2 Tahun 2025 belum dapat diperiksa."
    ) in result.findings


def test_office_findings_of_a_late_stale_constrained_office(result):
    assert office_findings(result, "34.02") == [
        "KPU Kabupaten Bantul menyampaikan laporan TW 2 Tahun 2025 pada 14 Juli 2025, "
        "terlambat 4 hari dari tenggat 10 Juli 2025.",
        "Laporan TW 2 Tahun 2025 belum diperbarui dari laporan TW 1 Tahun 2025: uraian "
        "kegiatan 100% mirip.",
        # a copied report: no score, rank, median comparison or figures stated as facts
        "Laporan tersebut tidak dinilai: tidak diberi skor dan peringkat, dan angkanya tidak "
        "dihitung dalam jumlah maupun median Provinsi DI Yogyakarta.",
        "Kendala yang dilaporkan: SDM belum mengikuti pelatihan kehumasan.",
    ]


def test_office_recommendations_follow_the_flags(result):
    recs = office_recommendations(result, "34.02")
    assert recs[0].startswith("Perbarui laporan triwulan TW 2 Tahun 2025")
    # a copied report: send it again with this period's data, then the next one on time
    assert recs == [
        "Perbarui laporan triwulan TW 2 Tahun 2025 dengan kegiatan, angka, dan uraian periode "
        "berjalan, bukan salinan laporan TW 1 Tahun 2025.",
        "Sampaikan laporan TW 3 Tahun 2025 paling lambat 10 Oktober 2025 dengan data periode "
        "berjalan.",
    ]
    assert office_recommendations(result, "34.03") == recs
    assert office_recommendations(result, "34.01") == [
        "Pertahankan kinerja kehumasan dan ketepatan waktu pelaporan."
    ]


def test_office_that_did_not_report(result):
    assert office_findings(result, "3404") == [
        "KPU Kabupaten Sleman belum menyampaikan laporan TW 2 Tahun 2025 (tenggat 10 Juli 2025)."
    ]
    assert office_recommendations(result, "34.04")[0] == (
        "Segera sampaikan laporan TW 2 Tahun 2025 kepada KPU Provinsi DI Yogyakarta."
    )


def test_kendala_continue_the_sentence_in_lower_case():
    assert kendala_text(
        "SDM belum mengikuti pelatihan kehumasan; Sarana prasarana kehumasan terbatas."
    ) == (
        "Kendala yang dilaporkan: SDM belum mengikuti pelatihan "
        "kehumasan; sarana prasarana kehumasan terbatas."
    )
    assert kendala_text("Jangkauan unggahan YouTube rendah") == (
        "Kendala yang dilaporkan: jangkauan unggahan YouTube rendah."
    )
    assert kendala_text("Tidak ada kendala berarti") == "Tidak ada kendala berarti."
    assert kendala_text("  ") == "" and kendala_text(float("nan")) == ""


def _national():
    from workbench.bakohumas.job import evaluate_file
    from workbench.paths import PROJECT_ROOT

    data = PROJECT_ROOT / "data" / "samples" / "bakohumas" / "laporan-triwulan-nasional.csv"
    return evaluate_file(data, "2025-TW2")


def test_province_scores_are_computed_once_per_evaluation_and_province():
    from workbench.bakohumas import findings

    evaluation = _national()
    for kode in evaluation.provinsi[:5]:
        r = evaluation.ringkasan
        peers = r[r["kode_provinsi"] == kode]
        assessed = peers[(peers["status_laporan"] != "belum") & ~peers["tidak_diperbarui"]]
        n, median = findings.province_scores(evaluation, kode)
        assert (n, median) == (len(peers), float(assessed["skor"].median()))
        assert findings._PROVINCE_SCORES[evaluation][kode] == (n, median)


def test_median_sentences_name_the_indicators_a_pandas_selection_names():
    """_office_vs_median and _below_median read plain values; the indicators they name are
    those the pandas selections they replace named, in order, for every office."""
    from workbench.bakohumas import findings

    evaluation = _national()
    named = (*findings.OUTPUT_COLUMNS, "rapat_koordinasi")
    for kode in evaluation.ringkasan["kode_satker"]:
        ind = evaluation.office_indicators(kode)
        compared = ind[ind["indikator"].isin(findings.COMPARED)]
        expected = []
        for posisi in ("di atas", "di bawah"):
            names = [
                findings._label(c) for c in compared.loc[compared["posisi"] == posisi, "indikator"]
            ]
            if names:
                expected.append(f"{posisi.capitalize()} median provinsi: {findings.daftar(names)}.")
        assert findings._office_vs_median(evaluation, kode) == expected
        mask = ind["indikator"].isin(named) & (ind["posisi"] == "di bawah")
        below = [findings._label(c) for c in ind.loc[mask, "indikator"]]
        assert findings._below_median(evaluation, kode) == below
