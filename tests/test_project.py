"""Project-level promises: dependencies agree, notebooks carry no outputs, CLI help, lazy imports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

import pytest
import yaml
from click.testing import CliRunner

from workbench.cli import COMMANDS, cli
from workbench.paths import PROJECT_ROOT


def _name_spec(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_name_spec(r) for r in project["dependencies"] + project["optional-dependencies"]["test"])
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda = dict(_name_spec(d) for d in env["dependencies"]
                 if isinstance(d, str) and not d.startswith(("python=", "pip")))
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
        "heavy = [m for m in ('pandas', 'matplotlib', 'papermill', 'docx', 'docxtpl') if m in sys.modules]\n"
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
    tracked = subprocess.run(["git", "ls-files", "reports"], cwd=PROJECT_ROOT,
                             capture_output=True, text=True).stdout.split()
    if tracked:  # inside a git checkout
        assert tracked == ["reports/.gitkeep"]


def test_cli_reference_is_generated_and_current():
    out = subprocess.run([sys.executable, str(PROJECT_ROOT / "tools" / "gen_cli_docs.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
