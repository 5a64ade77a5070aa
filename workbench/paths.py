"""Project paths in one place. No side effects at import.

The package may be installed editable from a checkout (the normal case) or
as a wheel. ``PROJECT_ROOT`` is the checkout root when one is found, and the
current directory otherwise.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
WILAYAH_DIR = DATA_DIR / "wilayah"


def _find_root() -> Path:
    candidate = PACKAGE_DIR.parent
    if (candidate / "notebooks").is_dir() and (candidate / "templates").is_dir():
        return candidate
    return Path.cwd()


PROJECT_ROOT = _find_root()
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
REPORTS_DIR = PROJECT_ROOT / "reports"
SAMPLES_DIR = PROJECT_ROOT / "data" / "samples"

SAMPLE_MEETING_DIR = SAMPLES_DIR / "rakor-bakohumas-2025-07-17"
SAMPLE_BAKOHUMAS_DIR = SAMPLES_DIR / "bakohumas"


def resolve_from_project(path: str | Path) -> Path:
    """Resolve a path the way notebooks and the CLI both expect.

    Absolute paths are returned unchanged. A relative path is taken relative
    to the current directory when it exists there, and relative to the
    project root otherwise, so a notebook kernel started in ``notebooks/``
    (JupyterLab) and one started at the project root (a plain papermill
    call) see the same files. A path found in neither place resolves against
    the current directory, so an error message names the user's own folder.
    """
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    if p.exists():
        return p.resolve()
    in_project = (PROJECT_ROOT / p).resolve()
    # Found nowhere: name it where the user meant it, so an error shows their own folder.
    return in_project if in_project.exists() else p.resolve()


def resolve_output(path: str | Path) -> Path:
    """Resolve a notebook's relative output folder: the current directory when it exists
    there, else the project root (``reports/x`` is the project's ``reports/x`` whether the
    kernel started in ``notebooks/`` or at the root)."""
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    return p.resolve() if p.exists() else (PROJECT_ROOT / p).resolve()
