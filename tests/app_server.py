"""Start the web app the way ``make app`` does, for tests and bench/app.py (not a test module).

The command is read from the Makefile (``make -n app``: printed, not run), so a change to the
``app`` recipe is what the tests exercise. Added only what a test needs: a free port and an
output folder of its own (``--out``).
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from lab_server import free_port  # one free-port helper for both servers

from workbench.paths import PROJECT_ROOT


def app_command(port: int) -> list[str]:
    """``make app PORT=port``'s command (``.venv/bin/workbench app --port N``)."""
    printed = subprocess.run(
        ["make", "-s", "-n", "app", f"PORT={port}"],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (line,) = [ln for ln in printed.splitlines() if "workbench app" in ln]
    words = shlex.split(line)
    exe = PROJECT_ROOT / words[0] if not Path(words[0]).is_absolute() else Path(words[0])
    return [str(exe), *words[1:]]


@dataclass
class App:
    process: subprocess.Popen
    url: str
    out: Path
    log: Path
    started: float  # time.monotonic() when the process was spawned

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the server and its kernels
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)


def start_app(out: Path, log: Path, timeout: float = 120, extra: tuple[str, ...] = ()) -> App:
    """``make app``'s command on a free port writing into ``out`` (``extra``: further
    ``workbench app`` options); waits until it answers."""
    port = free_port()
    out.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as sink:
        started = time.monotonic()
        process = subprocess.Popen(
            [*app_command(port), "--out", str(out), *extra],
            cwd=PROJECT_ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends the kernels too
        )
    app = App(process, f"http://127.0.0.1:{port}/", out, log, started)
    wait_until_listening(app, timeout)
    return app


def wait_until_listening(app: App, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", int(app.url.rsplit(":", 1)[1][:-1])), 1):
                return
        except OSError:
            if app.process.poll() is not None or time.monotonic() > deadline:
                app.stop()
                raise RuntimeError("the app did not start:\n" + app.log.read_text()) from None
            time.sleep(0.1)


def fetch(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def status(url: str) -> int:
    """The HTTP status of ``url`` as the server answers it (redirects not followed)."""
    import urllib.error

    try:
        with urllib.request.build_opener(_NoRedirect).open(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
