"""A progress bar on stderr (tqdm): jobs done, failures, rate, ETA.

Quiet when stderr is not a terminal (CI logs, pipes), unless forced.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from workbench.batch.engines import FAILED, JobResult


class Progress:
    """Thread-safe job counter with an optional tqdm bar.

    Parameters
    ----------
    total:
        Number of jobs that will run.
    enabled:
        ``True``/``False`` to force; ``None``: on when stderr is a terminal.
    """

    def __init__(self, total: int, enabled: bool | None = None):
        self.failed = 0
        self.done = 0
        self._lock = threading.Lock()
        show = sys.stderr.isatty() if enabled is None else enabled
        self._bar: Any = None
        if show:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                # the CLI shows control characters as escapes; the bar (counts only) redraws
                # its line with \r, so it writes under that filter (workbench/cli/visible.py)
                file=getattr(sys.stderr, "unfiltered", sys.stderr),
                unit="pekerjaan",
                desc="batch",
                dynamic_ncols=True,
            )
            self._bar.set_postfix(gagal=0)

    def update(self, result: JobResult) -> None:
        with self._lock:
            self.done += 1
            if result.status == FAILED:
                self.failed += 1
            if self._bar is not None:
                self._bar.set_postfix(gagal=self.failed, refresh=False)
                self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
