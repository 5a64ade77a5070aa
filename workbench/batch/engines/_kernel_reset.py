"""Code that runs *inside* a warm kernel (sent as source, never imported here).

It is installed in the kernel as module ``_workbench_batch`` so that nothing it
defines appears in the user's namespace. ``snapshot()`` records the clean
state after warm-up; ``reset()`` returns to it between jobs, cheaply: names a
job added are deleted (rebound names restored), output history emptied, open
pyplot figures closed, matplotlib rcParams and the working folder restored.
Imported modules stay imported: that is what makes the kernel warm.
"""

import importlib
import os
import sys
import warnings

_names: dict = {}
_cwd = None
_rc = None


def warm_up(modules):
    """Import ``modules`` (names not bound in the user namespace); ignore failures."""
    for name in modules:
        try:
            importlib.import_module(name)
        except BaseException:  # the job itself will report a real import error
            pass


def snapshot():
    global _names, _cwd, _rc
    from IPython import get_ipython

    _names = dict(get_ipython().user_ns)
    _cwd = os.getcwd()
    _rc = _rc_now()


def _rc_now():
    mpl = sys.modules.get("matplotlib")
    if mpl is None:
        return None
    return {k: dict.__getitem__(mpl.rcParams, k) for k in mpl.rcParams if k != "backend"}


def _restore_rc():
    global _rc
    mpl = sys.modules.get("matplotlib")
    if mpl is None:
        return
    if _rc is None:  # first imported by a job: its pristine state is the rc file's
        _rc = {k: v for k, v in mpl.rcParamsOrig.items() if k != "backend"}
    rc = mpl.rcParams
    changed = {k: v for k, v in _rc.items() if dict.__getitem__(rc, k) != v}
    if changed:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rc.update(changed)


def reset():
    """Return to the snapshot; every step runs even when another fails."""
    for step in (_reset_names, _reset_history, _close_figures, _restore_rc, _restore_cwd):
        try:
            step()
        except Exception as e:  # keep going: a half reset is worse than none
            print(f"workbench batch: reset {step.__name__} gagal: {e!r}", file=sys.__stderr__)


def _reset_names():
    from IPython import get_ipython

    ip = get_ipython()
    ns = ip.user_ns
    for name in list(ns):
        if name not in _names:
            del ns[name]
        elif ns[name] is not _names[name]:
            ns[name] = _names[name]
    for name in _names.keys() - ns.keys():
        ns[name] = _names[name]


def _reset_history():
    from IPython import get_ipython

    ip = get_ipython()
    ip.history_manager.output_hist.clear()
    ip.history_manager.output_hist_reprs.clear()
    ip.history_manager.input_hist_parsed[:] = [""]
    ip.history_manager.input_hist_raw[:] = [""]
    for attr in ("_", "__", "___"):
        setattr(ip.displayhook, attr, "")


def _close_figures():
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")


def _restore_cwd():
    if _cwd is not None:
        os.chdir(_cwd)


# ----------------------------------------------------------------------------- job chunks
#: The MIME type of one job's record, published as the chunk runs (see ``run_jobs``).
JOB_MIME = "application/x-workbench-batch-job+json"


class _Collector:
    """Stands in for the shell's display publisher and for sys.stdout/stderr while one cell
    of a job runs: everything it shows becomes that cell's outputs, in order (nothing is
    sent to the front end)."""

    def __init__(self):
        self.outputs = []

    # display publisher
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
        if update:
            return
        self.outputs.append(
            {"output_type": "display_data", "data": _clean(data), "metadata": dict(metadata or {})}
        )

    def clear_output(self, wait=False):
        self.outputs.clear()

    def stream(self, name):
        collector = self

        class _Stream:
            encoding = "utf-8"

            def write(self, text):
                if not text:
                    return 0
                last = collector.outputs[-1] if collector.outputs else None
                if last and last["output_type"] == "stream" and last["name"] == name:
                    last["text"] += text
                else:
                    collector.outputs.append({"output_type": "stream", "name": name, "text": text})
                return len(text)

            def flush(self):
                pass

            def isatty(self):
                return False

        return _Stream()


def _clean(data):
    """Display data as the kernel sends it: binary (PNG, JPEG) as base64 text."""
    import base64

    return {
        k: base64.b64encode(v).decode("ascii") if isinstance(v, (bytes, bytearray)) else v
        for k, v in dict(data).items()
    }


def _now():
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


def _run_cell(shell, source, count, name):
    """Run one cell's ``source`` as the kernel would (magics transformed, the last
    expression's value shown as ``Out[count]``), its outputs collected. Returns
    ``(outputs, error)``; ``error`` is ``(ename, evalue)`` or None."""
    import ast

    collector = _Collector()
    saved = shell.display_pub, sys.stdout, sys.stderr
    shell.display_pub = collector
    sys.stdout, sys.stderr = collector.stream("stdout"), collector.stream("stderr")
    try:
        shell.events.trigger("pre_execute")
        code = shell.transform_cell(source)
        tree = ast.parse(code, filename=name)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        if last is not None and shell.displayhook.semicolon_at_end_of_expression(code):
            tree.body.append(last)  # ``x;``: run, show nothing (as IPython does)
            last = None
        ns = shell.user_ns
        exec(compile(tree, name, "exec"), ns)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), name, "eval"), ns)
            if value is not None:
                data, metadata = shell.display_formatter.format(value)
                collector.outputs.append(
                    {
                        "output_type": "execute_result",
                        "execution_count": count,
                        "data": _clean(data),
                        "metadata": metadata,
                    }
                )
        shell.events.trigger("post_execute")  # e.g. matplotlib's inline backend shows figures
        error = None
    except Exception as e:  # the job fails; the parent runs it again cell by cell
        error = (type(e).__name__, str(e))
    finally:
        shell.display_pub, sys.stdout, sys.stderr = saved
    return collector.outputs, error


def run_jobs(chunk):
    """Run several jobs of one notebook in this one request, each from the clean state.

    ``chunk`` is ``{"cells": [[index, source], ...], "jobs": [{"name", "parameters",
    "at"}, ...]}``: the code cells of the parameterised notebook, the job's injected
    parameters cell (source ``parameters``, at index ``at``) among them. After each job the
    kernel is reset (:func:`reset`) and one ``display_data`` of :data:`JOB_MIME` carries the
    job's record (JSON text): per cell index its execution count, outputs and times; or the
    first error, after which the job's remaining cells do not run (the parent runs a failed
    job again cell by cell, for the error exactly as a single run shows it).
    """
    import json
    import time

    from IPython import get_ipython
    from IPython.display import publish_display_data

    shell = get_ipython()
    for job in chunk["jobs"]:
        started = time.perf_counter()
        cells, error, count = {}, None, 0
        try:
            for index, source in chunk["cells"]:
                if index == job["at"]:
                    source = job["parameters"]
                if not source.strip():
                    continue
                count += 1
                began = _now()
                outputs, error = _run_cell(shell, source, count, f"<cell {index}>")
                cells[index] = {"count": count, "outputs": outputs, "start": began, "end": _now()}
                if error is not None:
                    cells[index]["error"] = error
                    break
        finally:
            reset()
        record = {
            "name": job["name"],
            "cells": cells,
            "failed": error is not None,
            "seconds": time.perf_counter() - started,
        }
        publish_display_data({JOB_MIME: json.dumps(record)})
