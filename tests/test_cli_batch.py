"""``workbench batch`` through the CLI runner: messages and exit codes 0/1/2."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(["batch", *args])
    return info.value.code


def test_help_is_indonesian(capsys):
    assert run_cli(["--help"]) == 0
    out = capsys.readouterr().out
    assert "Penggunaan:" in out and "--jobs" in out and "--resume" in out


def test_unknown_column_exits_2_and_writes_nothing(tmp_path, capsys):
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("mdoe\nok\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli([str(FIXTURES / "failing.ipynb"), "--jobs", str(jobs), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "mdoe" in err and 'maksud Anda: "mode"' in err and "baris 1" in err
    assert not out.exists()


def test_notebook_without_parameters_exits_2(tmp_path, capsys):
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("x\n1\n", encoding="utf-8")
    code = run_cli(
        [str(FIXTURES / "noparams.ipynb"), "--jobs", str(jobs), "--out", str(tmp_path / "out")]
    )
    assert code == 2
    assert "parameters" in capsys.readouterr().err


def test_unknown_engine_exits_2(tmp_path, capsys):
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("mode\nok\n", encoding="utf-8")
    code = run_cli(
        [
            str(FIXTURES / "failing.ipynb"),
            "--jobs",
            str(jobs),
            "--out",
            str(tmp_path / "out"),
            "--engine",
            "wram",
        ]
    )
    assert code == 2
    assert 'maksud Anda: "warm"' in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_exit_codes_0_and_1(tmp_path, capsys):
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("mode\nok\nok\n", encoding="utf-8")
    args = [
        str(FIXTURES / "failing.ipynb"),
        "--jobs",
        str(jobs),
        "--out",
        str(tmp_path / "out"),
        "--workers",
        "1",
    ]
    assert run_cli(args) == 0
    assert "2 berhasil, 0 gagal" in capsys.readouterr().out
    jobs.write_text("mode\nok\ngalat\n", encoding="utf-8")
    assert run_cli(args) == 1
    captured = capsys.readouterr()
    assert "1 berhasil, 1 gagal" in captured.out
    assert "GAGAL 002: sel ke-4: ValueError: data rusak" in captured.err
    kept = tmp_path / "out" / "002.gagal.ipynb"
    assert f"Notebook yang gagal disimpan di: {kept}" in captured.err
    assert "pekerjaan" not in captured.err  # no progress bar: stderr is not a terminal


def test_help_example_notebook_exists(capsys):
    from workbench.batch.notebook import load_notebook
    from workbench.paths import PROJECT_ROOT

    assert run_cli(["--help"]) == 0
    out = capsys.readouterr().out
    assert "notebooks/office_report.ipynb" in out and "dask" in out
    parameters = load_notebook(PROJECT_ROOT / "notebooks" / "office_report.ipynb").parameters
    assert {"data", "period", "office"} <= set(parameters)


def test_unreachable_scheduler_exits_2_and_writes_nothing(tmp_path, capsys, monkeypatch):
    from workbench.batch.engines import dask as engine

    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 1)
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("mode\nok\n", encoding="utf-8")
    out = tmp_path / "out"
    code = run_cli(
        [
            str(FIXTURES / "failing.ipynb"),
            "--jobs",
            str(jobs),
            "--out",
            str(out),
            "--scheduler",
            "tcp://127.0.0.1:1",
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "--scheduler" in err and "tcp://127.0.0.1:1" in err and "Traceback" not in err
    assert not out.exists()
