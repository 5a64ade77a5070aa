"""The evaluation rules on tiny hand-made frames (DI Yogyakarta: 5 offices)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from bakohumas_factory import frame, row
from rapidfuzz import fuzz, utils

from workbench.bakohumas.collect import write_reports
from workbench.bakohumas.evaluate import RINGKASAN_COLUMNS, evaluate_period
from workbench.bakohumas.job import evaluate_file
from workbench.errors import InputError

ON_TIME = dt.date(2025, 7, 8)
TW1_SENT = dt.date(2025, 4, 8)
NARRATIVE_A = (
    "Menyelenggarakan sosialisasi pendidikan pemilih bagi pemilih pemula di balai desa "
    "dan mengunggah konten edukasi kepemiluan di Instagram resmi KPU."
)


def by_code(result) -> pd.DataFrame:
    return result.ringkasan.set_index("kode_satker")


def test_columns_and_office_universe():
    result = evaluate_period(frame(row("34.01", 2, ON_TIME)), "2025-TW2")
    r = result.ringkasan
    assert list(r.columns) == list(RINGKASAN_COLUMNS)
    assert list(r["kode_satker"]) == ["34.01", "34.02", "34.03", "34.04", "34.71"]
    assert r.loc[0, "nama_satker"] == "KPU Kabupaten Kulon Progo"
    assert list(r["status_laporan"]) == ["tepat waktu"] + ["belum"] * 4
    assert result.provinsi == ("34",)


def test_deadline_boundary_and_empty_date():
    df = frame(
        row("34.01", 2, dt.date(2025, 7, 10)),
        row("34.02", 2, dt.date(2025, 7, 11)),
        row("34.03", 2, None),
    )
    r = by_code(evaluate_period(df, "2025-TW2"))
    assert r.loc["34.01", "status_laporan"] == "tepat waktu"
    assert r.loc["34.02", "status_laporan"] == "terlambat"
    assert r.loc["34.02", "hari_terlambat"] == 1
    assert r.loc["34.03", "status_laporan"] == "belum"
    assert r.loc["34.04", "status_laporan"] == "belum"  # no row at all


def test_deadline_is_configurable():
    df = frame(row("34.01", 2, dt.date(2025, 7, 11)))
    r = by_code(evaluate_period(df, "2025-TW2", deadline=dt.date(2025, 7, 15)))
    assert r.loc["34.01", "status_laporan"] == "tepat waktu"


def test_stale_by_equal_numbers():
    df = frame(
        row("34.01", 1, TW1_SENT, uraian_kegiatan="Rapat koordinasi dengan Bawaslu."),
        row("34.01", 2, ON_TIME, uraian_kegiatan=NARRATIVE_A),
    )
    r = by_code(evaluate_period(df, "2025-TW2"))
    assert r.loc["34.01", "tidak_diperbarui"] and r.loc["34.01", "angka_sama"]


def test_stale_by_similar_narrative_even_when_numbers_differ():
    tw2_text = NARRATIVE_A.replace("Instagram", "Instagram dan Facebook")
    assert fuzz.token_sort_ratio(NARRATIVE_A, tw2_text, processor=utils.default_process) >= 90
    df = frame(
        row("34.01", 1, TW1_SENT, uraian_kegiatan=NARRATIVE_A),
        row("34.01", 2, ON_TIME, siaran_pers=9, uraian_kegiatan=tw2_text),
    )
    r = by_code(evaluate_period(df, "2025-TW2"))
    assert r.loc["34.01", "tidak_diperbarui"] and not r.loc["34.01", "angka_sama"]
    assert r.loc["34.01", "kemiripan_uraian"] >= 90


def test_not_stale_at_80_percent_similarity():
    tw2_text = (
        "Menyelenggarakan sosialisasi pendidikan pemilih bagi pelajar SMA di aula kantor "
        "dan mengunggah konten edukasi kepemiluan di TikTok resmi KPU."
    )
    similarity = fuzz.token_sort_ratio(NARRATIVE_A, tw2_text, processor=utils.default_process)
    assert 75 <= similarity <= 85
    df = frame(
        row("34.01", 1, TW1_SENT, uraian_kegiatan=NARRATIVE_A),
        row("34.01", 2, ON_TIME, siaran_pers=9, uraian_kegiatan=tw2_text),
    )
    r = by_code(evaluate_period(df, "2025-TW2"))
    assert not r.loc["34.01", "tidak_diperbarui"]
    assert r.loc["34.01", "kemiripan_uraian"] == pytest.approx(similarity)


def test_not_stale_when_the_previous_quarter_was_not_submitted():
    df = frame(row("34.01", 1, None), row("34.01", 2, ON_TIME))
    assert not by_code(evaluate_period(df, "2025-TW2")).loc["34.01", "tidak_diperbarui"]


def test_score_ordering_and_penalties():
    big = dict(
        siaran_pers=20,
        berita_website=40,
        unggahan_medsos=200,
        livestream=5,
        foto_dokumentasi=300,
        rapat_koordinasi=6,
        kegiatan_non_anggaran=4,
    )
    df = frame(
        row("34.01", 2, ON_TIME, **big),
        row("34.02", 2, ON_TIME),
        row("34.03", 2, dt.date(2025, 7, 20), **big),
        row("34.04", 2, None),
    )
    r = by_code(evaluate_period(df, "2025-TW2"))
    assert r.loc["34.01", "skor"] > r.loc["34.03", "skor"] > 0
    assert r.loc["34.01", "skor"] - r.loc["34.03", "skor"] == pytest.approx(10)  # late penalty
    assert r.loc["34.01", "skor"] > r.loc["34.02", "skor"]
    assert r.loc["34.04", "skor"] == 0 and r.loc["34.71", "skor"] == 0
    assert r.loc["34.01", "peringkat"] == 1
    assert 0 <= r["skor"].min() and r["skor"].max() <= 100


def test_ties_share_the_lowest_rank():
    df = frame(
        row("34.01", 2, ON_TIME), row("34.02", 2, ON_TIME), row("34.03", 2, ON_TIME, siaran_pers=0)
    )
    r = by_code(evaluate_period(df, "2025-TW2"))
    assert list(r["peringkat"]) == [1, 1, 3, 4, 4]


def test_weights_change_the_score():
    df = frame(row("34.01", 2, ON_TIME, sarana_memadai=False), row("34.02", 2, ON_TIME))
    only_sarana = {"indikator": {"sarana_memadai": 1}}
    r = by_code(evaluate_period(df, "2025-TW2", weights=only_sarana))
    assert (r.loc["34.01", "skor"], r.loc["34.02", "skor"]) == (0, 100)


def test_unknown_weight_is_an_input_error():
    with pytest.raises(InputError, match="siaran_pres"):
        evaluate_period(
            frame(row("34.01", 2, ON_TIME)), "2025-TW2", weights={"indikator": {"siaran_pres": 1}}
        )


def test_constraint_flags_and_shares():
    df = frame(
        row(
            "34.01",
            2,
            ON_TIME,
            sdm_terlatih=0,
            anggaran=0.0,
            realisasi_anggaran=0.0,
            sarana_memadai=False,
        ),
        row("34.02", 2, ON_TIME, anggaran=10_000_000.0, realisasi_anggaran=4_000_000.0),
    )
    r = by_code(evaluate_period(df, "2025-TW2"))
    assert r.loc["34.01", ["tanpa_sdm_terlatih", "tanpa_anggaran", "sarana_tidak_memadai"]].all()
    assert not r.loc["34.01", "realisasi_rendah"] and np.isnan(r.loc["34.01", "realisasi_persen"])
    assert r.loc["34.02", "realisasi_rendah"] and r.loc["34.02", "realisasi_persen"] == 40
    assert r.loc["34.02", "sdm_terlatih_persen"] == 50
    assert not r.loc["34.04", "tanpa_anggaran"]  # flags only for submitted reports


def test_indicators_against_the_median_of_submitted_reports():
    df = frame(
        row("34.01", 2, ON_TIME, siaran_pers=2),
        row("34.02", 2, ON_TIME, siaran_pers=4),
        row("34.03", 2, ON_TIME, siaran_pers=9),
    )
    result = evaluate_period(df, "2025-TW2")
    assert result.medians.loc["34", "siaran_pers"] == 4
    ind = result.office_indicators("34.03").set_index("indikator")
    assert ind.loc["siaran_pers", ["nilai", "median", "selisih"]].tolist() == [9, 4, 5]
    assert ind.loc["siaran_pers", "rasio"] == 2.25 and ind.loc["siaran_pers", "posisi"] == "di atas"


def test_trend_and_province_totals():
    df = frame(
        row("34.01", 1, TW1_SENT, siaran_pers=1),
        row("34.02", 1, TW1_SENT, siaran_pers=2),
        row("34.01", 2, ON_TIME, siaran_pers=5, uraian_kegiatan="Siaran pers pilkada ulang"),
    )
    result = evaluate_period(df, "2025-TW2")
    assert list(result.trend["periode"].unique()) == ["2025-TW1", "2025-TW2"]
    assert len(result.office_trend("34.01")) == 2
    tp = result.province_trend()
    assert tp["siaran_pers"].tolist() == [3, 5] and tp["belum"].tolist() == [3, 4]
    assert result.totals["melapor"] == 1 and result.totals["siaran_pers"] == 5


def test_missing_period_names_the_periods_present():
    with pytest.raises(InputError) as info:
        evaluate_period(frame(row("34.01", 1, TW1_SENT)), "2025-TW3")
    assert "TW 3 Tahun 2025" in info.value.message and "TW 1 Tahun 2025" in info.value.message


def test_input_is_not_mutated():
    df = frame(row("34.01", 1, TW1_SENT), row("34.01", 2, ON_TIME))
    before = df.copy()
    evaluate_period(df, "2025-TW2")
    pd.testing.assert_frame_equal(df, before)


def test_evaluate_file_is_cached_until_the_file_changes(tmp_path):
    path = tmp_path / "laporan.csv"
    write_reports(frame(row("34.01", 2, ON_TIME)), path)
    first = evaluate_file(path, "2025-TW2")
    assert evaluate_file(str(path), "2025-TW2") is first
    write_reports(frame(row("34.01", 2, ON_TIME), row("34.02", 2, ON_TIME)), path)
    second = evaluate_file(path, "2025-TW2")
    assert second is not first and second.totals["melapor"] == 2


def test_percentile_normalisation_orders_by_rank():
    df = frame(
        row("34.01", 2, ON_TIME, siaran_pers=1),
        row("34.02", 2, ON_TIME, siaran_pers=2),
        row("34.03", 2, ON_TIME, siaran_pers=100),
    )
    weights = {"normalisasi": "persentil", "indikator": {"siaran_pers": 1}}
    r = by_code(evaluate_period(df, "2025-TW2", weights=weights))
    assert r.loc[["34.01", "34.02", "34.03"], "skor"].tolist() == [33.3, 66.7, 100.0]


def test_provinsi_limits_the_offices():
    df = frame(row("34.01", 2, ON_TIME), row("35.28", 2, ON_TIME))
    assert len(evaluate_period(df, "2025-TW2").ringkasan) == 5 + 38
    result = evaluate_period(df, "2025-TW2", provinsi="35")
    assert result.provinsi == ("35",) and len(result.ringkasan) == 38
