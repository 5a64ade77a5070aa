"""Build hook: the wheel carries the notebooks, Word templates and sample inputs it needs.

``notebooks/``, ``templates/`` and ``data/samples/`` stay at the top of the checkout (the
workbench is used from there: JupyterLab, ``make demo``). This hook copies the files listed in
:data:`SHIPPED` into the wheel under ``workbench/`` (``workbench/notebooks/…``,
``workbench/templates/…``, ``workbench/data/samples/…``) at build time, so nothing is
duplicated in git; :mod:`workbench.paths` finds them with :mod:`importlib.resources` when no
checkout is around. An editable install (``pip install -e .``) reads the checkout's folders
directly, so the hook copies nothing then. All other metadata is in ``pyproject.toml``;
``MANIFEST.in`` puts the same files in the sdist.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: Files (globs from the checkout root) copied into the package at the same relative path:
#: the notebooks the commands run, the default templates, and the sample meeting and
#: quarterly table ``workbench templates check`` renders a template with.
SHIPPED = (
    "notebooks/*.ipynb",
    "templates/*.docx",
    "data/samples/rakor-bakohumas-2025-07-17/*",
    "data/samples/rakor-bakohumas-2025-07-17/foto/*",
    "data/samples/bakohumas/laporan-triwulan.csv",
)


class BuildPyWithResources(build_py):
    """``build_py`` that also copies :data:`SHIPPED` into ``build_lib/workbench/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for pattern in SHIPPED:
            found = sorted(p for p in Path().glob(pattern) if p.is_file())
            if not found:
                raise SystemExit(f"{pattern}: nothing to ship (incomplete source tree?)")
            for src in found:
                target = Path(self.build_lib) / "workbench" / src
                self.mkpath(str(target.parent))
                self.copy_file(str(src), str(target))


setup(cmdclass={"build_py": BuildPyWithResources})
