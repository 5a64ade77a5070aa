"""The library calls the CLI wraps, called directly (no CLI) on the sample data into tmp_path.

``run_minutes``, ``run_evaluation`` and ``run_office_reports`` start real kernels (slow);
``run_collect`` does not.
"""

from __future__ import annotations

import json

import pytest
from docx_helpers import docx_text

from workbench.errors import InputError
from workbench.paths import SAMPLE_BAKOHUMAS_DIR, SAMPLE_MEETING_DIR

TABLE = SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan.csv"
KIRIMAN = SAMPLE_BAKOHUMAS_DIR / "kiriman"
RECORD = SAMPLE_MEETING_DIR / "meeting.yaml"
ATTENDANCE = [SAMPLE_MEETING_DIR / "zoom-peserta.csv", SAMPLE_MEETING_DIR / "peserta-internal.csv"]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_run_minutes(tmp_path):
    from workbench.rakor.run import run_minutes

    run = run_minutes(RECORD, ATTENDANCE, out_dir=tmp_path, min_share=0.5)
    assert run.folder.parent == tmp_path and run.folder.name.startswith("2025-07-17-")
    assert {
        "notula.docx",
        "daftar-hadir.docx",
        "kehadiran.png",
        "rakor_minutes.ipynb",
        "manifest.json",
    } <= set(run.files)
    assert run.attendees > 0
    assert "NOTULA RAPAT" in docx_text(run.folder / "notula.docx")
    used = json.loads((run.folder / "manifest.json").read_text(encoding="utf-8"))["parameter"]
    assert used["record"] == str(RECORD.resolve()) and used["min_share"] == 0.5
    assert used["output_dir"] == str(run.folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == [run.folder.name]


def test_run_minutes_refuses_bad_input_before_writing(tmp_path):
    from workbench.rakor.run import run_minutes

    with pytest.raises(InputError):
        run_minutes(RECORD, [tmp_path / "tidak-ada.csv"], out_dir=tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_run_evaluation(tmp_path):
    from workbench.bakohumas.run import run_evaluation

    run = run_evaluation(
        TABLE,
        "2025-TW2",
        out_dir=tmp_path,
        tanggal_surat="15/07/2025",
        penandatangan="Nama Penandatangan",
    )
    assert run.folder == tmp_path / "bakohumas" / "2025-TW2"
    assert len(run.evaluation.ringkasan) == 38
    assert {"evaluasi-provinsi.docx", "ringkasan.csv", "manifest.json"} <= {
        p.name for p in run.folder.iterdir()
    }
    text = docx_text(run.folder / "evaluasi-provinsi.docx")
    assert "Nama Penandatangan" in text and "15 Juli 2025" in text
    used = json.loads((run.folder / "manifest.json").read_text(encoding="utf-8"))["parameter"]
    assert used["tanggal_surat"] == "2025-07-15" and used["provinsi"] == "35"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_run_office_reports(tmp_path):
    from workbench.bakohumas.run import run_office_reports

    notes: list[str] = []
    run = run_office_reports(
        TABLE, "2025-TW2", offices="35.28, 35.09", out_dir=tmp_path, workers=1, warn=notes.append
    )
    assert run.batch.ok and run.batch.count("ok") == 2
    assert str(run.evaluation.period) == "2025-TW2"
    offices = tmp_path / "bakohumas" / "2025-TW2" / "satker"
    assert sorted(p.name for p in offices.iterdir() if p.is_dir()) == [
        "35.09-kabupaten-jember",
        "35.28-kabupaten-pamekasan",
    ]
    assert (offices / "35.28-kabupaten-pamekasan" / "laporan.docx").is_file()
    assert notes == []  # no province evaluation in the folder to differ from


def test_run_collect(tmp_path):
    from workbench.bakohumas.reader import read_reports
    from workbench.bakohumas.run import run_collect

    out = tmp_path / "laporan-tw2.csv"
    run = run_collect(KIRIMAN, out, period="2025-TW2")
    assert run.merged is None and run.out == out
    assert len(read_reports(out)) == len(run.collected.table) > 0
    assert str(run.collected.period) == "2025-TW2"
    again = run_collect(KIRIMAN, out, period="2025-TW2")  # merged into the table it wrote
    assert again.merged is not None and again.merged.replaced == len(run.collected.table)
    assert again.merged.added == 0 and len(read_reports(out)) == len(run.collected.table)
