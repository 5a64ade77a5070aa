"""The Papermill runner: staged output folder, manifest, failure keeps the previous output."""

from __future__ import annotations

import json

import nbformat
import pytest
from notebook_factory import parameterised_notebook

from workbench.errors import NotebookError
from workbench.runner import run_to_folder

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


BODY = (
    "from pathlib import Path\n"
    "if fail:\n    raise ValueError('sengaja gagal')\n"
    "Path(output_dir, 'hasil.txt').write_text('ok')\n"
)


def test_run_to_folder_writes_outputs_and_manifest(tmp_path):
    nb = parameterised_notebook(tmp_path / "job.ipynb", BODY)
    source = tmp_path / "masukan.txt"
    source.write_text("data")
    target = tmp_path / "out" / "hasil"
    run_to_folder(nb, target, {"fail": False}, command="uji", inputs=[source])
    assert (target / "hasil.txt").read_text() == "ok"
    manifest = json.loads((target / "manifest.json").read_text())
    assert {e["path"] for e in manifest["keluaran"]} == {"hasil.txt", "job.ipynb"}
    by_name = {e["path"].rsplit("/", 1)[-1]: e["sha256"] for e in manifest["masukan"]}
    assert (
        by_name["masukan.txt"] == "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7"
    )
    assert "job.ipynb" in by_name  # the notebook that ran is an input too
    assert manifest["parameter"]["output_dir"] == str(target)
    # the executed notebook names the final folder, not the staging one
    executed = nbformat.read(target / "job.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert str(target) in injected[0].source and "staging" not in injected[0].source


def test_failed_run_keeps_previous_output(tmp_path):
    nb = parameterised_notebook(tmp_path / "job.ipynb", BODY)
    target = tmp_path / "out" / "hasil"
    run_to_folder(nb, target, {"fail": False}, command="uji", inputs=[])
    before = sorted(p.name for p in target.iterdir())
    with pytest.raises(NotebookError) as e:
        run_to_folder(nb, target, {"fail": True}, command="uji", inputs=[])
    assert "sengaja gagal" in str(e.value)
    assert sorted(p.name for p in target.iterdir()) == before
    assert (target / "hasil.txt").read_text() == "ok"
    # the failed notebook is kept beside the output, no staging folder left behind
    leftovers = sorted(p.name for p in target.parent.iterdir())
    assert leftovers == ["hasil", "hasil.gagal.ipynb"]


def test_kernel_noise_goes_to_a_log_not_the_terminal(tmp_path, capfd):
    """What the kernel process itself prints (ipykernel warnings, C libraries) does not reach
    the user's terminal; after a failure it is kept beside the failed notebook."""
    noisy = "import os\nos.write(2, b'DERAU-KERNEL\\n')\n" + BODY
    nb = parameterised_notebook(tmp_path / "job.ipynb", noisy)
    target = tmp_path / "out" / "hasil"
    run_to_folder(nb, target, {"fail": False}, command="uji", inputs=[])
    with pytest.raises(NotebookError):
        run_to_folder(nb, target, {"fail": True}, command="uji", inputs=[])
    captured = capfd.readouterr()
    assert "DERAU-KERNEL" not in captured.err + captured.out
    assert "DERAU-KERNEL" in (target.parent / "hasil.gagal.log").read_text()
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "hasil",
        "hasil.gagal.ipynb",
        "hasil.gagal.log",
    ]


def test_a_later_success_clears_the_failure_files(tmp_path):
    nb = parameterised_notebook(tmp_path / "job.ipynb", BODY)
    target = tmp_path / "out" / "hasil"
    with pytest.raises(NotebookError):
        run_to_folder(nb, target, {"fail": True}, command="uji", inputs=[])
    assert (target.parent / "hasil.gagal.ipynb").exists()
    run_to_folder(nb, target, {"fail": False}, command="uji", inputs=[])
    assert sorted(p.name for p in target.parent.iterdir()) == ["hasil"]


def test_executed_notebook_names_a_non_ascii_final_folder(tmp_path):
    """Papermill escapes non-ASCII characters in the injected path; the retarget finds them."""
    nb = parameterised_notebook(tmp_path / "job.ipynb", BODY)
    target = tmp_path / "out-é" / "hasil"
    run_to_folder(nb, target, {"fail": False}, command="uji", inputs=[])
    executed = (target / "job.ipynb").read_text(encoding="utf-8")
    assert "staging" not in executed
