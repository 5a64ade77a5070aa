"""Each notebook runs top to bottom with its default parameters, from notebooks/ and from the root."""

from __future__ import annotations

import papermill as pm
import pytest

from workbench.paths import NOTEBOOKS_DIR, PROJECT_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


@pytest.mark.parametrize("cwd", [NOTEBOOKS_DIR, PROJECT_ROOT], ids=["dari-notebooks", "dari-root"])
def test_rakor_minutes_runs_with_defaults(tmp_path, cwd):
    out = tmp_path / "hasil"
    pm.execute_notebook(str(NOTEBOOKS_DIR / "rakor_minutes.ipynb"), str(tmp_path / "out.ipynb"),
                        parameters={"output_dir": str(out)}, cwd=str(cwd), progress_bar=False,
                        kernel_name="python3")
    assert {"notula.docx", "daftar-hadir.docx", "kehadiran.png"} <= {p.name for p in out.iterdir()}


def test_parameters_inject_without_kernel(tmp_path):
    nb = pm.execute_notebook(str(NOTEBOOKS_DIR / "rakor_minutes.ipynb"), str(tmp_path / "o.ipynb"),
                             parameters={"record": "x.yaml", "min_share": 0.75}, prepare_only=True)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert "record = \"x.yaml\"" in injected[0].source and "min_share = 0.75" in injected[0].source
