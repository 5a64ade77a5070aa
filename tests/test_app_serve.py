"""workbench/app/serve.py and ``workbench app``: 127.0.0.1 without a token, any other address
only with one; no files served; uploads up to the app's bound."""

from __future__ import annotations

import pytest

from workbench.app import serve
from workbench.limits import MAX_APP_UPLOAD_BYTES


def test_loopback_needs_no_token(monkeypatch):
    monkeypatch.delenv(serve.TOKEN_ENV, raising=False)
    assert serve.token_for("127.0.0.1", None) is None
    args = serve.voila_args(8866, "127.0.0.1", None)
    assert "--Voila.ip=127.0.0.1" in args and "--Voila.token=" in args


@pytest.mark.parametrize("ip", ["0.0.0.0", "192.168.1.20", "::"])
def test_other_address_always_has_a_token(monkeypatch, ip):
    monkeypatch.delenv(serve.TOKEN_ENV, raising=False)
    token = serve.token_for(ip, None)
    assert token and len(token) >= 24
    assert f"--token={token}" in serve.voila_args(8866, ip, token)
    monkeypatch.setenv(serve.TOKEN_ENV, "rahasia-kantor")
    assert serve.token_for(ip, None) == "rahasia-kantor"
    assert serve.token_for(ip, "diberikan") == "diberikan"


def test_serves_only_the_app_notebook_and_no_files():
    args = serve.voila_args()
    assert args[0].endswith("notebooks/app.ipynb")
    assert "--VoilaConfiguration.file_allowlist=[]" in args
    assert any(str(MAX_APP_UPLOAD_BYTES) in a for a in args)
    assert "--VoilaConfiguration.show_tracebacks=False" in args


def test_url():
    assert serve.url(8866, "127.0.0.1", None) == "http://127.0.0.1:8866/"
    assert serve.url(8900, "::", "t") == "http://[::]:8900/?token=t"


def test_server_runs_voila_without_the_slow_iri_grammar():
    """The server is this Python running serve.main (Voilà without rfc3987_syntax)."""
    import subprocess
    import sys

    command = serve.server_command(["--help"])
    assert command[:3] == [sys.executable, "-m", "workbench.app.serve"]
    code = (
        "import sys; from workbench.app import serve\n"
        "try:\n    serve.main(['--version'])\nexcept SystemExit: pass\n"
        "print('rfc3987_syntax' in sys.modules and sys.modules['rfc3987_syntax'] is None)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_token_server_refuses_requests_without_it(tmp_path):
    """``workbench app --token``: the page and the kernel API need the token (a login
    redirect without it); no file is served either way."""
    import sys

    from workbench.paths import PROJECT_ROOT

    sys.path.insert(0, str(PROJECT_ROOT / "tests"))
    from app_server import start_app, status

    app = start_app(tmp_path / "reports", tmp_path / "app.log", extra=("--token", "rahasia-uji"))
    try:
        assert status(app.url) == 302 and status(app.url + "api/kernels") in (302, 403)
        assert status(app.url + "?token=rahasia-uji") == 200
        assert status(app.url + "voila/files/app.ipynb?token=rahasia-uji") == 403
    finally:
        app.stop()
