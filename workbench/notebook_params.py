"""The notebook contract: parameter keys checked against a notebook's ``parameters`` cell.

Papermill only warns ("Passed unknown parameter") when it is given a key the notebook
does not declare, and the run goes on with the notebook's default. Here such a key stops
the run before anything is written or any notebook runs.

Two kinds of key, two kinds of error:

- A key the **user** typed (a jobs-table column of ``workbench batch``) is bad input:
  :func:`workbench.batch.jobs.read_jobs` refuses it with an ``InputError`` (exit code 2)
  naming the column, with "maksud Anda".
- A key the **library** built (``workbench minutes``/``evaluate``/``reports``, whose
  parameter dicts come from :mod:`workbench.rakor.job` and :mod:`workbench.bakohumas.job`)
  that the notebook does not declare means the program and its notebook disagree (a
  renamed parameter, an edited notebook): :class:`ParameterMismatch`, a
  ``WorkbenchError`` with exit code 1, raised by :func:`check_parameters`. The user did
  nothing wrong, so it is not exit 2; it still reaches the user as an Indonesian message
  naming the key and the closest declared name, never as a traceback.

Single runs call :func:`check_parameters` in :func:`workbench.runner.run_to_folder`; the
batch calls it for jobs built by a caller (:func:`workbench.batch.run.run_batch` with
``Job`` objects; a jobs table was already checked column by column).

The declared names come from the batch's reader of the cell
(:func:`workbench.batch.notebook.load_notebook`, papermill's own inspection), so a single
run and a batch agree on what a notebook declares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from workbench.errors import WorkbenchError, did_you_mean


class ParameterMismatch(WorkbenchError):
    """The library gave a notebook a parameter its ``parameters`` cell does not declare.

    A programming error (exit code 1): the program and the notebook disagree.

    Attributes
    ----------
    notebook:
        The notebook run.
    key:
        The first undeclared key.
    declared:
        The names the notebook declares, in the order of its ``parameters`` cell.
    """

    def __init__(self, notebook: Path, key: str, declared: tuple[str, ...]):
        self.notebook, self.key, self.declared = notebook, key, declared
        listed = ", ".join(declared) or "(tidak ada sel bertanda 'parameters')"
        super().__init__(
            f"notebook {notebook.name} tidak mendeklarasikan parameter '{key}' yang diisi "
            f"program{did_you_mean(key, declared)}; notebook tidak dijalankan.\n"
            f"  Perbaikan: program dan notebook {notebook} tidak cocok (nama parameter diubah "
            f"di salah satunya). Parameter di sel 'parameters' notebook: {listed}. Kembalikan "
            "nama parameter di notebook, atau laporkan ke pengembang workbench."
        )


def declared_parameters(notebook: str | Path) -> tuple[str, ...]:
    """The names ``notebook``'s ``parameters`` cell declares, in its order.

    Raises ``InputError`` when the notebook is missing, unreadable or has no cell
    tagged ``parameters`` (see :func:`workbench.batch.notebook.load_notebook`).
    """
    from workbench.batch.notebook import load_notebook

    return tuple(load_notebook(notebook).parameters)


def check_parameters(
    notebook: str | Path,
    keys: Iterable[str] | Mapping[str, object],
    *,
    declared: Iterable[str] | None = None,
) -> None:
    """Raise :class:`ParameterMismatch` for the first key of ``keys`` that ``notebook``
    does not declare.

    ``declared`` gives the names when the caller has already read the cell (the batch's
    :class:`~workbench.batch.notebook.NotebookTemplate`); otherwise they are read from
    ``notebook``.
    """
    names = tuple(declared) if declared is not None else declared_parameters(notebook)
    for key in keys:
        if key not in names:
            raise ParameterMismatch(Path(notebook), str(key), names)
