"""The import contract of docs/architecture.md, checked on the source (ast, no import runs).

- Analysis modules (records in, records out) import no reader, no ``workbench.atomic``, no
  ``workbench.paths`` and no I/O library.
- ``workbench.batch`` (generic engine) imports no domain package.
- ``workbench.standar`` (the output standards) never imports ``rakor`` or ``bakohumas``:
  rakor uses ``standar.foto`` and passes the rundown as data.
- Neutral modules (``template_check``, ``runner``, ``batch``, ``atomic``, ``limits``,
  ``text``, ...) import no domain; domains register into ``template_check``.
- No import cycle between modules of ``workbench/`` (every import counts: top level, inside a
  function, under ``if TYPE_CHECKING:``).

Every import is counted, wherever it stands: a lazy import inside a function is still a
dependency. Path and file access without an import (``Path.read_text``) is not seen here; the
reviews catch that. Indirect imports (a neutral module importing a module that imports a
domain) are checked by the import-linter contracts of pyproject.toml, run here too.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "workbench"

#: Pure analysis: records/DataFrames in, new ones out.
ANALYSIS = (
    "workbench.rakor.merge",
    "workbench.rakor.summary",
    "workbench.rakor.names",
    "workbench.rakor.attendance_table",
    "workbench.rakor.news",
    "workbench.standar.unggahan.check",
    "workbench.standar.foto.check",
    "workbench.standar.livestream.check",
    "workbench.bakohumas.evaluate",
    "workbench.bakohumas.evaluation",
    "workbench.bakohumas.findings",
    "workbench.bakohumas.scoring",
)
#: Code that parses user files (a module name or a package prefix).
READERS = (
    "workbench.rakor.readers",
    "workbench.standar.foto.reader",
    "workbench.standar.unggahan.reader",
    "workbench.standar.livestream.reader",
    "workbench.bakohumas.reader",
    "workbench.bakohumas.collect",
    "workbench.csvtext",
    "workbench.limits",
)
#: Modules that touch the filesystem or locate files.
IO_MODULES = ("workbench.atomic", "workbench.paths", "workbench.xlsx_write", "workbench.csv_write")
#: Third-party and standard libraries that read or write files.
IO_LIBRARIES = ("openpyxl", "yaml", "docx", "docxtpl", "csv", "shutil", "tempfile", "pickle")
#: Domain packages the generic batch engine must not know.
DOMAINS = ("workbench.rakor", "workbench.bakohumas", "workbench.standar")
#: Not neutral: the domains, the command line (outermost) and the sample generators.
# The outer layers: the command line and the web app (workbench/app/) sit above the domains.
NOT_NEUTRAL = (*DOMAINS, "workbench.cli", "workbench.app", "workbench.samples")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module ``path`` imports, anywhere in the file. ``from pkg import sub`` counts as
    importing ``pkg.sub`` when that is a module."""
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules}
    return found - {""}


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {name: imports_of(path, modules) for name, path in modules.items()}


def test_analysis_modules_exist():
    """A renamed analysis module must be renamed here too, or the contract checks nothing."""
    missing = [m for m in ANALYSIS if m not in all_modules()]
    assert not missing, f"unknown analysis modules: {missing}"


@pytest.mark.parametrize("module", ANALYSIS)
def test_analysis_imports_no_reader_and_no_io(graph, module):
    bad = sorted(
        i
        for i in graph[module]
        if within(i, READERS) or within(i, IO_MODULES) or within(i, IO_LIBRARIES)
    )
    assert not bad, f"{module} (analysis) imports {bad}"


def test_batch_imports_no_domain(graph):
    bad = sorted(
        f"{m} -> {i}"
        for m, deps in graph.items()
        if within(m, ("workbench.batch",))
        for i in deps
        if within(i, DOMAINS)
    )
    assert not bad, f"the batch engine imports a domain package: {bad}"


