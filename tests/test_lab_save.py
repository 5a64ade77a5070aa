"""Notebooks never carry outputs into git: what git holds, and what a real Lab server saves."""

from __future__ import annotations

import copy
import json
import subprocess

import nbformat
import pytest
from lab_server import git, lab_command

from workbench.lab.save import is_run_record, strip
from workbench.paths import PROJECT_ROOT


def _tracked_notebooks() -> list[str]:
    try:
        out = git(PROJECT_ROOT, "ls-files", "notebooks/*.ipynb")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("bukan checkout git: tidak ada yang dapat diperiksa di git")
    return out.split()


def _assert_clean(nb: dict, name: str) -> None:
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{name} has outputs"
            assert cell.get("execution_count") is None, f"{name} has execution counts"


@pytest.mark.parametrize("where", ["HEAD", "index"])
def test_git_holds_notebooks_without_outputs(where):
    names = _tracked_notebooks()
    assert {
        "notebooks/rakor_minutes.ipynb",
        "notebooks/office_report.ipynb",
        "notebooks/bakohumas_evaluation.ipynb",
    } <= set(names)
    for name in names:
        spec = f"HEAD:{name}" if where == "HEAD" else f":{name}"
        _assert_clean(json.loads(git(PROJECT_ROOT, "show", spec)), f"{name} ({where})")


def _ran_in_lab(nb: dict) -> dict:
    """``nb`` as Lab sends it after Run All: outputs, counts, the kernel's metadata."""
    ran = copy.deepcopy(nb)
    for n, cell in enumerate(c for c in ran["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["outputs"] = [
            {"output_type": "stream", "name": "stdout", "text": "Budi Santoso\n"},
            {
                "output_type": "display_data",
                "metadata": {},
                "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"},
            },
        ]
        cell["metadata"]["execution"] = {"iopub.status.busy": "2025-07-17T10:00:00Z"}
        cell["metadata"]["scrolled"] = True
    ran["metadata"]["kernelspec"] = {
        "display_name": "Python 3 (lain)",
        "language": "python",
        "name": "python3",
    }
    ran["metadata"]["language_info"] = {
        "name": "python",
        "version": "3.11.2",
        "mimetype": "text/x-python",
    }
    ran["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    return ran


def test_strip_removes_outputs_and_run_metadata_only():
    source = json.loads((PROJECT_ROOT / "notebooks" / "office_report.ipynb").read_text())
    edited = _ran_in_lab(source)
    edited["cells"][1]["source"] = 'office = "35.09"\n'
    stripped = strip(copy.deepcopy(edited), previous=source["metadata"])
    _assert_clean(stripped, "office_report")
    assert stripped["metadata"] == source["metadata"]
    assert all(
        "execution" not in c["metadata"] and "scrolled" not in c["metadata"]
        for c in stripped["cells"]
    )
    assert stripped["cells"][1]["source"] == 'office = "35.09"\n'  # the analyst's edit stays
    nbformat.validate(nbformat.from_dict(stripped))


def test_run_records_keep_outputs_outside_the_notebooks_folder():
    record = {"metadata": {"papermill": {"parameters": {}}}, "cells": []}
    assert is_run_record(record, "reports/2025-TW2/office_report.ipynb")
    assert not is_run_record(record, "notebooks/office_report.ipynb")
    assert not is_run_record({"metadata": {}, "cells": []}, "reports/x.ipynb")


def test_make_lab_uses_the_project_config_and_serves_the_root():
    args = lab_command()
    assert "--config=jupyter/jupyter_server_config.py" in args
    config = (PROJECT_ROOT / "jupyter" / "jupyter_server_config.py").read_text()
    assert "workbench.lab.save.strip_on_save" in config
    assert 'default_url = "/lab/tree/notebooks"' in config


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_lab_server_saves_notebooks_without_outputs(lab):
    """On the session's JupyterLab (tests/conftest.py ``lab``); what it changes is undone."""
    root = lab.root
    notebooks = root / "notebooks"
    assert git(root, "status", "--porcelain") == ""
    api_path = "notebooks/office_report.ipynb"
    original = lab.api("GET", f"contents/{api_path}?content=1")["content"]
    try:
        status = lab.api("GET", "status")
        assert status["kernels"] == 0
        for nb_path in sorted(notebooks.glob("*.ipynb")):
            api_path = f"notebooks/{nb_path.name}"
            model = lab.api("GET", f"contents/{api_path}?content=1")
            saved = lab.api(
                "PUT",
                f"contents/{api_path}",
                {"type": "notebook", "format": "json", "content": _ran_in_lab(model["content"])},
            )
            assert saved["path"] == api_path
            _assert_clean(json.loads(nb_path.read_text()), nb_path.name)
        assert git(root, "status", "--porcelain", "notebooks/") == ""

        # an edit of the parameters cell is saved (the analyst edits the notebook), and git
        # shows it as a one-line change: the outputs still are not there
        api_path = "notebooks/office_report.ipynb"
        content = lab.api("GET", f"contents/{api_path}?content=1")["content"]
        params = next(c for c in content["cells"] if "parameters" in c["metadata"].get("tags", []))
        params["source"] = params["source"].replace('office = "35.28"', 'office = "35.09"')
        lab.api(
            "PUT",
            f"contents/{api_path}",
            {"type": "notebook", "format": "json", "content": _ran_in_lab(content)},
        )
        diff = git(root, "diff", "--numstat", "notebooks/")
        assert diff.split()[:3] == ["1", "1", api_path]

        # a run record outside notebooks/ keeps its outputs (they are the record)
        record = _ran_in_lab(content)
        record["metadata"]["papermill"] = {"parameters": {"office": "35.09"}}
        lab.api(
            "PUT",
            "contents/laporan.ipynb",
            {"type": "notebook", "format": "json", "content": record},
        )
        kept = json.loads((root / "laporan.ipynb").read_text())
        assert any(c.get("outputs") for c in kept["cells"])
    finally:  # undone for the other tests on this server
        lab.api(
            "PUT",
            "contents/notebooks/office_report.ipynb",
            {"type": "notebook", "format": "json", "content": original},
        )
        if (root / "laporan.ipynb").exists():
            lab.api("DELETE", "contents/laporan.ipynb")
    assert git(root, "status", "--porcelain") == ""
