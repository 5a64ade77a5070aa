"""--resume: unchanged jobs are skipped; a changed input file reruns only its job (one set of
runs for absolute and relative inputs: each run with changes starts a kernel)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from workbench.batch.run import run_batch

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_resume_skips_unchanged_and_reruns_changed(tmp_path, monkeypatch):
    """One set of runs: absolute inputs (``a``, ``b``, ``c``) and relative ones, found from
    the notebook's folder (``lokal``), else from the project root (``proyek``;
    resolve_from_project)."""
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
    inputs = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.txt"
        path.write_text(name, encoding="utf-8")
        inputs.append(path)
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(
        "job,masukan\n"
        + "".join(f"{p.stem},{p}\n" for p in inputs)
        + "proyek,data/laporan.csv\nlokal,lokal.txt\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"

    def statuses(**extra) -> list[str]:
        result = run_batch(notebook, jobs, out, resume=True, workers=1, progress=False, **extra)
        return [r.status for r in result.results]

    assert statuses() == ["ok"] * 5
    assert (out / "a" / ".batch-state.json").exists()
    state = json.loads((out / "proyek" / ".batch-state.json").read_text(encoding="utf-8"))
    assert list(state["inputs"]) == [str(project_file.resolve())]
    state = json.loads((out / "lokal" / ".batch-state.json").read_text(encoding="utf-8"))
    assert list(state["inputs"]) == [str(local_file.resolve())]

    assert statuses() == ["skipped"] * 5
    with open(out / "batch-summary.csv", encoding="utf-8") as f:
        assert [row["status"] for row in csv.DictReader(f)] == ["skipped"] * 5

    inputs[1].write_text("b berubah", encoding="utf-8")
    (out / "c" / "hasil.json").unlink()  # a missing output reruns its job too
    project_file.write_text("v2", encoding="utf-8")
    assert statuses() == ["skipped", "ok", "ok", "ok", "skipped"]
    assert (out / "c" / "hasil.json").exists()
    local_file.write_text("v2", encoding="utf-8")
    assert statuses() == ["skipped"] * 4 + ["ok"]

    template = tmp_path / "templat.docx"
    template.write_bytes(b"v1")
    assert statuses(extra_inputs=[template]) == ["ok"] * 5  # new extra input


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
