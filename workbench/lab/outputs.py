"""The end of a notebook run: its manifest, no stale files, and links to what it wrote.

:func:`finish_run` is the last step of every notebook. Two cases:

- **The CLI ran the notebook** (``workbench minutes``/``evaluate``/``reports``/``batch``): the
  output folder is a staging folder (``.<name>.staging-<run>``, :mod:`workbench.atomic`), and
  the runner or the batch writes the manifest (or the ``--resume`` state) once the run
  succeeded and swaps the folder in whole. Nothing is written here; the links are relative to
  the output folder, where the executed notebook is kept.
- **Anywhere else** (JupyterLab, a plain Papermill call): the notebook wrote into the folder
  itself, so it also removes what the rewrite made stale — the PDF of each rewritten DOCX
  (the notebook cannot convert it again: LibreOffice is a CLI option, ``--pdf``) and the run
  record an earlier CLI run left there (the executed notebook of the same name) — and writes
  ``manifest.json`` listing only the files this run wrote. Links are relative to the kernel's
  folder (the open notebook's folder in Lab).
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

from workbench.atomic import STAGING_MARK

#: Files JupyterLab cannot show: their links download instead of opening a tab.
DOWNLOAD_SUFFIXES = (".docx", ".xlsx")


def is_staging(folder: Path) -> bool:
    """Whether ``folder`` is a CLI run's staging folder (``.<name>.staging-<run>``)."""
    name = Path(folder).name
    return name.startswith(".") and STAGING_MARK in name


def link_base(folder: Path) -> Path:
    """Where links to files of ``folder`` are relative to: the folder itself in a CLI run
    (its staging folder keeps the executed notebook and twin), else the kernel's folder
    (the open notebook's folder in Lab)."""
    return folder if is_staging(folder) else Path.cwd()


def relative_href(path: Path, base: Path) -> str:
    """``path`` as a URL relative to ``base``."""
    return quote(Path(os.path.relpath(path, base)).as_posix())


def finish_run(
    written: Iterable[str | Path], *, notebook: str, inputs: Iterable[str | Path] = ()
) -> "Links":
    """Finish a notebook run that wrote ``written`` (files of one folder) and return the
    links to show (the cell's last expression).

    ``notebook`` is the notebook's file name (``rakor_minutes.ipynb``): its ``parameters``
    cell names the values recorded in the manifest. ``inputs`` are the files the run read, as
    the parameters name them (resolved like the notebook's paths; empty ones are skipped).
    """
    files = [Path(p) for p in written]
    folder = files[0].parent
    if is_staging(folder):
        return Links(files, folder=folder, base=folder)
    removed = remove_stale(folder, files, notebook)
    manifest = write_run_manifest(folder, files, notebook=notebook, inputs=inputs)
    return Links([*files, manifest], folder=folder, base=Path.cwd(), removed=removed)


def remove_stale(folder: Path, written: Iterable[Path], notebook: str) -> list[Path]:
    """Remove the PDF of each rewritten DOCX and an earlier run's executed ``notebook``
    from ``folder``; return what was removed."""
    stale = [p.with_suffix(".pdf") for p in written if p.suffix == ".docx"]
    record = folder / notebook
    if _is_run_record(record):
        stale += [record, record.with_suffix(".html")]  # and its HTML twin (html_export)
    removed = [p for p in stale if p.is_file()]
    for path in removed:
        path.unlink()
    return removed


def _is_run_record(path: Path) -> bool:
    try:
        return "papermill" in json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return False


def write_run_manifest(
    folder: Path, written: list[Path], *, notebook: str, inputs: Iterable[str | Path] = ()
) -> Path:
    """``folder/manifest.json`` for a run of ``notebook`` in this kernel."""
    from workbench.manifest import write_manifest_of
    from workbench.paths import resolve_from_project

    source = notebook_path(notebook)
    read = [source, *(resolve_from_project(p) for p in inputs if str(p))]
    return write_manifest_of(
        folder,
        written,
        command=f"notebook {notebook}",
        inputs=[p for p in dict.fromkeys(read) if p.is_file()],
        parameters=parameter_values(source),
        timings={},
    )


