"""The Voilà command line ``workbench app`` / ``make app`` runs (:func:`voila_args`).

- Bound to 127.0.0.1 unless an address is given; any other address requires a token
  (Jupyter server's own identity provider: the page and the kernel API refuse requests
  without it), given or generated (:func:`token_for`).
- Serves ``notebooks/app.ipynb`` only: ``root_dir`` is ``notebooks/`` and the file allowlist
  is empty, so ``/voila/files`` serves nothing (it is not covered by the token; documents are
  handed over by the kernel as data links, :mod:`workbench.app.links`).
- Uploads up to :data:`~workbench.limits.MAX_APP_UPLOAD_BYTES` per message (Voilà's default
  10 MiB silently drops a bigger one); every file is then held to docs/limits.md by the app.
- Each page load gets its own kernel; an idle kernel of a closed page is culled.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from pathlib import Path

from workbench.limits import MAX_APP_UPLOAD_BYTES

NOTEBOOK = "app.ipynb"
DEFAULT_PORT = 8866
DEFAULT_IP = "127.0.0.1"
#: A kernel without any connection for this long is shut down (seconds), and how often
#: that is checked.
CULL_IDLE_SECONDS = 300
CULL_INTERVAL_SECONDS = 60
TOKEN_ENV = "WORKBENCH_APP_TOKEN"
#: The output folder ``workbench app --out`` chose, handed to every kernel of the server at
#: its start (set once, in the server's environment; never changed while it runs).
OUT_ENV = "WORKBENCH_APP_OUT"


def is_loopback(ip: str) -> bool:
    """True for 127.0.0.1, ::1 and ``localhost``."""
    if ip == "localhost":
        return True
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


def token_for(ip: str, token: str | None) -> str | None:
    """The token the server requires: none on a loopback address unless given; otherwise
    the one given (``--token`` or ``WORKBENCH_APP_TOKEN``), else a new random one."""
    token = token or os.environ.get(TOKEN_ENV) or None
    if token is None and not is_loopback(ip):
        token = secrets.token_urlsafe(24)
    return token


def voila_args(
    port: int = DEFAULT_PORT,
    ip: str = DEFAULT_IP,
    token: str | None = None,
    notebooks: Path | None = None,
) -> list[str]:
    """The arguments after ``voila`` (see the module docstring)."""
    from workbench.paths import NOTEBOOKS_DIR

    folder = Path(notebooks or NOTEBOOKS_DIR)
    args = [
        str(folder / NOTEBOOK),
        "--no-browser",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.ip={ip}",
        f"--Voila.root_dir={folder}",
        "--VoilaConfiguration.file_allowlist=[]",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--Voila.tornado_settings={{'websocket_max_message_size': {MAX_APP_UPLOAD_BYTES}}}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        "--theme=light",
    ]
    args.append(f"--token={token}" if token else "--Voila.token=")
    return args


def server_command(args: list[str]) -> list[str]:
    """The server's command line: this Python running :func:`main` (Voilà, faster start)."""
    return [sys.executable, "-m", "workbench.app.serve", *args]


def main(argv: list[str] | None = None) -> None:
    """Run Voilà with ``argv``, without ``rfc3987_syntax``: jsonschema imports it for the
    ``iri`` format, which no Jupyter schema uses, and it compiles ~35 Lark parsers at import
    (~1.8 CPU s of the server's ~2.7 s start on this machine; jupyter_server#1559). Without
    it jsonschema simply does not check that one format."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    from voila.app import main as voila_main

    sys.argv = ["voila", *(sys.argv[1:] if argv is None else argv)]
    voila_main()


if __name__ == "__main__":
    main()


def url(port: int, ip: str, token: str | None) -> str:
    host = f"[{ip}]" if ":" in ip else ip
    return f"http://{host}:{port}/" + (f"?token={token}" if token else "")
