"""The import contract of docs/architecture.md, checked on the source (ast, no import runs).

- Analysis modules (records in, records out) import no reader, no ``workbench.atomic``, no
  ``workbench.paths`` and no I/O library.
- ``workbench.batch`` (generic engine) imports no domain package.
- No import cycle between modules of ``workbench/`` (every import counts: top level, inside a
  function, under ``if TYPE_CHECKING:``).

Every import is counted, wherever it stands: a lazy import inside a function is still a
dependency. Path and file access without an import (``Path.read_text``) is not seen here; the
reviews catch that.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"

#: Pure analysis: records/DataFrames in, new ones out.
ANALYSIS = (
    "workbench.rakor.merge",
    "workbench.rakor.summary",
    "workbench.rakor.names",
    "workbench.rakor.attendance_table",
    "workbench.rakor.news",
    "workbench.standar.unggahan.check",
    "workbench.standar.foto.check",
    "workbench.bakohumas.evaluate",
    "workbench.bakohumas.evaluation",
    "workbench.bakohumas.findings",
    "workbench.bakohumas.scoring",
)
#: Code that parses user files (a module name or a package prefix).
READERS = (
    "workbench.rakor.readers",
    "workbench.bakohumas.reader",
    "workbench.bakohumas.collect",
    "workbench.csvtext",
    "workbench.limits",
)
#: Modules that touch the filesystem or locate files.
IO_MODULES = ("workbench.atomic", "workbench.paths", "workbench.xlsx_write")
#: Third-party and standard libraries that read or write files.
IO_LIBRARIES = ("openpyxl", "yaml", "docx", "docxtpl", "csv", "shutil", "tempfile", "pickle")
#: Domain packages the generic batch engine must not know.
DOMAINS = ("workbench.rakor", "workbench.bakohumas")


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
