"""Shared test fixtures, markers and Hypothesis profiles.

Markers (pyproject.toml): ``kernel`` (starts a Jupyter kernel, in-process or through the
CLI), ``soffice`` (LibreOffice), ``browser`` (Chromium), ``server`` (JupyterLab or Voilà);
each also gets ``slow``. ``make check`` runs ``-m "not slow"``: nothing that starts any of
them. Tests that use the ``soffice`` fixture, a browser fixture or the shared demo run are
marked here; the others say it themselves (``pytestmark``). A test without ``kernel`` that
starts a kernel in this process, or without ``soffice``/``browser``/``server`` that starts
one of those, fails saying which marker it lacks, unless it is marked ``slow`` (so
``make check`` stays free of them; a CLI child's own kernel is not seen here).

Hypothesis: the ``dev`` profile (default) runs few examples; ``HYPOTHESIS_PROFILE=ci``
(``.ci/run``) runs each property test with its full count (:func:`hypothesis_examples.examples`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from workbench.paths import PROJECT_ROOT, SAMPLE_MEETING_DIR

settings.register_profile("dev", max_examples=15, deadline=None)
settings.register_profile("ci", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

HEAVY = ("kernel", "soffice", "browser", "server")
# Fixtures whose use makes a test need LibreOffice, Chromium, or the shared demo run.
FIXTURE_MARKERS = {
    "soffice": "soffice",
    "chromium": "browser",
    "browser": "browser",
    "page": "browser",
    "plain_browser": "browser",
    "new_context": "browser",
    "playwright_driver": "browser",
    "demo": "kernel",
    "lab": "server",
}


# pytest-xdist (`make test`: -n 2 --dist loadfile) runs each group on one worker: a test
# file (its module fixtures start once), and these folders and files as one group each.
# The browser tests and test_lab_save share one JupyterLab server (``lab``) and one Chromium.
XDIST_GROUPS = {"tests/browser/": "browser", "tests/test_lab_save.py": "browser"}


def xdist_group(nodeid: str) -> str:
    path = nodeid.split("::")[0]
    return next((g for prefix, g in XDIST_GROUPS.items() if path.startswith(prefix)), path)


class XdistGroups:
    """Registered only when pytest-xdist is installed (an unknown hook would stop pytest
    without it, e.g. ``-p no:xdist``)."""

    def pytest_xdist_make_scheduler(self, config, log):
        """``--dist loadfile`` with :data:`XDIST_GROUPS` (pytest-xdist's ``loadgroup`` marks
        groups by renaming node ids, which pytest 9.2 no longer allows)."""
        if config.getvalue("dist") != "loadfile":
            return None
        from xdist.scheduler import LoadScopeScheduling

        class GroupedFiles(LoadScopeScheduling):
            def _split_scope(self, nodeid: str) -> str:
                return xdist_group(nodeid)

        return GroupedFiles(config, log)


def pytest_configure(config):
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(XdistGroups(), "workbench-xdist-groups")


def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture, marker in FIXTURE_MARKERS.items():
            if fixture in item.fixturenames:
                item.add_marker(marker)
        if any(item.get_closest_marker(m) for m in HEAVY):
            item.add_marker("slow")


_allowed: set[str] = set(HEAVY)


def _what_starts(argv) -> str | None:
    """The marker a process needs (``argv`` as given to Popen), or None."""
    words = [str(w) for w in (argv if isinstance(argv, (list, tuple)) else str(argv).split())]
    names = [os.path.basename(w) for w in words[:4]]
    if "ipykernel_launcher" in words or "ipykernel" in words:
        return "kernel"
    if any(
        n.startswith(("soffice", "libreoffice")) and _real_soffice(w) for n, w in zip(names, words)
    ):
        return "soffice"
    if any(n.startswith("chrom") for n in names):
        return "browser"
    if "jupyter" in names and "lab" in words or "workbench.app.serve" in words:
        return "server"
    return None


def _real_soffice(program: str) -> bool:
    """Whether ``program`` is the installed LibreOffice (not a test's stand-in script)."""
    from workbench.pdf import find_soffice

    found, real = shutil.which(program), find_soffice()
    return bool(found and real) and os.path.realpath(found) == os.path.realpath(real)


_popen_init = subprocess.Popen.__init__


def _guarded_init(self, args, *more, **kwargs):
    needed = _what_starts(args)
    if needed is not None and needed not in _allowed:
        raise AssertionError(
            f"this test starts {args!r} without @pytest.mark.{needed} (tests/conftest.py)"
        )
    return _popen_init(self, args, *more, **kwargs)


subprocess.Popen.__init__ = _guarded_init  # type: ignore[method-assign]


def _set_allowed(item) -> None:
    _allowed.clear()
    if item.get_closest_marker("slow"):
        _allowed.update(HEAVY)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    _set_allowed(item)
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    _set_allowed(item)
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    _allowed.update(HEAVY)  # session fixtures end here (servers, browsers stop)
    return (yield)


@pytest.fixture(autouse=True)
def lazy_kernel(request, monkeypatch):
    """Outside ``slow`` tests, the commands' early kernel starts only when used
    (tests/lazy_kernel.py)."""
    if not request.node.get_closest_marker("slow"):
        from lazy_kernel import LazyStartedKernel

        monkeypatch.setattr("workbench.runner.StartedKernel", LazyStartedKernel)


@pytest.fixture(autouse=True, scope="session")
def template_kinds() -> tuple[str, ...]:
    """Every domain's template kinds registered in :mod:`workbench.template_check`, as the
    CLI registers them (tests call the registry's functions directly)."""
    from workbench.cli import load_template_kinds

    return load_template_kinds()


@pytest.fixture
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture
def sample_meeting_dir() -> Path:
    return SAMPLE_MEETING_DIR


@pytest.fixture
def soffice() -> str:
    """The LibreOffice executable, or skip with the reason (CI installs it: .ci/run)."""
    from workbench.pdf import find_soffice

    path = find_soffice()
    if path is None:
        pytest.skip(
            "LibreOffice (soffice) tidak terpasang; .ci/run memasang libreoffice-writer-nogui"
        )
    return path


@pytest.fixture
def pdftotext() -> str:
    path = shutil.which("pdftotext")
    if path is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang; .ci/run memasangnya")
    return path


# ----------------------------------------------------------------------------- shared runs
@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """The session's one JupyterLab server, started as ``make lab`` starts it
    (tests/lab_server.py), serving a git copy of ``notebooks/``; with
    ``--LabApp.expose_app_in_browser`` for the browser tests. A test that edits a notebook
    or adds a file undoes it (the tests check ``git status`` of its root)."""
    from lab_server import copy_project_notebooks, start_lab

    root = tmp_path_factory.mktemp("proyek")
    copy_project_notebooks(root)
    home = tmp_path_factory.mktemp("jupyter")
    # no "get notified about Jupyter news?" toast (and no request for the news)
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    server = start_lab(root, home, extra=("--LabApp.expose_app_in_browser=True",))
    try:
        yield server
    finally:
        server.stop()
    assert server.process.returncode is not None


def shared_once(tmp_path_factory, name: str, make) -> tuple[Path, dict]:
    """``make(folder)`` run once per test session, even with pytest-xdist workers: the first
    worker that needs it runs it under a file lock in the session's base temp folder (shared
    by the workers); the others wait for it and read the same folder. ``make`` returns a
    JSON-able dict, returned with the folder. A failed run is retried by the next user."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # .../pytest-N/popen-gw0 -> .../pytest-N
    folder, done = base / name, base / f"{name}.json"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            done.write_text(json.dumps(make(folder)), encoding="utf-8")
    return folder, json.loads(done.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Demo:
    """The sample meeting's run as ``make demo`` makes it (tests/conftest.py ``demo``).

    ``out``: the ``--out`` folder; ``minutes``: its meeting folder (notula, daftar hadir,
    with their PDFs when LibreOffice is installed: ``pdf``); ``news``: ``minutes/berita``;
    ``results``: each command's ``returncode``, ``stdout``, ``stderr``; ``before_news``:
    the meeting folder's files and their mtimes (ns) between ``minutes`` and ``news``.
    Read-only: a test that changes files copies them first.
    """

    out: Path
    minutes: Path
    news: Path
    pdf: bool
    results: dict
    before_news: dict


DEMO_RECORD = SAMPLE_MEETING_DIR / "meeting.yaml"
DEMO_ATTENDANCE = (
    SAMPLE_MEETING_DIR / "zoom-peserta.csv",
    SAMPLE_MEETING_DIR / "peserta-internal.csv",
)


def _run_demo(out: Path) -> dict:
    import sys

    from workbench.pdf import find_soffice

    def cli(*args: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "workbench", *args], capture_output=True, text=True
        )
        return {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}

    attendance = [w for path in DEMO_ATTENDANCE for w in ("-a", str(path))]
    pdf = find_soffice() is not None
    results = {
        "minutes": cli(
            "minutes", str(DEMO_RECORD), *attendance, "--out", str(out), *(["--pdf"] * pdf)
        )
    }
    folders = [p for p in out.iterdir() if p.is_dir()]
    before = {p.name: p.stat().st_mtime_ns for p in folders[0].iterdir() if p.is_file()}
    results["news"] = cli("news", str(DEMO_RECORD), *attendance, "--out", str(out))
    return {
        "minutes": str(folders[0]) if len(folders) == 1 else "",
        "pdf": pdf,
        "results": results,
        "before_news": before,
    }


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Demo:
    """The sample meeting's minutes (``--pdf`` when LibreOffice is installed) and news,
    made once per session by the real CLI (real kernels; shared by xdist workers)."""
    out, made = shared_once(tmp_path_factory, "demo", _run_demo)
    for command, result in made["results"].items():
        assert result["returncode"] == 0, f"{command}: {result['stderr']}"
    minutes = Path(made["minutes"])
    return Demo(
        out,
        minutes,
        minutes / "berita",
        made["pdf"],
        made["results"],
        made["before_news"],
    )