def notebook_path(notebook: str) -> Path:
    """The running notebook's file: the one open in Lab (Jupyter tells the kernel through
    ``JPY_SESSION_NAME``) when it has that name, else the project's ``notebooks/<notebook>``."""
    from workbench.paths import NOTEBOOKS_DIR

    session = Path(os.environ.get("JPY_SESSION_NAME", ""))
    if session.name == notebook and session.is_file():
        return session
    return NOTEBOOKS_DIR / notebook


def parameter_values(source: Path) -> dict[str, Any]:
    """The current value of each parameter of ``source``'s ``parameters`` cell (read with
    Papermill's own inspection), from the kernel's namespace."""
    from IPython import get_ipython
    from papermill.inspection import inspect_notebook

    shell = get_ipython()
    if shell is None or not source.is_file():
        return {}
    names = inspect_notebook(str(source))
    return {name: shell.user_ns[name] for name in names if name in shell.user_ns}


class Links:
    """Links to a run's files, for a notebook's last cell (HTML in Lab, text elsewhere).

    Paths are relative to ``base`` (where the notebook showing them is), so Lab opens them:
    a notebook, an image, a CSV or a PDF in a tab, a DOCX or XLSX as a download. The output
    folder is named from the project folder (``reports/…``) in the HTML (which travels as the
    notebook's HTML twin), never as a machine path; in full in the text (the terminal).
    """

    def __init__(
        self, files: list[Path], *, folder: Path, base: Path, removed: Iterable[Path] = ()
    ):
        self.files, self.folder, self.base, self.removed = files, folder, base, list(removed)

    def href(self, path: Path) -> str:
        return relative_href(path, self.base)

    @property
    def folder_shown(self) -> str:
        """The output folder relative to the project ('reports/2025-…'), else its name."""
        from workbench.paths import PROJECT_ROOT

        folder = Path(self.folder).resolve()
        if is_staging(folder):  # a CLI run: the folder it becomes once swapped in
            folder = folder.with_name(folder.name[1:].split(STAGING_MARK)[0])
        try:
            return folder.relative_to(PROJECT_ROOT.resolve()).as_posix()
        except ValueError:
            return folder.name

    def _repr_html_(self) -> str:
        items = []
        for path in self.files:
            download = " download" if path.suffix.lower() in DOWNLOAD_SUFFIXES else ""
            items.append(
                f'<li><a href="{html.escape(self.href(path))}"{download} '
                f'target="_blank">{html.escape(path.name)}</a></li>'
            )
        text = (
            f"<p>Folder keluaran: <code>{html.escape(self.folder_shown)}</code></p>"
            f"<ul>{''.join(items)}</ul>"
        )
        if self.removed:
            text += f"<p>{html.escape(self._removed_text())}</p>"
        return text

    def __repr__(self) -> str:
        lines = [f"Folder keluaran: {self.folder}", *(f"- {p.name}" for p in self.files)]
        if self.removed:
            lines.append(self._removed_text())
        return "\n".join(lines)

    def _removed_text(self) -> str:
        names = ", ".join(p.name for p in self.removed)
        return (
            f"Dihapus karena tidak lagi sesuai dengan dokumen yang baru ditulis: {names}. "
            "PDF dibuat dengan perintah workbench dan opsi --pdf."
        )


class LinkedImage:
    """An image file shown by a relative link, not embedded: ``<img src="grafik.png">``.

    The link is relative to where the notebook showing it is, as for :class:`Links`: the
    output folder itself in a CLI run (the executed notebook and its HTML twin are kept
    there, beside the image), else the kernel's folder (the open notebook's folder in Lab,
    which resolves the link through its file server). The notebook and its twin stay small
    (the PNG is not copied into them as base64) and show the very file the run wrote.
    """

    def __init__(self, path: str | Path, *, alt: str = "Grafik"):
        self.path, self.alt = Path(path), alt

    @property
    def href(self) -> str:
        return relative_href(self.path, link_base(self.path.parent))

    def _repr_html_(self) -> str:
        return f'<img src="{html.escape(self.href)}" alt="{html.escape(self.alt)}">'

    def __repr__(self) -> str:
        return f"[{self.alt}: {self.path.name}]"
