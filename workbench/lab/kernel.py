"""Workbench errors in a notebook: the Indonesian message and its fix, no library traceback.

Each notebook's first step calls :func:`show_errors_plainly`, which registers an IPython
custom exception handler for :class:`~workbench.errors.WorkbenchError`. When one is raised
in a cell, the cell shows::

    Kesalahan masukan: berkas ..., kolom/kunci 'office': satker 35.99 tidak ditemukan
      Perbaikan: ...

instead of a 40-line traceback through pandas and the workbench. The cell still fails the
usual way: the kernel sends an ``error`` output and an ``error`` reply with the exception's
name and message, so Papermill, the batch engines and ``workbench minutes`` see the failure,
its cell and its name (``InputError``: exit code 2) as before. Other exceptions keep IPython's
full traceback: they are bugs, and the traceback is what a developer needs.
"""

from __future__ import annotations

from typing import Any

from workbench.errors import InputError, WorkbenchError

_RED, _BOLD, _RESET = "\x1b[31m", "\x1b[1m", "\x1b[0m"


def show_errors_plainly(shell: Any = None) -> bool:
    """Register the handler in the running IPython (``shell``, default the current one).

    Returns False outside IPython (nothing to do). Calling it again is harmless.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((WorkbenchError,), _show)
    return True


def error_lines(error: BaseException) -> list[str]:
    """What a cell shows for a workbench error: a heading, then the message's lines."""
    heading = "Kesalahan masukan" if isinstance(error, InputError) else "Kesalahan"
    first, *rest = str(error).splitlines() or [""]
    return [f"{_BOLD}{_RED}{heading}:{_RESET} {first}", *rest]


def _show(
    shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None
) -> list[str]:
    """IPython's ``CustomTB``: display the short form as the cell's error output."""
    lines = error_lines(value)
    # ``_showtraceback`` is IPython's documented place to show a structured traceback; in a
    # kernel it sends the ``error`` output (ename, evalue, these lines) and records them
    # for the ``execute_reply``.
    shell._showtraceback(etype, value, lines)
    return lines
