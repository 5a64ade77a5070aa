"""Kernel managers shared by the runner and the batch engines.

Kernels talk to us over local IPC sockets instead of TCP: nothing listens on a
network port, and ipykernel's "running over TCP without encryption" warning
(shown to every user on every run) does not apply. Each manager gets its own
socket path prefix in Jupyter's runtime folder, so concurrent kernels (a warm
pool, several users) never collide and nothing is written next to notebooks.
"""

from __future__ import annotations

import os
import uuid

from jupyter_client.manager import AsyncKernelManager


def _ipc_kwargs(kwargs: dict) -> dict:
    from jupyter_core.paths import jupyter_runtime_dir

    runtime = jupyter_runtime_dir()
    os.makedirs(runtime, exist_ok=True)
    kwargs.setdefault("transport", "ipc")
    kwargs.setdefault("ip", os.path.join(runtime, f"wb-{uuid.uuid4().hex[:12]}"))
    return kwargs


class IPCAsyncKernelManager(AsyncKernelManager):
    """AsyncKernelManager (what papermill/nbclient use) on IPC transport."""

    def __init__(self, **kwargs):
        super().__init__(**_ipc_kwargs(kwargs))


def kernel_manager(log_path: str | os.PathLike | None = None,
                   base: type = IPCAsyncKernelManager) -> type:
    """``base`` (default :class:`IPCAsyncKernelManager`), or, with ``log_path``, a subclass
    whose kernel process writes its stdout/stderr to that file (appended; its folder is
    created).

    For kernels started for us (papermill, nbclient): ipykernel's own messages (e.g.
    "KeyboardInterrupt caught in kernel" on shutdown) go to the log, not to the terminal
    of a user who cannot act on them.
    """
    if log_path is None:
        return base
    os.makedirs(os.path.dirname(os.path.abspath(log_path)), exist_ok=True)

    class LoggingKernelManager(base):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            with open(log_path, "ab") as log:   # the kernel process keeps its own handle
                kw.setdefault("stdout", log)
                kw.setdefault("stderr", log)
                await super()._async_launch_kernel(kernel_cmd, **kw)

    return LoggingKernelManager
