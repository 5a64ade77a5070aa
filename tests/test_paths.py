"""Relative paths resolve the same from notebooks/ and the project root."""

from __future__ import annotations

from workbench.paths import PROJECT_ROOT, resolve_from_project, resolve_output

SAMPLE = "data/samples/bakohumas/laporan-triwulan.csv"


def test_input_found_in_cwd_then_project(tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT / "notebooks")
    assert resolve_from_project(SAMPLE) == PROJECT_ROOT / SAMPLE
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.csv").write_text("x")
    assert resolve_from_project("data.csv") == tmp_path / "data.csv"


def test_missing_input_names_the_users_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve_from_project("hadir.xlsx") == tmp_path / "hadir.xlsx"


def test_output_folder_is_the_projects_unless_it_exists_here(tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT / "notebooks")
    assert resolve_output("reports/coba") == PROJECT_ROOT / "reports" / "coba"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hasil").mkdir()
    assert resolve_output("hasil") == tmp_path / "hasil"
