"""Kernel managers shared by the runner and the batch engines.

Kernels talk to us over local IPC sockets instead of TCP: nothing listens on a
network port, and ipykernel's "running over TCP without encryption" warning
(shown to every user on every run) does not apply.
"""

from __future__ import annotations

from jupyter_client.manager import AsyncKernelManager, KernelManager


class IPCAsyncKernelManager(AsyncKernelManager):
    """AsyncKernelManager (what papermill/nbclient use) on IPC transport."""

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        super().__init__(**kwargs)


class IPCKernelManager(KernelManager):
    """Blocking KernelManager on IPC transport (for long-lived warm kernels)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        super().__init__(**kwargs)
