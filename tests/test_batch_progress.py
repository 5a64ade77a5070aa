"""The progress bar: quiet when stderr is not a terminal, shown on a terminal (a pty)."""

from __future__ import annotations

import io
import os
import sys

import pytest

from workbench.batch.engines import FAILED, OK, JobResult
from workbench.batch.progress import Progress


def test_quiet_when_stderr_is_not_a_terminal(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    with Progress(2) as bar:
        bar.update(JobResult("a", OK))
        bar.update(JobResult("b", FAILED))
    assert stream.getvalue() == ""
    assert (bar.done, bar.failed) == (2, 1)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_shown_on_a_terminal(monkeypatch):
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    with os.fdopen(slave, "w", encoding="utf-8") as terminal:
        monkeypatch.setattr(sys, "stderr", terminal)
        assert sys.stderr.isatty()
        with Progress(2) as bar:
            bar.update(JobResult("a", OK))
            bar.update(JobResult("b", FAILED))
        terminal.flush()
        shown = _drain(master)
    os.close(master)
    assert "batch" in shown and "2/2" in shown and "gagal=1" in shown


def test_forced_off_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    with Progress(1, enabled=False) as bar:
        bar.update(JobResult("a", OK))
    assert stream.getvalue() == ""


def _drain(fd: int) -> str:
    """Everything written to the terminal so far (the pty holds it; no waiting)."""
    os.set_blocking(fd, False)
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except (BlockingIOError, OSError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")
