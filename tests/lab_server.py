"""Start JupyterLab the way ``make lab`` does, for tests (not a test module).

The command is read from the Makefile (``make -n lab``: printed, not run), so a change to the
``lab`` recipe is what the tests exercise. The test adds only what a test needs: a free port,
a token, no browser, and a root folder of its own (a copy of the notebooks in ``tmp_path``);
Jupyter's runtime, workspace and IPython folders go to ``tmp_path`` as well.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from workbench.paths import PROJECT_ROOT


def lab_command() -> list[str]:
    """``make lab``'s ``jupyter lab ...`` arguments (after the ``jupyter`` executable)."""
    printed = subprocess.run(
        ["make", "-s", "-n", "lab"], cwd=PROJECT_ROOT, check=True, capture_output=True, text=True
    ).stdout
    (line,) = [ln for ln in printed.splitlines() if "jupyter lab" in ln]
    words = shlex.split(line)
    start = next(i for i, w in enumerate(words) if Path(w).name == "jupyter")
    return words[start + 1 :]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    process: subprocess.Popen
    url: str
    token: str
    root: Path
    log: Path

    def api(self, method: str, path: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.url}api/{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
        return json.loads(text) if text else {}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)


def copy_project_notebooks(root: Path) -> Path:
    """``root/notebooks``: a copy of the project's notebooks, committed in a new git repo at
    ``root`` with the project's ``.gitignore`` (so ``git status`` there tells whether a save
    changed them, as it would in the checkout)."""
    shutil.copytree(
        PROJECT_ROOT / "notebooks",
        root / "notebooks",
        ignore=shutil.ignore_patterns(".ipynb_checkpoints"),
    )
    shutil.copyfile(PROJECT_ROOT / ".gitignore", root / ".gitignore")
    git(root, "init", "-q")
    git(root, "add", "notebooks", ".gitignore")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "notebooks")
    return root / "notebooks"


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def start_lab(root: Path, home: Path, timeout: float = 90, extra: tuple[str, ...] = ()) -> Lab:
    """Start ``make lab``'s command serving ``root``; wait until it answers. ``extra``: further
    arguments a test needs (e.g. the browser tests' ``--LabApp.expose_app_in_browser``)."""
    token, port = secrets.token_hex(16), free_port()
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "MPLCONFIGDIR": str(home / "mpl"),
    }
    args = [
        *lab_command(),
        "--no-browser",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        f"--LabApp.user_settings_dir={home / 'settings'}",
        *extra,
    ]
    if os.geteuid() == 0 and "--allow-root" not in args:
        args.append("--allow-root")
    log = home / "lab.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyter", *args],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    lab = Lab(process, f"http://127.0.0.1:{port}/", token, root, log)
    deadline = time.monotonic() + timeout
    while True:
        try:
            lab.api("GET", "status")
            return lab
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                lab.stop()
                raise RuntimeError("JupyterLab did not start:\n" + log.read_text()) from None
            time.sleep(0.3)
