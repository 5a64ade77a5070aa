"""The seeded sample generator: determinism and the properties the evaluation relies on."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.bakohumas.evaluate import evaluate_period
from workbench.bakohumas.reader import read_reports
from workbench.bakohumas.schema import NUMERIC_COLUMNS
from workbench.samples.bakohumas import generate_reports, write_samples
from workbench.wilayah import kabupaten_kota


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return generate_reports(seed=7)


def test_deterministic_for_a_seed(sample):
    pd.testing.assert_frame_equal(sample, generate_reports(seed=7))
    assert not sample.equals(generate_reports(seed=8))


def test_38_offices_tw1_all_tw2_all_but_one(sample):
    tw1, tw2 = sample[sample["triwulan"] == 1], sample[sample["triwulan"] == 2]
    assert len(tw1) == 38 and len(tw2) == 37
    assert set(tw1["kode_satker"]) == {o.kode for o in kabupaten_kota("35")}


@pytest.mark.parametrize("seed", [1, 7, 2025])
def test_exactly_two_stale_offices_and_a_few_late(seed):
    result = evaluate_period(generate_reports(seed=seed), "2025-TW2")
    r = result.ringkasan
    stale = r[r["tidak_diperbarui"]]
    assert len(stale) == 2
    assert stale["angka_sama"].all()
    assert 3 <= (r["status_laporan"] == "terlambat").sum() <= 5
    assert (r["status_laporan"] == "belum").sum() == 1
    assert r["tanpa_sdm_terlatih"].any() and r["tanpa_anggaran"].any()
    assert r["sarana_tidak_memadai"].any() and r["realisasi_rendah"].any()


def test_stale_rows_repeat_counts_and_narrative(sample):
    r = evaluate_period(sample, "2025-TW2").ringkasan
    for kode in r.loc[r["tidak_diperbarui"], "kode_satker"]:
        rows = sample[sample["kode_satker"] == kode].sort_values("triwulan")
        assert (
            rows[list(NUMERIC_COLUMNS)].iloc[0].tolist()
            == rows[list(NUMERIC_COLUMNS)].iloc[1].tolist()
        )
        assert rows["uraian_kegiatan"].nunique() == 1
        assert rows["tanggal_kirim"].nunique() == 2


def test_narratives_are_indonesian_sentences(sample):
    text = sample["uraian_kegiatan"].iloc[0]
    assert text.startswith("Selama bulan Januari–Maret 2025, KPU Kabupaten Pacitan")
    assert sample["kendala"].str.len().min() > 0


def test_write_samples_round_trips_through_the_reader(tmp_path):
    written = write_samples(tmp_path, seed=7)
    assert [p.name for p in written] == ["laporan-triwulan.csv", "kiriman"]
    pd.testing.assert_frame_equal(read_reports(written[0]), generate_reports(seed=7))
    files = sorted(p.suffix for p in (tmp_path / "kiriman").iterdir())
    assert len(files) == 37 and files.count(".csv") == 4


def test_national_sample(tmp_path):
    (path,) = write_samples(tmp_path, national=True, seed=3)
    df = read_reports(path)
    assert path.name == "laporan-triwulan-nasional.csv"
    assert df.loc[df["triwulan"] == 1, "kode_satker"].nunique() == 514
    assert not (tmp_path / "kiriman").exists()
