"""The CLI → notebook contract: parameter keys checked against the ``parameters`` cell.

- A jobs-table column the notebook does not declare: exit 2 with "maksud Anda", nothing run.
- A key the library builds that the notebook does not declare: ``ParameterMismatch``
  (exit 1) before anything is written or any kernel starts, in the runner and the batch.
- docs/parameters.md maps every option of minutes/evaluate/reports to a library argument of
  the same name as the notebook parameter the notebook declares.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import click
import pytest

from workbench.batch.notebook import load_notebook
from workbench.cli import COMMANDS, main
from workbench.notebook_params import ParameterMismatch, check_parameters
from workbench.paths import NOTEBOOKS_DIR, PROJECT_ROOT, SAMPLE_BAKOHUMAS_DIR, SAMPLE_MEETING_DIR

DOC = PROJECT_ROOT / "docs" / "parameters.md"
TABLE = SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan.csv"
RECORD = SAMPLE_MEETING_DIR / "meeting.yaml"
ATTENDANCE = [SAMPLE_MEETING_DIR / "zoom-peserta.csv", SAMPLE_MEETING_DIR / "peserta-internal.csv"]


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(args)
    return info.value.code


# ----------------------------------------------------------------------------- user keys
def test_batch_column_typo_exits_2_with_did_you_mean(tmp_path, capsys):
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"data,period,offce\n{TABLE},2025-TW2,35.28\n", encoding="utf-8")
    out = tmp_path / "out"
    code = run_cli(
        [
            "batch",
            str(NOTEBOOKS_DIR / "office_report.ipynb"),
            "--jobs",
            str(jobs),
            "--out",
            str(out),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "kolom 'offce' bukan parameter notebook" in err and 'maksud Anda: "office"' in err
    assert not out.exists()


# ----------------------------------------------------------------------------- library keys
def test_runner_refuses_a_misspelt_key_before_anything_is_written(tmp_path):
    from workbench.runner import run_to_folder

    target = tmp_path / "out" / "rapat"
    with pytest.raises(ParameterMismatch) as info:
        run_to_folder(
            NOTEBOOKS_DIR / "rakor_minutes.ipynb",
            target,
            {"record": str(RECORD), "min_shrae": 0.5},
            command="uji",
            inputs=[],
        )
    error = info.value
    assert error.key == "min_shrae" and error.exit_code == 1
    assert "parameter 'min_shrae'" in error.message and 'maksud Anda: "min_share"' in error.message
    assert list(tmp_path.iterdir()) == []  # no folder, lock or staging: no kernel started


def test_batch_refuses_a_misspelt_key_of_a_built_job(tmp_path):
    from workbench.batch.jobs import Job
    from workbench.batch.run import run_batch

    jobs = [
        Job("35.28", {"data": str(TABLE), "period": "2025-TW2", "office": "35.28"}, 1),
        Job("35.09", {"data": str(TABLE), "period": "2025-TW2", "ofice": "35.09"}, 2),
    ]
    with pytest.raises(ParameterMismatch) as info:
        run_batch(NOTEBOOKS_DIR / "office_report.ipynb", jobs, tmp_path / "out", progress=False)
    assert info.value.key == "ofice" and 'maksud Anda: "office"' in info.value.message
    assert list(tmp_path.iterdir()) == []


def test_a_library_key_the_notebook_lacks_exits_1_through_the_cli(tmp_path, capsys, monkeypatch):
    """As if the program and its notebook disagreed on a name (here: the program's side)."""
    from workbench.rakor import run

    built = run.notebook_parameters

    def misspelt(*args, **kwargs):
        parameters = built(*args, **kwargs)
        parameters["attendence"] = parameters.pop("attendance")
        return parameters

    monkeypatch.setattr(run, "notebook_parameters", misspelt)
    out = tmp_path / "out"
    code = run_cli(["minutes", str(RECORD), *[f"-a{p}" for p in ATTENDANCE], "--out", str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert "Galat: notebook rakor_minutes.ipynb tidak mendeklarasikan parameter 'attendence'" in err
    assert 'maksud Anda: "attendance"' in err and "Traceback" not in err
    assert not out.exists()


def test_a_renamed_notebook_parameter_is_refused(tmp_path):
    """The other side: an edited notebook no longer declares what the library passes."""
    from workbench.rakor.run import notebook_parameters

    nb = json.loads((NOTEBOOKS_DIR / "rakor_minutes.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = [line.replace("min_share =", "min_fraction =") for line in cell["source"]]
    edited = tmp_path / "rakor_minutes.ipynb"
    edited.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(ParameterMismatch) as info:
        check_parameters(edited, notebook_parameters(RECORD, ATTENDANCE, 0.5, {}))
    assert info.value.key == "min_share" and "min_fraction" in info.value.message


def test_shared_report_options_refuse_a_misspelt_argument(tmp_path):
    """``**options`` is checked like named arguments: a misspelt one is no silent default."""
    from workbench.bakohumas.run import run_evaluation, run_office_reports

    for run in (run_evaluation, run_office_reports):
        with pytest.raises(TypeError, match="'tengat'"):
            run(TABLE, "2025-TW2", out_dir=tmp_path / "out", tengat="10/07/2025")
    assert list(tmp_path.iterdir()) == []


def test_check_uses_the_names_given():
    check_parameters("nb.ipynb", {"a": 1}, declared=["a", "b"])  # no file read
    with pytest.raises(ParameterMismatch):
        check_parameters("nb.ipynb", ["c"], declared=["a", "b"])


# ---------------------------------------------------------------- what the library builds
def test_every_key_the_library_builds_is_declared(tmp_path):
    from workbench.bakohumas.job import office_jobs, prepare
    from workbench.bakohumas.run import Settled, evaluation_parameters, signer_parameters
    from workbench.rakor.run import notebook_parameters

    templates = {"template_notula": Path("n.docx"), "template_daftar_hadir": Path("d.docx")}
    check_parameters(
        NOTEBOOKS_DIR / "rakor_minutes.ipynb",
        notebook_parameters(RECORD, ATTENDANCE, 0.5, templates),
    )
    signer = signer_parameters("15/07/2025", "Nama", "1987", "Kepala")
    settled = Settled(prepare(TABLE, "2025-TW2", out_dir=tmp_path), Path("t.docx"), signer)
    check_parameters(
        NOTEBOOKS_DIR / "bakohumas_evaluation.ipynb",
        evaluation_parameters(TABLE, settled, deadline="10/07/2025"),
    )
    [job] = office_jobs(
        TABLE,
        "2025-TW2",
        ["35.28"],
        deadline="2025-07-10",
        template="t.docx",
        weights="w.yaml",
        **signer,
    )
    check_parameters(NOTEBOOKS_DIR / "office_report.ipynb", job.parameters)
    assert len(job.parameters) == 10  # every option given: none left out


# ---------------------------------------------------------------- the documented mapping
#: command -> (library function, notebook)
RUNS = {
    "minutes": ("workbench.rakor.run:run_minutes", "rakor_minutes.ipynb"),
    "news": ("workbench.rakor.run:run_news", "berita_kegiatan.ipynb"),
    "photos": ("workbench.standar.foto.run:run_photos", "foto_kegiatan.ipynb"),
    "evaluate": ("workbench.bakohumas.run:run_evaluation", "bakohumas_evaluation.ipynb"),
    "reports": ("workbench.bakohumas.run:run_office_reports", "office_report.ipynb"),
}
#: The one documented place where a library argument and its notebook parameter differ:
#: ``reports --offices`` fans out to one job per office.
FAN_OUT = {("reports", "offices"): "office"}
NONE = "—"


def doc_rows() -> list[dict[str, str]]:
    """The mapping table of docs/parameters.md, cells without backticks."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## The mapping", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        cells = [c.strip().strip("`") for c in line.strip("|").split("|")]
        rows.append(dict(zip(header, cells)))
    return rows


def command(name: str) -> click.Command:
    import importlib

    module, attr, _ = COMMANDS[name]
    return getattr(importlib.import_module(module), attr)


def function(spec: str):
    import importlib

    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)


def accepted(fn) -> set[str]:
    """The keyword arguments ``fn`` takes: named ones, and those of ``ReportOptions`` for
    ``**options`` (the arguments evaluate and reports share)."""
    from workbench.bakohumas.run import ReportOptions

    names = set()
    for p in inspect.signature(fn).parameters.values():
        names |= set(ReportOptions.__optional_keys__) if p.kind is p.VAR_KEYWORD else {p.name}
    return names


def spelling(param: click.Parameter) -> str:
    """How the doc names a CLI parameter: its long option, or an argument's metavar."""
    if isinstance(param, click.Argument):
        return param.metavar
    return next(o for o in param.opts if o.startswith("--"))


@pytest.mark.parametrize("name", sorted(RUNS))
def test_every_option_maps_to_a_declared_parameter_or_the_run(name):
    run_spec, notebook = RUNS[name]
    rows = [r for r in doc_rows() if r["Command"] == name]
    assert rows, f"docs/parameters.md has no rows for {name}"
    assert {r["Notebook"] for r in rows} == {notebook}
    declared = set(load_notebook(NOTEBOOKS_DIR / notebook).parameters)  # the reference parser
    arguments = accepted(function(run_spec))
    by_option = {r["Option"]: r for r in rows if r["Option"] != NONE}

    params = [p for p in command(name).params if p.name != "help"]
    assert sorted(by_option) == sorted(spelling(p) for p in params), "options vs docs"
    for param in params:
        row = by_option[spelling(param)]
        assert row["Library argument"] == param.name, f"{spelling(param)}: Click destination"
        assert param.name in arguments, f"{run_spec} has no argument {param.name}"
        parameter = row["Notebook parameter"]
        if parameter != NONE:
            assert parameter in declared, f"{notebook} does not declare {parameter}"
            assert parameter == FAN_OUT.get((name, param.name), param.name)
    documented = {r["Notebook parameter"] for r in rows} - {NONE}
    assert documented == declared, f"parameters of {notebook} missing from the doc"


def test_doc_names_real_functions_and_notebooks():
    text = DOC.read_text(encoding="utf-8")
    for spec, notebook in RUNS.values():
        assert spec.replace(":", ".") in text and (NOTEBOOKS_DIR / notebook).is_file()
    for name in re.findall(r"`(workbench\.[\w.]+)`", text):
        module, _, attr = name.rpartition(".")
        try:
            function(f"{module}:{attr}")
        except (ImportError, AttributeError):
            __import__(name)  # a module named whole
