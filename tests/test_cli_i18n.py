"""Everything Click itself prints (help decorations, usage errors) is in Indonesian, and an
operating-system error (a folder that cannot be written) is an Indonesian message, not a
traceback.

Help and usage errors go through :data:`workbench.cli.cli` with Click's test runner (as
tools/gen_cli_docs.py does); the OSError cases through the real entry point
(:func:`workbench.cli.main`), which exits with the code a user sees.
"""

from __future__ import annotations

import errno
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from workbench.cli import COMMANDS, cli, i18n, main, os_error_message

#: Click's English texts that must not reach a secretariat.
ENGLISH = (
    "Usage:",
    "Options",
    "Commands",
    "Arguments",
    "Try '",
    "Error:",
    "Missing argument",
    "Missing option",
    "No such option",
    "No such command",
    "Invalid value",
    "Did you mean",
    "[default:",
    "[required]",
    "OPTIONS",
    "COMMAND",
    "[ARGS]",
    "for help",
    "Show this message",
    "Show the version",
    "RANGE",
    "INTEGER",
    "FLOAT",
    "TEXT",
    "is not",
    "not in the range",
    "unexpected extra argument",
    "requires an argument",
    "x>=",
    "<=x",
)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="workbench", terminal_width=100)


def assert_indonesian(text: str) -> None:
    found = [phrase for phrase in ENGLISH if phrase in text]
    assert not found, f"English Click text {found} in:\n{text}"


def subcommands(name: str) -> list[list[str]]:
    command = cli.get_command(None, name)
    return [[name]] + [[name, sub] for sub in getattr(command, "commands", {})]


ALL_COMMANDS = [path for name in COMMANDS for path in subcommands(name)]


def test_i18n_is_installed_by_the_cli():
    assert i18n.installed()
    import click.exceptions

    assert click.exceptions._("Error: {message}") == "Galat: {message}"
    # An unknown msgid falls back to gettext (English), not an error.
    assert click.exceptions._("no such msgid") == "no such msgid"


#: Click msgids meant for programmers (a command declared wrongly), left in English.
DEVELOPER_MSGIDS = {
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
}


def click_msgids() -> tuple[set[str], set[str]]:
    """(gettext msgids, ngettext singular msgids) in the installed Click's source."""
    import ast
    from pathlib import Path

    singles, plurals = set(), set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                if node.func.id == "_":
                    singles.add(node.args[0].value)
                elif node.func.id == "ngettext":
                    plurals.add(node.args[0].value)
    return singles, plurals


def test_catalog_covers_every_click_message():
    singles, plurals = click_msgids()
    assert len(singles) > 50 and plurals  # the source was read
    assert singles - DEVELOPER_MSGIDS - set(i18n.CATALOG) == set()
    assert plurals - set(i18n.PLURALS) == set()


def test_catalog_keeps_the_format_fields():
    from string import Formatter

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(text) if name}

    for msgid, text in i18n.CATALOG.items():
        if "%(" not in msgid:
            assert fields(text) <= fields(msgid), msgid
    for msgid, forms in i18n.PLURALS.items():
        for text in forms:
            # Click formats both forms with all fields (e.g. possibility and possibilities).
            assert fields(text) <= fields(msgid) | {
                "possibilities",
                "choices",
                "nargs",
                "len",
                "formats",
            }, msgid


# ----------------------------------------------------------------------------- help
def test_group_help_is_indonesian():
    result = invoke("--help")
    assert result.exit_code == 0, result.output
    assert_indonesian(result.output)
    assert "Penggunaan: workbench [OPSI] PERINTAH [ARGUMEN]..." in result.output
    assert "Opsi:" in result.output and "Perintah:" in result.output
    assert "Tampilkan versi lalu keluar." in result.output


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_command_help_is_indonesian(path):
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    assert_indonesian(result.output)
    assert f"Penggunaan: workbench {' '.join(path)} [OPSI]" in result.output
    assert "Opsi:" in result.output
    assert "Tampilkan bantuan ini lalu keluar." in result.output


