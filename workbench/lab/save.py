"""Save notebooks without outputs: the Jupyter server's ``pre_save_hook``.

``make lab`` starts JupyterLab with ``jupyter/jupyter_server_config.py``, which installs
:func:`strip_on_save`. Every notebook saved through the server (a save, an autosave, a save
through the contents API) is written without outputs, execution counts and per-run metadata,
so running cells in Lab never changes a tracked notebook. What the analyst typed (code,
markdown, parameter values) is saved as written: the save is an edit of the notebook.

Run records are the exception: a notebook the CLI or Papermill executed (it carries
``metadata.papermill``) keeps its outputs, since they are the record, unless it is saved
into a ``notebooks`` folder, where only source notebooks live.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

#: Cell metadata that records a run or a view, not the notebook (as nbstripout drops them).
RUN_CELL_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled")
#: Notebook metadata that records a run (widget state, trust signature).
RUN_NOTEBOOK_METADATA = ("widgets", "signature")
#: The folder of source notebooks: nothing saved there keeps outputs.
SOURCE_FOLDER = "notebooks"


def strip_on_save(model: dict, path: str, contents_manager: Any = None, **_: Any) -> None:
    """``ContentsManager.pre_save_hook``: strip a notebook model before it is written.

    ``path`` is the API path (relative to the server's root). Other files pass untouched.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    nb = model["content"]
    if is_run_record(nb, path):
        return
    strip(nb, previous=_saved_metadata(contents_manager, path))


def is_run_record(nb: dict, path: str) -> bool:
    """An executed notebook the CLI or Papermill wrote, outside the source folder."""
    in_sources = SOURCE_FOLDER in PurePosixPath(path).parent.parts
    return "papermill" in nb.get("metadata", {}) and not in_sources


def strip(nb: dict, previous: dict | None = None) -> dict:
    """Remove outputs, execution counts and run metadata from ``nb`` (a notebook as a dict,
    changed in place and returned).

    ``language_info`` keeps only the language's name (the rest is the running kernel's
    version); ``kernelspec`` stays as ``previous`` (the saved file's metadata) spells it
    when it names the same kernel, so a kernel whose display name differs on this machine
    does not change the file.
    """
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {})
        for key in RUN_CELL_METADATA:
            meta.pop(key, None)
        hidden = meta.get("jupyter", {})
        hidden.pop("outputs_hidden", None)
        if "jupyter" in meta and not hidden:
            del meta["jupyter"]
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    meta = nb.setdefault("metadata", {})
    for key in RUN_NOTEBOOK_METADATA:
        meta.pop(key, None)
    if isinstance(meta.get("language_info"), dict) and "name" in meta["language_info"]:
        meta["language_info"] = {"name": meta["language_info"]["name"]}
    kept = (previous or {}).get("kernelspec")
    if kept and kept.get("name") == meta.get("kernelspec", {}).get("name"):
        meta["kernelspec"] = kept
    return nb


def _saved_metadata(contents_manager: Any, path: str) -> dict | None:
    """The metadata of the notebook file being replaced (None when there is none)."""
    root = getattr(contents_manager, "root_dir", None)
    if not root:
        return None
    try:
        text = (Path(root) / path).read_text(encoding="utf-8")
        return json.loads(text).get("metadata")
    except (OSError, ValueError, AttributeError):
        return None
