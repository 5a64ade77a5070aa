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
