"""What the CLI prints shows control characters, never sends them to the terminal.

A file name, a cell or a name from a user's file can hold an ANSI escape (``\\x1b[2J`` clears
the screen, ``\\x1b]8;;…`` plants a link, ``\\x1b[31m`` recolours what follows), another C0 or
C1 control (``\\r`` overwrites the line) or a bidi control (``U+202E`` shows ``gpj.exe`` as
``exe.jpg``). Messages, warnings and results reach the terminal through ``sys.stdout`` and
``sys.stderr``; for the duration of a command both are wrapped (:func:`visible_output`) so
each such character is written as its escape, ``\\x1b``, ``\\r``, ``\\u202e``. Newline and tab
pass. One place for every message: ``click.echo``, ``print``, warnings and tracebacks alike.

The progress bar (tqdm, counts only: no user text) writes to :attr:`VisibleStream.unfiltered`,
since it redraws its line with ``\\r``.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from typing import Iterator, TextIO

#: C0 controls but newline and tab, DEL, C1 controls, the bidi controls (marks, embeddings,
#: overrides, isolates), and lone surrogates (a file name's undecodable bytes, which a UTF-8
#: terminal stream could not even encode).
CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character written as its escape (``\\x1b``, ``\\u202e``);
    a Windows line end (``\\r\\n``) stays a line end."""
    return CONTROL.sub(_escape, text.replace("\r\n", "\n"))


class VisibleStream(io.TextIOBase):
    """A text stream that writes :func:`visible` text to ``stream``. It has no ``buffer``
    (click then writes text through it, never bytes around it)."""

    def __init__(self, stream: TextIO):
        self.unfiltered = stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.unfiltered.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self.unfiltered.flush()

    def isatty(self) -> bool:
        return self.unfiltered.isatty()

    def fileno(self) -> int:
        return self.unfiltered.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.unfiltered, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.unfiltered, "errors", None)


@contextlib.contextmanager
def visible_output() -> Iterator[None]:
    """Wrap ``sys.stdout`` and ``sys.stderr`` in :class:`VisibleStream` meanwhile (once:
    nested calls keep the outer wrapping)."""
    if isinstance(sys.stdout, VisibleStream) and isinstance(sys.stderr, VisibleStream):
        yield
        return
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(out), VisibleStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def unfiltered(stream: TextIO) -> TextIO:
    """The stream under a :class:`VisibleStream` (``stream`` itself otherwise)."""
    return getattr(stream, "unfiltered", stream)
