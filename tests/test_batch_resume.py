"""--resume: unchanged jobs are skipped; a changed input file reruns only its job."""

from __future__ import annotations

import csv
import json
import shutil
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
    fourth = run_batch(
        notebook, jobs, out, resume=True, workers=1, progress=False, extra_inputs=[template]
    )
    assert [r.status for r in fourth.results] == ["ok", "ok", "ok"]  # new extra input


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_resume_finds_relative_inputs_like_the_notebook(tmp_path, monkeypatch):
    """Relative values: from the notebook's folder, else from the project root
    (resolve_from_project)."""
    from workbench import paths

    root = tmp_path / "proyek"
    (root / "data").mkdir(parents=True)
    monkeypatch.setattr(paths, "PROJECT_ROOT", root)
    project_file = root / "data" / "laporan.csv"
    project_file.write_text("v1", encoding="utf-8")
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebook = folder / "types.ipynb"
    shutil.copyfile(FIXTURES / "types.ipynb", notebook)
    local_file = folder / "lokal.txt"
    local_file.write_text("v1", encoding="utf-8")
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("job,masukan\nproyek,data/laporan.csv\nlokal,lokal.txt\n", encoding="utf-8")
    out = tmp_path / "out"

    first = run_batch(notebook, jobs, out, resume=True, workers=1, progress=False)
    assert [r.status for r in first.results] == ["ok", "ok"]
    state = json.loads((out / "proyek" / ".batch-state.json").read_text(encoding="utf-8"))
    assert list(state["inputs"]) == [str(project_file.resolve())]
    state = json.loads((out / "lokal" / ".batch-state.json").read_text(encoding="utf-8"))
    assert list(state["inputs"]) == [str(local_file.resolve())]

    second = run_batch(notebook, jobs, out, resume=True, workers=1, progress=False)
    assert [r.status for r in second.results] == ["skipped", "skipped"]

    project_file.write_text("v2", encoding="utf-8")
    third = run_batch(notebook, jobs, out, resume=True, workers=1, progress=False)
    assert [r.status for r in third.results] == ["ok", "skipped"]
    local_file.write_text("v2", encoding="utf-8")
    fourth = run_batch(notebook, jobs, out, resume=True, workers=1, progress=False)
    assert [r.status for r in fourth.results] == ["skipped", "ok"]


def test_office_report_data_path_is_an_input():
    """The bakohumas example: a project-relative table for notebooks/office_report.ipynb."""
    from workbench.batch.jobs import Job
    from workbench.batch.notebook import load_notebook
    from workbench.batch.resume import input_files
    from workbench.paths import NOTEBOOKS_DIR, PROJECT_ROOT

    template = load_notebook(NOTEBOOKS_DIR / "office_report.ipynb")
    relative = "data/samples/bakohumas/laporan-triwulan.csv"
    job = Job("35-28", {"data": relative, "period": "2025-TW2", "office": "35.28"}, 1)
    assert input_files(template, job) == [(PROJECT_ROOT / relative).resolve()]
