"""The warm engine's chunks: several jobs per request to a kernel, each failure its own;
the executed notebooks kept only on request; the batch twin's cached shell."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import nbformat
import pytest

from workbench.batch.engines.warm import MAX_CHUNK, chunk_size
from workbench.batch.resume import STATE_FILE
from workbench.batch.run import run_batch
from workbench.html_export import CSP_META, twin_page, twin_shell

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


def _summary(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "batch-summary.csv", encoding="utf-8") as f:
        return {row["job"]: row for row in csv.DictReader(f)}


def test_chunk_size_gives_each_worker_several_chunks():
    assert chunk_size(38, 2) == 7 and chunk_size(514, 2) == MAX_CHUNK
    assert chunk_size(1, 4) == 1 and chunk_size(10, 1, 1) == 1 and chunk_size(10, 1, "3") == 3


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_each_failure_in_a_chunk_stays_its_own(tmp_path):
    """One chunk of five jobs: an error and a dying kernel in the middle fail only their
    own jobs, with the same messages and kept notebooks as one job at a time gives."""
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(
        "job,mode\nbaik-1,ok\ngalat,galat\nbaik-2,ok\nmati,mati\nbaik-3,ok\n", encoding="utf-8"
    )
    seen = {}
    for chunk in (5, 1):
        out = tmp_path / f"out-{chunk}"
        result = run_batch(
            FIXTURES / "failing.ipynb", jobs, out, workers=1, chunk=chunk, progress=False
        )
        seen[chunk] = {
            j: {k: v for k, v in r.items() if k != "seconds"} for j, r in _summary(out).items()
        }
        for ok in ("baik-1", "baik-2", "baik-3"):
            assert (out / ok / "selesai.txt").read_text() == "ok"
            executed = nbformat.read(out / ok / "failing.ipynb", as_version=4)
            assert [c.execution_count for c in executed.cells] == [1, 2, 3, 4, 5]
            assert "injected-parameters" in executed.cells[1].metadata.tags
            assert executed.metadata.papermill.exception is False
        failed = nbformat.read(out / "galat.gagal.ipynb", as_version=4)
        assert failed.cells[3].outputs[-1].output_type == "error"
        assert not (out / "galat").exists() and not list(out.glob(".*staging*"))
        assert result.count("ok") == 3
    for rows in seen.values():  # the notebook column names each run's own folder
        for row in rows.values():
            row["notebook"] = Path(row["notebook"]).name
    assert seen[5] == seen[1]
    assert seen[5]["galat"]["error"] == "sel ke-4: ValueError: data rusak"
    assert "DeadKernelError: kernel berhenti mendadak" in seen[5]["mati"]["error"]


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_notebooks_only_on_request_twin_always_and_resume_from_written_bytes(tmp_path):
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("job,mode\nsatu,ok\ndua,ok\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch(
        FIXTURES / "failing.ipynb",
        jobs,
        out,
        workers=1,
        html=True,
        notebooks=False,
        progress=False,
    )
    assert result.ok and all(r.notebook is None for r in result.results)
    for name in ("satu", "dua"):
        assert sorted(p.name for p in (out / name).iterdir()) == [
            STATE_FILE,
            "failing.html",
            "selesai.txt",
        ]
        state = json.loads((out / name / STATE_FILE).read_text(encoding="utf-8"))
        assert sorted(state["outputs"]) == ["failing.html", "selesai.txt"]
        assert str(out / f".{name}") not in (out / name / "failing.html").read_text()
    again = run_batch(
        FIXTURES / "failing.ipynb",
        jobs,
        out,
        workers=1,
        html=True,
        notebooks=False,
        resume=True,
        progress=False,
    )
    assert [r.status for r in again.results] == ["skipped", "skipped"]
    kept = run_batch(
        FIXTURES / "failing.ipynb",
        jobs,
        tmp_path / "kept",
        workers=1,
        html=True,
        progress=False,
    )
    assert all(r.notebook and r.notebook.is_file() for r in kept.results)


def test_batch_twin_is_a_cached_shell_with_the_policy_first_and_text_escaped():
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": "# Laporan"},
            {
                "cell_type": "code",
                "source": "secret_code()",
                "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": "<script>x</script>"},
                    {
                        "output_type": "error",
                        "ename": "E",
                        "evalue": "v",
                        "traceback": ["\x1b[31m<img src=x onerror=alert(1)>\x1b[0m"],
                    },
                    {"output_type": "display_data", "data": {"text/plain": "<b>polos</b>"}},
                    {
                        "output_type": "display_data",
                        "data": {"text/html": "<p>tabel</p>", "text/plain": "tabel"},
                    },
                ],
            },
        ]
    }
    page = twin_page(nb, "laporan")
    assert twin_shell("laporan") is twin_shell("laporan")  # built once
    head = page.split("<body>")[0]
    assert head.index(CSP_META) < head.index("<style")
    assert "<script" not in page and "<img src=x" not in page and "secret_code" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "&lt;b&gt;polos&lt;/b&gt;" in page
    assert "<p>tabel</p>" in page and "<h1>Laporan</h1>" in page and "\x1b" not in page
    assert len(page) < 3000  # no 263 KB stylesheet: one small inline style


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_a_chunk_shows_what_the_cell_by_cell_path_shows(tmp_path):
    """Printed text, displays, ``Out[n]`` with the job's own count, ``x;`` silent: the same
    outputs in both paths."""
    cells = [
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print('hai', x)\nx * 2"),
        nbformat.v4.new_code_cell("x;"),
        nbformat.v4.new_code_cell(
            "from IPython.display import HTML, display\ndisplay(HTML(f'<b>{x}</b>'))"
        ),
    ]
    notebook = tmp_path / "tampil.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), notebook)
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("job,x\nsatu,3\ndua,4\n", encoding="utf-8")

    def shown(chunk: int) -> list:
        out = tmp_path / f"out-{chunk}"
        assert run_batch(notebook, jobs, out, workers=1, chunk=chunk, progress=False).ok
        executed = nbformat.read(out / "dua" / "tampil.ipynb", as_version=4)
        return [
            [
                (o.output_type, o.get("text"), sorted(o.get("data", {})), o.get("execution_count"))
                for o in cell.outputs
            ]
            for cell in executed.cells
        ]

    chunked = shown(2)
    assert chunked == shown(1)
    assert chunked[2] == [
        ("stream", "hai 4\n", [], None),
        ("execute_result", None, ["text/plain"], 3),
    ]
    assert chunked[3] == [] and chunked[4][0][2] == ["text/html", "text/plain"]