def test_no_import_cycles(graph):
    internal = {m: {i for i in deps if i in graph and i != m} for m, deps in graph.items()}
    # a package's __init__ importing its own submodules is not a cycle of concern
    internal = {m: {i for i in deps if not i.startswith(m + ".")} for m, deps in internal.items()}
    cycles, state, stack = [], {}, []

    def visit(m: str) -> None:
        state[m] = "open"
        stack.append(m)
        for n in sorted(internal[m]):
            if state.get(n) == "open":
                cycles.append(stack[stack.index(n) :] + [n])
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = "done"

    for m in sorted(internal):
        if m not in state:
            visit(m)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_domains_do_not_import_each_other(graph):
    """rakor and bakohumas are siblings: shared code goes to a neutral module."""
    bad = sorted(
        f"{m} -> {i}"
        for m, deps in graph.items()
        for i in deps
        for a, b in (
            ("workbench.rakor", "workbench.bakohumas"),
            ("workbench.bakohumas", "workbench.rakor"),
        )
        if within(m, (a,)) and within(i, (b,))
    )
    assert not bad, f"a domain imports its sibling: {bad}"


def test_only_the_cli_imports_sample_generators(graph):
    bad = sorted(
        f"{m} -> {i}"
        for m, deps in graph.items()
        if not within(m, ("workbench.cli", "workbench.samples"))
        for i in deps
        if within(i, ("workbench.samples",))
    )
    assert not bad, f"production code imports the sample generators: {bad}"


def test_standar_imports_no_other_domain(graph):
    """The output standards receive a rundown as data; they never read a rakor record."""
    bad = sorted(
        f"{m} -> {i}"
        for m, deps in graph.items()
        if within(m, ("workbench.standar",))
        for i in deps
        if within(i, ("workbench.rakor", "workbench.bakohumas", "workbench.cli"))
    )
    assert not bad, f"standar imports another domain: {bad}"


def test_neutral_modules_import_no_domain(graph):
    """template_check, runner, batch, atomic, limits, text, ...: the domains register into
    them (template kinds, commands), never the other way round."""
    entry = ("workbench", "workbench.__main__")  # the package and `python -m workbench`
    neutral = [m for m in graph if m not in entry and not within(m, NOT_NEUTRAL)]
    assert {"workbench.template_check", "workbench.runner", "workbench.limits"} <= set(neutral)
    bad = sorted(f"{m} -> {i}" for m in neutral for i in graph[m] if within(i, NOT_NEUTRAL))
    assert not bad, f"a neutral module imports a domain: {bad}"


def test_standar_package_layout():
    """Each standard has the same shape: reader, pure check, output, run."""
    for standard in ("foto", "unggahan", "livestream"):
        for part in ("reader", "check", "output", "run"):
            assert f"workbench.standar.{standard}.{part}" in all_modules(), (standard, part)


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` (import-linter) on the contracts of ``root/pyproject.toml``."""
    script = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(script), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=300
    )


def test_import_linter_contracts_hold():
    """The contracts of pyproject.toml (forbidden, independence, layers), transitive
    imports included."""
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_import_linter_catches_an_indirect_domain_import(tmp_path):
    """A copy of the package where a neutral module imports rakor: the contracts break for
    that module and, indirectly, for standar (which imports the neutral module)."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(PACKAGE, tmp_path / "workbench", ignore=shutil.ignore_patterns("__pycache__"))
    wilayah = tmp_path / "workbench" / "wilayah.py"
    wilayah.write_text(wilayah.read_text() + "\nimport workbench.rakor.model  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "standar never imports rakor or bakohumas" in result.stdout
    assert "workbench.wilayah -> workbench.rakor.model" in result.stdout


def test_only_the_cli_imports_the_app(graph):
    """The web app (workbench/app/) is an outer layer like the CLI: no domain or neutral
    module imports it; only ``workbench app`` starts it."""
    bad = sorted(
        f"{m} -> {i}"
        for m, deps in graph.items()
        if not within(m, ("workbench.app", "workbench.cli"))
        for i in deps
        if within(i, ("workbench.app",))
    )
    assert not bad, f"a module below the app imports it: {bad}"
