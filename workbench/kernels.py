"""Kernel managers shared by the runner and the batch engines.

Kernels talk to us over local IPC sockets instead of TCP: nothing listens on a
network port, and ipykernel's "running over TCP without encryption" warning
(shown to every user on every run) does not apply. Each manager gets its own
socket path prefix in Jupyter's runtime folder, so concurrent kernels (a warm
pool, several users) never collide and nothing is written next to notebooks.

Every kernel the workbench starts (a single run, the batch engines) is started with
:func:`quick_kernel_manager`: ready as soon as it answers (no 0.2 s IOPub flush) and
stopped quickly (5 ms polls after the kill); :func:`skip_slow_optional_import` keeps
nbformat's jsonschema from building a grammar it never uses (~1.3 s per process).

Private APIs of jupyter_client used here (pinned with an upper bound in pyproject.toml):
``KernelManager._async_launch_kernel``, ``KernelManager._async_wait``,
``KernelClient._async_is_alive``, ``KernelClient._handle_kernel_info_reply``.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from functools import lru_cache

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


def kernel_manager(
    log_path: str | os.PathLike | None = None, base: type = IPCAsyncKernelManager
) -> type:
    """``base`` (default :class:`IPCAsyncKernelManager`), or, with ``log_path``, a subclass
    whose kernel process writes its stdout/stderr to that file (appended; its folder is
    created).

    For kernels started for us (papermill, nbclient): ipykernel's own messages (e.g.
    "KeyboardInterrupt caught in kernel" on shutdown) go to the log, not to the terminal
    of a user who cannot act on them.
    """
    if log_path is None:
        return base
    log_file = os.path.abspath(log_path)
    os.makedirs(os.path.dirname(log_file), exist_ok=True)

    class LoggingKernelManager(base):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            from workbench.atomic import open_regular

            # never through a planted link, never into a FIFO/device (O_NOFOLLOW, regular)
            fd = open_regular(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            with os.fdopen(fd, "ab") as log:  # the kernel process keeps its own handle
                kw.setdefault("stdout", log)
                kw.setdefault("stderr", log)
                await super()._async_launch_kernel(kernel_cmd, **kw)

    return LoggingKernelManager


def skip_slow_optional_import() -> None:
    """Don't let nbformat's jsonschema import ``rfc3987_syntax`` (~1.3 s of grammar building).

    jsonschema imports it only to check IRI formats, which notebook schemas do not use, and
    treats it as optional (an ``ImportError`` switches those format checks off). Called by
    the code that imports papermill/nbformat (:func:`workbench.runner.execute`,
    :func:`workbench.batch.notebook.load_notebook`); no effect once the module is imported.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def quick_kernel_manager() -> type:
    """The IPC kernel manager, polling every 5 ms (not 100 ms) for a killed kernel to exit,
    whose clients are :func:`quick_ready_client`.

    jupyter_client sleeps one 0.1 s poll interval after killing a kernel even
    though it is gone within milliseconds. Meant for ``shutdown_kernel="immediate"``:
    the kernel is killed once its last cell has replied (nothing is left to flush:
    nbclient has waited for every cell's outputs).
    """

    class QuickStopKernelManager(IPCAsyncKernelManager):
        client_factory = quick_ready_client()

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            #: every client made for this kernel; nbclient stops only the clients of
            #: kernels it owns, so the owner of a kernel given to it stops them
            self.clients_made: list = []

        def client(self, **kwargs):
            client = super().client(**kwargs)
            self.clients_made.append(client)
            return client

        async def _async_wait(self, pollinterval: float = 0.1) -> None:
            await super()._async_wait(pollinterval=min(pollinterval, 0.005))

    return QuickStopKernelManager


@lru_cache(maxsize=1)
def quick_ready_client() -> type:
    """The async kernel client, ready as soon as the kernel answers (no 0.2 s IOPub flush).

    jupyter_client's ``wait_for_ready`` ends by reading IOPub until it has been
    silent for 0.2 s, to drop stale messages: 0.2 s of idle wall time on every
    kernel start. Stale messages are harmless here (nbclient and the warm
    kernel only read messages whose parent is their own request), so this
    keeps the rest: ``kernel_info`` until a reply, and one IOPub message after
    it, which proves the IOPub subscription is connected (else it retries).
    """
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient

    class QuickReadyKernelClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while True:
                self.kernel_info()
                try:
                    msg = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    pass
                else:
                    if msg["msg_type"] == "kernel_info_reply":
                        try:
                            await self.iopub_channel.get_msg(timeout=0.2)
                        except Empty:
                            pass  # IOPub not connected yet: ask again
                        else:
                            self._handle_kernel_info_reply(msg)
                            return
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")

    return QuickReadyKernelClient
