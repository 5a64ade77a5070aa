"""The notebook side of a batch: its ``parameters`` cell and its imports.

Parameters are found with Papermill's own inspection (the translator that
``papermill --help-notebook`` uses); each default's *type* is deduced from the
default's source text (a Python literal) or from the annotation.
"""

from __future__ import annotations

import ast
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import InputError

#: Types a jobs-table value can be converted to ("any" keeps it as read).
PARAMETER_TYPES = ("int", "float", "bool", "str", "date", "list", "dict", "any")

#: A default that builds a date (``date(...)``, ``datetime.date(...)``); group 1 names the
#: class as the notebook spells it (see :func:`workbench.batch.translate.date_call`).
DATE_CALL = re.compile(r"^\s*((?:datetime\.)?date)\s*\(")


@dataclass(frozen=True)
class Parameter:
    """One parameter of the notebook's ``parameters`` cell."""

    name: str
    type: str  # one of PARAMETER_TYPES
    default: str  # the default's source text, as written in the notebook
    help: str = ""


@dataclass
class NotebookTemplate:
    """A parameterised notebook read once and reused for every job.

    Attributes
    ----------
    path:
        Absolute path of the notebook file.
    node:
        The notebook (``nbformat.NotebookNode``); copy it before changing it.
    parameters:
        Declared parameters by name, in the order of the ``parameters`` cell.
    imports:
        Top-level module names imported by the code cells (for kernel warm-up).
    sha256:
        Hash of the notebook file's bytes.
    """

    path: Path
    node: Any
    parameters: dict[str, Parameter]
    imports: list[str] = field(default_factory=list)
    sha256: str = ""

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def kernel_name(self) -> str:
        """The kernel the notebook names (``python3`` when it names none)."""
        return self.node.metadata.get("kernelspec", {}).get("name", "python3")

    @property
    def defaults(self) -> dict[str, str]:
        """Each parameter's default, as source text."""
        return {name: p.default for name, p in self.parameters.items()}


def load_notebook(path: str | Path) -> NotebookTemplate:
    """Read ``path`` once and inspect its ``parameters`` cell.

    Raises
    ------
    InputError
        When the file is missing or not a notebook, or has no cell tagged
        ``parameters``.
    """
    from workbench.kernels import skip_slow_optional_import

    skip_slow_optional_import()  # before nbformat imports jsonschema (-1.3 s)
    import nbformat

    path = Path(path).resolve()
    if not path.is_file():
        raise InputError(
            "notebook tidak ditemukan.", file=path, fix="Periksa nama dan lokasi berkas .ipynb."
        )
    data = path.read_bytes()
    try:
        node = nbformat.reads(data.decode("utf-8"), as_version=4)
    except Exception as e:  # nbformat raises several unrelated types
        raise InputError(
            "berkas bukan notebook Jupyter yang sah (isinya bukan JSON notebook).",
            file=path,
            fix="Simpan ulang notebook dari JupyterLab, atau periksa bahwa berkasnya "
            "tidak terpotong.",
        ) from e
    node.metadata.setdefault("papermill", {})
    # A notebook written by a script may name no kernel: run it on the Python kernel,
    # as the engines do, instead of failing in papermill's inspection.
    if not node.metadata.get("kernelspec", {}).get("name"):
        node.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
    for cell in node.cells:  # papermill's helpers expect a tags list on every cell
        cell.metadata.setdefault("tags", [])
    return NotebookTemplate(
        path=path,
        node=node,
        parameters=inspect_parameters(node, path),
        imports=imported_modules(node),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def peek_notebook(path: str | Path) -> NotebookTemplate:
    """What a kernel needs to start for the notebook at ``path`` (its kernel name, folder and
    imports; ``path`` and ``sha256`` to check it is the notebook later loaded), read as plain
    JSON: no nbformat or papermill import, no ``parameters`` inspection (empty). For kernels
    started before :func:`load_notebook` runs (:class:`workbench.batch.engines.warm.
    Prestarted`); any problem raises (the notebook is then loaded, and refused, as usual).
    """
    import json
    from types import SimpleNamespace

    path = Path(path).resolve()
    data = path.read_bytes()
    nb = json.loads(data.decode("utf-8"))
    metadata = dict(nb.get("metadata") or {})
    if not (metadata.get("kernelspec") or {}).get("name"):
        metadata["kernelspec"] = {"name": "python3"}  # as load_notebook
    cells = [
        SimpleNamespace(
            cell_type=c.get("cell_type"),
            source=c["source"] if isinstance(c.get("source"), str) else "".join(c["source"]),
        )
        for c in nb["cells"]
    ]
    return NotebookTemplate(
        path=path,
        node=SimpleNamespace(metadata=metadata, cells=cells),
        parameters={},
        imports=imported_modules(SimpleNamespace(cells=cells)),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def inspect_parameters(node: Any, path: Path | None = None) -> dict[str, Parameter]:
    """Declared parameters of ``node`` (papermill's inspection), by name."""
    from papermill.inspection import _infer_parameters
    from papermill.utils import find_first_tagged_cell_index

    if find_first_tagged_cell_index(node, "parameters") < 0:
        raise InputError(
            "notebook tidak memiliki sel bertanda 'parameters'.",
            file=path,
            fix="Di JupyterLab, pilih sel berisi nilai bawaan parameter, buka panel "
            "Property Inspector, lalu tambahkan tag 'parameters'.",
        )
    return {
        p.name: Parameter(
            p.name, _parameter_type(p.default, p.inferred_type_name), p.default, p.help
        )
        for p in _infer_parameters(node)
    }


def _parameter_type(default: str, annotation: str) -> str:
    """The type of a parameter from its default's source text, else its annotation."""
    if DATE_CALL.match(default):
        return "date"
    try:
        value = ast.literal_eval(default)
    except (ValueError, SyntaxError):
        value = None
    for kind in (bool, int, float, str, list, dict):  # bool before int
        if isinstance(value, kind):
            return kind.__name__
    hint = annotation.split("[")[0].split(".")[-1].strip().lower()
    return hint if hint in PARAMETER_TYPES else "any"


def imported_modules(node: Any) -> list[str]:
    """Modules imported at the top level of the notebook's code cells.

    ``import a.b`` gives ``a.b``; ``from a import b`` gives ``a`` and ``a.b``
    (``b`` may be a submodule, e.g. ``from matplotlib import pyplot``). Cells
    that do not parse (magics) are skipped.
    """
    names: list[str] = []
    for cell in node.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for stmt in tree.body:
            if isinstance(stmt, ast.Import):
                names += [alias.name for alias in stmt.names]
            elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
                names.append(stmt.module)
                names += [f"{stmt.module}.{a.name}" for a in stmt.names if a.name != "*"]
    return list(dict.fromkeys(names))


def notebook_text(nb: Any) -> str:
    """``nb`` as nbformat spells a notebook file (no validation: hot path)."""
    from nbformat.v4.nbjson import writes

    return writes(nb) + "\n"
