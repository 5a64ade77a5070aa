"""A command's early kernel, started only when used (not a test module).

The commands start the notebook's kernel first and validate their inputs while it boots
(:class:`workbench.runner.StartedKernel`); a test of bad input (exit 2 before anything is
written) never uses that kernel. Tests not marked ``slow`` get :class:`LazyStartedKernel`
instead (tests/conftest.py ``lazy_kernel``): bad input starts nothing, and a run that does
need the kernel starts it then (and the marker guard of tests/conftest.py fails the test).
``python tests/lazy_kernel.py ARGS`` is ``workbench ARGS`` in a child process with the same
lazy kernel. ``tests/test_kernel_cleanup.py`` tests the real early start and its stop.
"""

from __future__ import annotations

import sys

from workbench.runner import StartedKernel  # the real one, before any test replaces it


class LazyStartedKernel:
    """:class:`workbench.runner.StartedKernel` that starts its kernel when first used."""

    def __init__(self, **kwargs):
        object.__setattr__(self, "_kwargs", kwargs)
        object.__setattr__(self, "_kernel", None)

    def _started(self):
        if self._kernel is None:
            object.__setattr__(self, "_kernel", StartedKernel(**self._kwargs))
        return self._kernel

    def __getattr__(self, name):
        return getattr(self._started(), name)

    def __setattr__(self, name, value):
        setattr(self._started(), name, value)

    def stop(self) -> None:
        if self._kernel is not None:
            self._kernel.stop()

    def close(self) -> None:
        if self._kernel is not None:
            self._kernel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def main() -> None:
    """``workbench`` with the lazy kernel (for bad-input tests that need a child process)."""
    import workbench.runner
    from workbench.cli import main as cli

    workbench.runner.StartedKernel = LazyStartedKernel  # type: ignore[misc]
    sys.argv[0] = "workbench"
    cli()


if __name__ == "__main__":
    main()
