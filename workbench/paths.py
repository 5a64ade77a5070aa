"""Project paths in one place. No side effects at import.

Two ways to install, both supported:

- From a checkout, editable (``pip install -e .``; what ``make`` does, the normal case):
  ``PROJECT_ROOT`` is the checkout, and the notebooks, Word templates and sample inputs are
  its top-level ``notebooks/``, ``templates/`` and ``data/samples/``.
- From a wheel (``pip install kpu_workbench-*.whl``): ``setup.py`` copies the notebooks, the
  templates and the two sample inputs the template check renders into the package at build
  time (nothing is duplicated in git); they are found here with :mod:`importlib.resources`.
  ``PROJECT_ROOT`` (where relative inputs, ``reports/`` and generated sample data go) is then
  the current directory.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
WILAYAH_DIR = DATA_DIR / "wilayah"


def _has_resources(folder: Path) -> bool:
    return (folder / "notebooks").is_dir() and (folder / "templates").is_dir()


def _find_checkout() -> Path | None:
    candidate = PACKAGE_DIR.parent
    return candidate if _has_resources(candidate) else None


def _shipped_resources() -> Path:
    """The installed package, holding its own ``notebooks/``, ``templates/`` and
    ``data/samples/`` (a wheel install).

    pip installs a wheel unpacked, so this is a real folder; it must be (a kernel starts
    in ``notebooks/``, papermill reads the notebook as a file).
    """
    package = files(__package__ or "workbench")
    if not isinstance(package, os.PathLike):  # e.g. imported from a zip: not a folder
        raise TypeError(f"the workbench package is not a folder: {package!r}")
    return Path(os.fspath(package))


_CHECKOUT = _find_checkout()
#: Where relative inputs and outputs are taken from: the checkout, else the current directory.
PROJECT_ROOT = _CHECKOUT or Path.cwd()
#: What the workbench reads and never writes (notebooks, templates, bundled samples):
#: the checkout, else the installed package.
RESOURCES_ROOT = _CHECKOUT or _shipped_resources()
NOTEBOOKS_DIR = RESOURCES_ROOT / "notebooks"
TEMPLATES_DIR = RESOURCES_ROOT / "templates"
REPORTS_DIR = PROJECT_ROOT / "reports"
SAMPLES_DIR = RESOURCES_ROOT / "data" / "samples"

SAMPLE_MEETING_DIR = SAMPLES_DIR / "rakor-bakohumas-2025-07-17"
SAMPLE_BAKOHUMAS_DIR = SAMPLES_DIR / "bakohumas"
#: Default folder of ``workbench sample-data`` (writes): the checkout's sample folder, else
#: ``data/samples/bakohumas`` under the current directory (never into an installed package).
SAMPLE_DATA_OUT = PROJECT_ROOT / "data" / "samples" / "bakohumas"


def resolve_from_project(path: str | Path) -> Path:
    """Resolve a path the way notebooks and the CLI both expect.

    Absolute paths are returned unchanged. A relative path is taken relative
    to the current directory when it exists there, and relative to the
    project root otherwise, so a notebook kernel started in ``notebooks/``
    (JupyterLab) and one started at the project root (a plain papermill
    call) see the same files. A path found in neither place resolves against
    the current directory, so an error message names the user's own folder.
    When installed from a wheel, a path found under neither but under
    :data:`RESOURCES_ROOT` (``templates``, the notebooks' default) is the
    shipped one.
    """
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    if p.exists():
        return p.resolve()
    for root in dict.fromkeys((PROJECT_ROOT, RESOURCES_ROOT)):
        found = (root / p).resolve()
        if found.exists():
            return found
    # Found nowhere: name it where the user meant it, so an error shows their own folder.
    return p.resolve()


def resolve_output(path: str | Path) -> Path:
    """Resolve a notebook's relative output folder: the current directory when it exists
    there, else the project root (``reports/x`` is the project's ``reports/x`` whether the
    kernel started in ``notebooks/`` or at the root)."""
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    return p.resolve() if p.exists() else (PROJECT_ROOT / p).resolve()
