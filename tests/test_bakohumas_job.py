"""The Bakohumas job steps shared by the CLI and the notebooks."""

from __future__ import annotations

import pytest

from workbench.bakohumas import job as jobs
from workbench.bakohumas import report as rp
from workbench.bakohumas.variables import OFFICE_VARIABLES, PROVINCE_VARIABLES
from workbench.errors import InputError
from workbench.paths import REPORTS_DIR, SAMPLE_BAKOHUMAS_DIR
from workbench.template_check import supplied_variables

SAMPLE = SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan.csv"
NATIONAL = SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan-nasional.csv"


@pytest.fixture(scope="module")
def evaluation():
    return jobs.evaluate(SAMPLE, "2025-TW2")


def test_template_check_knows_what_the_reports_supply(evaluation):
    assert set(rp.province_report_context(evaluation)) == PROVINCE_VARIABLES
    assert set(rp.office_report_context(evaluation, "35.28")) == OFFICE_VARIABLES
    assert supplied_variables("evaluasi-provinsi")[0] == PROVINCE_VARIABLES
    assert supplied_variables("laporan-satker")[0] == OFFICE_VARIABLES


def test_folders(tmp_path):
    assert jobs.period_folder(None, "2025-tw2") == REPORTS_DIR / "bakohumas" / "2025-TW2"
    assert jobs.period_folder(tmp_path, "2025-TW2") == tmp_path / "bakohumas" / "2025-TW2"
    assert jobs.office_folder_name("35.28") == "35.28-kabupaten-pamekasan"
    assert jobs.office_folder_name("3578") == "35.78-kota-surabaya"
    assert jobs.office_output_dir("", "2025-TW2", "35.28") == (
        REPORTS_DIR / "bakohumas" / "2025-TW2" / "satker" / "35.28-kabupaten-pamekasan"
    )


def test_select_offices(evaluation):
    assert len(jobs.select_offices(evaluation, None)) == 38
    assert jobs.select_offices(evaluation, jobs.parse_codes("3528; 35.09, 35.28")) == [
        "35.28",
        "35.09",
    ]
    with pytest.raises(InputError) as info:
        jobs.select_offices(evaluation, ["35.28", "99.99", "32.01"])
    assert "99.99" in info.value.message and "32.01" in info.value.message


def test_national_data_picks_one_province():
    with pytest.raises(InputError) as info:
        jobs.evaluate(NATIONAL, "2025-TW2")
    assert info.value.field == "--provinsi"
    east_java = jobs.evaluate(NATIONAL, "2025-TW2", provinsi="35")
    assert east_java.provinsi == ("35",) and len(east_java.ringkasan) == 38


def test_office_jobs_are_named_like_their_folders(tmp_path):
    built = jobs.office_jobs(tmp_path / "t.csv", "2025-TW2", ["35.28", "35.78"])
    assert [j.name for j in built] == ["35.28-kabupaten-pamekasan", "35.78-kota-surabaya"]
    assert built[0].parameters == {
        "data": str(tmp_path / "t.csv"),
        "period": "2025-TW2",
        "office": "35.28",
    }


def test_relative_folders(tmp_path, monkeypatch):
    """--out is the user's folder (shell cwd); a notebook's relative output_dir is the
    project's, wherever the kernel started."""
    from workbench.paths import PROJECT_ROOT

    monkeypatch.chdir(tmp_path)
    assert jobs.period_folder("hasil", "2025-TW2") == tmp_path / "hasil" / "bakohumas" / "2025-TW2"
    assert jobs.province_output_dir("reports/coba", "2025-TW2") == PROJECT_ROOT / "reports" / "coba"
