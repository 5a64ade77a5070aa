"""Save notebooks without outputs: the Jupyter server's ``pre_save_hook``.

``make lab`` starts JupyterLab with ``jupyter/jupyter_server_config.py``, which installs
:func:`strip_on_save`. Every notebook saved through the server (a save, an autosave, a save
through the contents API) is written without outputs, execution counts and per-run metadata,
so running cells in Lab never changes a tracked notebook. What the analyst typed (code,
markdown, parameter values) is saved as written: the save is an edit of the notebook.

Run records are the exception: a notebook the CLI or Papermill executed (it carries
``metadata.papermill``) keeps its outputs, since they are the record, unless it is saved
into a ``notebooks`` folder, where only source notebooks live.

The hook fails closed: a notebook it cannot strip is not saved (HTTP 400, an Indonesian
message in Lab's save dialog), never saved with its outputs.
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
    The hook fails closed: jupyter_server logs any other exception from a hook and saves the
    notebook as it came (with its outputs), so when a notebook cannot be stripped -- a shape
    no notebook has -- the save is refused with an HTTP 400 and an Indonesian message
    (:class:`tornado.web.HTTPError`, the one exception jupyter_server passes on to Lab).
    """
    if model.get("type") != "notebook":
        return
    nb = model.get("content")
    try:
        if not isinstance(nb, dict):
            raise Unstrippable("isi notebook bukan objek JSON")
        if is_run_record(nb, path):
            return
        strip(nb, previous=_saved_metadata(contents_manager, path))
        _check_stripped(nb)
    except Exception as e:
        raise _refusal(path, e) from e


class Unstrippable(ValueError):
    """A notebook whose outputs cannot be removed with certainty (its shape is not a
    notebook's); the message says which part, in Indonesian."""


def _refusal(path: str, error: Exception) -> Exception:
    from tornado.web import HTTPError

    why = str(error) if isinstance(error, Unstrippable) else f"{type(error).__name__}: {error}"
    message = (
        f"Notebook {path} tidak disimpan: keluarannya tidak dapat dibuang dengan pasti "
        f"({why}). Perbaikan: simpan salinan notebook ini (File > Save As) atau muat ulang "
        "dari berkas yang tersimpan, lalu coba lagi; notebook tidak pernah disimpan beserta "
        "keluarannya."
    )
    return HTTPError(400, "%s", message)


def _check_stripped(nb: dict) -> None:
    """Raise :class:`Unstrippable` unless no cell keeps an output or an execution count."""
    for number, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("outputs") or cell.get("execution_count") is not None:
            raise Unstrippable(f"sel {number} masih memuat keluaran")


def is_run_record(nb: dict, path: str) -> bool:
    """An executed notebook the CLI or Papermill wrote, outside the source folder."""
    in_sources = SOURCE_FOLDER in PurePosixPath(path).parent.parts
    meta = nb.get("metadata")
    return isinstance(meta, dict) and "papermill" in meta and not in_sources


def strip(nb: dict, previous: dict | None = None) -> dict:
    """Remove outputs, execution counts and run metadata from ``nb`` (a notebook as a dict,
    changed in place and returned).

    ``language_info`` keeps only the language's name (the rest is the running kernel's
    version); ``kernelspec`` stays as ``previous`` (the saved file's metadata) spells it
    when it names the same kernel, so a kernel whose display name differs on this machine
    does not change the file. Metadata that is not a mapping where a notebook has one (a
    cell's ``metadata`` or its ``metadata.jupyter``, the notebook's ``metadata``) records
    nothing the analyst wrote and is dropped; cells that are not a list of mappings raise
    :class:`Unstrippable`.
    """
    cells = nb.get("cells", [])
    if not isinstance(cells, list):
        raise Unstrippable("'cells' bukan daftar sel")
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            raise Unstrippable(f"sel {number} bukan objek JSON")
        _strip_cell(cell)
    if not isinstance(nb.get("metadata"), dict):
        nb["metadata"] = {}
    meta = nb["metadata"]
    for key in RUN_NOTEBOOK_METADATA:
        meta.pop(key, None)
    info = meta.get("language_info")
    if isinstance(info, dict) and isinstance(info.get("name"), str):
        meta["language_info"] = {"name": info["name"]}
    elif "language_info" in meta:
        del meta["language_info"]
    kept = (previous or {}).get("kernelspec") if isinstance(previous, dict) else None
    spec = meta.get("kernelspec")
    if isinstance(kept, dict) and isinstance(spec, dict) and kept.get("name") == spec.get("name"):
        meta["kernelspec"] = kept
    return nb


def _strip_cell(cell: dict) -> None:
    """One cell without outputs, execution count and run metadata (in place)."""
    if not isinstance(cell.get("metadata", {}), dict):
        cell["metadata"] = {}
    meta = cell.setdefault("metadata", {})
    for key in RUN_CELL_METADATA:
        meta.pop(key, None)
    hidden = meta.get("jupyter")
    if isinstance(hidden, dict):
        hidden.pop("outputs_hidden", None)
    if "jupyter" in meta and not (isinstance(hidden, dict) and hidden):
        del meta["jupyter"]
    if cell.get("cell_type") == "code":
        cell["outputs"] = []
        cell["execution_count"] = None
    else:  # a markdown or raw cell has neither; one that claims them loses them
        cell.pop("outputs", None)
        cell.pop("execution_count", None)


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
