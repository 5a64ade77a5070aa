"""workbench/app/triwulan.py in-process: the offices' submissions zipped and merged as
``workbench collect`` does; bad input refused before any kernel starts."""

from __future__ import annotations

import io
import zipfile

import pytest

from workbench.app.triwulan import COLLECTED, QuarterSession
from workbench.app.uploads import SessionFolder, Upload
from workbench.errors import InputError
from workbench.paths import SAMPLE_BAKOHUMAS_DIR


@pytest.fixture
def session(tmp_path):
    with SessionFolder(tmp_path / "tmp") as box:
        yield QuarterSession(box, out_dir=tmp_path / "reports")


def test_zip_of_submissions_is_collected(session):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in sorted((SAMPLE_BAKOHUMAS_DIR / "kiriman").iterdir()):
            z.write(p, f"kiriman/{p.name}")
        z.writestr("kiriman/catatan.docx", b"x")
    notes = session.add_table(Upload("kiriman.zip", buf.getvalue()))
    assert session.table is not None and session.table.name == COLLECTED
    assert session.period == "2025-TW2" and "digabung" in notes[0]
    assert any("dilewati" in n for n in notes)


def test_wrong_kind_and_bad_period_are_refused_before_running(session, tmp_path):
    with pytest.raises(InputError, match="harus berupa berkas"):
        session.add_table(Upload("laporan.pdf", b"%PDF"))
    with pytest.raises(InputError, match="belum ada tabel"):
        session.run("2025-TW2")
    session.add_table(Upload("t.csv", (SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan.csv").read_bytes()))
    with pytest.raises(InputError) as e:
        session.run("2025-TW9")
    assert e.value.field == "--period"
    assert not (tmp_path / "reports").exists()
