"""--resume: unchanged jobs are skipped; a changed input file reruns only its job."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from workbench.batch.run import run_batch

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_resume_skips_unchanged_and_reruns_changed(tmp_path):
    inputs = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.txt"
        path.write_text(name, encoding="utf-8")
        inputs.append(path)
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("job,masukan\n" + "".join(f"{p.stem},{p}\n" for p in inputs), encoding="utf-8")
    out = tmp_path / "out"
    notebook = FIXTURES / "types.ipynb"

    first = run_batch(notebook, jobs, out, resume=True, workers=1, progress=False)
    assert [r.status for r in first.results] == ["ok", "ok", "ok"]
    assert (out / "a" / ".batch-state.json").exists()

    second = run_batch(notebook, jobs, out, resume=True, workers=1, progress=False)
    assert [r.status for r in second.results] == ["skipped"] * 3
    with open(out / "batch-summary.csv", encoding="utf-8") as f:
        assert [row["status"] for row in csv.DictReader(f)] == ["skipped"] * 3

    inputs[1].write_text("b berubah", encoding="utf-8")
    (out / "c" / "hasil.json").unlink()  # a missing output reruns its job too
    third = run_batch(notebook, jobs, out, resume=True, workers=1, progress=False)
    assert [r.status for r in third.results] == ["skipped", "ok", "ok"]
    assert (out / "c" / "hasil.json").exists()

    template = tmp_path / "templat.docx"
    template.write_bytes(b"v1")
    fourth = run_batch(notebook, jobs, out, resume=True, workers=1, progress=False,
                       extra_inputs=[template])
    assert [r.status for r in fourth.results] == ["ok", "ok", "ok"]  # new extra input
