"""Each notebook runs top to bottom with its default parameters, from notebooks/ and from the
root."""

from __future__ import annotations

import papermill as pm
import pytest

from workbench.paths import NOTEBOOKS_DIR, PROJECT_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

# notebook -> files its default run must write into output_dir
EXPECTED = {
    "rakor_minutes.ipynb": {"notula.docx", "daftar-hadir.docx", "kehadiran.png"},
    "bakohumas_evaluation.ipynb": {
        "evaluasi-provinsi.docx",
        "ringkasan.csv",
        "status-laporan.png",
        "indikator-satker.png",
        "tren-triwulan.png",
    },
    "office_report.ipynb": {"laporan.docx", "perbandingan-median.png"},
    "berita_kegiatan.ipynb": {"berita.docx", "berita.md", "berita.html", "caption.txt"},
    "foto_kegiatan.ipynb": {"periksa-foto.csv", "periksa-foto.docx"},
    "standar_livestream.ipynb": {"periksa-livestream.csv", "segmen.csv", "periksa-livestream.docx"},
}


def test_every_notebook_is_covered():
    # app.ipynb is served by Voilà, not run by papermill: tests/browser/test_app_browser.py
    assert {p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")} == set(EXPECTED) | {"app.ipynb"}


@pytest.mark.parametrize("notebook", list(EXPECTED))
@pytest.mark.parametrize("cwd", [NOTEBOOKS_DIR, PROJECT_ROOT], ids=["dari-notebooks", "dari-root"])
def test_notebook_runs_with_defaults(tmp_path, cwd, notebook):
    out = tmp_path / "hasil"
    pm.execute_notebook(
        str(NOTEBOOKS_DIR / notebook),
        str(tmp_path / "out.ipynb"),
        parameters={"output_dir": str(out)},
        cwd=str(cwd),
        progress_bar=False,
        kernel_name="python3",
    )
    assert EXPECTED[notebook] <= {p.name for p in out.iterdir()}
    if notebook == "office_report.ipynb":
        from docx import Document

        text = "\n".join(p.text for p in Document(str(out / "laporan.docx")).paragraphs)
        assert "KPU KABUPATEN PAMEKASAN" in text.upper()  # the default office, 35.28


def test_parameters_inject_without_kernel(tmp_path):
    nb = pm.execute_notebook(
        str(NOTEBOOKS_DIR / "rakor_minutes.ipynb"),
        str(tmp_path / "o.ipynb"),
        parameters={"record": "x.yaml", "min_share": 0.75},
        prepare_only=True,
    )
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'record = "x.yaml"' in injected[0].source and "min_share = 0.75" in injected[0].source