def test_help_decorations_are_indonesian():
    minutes = invoke("minutes", "--help").output
    assert "[bawaan: 50; 0 sampai 100]" in minutes  # not [default: 50.0; 0<=x<=100]
    assert "--min-share BILANGAN" in minutes  # not FLOAT RANGE
    assert "[wajib]" in invoke("evaluate", "--help").output
    assert "[minimal 1]" in invoke("reports", "--help").output
    batch = invoke("batch", "--help").output
    assert "[lebih dari 0]" in batch and "[wajib]" in batch


# ----------------------------------------------------------------------------- usage errors
def usage_error(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert_indonesian(result.output)
    assert "Galat:" in result.output
    return result.output


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_unknown_option_is_indonesian(path):
    out = usage_error(*path, "--bogus")
    assert "Opsi '--bogus' tidak dikenal." in out
    assert f"Lihat bantuan dengan 'workbench {' '.join(path)} --help'." in out
    assert f"Penggunaan: workbench {' '.join(path)} [OPSI]" in out


def takes_an_argument(path: list[str]) -> bool:
    command = cli.get_command(None, path[0])
    for name in path[1:]:
        command = command.commands[name]
    return any(isinstance(param, click.Argument) and param.required for param in command.params)


@pytest.mark.parametrize("path", [p for p in ALL_COMMANDS if takes_an_argument(p)], ids=" ".join)
def test_missing_argument_is_indonesian(path):
    out = usage_error(*path)
    assert "Argumen belum diisi:" in out


def test_missing_argument_names_the_argument():
    assert "Galat: Argumen belum diisi: 'BERKAS_RAPAT'." in usage_error("minutes")
    assert "Argumen belum diisi: 'BERKAS'." in usage_error("templates", "check")


def test_missing_required_option_is_indonesian():
    assert "Opsi wajib belum diisi: '--period'." in usage_error("evaluate", "tabel.csv")


def test_did_you_mean_is_indonesian():
    assert "Maksud Anda '--out'?" in usage_error("minutes", "rapat.yaml", "--ot", "x")
    assert "Perintah 'chek' tidak dikenal. Maksud Anda 'check'?" in usage_error("templates", "chek")


@pytest.mark.parametrize("command", ["reports", "batch"])
def test_bad_int_range_is_indonesian(command):
    args = {
        "reports": ["reports", "t.csv", "--period", "2025-TW2"],
        "batch": ["batch", "n.ipynb", "--jobs", "j.csv", "--out", "o"],
    }[command]
    out = usage_error(*args, "--workers", "0")
    assert "Nilai '--workers' tidak sah: 0 di luar batas yang diizinkan (minimal 1)." in out
    out = usage_error(*args, "--workers", "dua")
    assert "'dua' bukan bilangan bulat yang sah." in out


def test_bad_float_and_choice_are_indonesian():
    out = usage_error("minutes", "rapat.yaml", "--min-share", "150")
    assert "150 di luar batas yang diizinkan (0 sampai 100)." in out
    out = usage_error("minutes", "rapat.yaml", "--min-share", "separuh")
    assert "'separuh' bukan bilangan yang sah." in out
    out = usage_error("templates", "check", "t.docx", "--jenis", "notulen")
    assert "'notulen' bukan salah satu dari 'notula'" in out


def test_unknown_command_and_extra_argument_are_indonesian():
    out = usage_error("notula")
    assert "Perintah 'notula' tidak dikenal." in out
    assert "Lihat bantuan dengan 'workbench --help'." in out
    assert "Argumen berlebih yang tidak dikenal: dua." in usage_error("minutes", "satu", "dua")


def test_option_without_value_is_indonesian():
    assert "Opsi '--out' memerlukan sebuah nilai." in usage_error("minutes", "rapat.yaml", "--out")


def test_path_checks_are_indonesian(tmp_path):
    (tmp_path / "berkas.txt").write_text("x")
    out = usage_error("minutes", "rapat.yaml", "--out", str(tmp_path / "berkas.txt"))
    assert "adalah berkas, bukan folder" in out
    out = usage_error("minutes", str(tmp_path))
    assert "adalah folder, bukan berkas" in out


def test_usage_errors_through_main(capsys):
    with pytest.raises(SystemExit) as info:
        main(["minutes", "--bogus"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert_indonesian(err)
    assert "Galat: Opsi '--bogus' tidak dikenal." in err


def test_version_is_indonesian_and_help_stays_light():
    assert invoke("--version").output.startswith("workbench ")
    code = (
        "import sys\n"
        "from workbench.cli import main\n"
        "try:\n    main(['nope'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'matplotlib', 'papermill') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="
    assert "Perintah 'nope' tidak dikenal." in out.stderr


# ----------------------------------------------------------------------------- OSError
def run(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    return info.value.code, capsys.readouterr().err


def test_new_meeting_under_a_file_is_an_indonesian_error(tmp_path, capsys):
    (tmp_path / "berkas").write_text("x")
    target = tmp_path / "berkas" / "rapat"
    code, err = run(capsys, "new-meeting", str(target))
    assert code == 2
    assert "Traceback" not in err and "NotADirectoryError" not in err
    assert err.startswith("Galat: ")
    assert str(target) in err
    assert "bukan folder" in err and "Perbaikan:" in err


def test_minutes_out_under_a_file_is_an_indonesian_error(tmp_path, capsys):
    from pathlib import Path

    record = tmp_path / "meeting.yaml"
    record.write_text(
        (Path(__file__).parent / "fixtures" / "meeting" / "minimal.yaml").read_text(
            encoding="utf-8"
        ),
        encoding="utf-8",
    )
    roster = tmp_path / "hadir.csv"
    roster.write_text(
        "nama,jabatan,instansi,status\nSari,Staf,KPU Kabupaten Pamekasan,Hadir\n", encoding="utf-8"
    )
    (tmp_path / "berkas").write_text("x")
    out = tmp_path / "berkas" / "hasil"
    code, err = run(capsys, "minutes", str(record), "-a", str(roster), "--out", str(out))
    assert code == 2
    assert "Traceback" not in err
    assert err.startswith("Galat: lokasi ") and str(out) in err
    assert "bukan folder" in err and "Perbaikan:" in err


def test_oserror_raised_outside_a_subcommand_is_caught_by_main(monkeypatch, capsys):
    def boom(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", "/data/terkunci.xlsx")

    monkeypatch.setattr(type(cli), "main", boom)
    code, err = run(capsys, "collect", "x")
    assert code == 2
    assert err.startswith("Galat: lokasi /data/terkunci.xlsx: tidak ada izin")
    assert "Perbaikan:" in err and "Permission denied" not in err


@pytest.mark.parametrize(
    ("number", "words", "code"),
    [
        (errno.ENOTDIR, "bukan folder", 2),
        (errno.EISDIR, "adalah folder", 2),
        (errno.ENOENT, "tidak ditemukan", 2),
        (errno.EACCES, "tidak ada izin", 2),
        (errno.EPERM, "tidak mengizinkan", 2),
        (errno.EROFS, "hanya dapat dibaca", 2),
        (errno.ENOSPC, "ruang disk penuh", 1),
        (errno.EIO, "operasi berkas atau sistem gagal", 1),
    ],
)
def test_os_error_message(number, words, code):
    message, exit_code = os_error_message(OSError(number, "English reason", "/x/laporan.docx"))
    assert exit_code == code
    assert message.startswith("lokasi /x/laporan.docx: ")
    assert words in message
    assert "\n  Perbaikan: " in message


def test_os_error_message_without_a_path_and_with_two():
    message, code = os_error_message(OSError(errno.ENOSPC, "No space left on device"))
    assert message.startswith("ruang disk penuh") and code == 1
    message, _ = os_error_message(OSError(errno.EACCES, "Access denied", "a.tmp", None, "b.xlsx"))
    assert message.startswith("lokasi a.tmp (ke b.xlsx): ")
