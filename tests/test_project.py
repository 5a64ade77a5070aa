"""Project-level promises: dependencies agree, notebooks carry no outputs, CLI help, lazy
imports."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import tomllib
import yaml
from click.testing import CliRunner

from workbench.cli import COMMANDS, cli
from workbench.paths import PROJECT_ROOT


def _name_spec(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(
        _name_spec(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]
    )
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda = dict(
        _name_spec(d)
        for d in env["dependencies"]
        if isinstance(d, str) and not d.startswith(("python=", "pip"))
    )
    assert conda == wanted


def test_notebooks_are_committed_without_outputs():
    notebooks = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks
    for nb_path in notebooks:
        nb = json.loads(nb_path.read_text())
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs"), f"{nb_path.name} has outputs"
                assert cell.get("execution_count") is None, f"{nb_path.name} has execution counts"


def test_notebooks_have_a_parameters_cell():
    for nb_path in sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(nb_path.read_text())
        tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, nb_path.name


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_indonesian_help(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Penggunaan:" in result.output
    assert "Show this message" not in result.output


def test_docs_list_every_command():
    text = (PROJECT_ROOT / "docs" / "cli.md").read_text()
    for name in COMMANDS:
        assert f"workbench {name}" in text, name


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys\n"
        "from workbench.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'matplotlib', 'papermill', 'docx', 'docxtpl')"
        " if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="


def test_subcommand_help_does_not_import_heavy_libraries():
    code = (
        "import sys\n"
        "from workbench.cli import main\n"
        "for name in %r:\n"
        "    try:\n        main([name, '--help'])\n    except SystemExit:\n        pass\n"
        "heavy = [m for m in ('pandas', 'matplotlib', 'papermill') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n" % (list(COMMANDS),)
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="


def test_reports_folder_tracks_only_gitkeep():
    tracked = subprocess.run(
        ["git", "ls-files", "reports"], cwd=PROJECT_ROOT, capture_output=True, text=True
    ).stdout.split()
    if tracked:  # inside a git checkout
        assert tracked == ["reports/.gitkeep"]


def test_cli_reference_is_generated_and_current():
    out = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "tools" / "gen_cli_docs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def _shipped_patterns() -> tuple[str, ...]:
    """``SHIPPED`` of setup.py (the build hook's list), read without running setup()."""
    import ast

    tree = ast.parse((PROJECT_ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "SHIPPED":
            return tuple(ast.literal_eval(node.value))
    raise AssertionError("setup.py defines no SHIPPED")


def _can_build_wheels_offline() -> bool:
    """Whether this environment's setuptools builds wheels itself (>= 70.1, or with ``wheel``),
    so pip needs no build isolation (which downloads setuptools)."""
    import importlib.metadata
    import importlib.util

    if importlib.util.find_spec("wheel") is not None:
        return True
    major, minor = (int(x) for x in importlib.metadata.version("setuptools").split(".")[:2])
    return (major, minor) >= (70, 1)


@pytest.mark.slow
def test_wheel_ships_notebooks_templates_and_samples_and_runs_minutes(tmp_path):
    """sdist -> wheel (as ``python -m build`` does) carries the notebooks, templates and
    sample inputs inside ``workbench/``; installed alone (no checkout), ``workbench minutes``
    runs the shipped notebook on the shipped sample and finds the shipped templates."""
    import shutil
    import tarfile
    import zipfile

    src, dist, site, run = (tmp_path / d for d in ("src", "dist", "site", "run"))
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / name, src / name)
    for name in ("workbench", "notebooks", "templates", "data"):
        shutil.copytree(
            PROJECT_ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    build = "import sys; from setuptools import build_meta as b; print(b.build_sdist(sys.argv[1]))"
    sdist = (
        subprocess.run(
            [sys.executable, "-c", build, str(dist)],
            cwd=src,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    with tarfile.open(dist / sdist) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    offline = ["--no-build-isolation"] if _can_build_wheels_offline() else []
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            *offline,
            "-w",
            str(dist),
            str(unpacked),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("*.whl")

    expected = {
        f"workbench/{p.relative_to(PROJECT_ROOT).as_posix()}": p
        for pattern in _shipped_patterns()
        for p in PROJECT_ROOT.glob(pattern)
        if p.is_file()
    }
    assert {
        "workbench/notebooks/rakor_minutes.ipynb",
        "workbench/templates/notula.docx",
        "workbench/data/samples/bakohumas/laporan-triwulan.csv",
    } <= set(expected)
    with zipfile.ZipFile(wheel) as zf:
        assert set(expected) <= set(zf.namelist())
        for name, path in expected.items():
            assert zf.read(name) == path.read_bytes(), name

    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    run.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}  # the installed copy, not the checkout
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import workbench.paths as p; print(p.NOTEBOOKS_DIR); print(p.PROJECT_ROOT)",
        ],
        cwd=run,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.split() == [str(site / "workbench" / "notebooks"), str(run)]
    sample = site / "workbench" / "data" / "samples" / "rakor-bakohumas-2025-07-17"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "minutes",
            str(sample / "meeting.yaml"),
            "-a",
            str(sample / "zoom-peserta.csv"),
            "-a",
            str(sample / "peserta-internal.csv"),
        ],
        cwd=run,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    (folder,) = (run / "reports").iterdir()
    written = {p.name for p in folder.iterdir()}
    assert {"notula.docx", "daftar-hadir.docx", "kehadiran.png"} <= written
