"""`workbench templates check` through the CLI's entry point, in this process (``main``: the
exit code it exits with, what it prints); one run as a child process checks the exit code
as the shell sees it."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys

import pytest
from test_template_check import FIXTURES, TEMPLATES, without_tindak_lanjut

from workbench.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """``workbench templates check ARGS`` by :func:`workbench.cli.main` in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        with pytest.raises(SystemExit) as exited:
            main(["templates", "check", *args])
    code = exited.value.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def run_child(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "templates", "check", *args],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("name", ["notula.docx", "daftar-hadir.docx"])
def test_shipped_templates_pass(name):
    result = run_cli(str(TEMPLATES / name))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Templat baik" in result.stdout


def test_unknown_tag_exits_2_and_names_it():
    result = run_child(str(FIXTURES / "notula-tag-asing.docx"))
    assert result.returncode == 2
    assert "GALAT: tag 'nama_kepala'" in result.stdout
    assert "templat berisi 1 galat" in result.stderr


def test_missing_variable_warns_and_exits_0(tmp_path):
    template = without_tindak_lanjut(tmp_path / "notula-kantor.docx")
    result = run_cli(str(template))
    assert result.returncode == 0, result.stderr
    assert "PERINGATAN: variabel 'tindak_lanjut'" in result.stdout
    assert "0 galat, 1 peringatan" in result.stdout


def test_broken_tag_exits_2_with_the_paragraph():
    result = run_cli(str(FIXTURES / "notula-tag-rusak.docx"))
    assert result.returncode == 2
    assert "sintaks tag templat salah" in result.stdout
    assert "{{ rapat.judul" in result.stdout


def test_jenis_option_overrides_the_file_name(tmp_path):
    shutil.copy(TEMPLATES / "daftar-hadir.docx", tmp_path / "templat.docx")
    assert run_cli(str(tmp_path / "templat.docx")).returncode == 2  # cannot guess
    result = run_cli(str(tmp_path / "templat.docx"), "--jenis", "daftar-hadir")
    assert result.returncode == 0, result.stderr
    wrong = run_cli(str(tmp_path / "templat.docx"), "--jenis", "notula")
    assert wrong.returncode == 2 and "'peserta'" in wrong.stdout


def test_missing_file_and_bad_jenis():
    result = run_cli("tidak-ada/notula.docx")
    assert result.returncode == 2 and "templat tidak ditemukan" in result.stderr
    result = run_cli(str(TEMPLATES / "notula.docx"), "--jenis", "notulen")
    assert result.returncode == 2 and "Penggunaan:" in result.stderr


def test_help_is_indonesian():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "Penggunaan: workbench templates check [OPSI] BERKAS" in result.stdout
    assert "--jenis" in result.stdout
