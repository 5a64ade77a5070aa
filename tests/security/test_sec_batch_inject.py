"""Batch parameter injection: only plain data reaches a notebook, written as literals.

Papermill's translator quoted ``str(value)`` unescaped for YAML-typed values (``!!set``,
``!!pairs``, ``!!binary``), so ``"+str(__import__(...))+"`` ran in the kernel. Every payload
here points at a canary file inside ``tmp_path``; the canary must never appear.
"""

from __future__ import annotations

import ast
import base64
import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_examples import examples

from workbench.batch.jobs import Job
from workbench.batch.notebook import load_notebook
from workbench.batch.translate import (
    DateText,
    UnsafeValue,
    assignments,
    injectable,
    literal,
    plain_value,
    register,
)
from workbench.cli import main
from workbench.errors import InputError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "batch"
VALUES = FIXTURES / "values.ipynb"


def payload(canary: Path) -> str:
    """Text that ends papermill's naive quoting and touches ``canary`` (inside tmp_path)."""
    return f'"+str(__import__("pathlib").Path("{canary}").touch())+"'


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(["batch", *args])
    return info.value.code


def yaml_cases(canary: Path) -> dict[str, tuple[str, int, str]]:
    """name -> (YAML jobs table, row of the bad job, column)."""
    text = payload(canary)
    b64 = base64.b64encode(text.encode()).decode()
    ok = "- job: baik\n  bebas: biasa\n"
    return {
        "set": (ok + f"- job: himpunan\n  bebas: !!set {{'{text}': null}}\n", 3, "bebas"),
        "binary": (ok + f"- job: biner\n  bebas: !!binary {b64}\n", 3, "bebas"),
        "pairs": (ok + f"- job: pasangan\n  bebas: !!pairs [{{'{text}': 1}}]\n", 3, "bebas"),
        "set-in-list": (
            ok + f"- job: dalam-daftar\n  daftar: [!!set {{'{text}': null}}]\n",
            3,
            "daftar",
        ),
        "omap-in-dict": (
            ok + f"- job: dalam-peta\n  peta: {{k: !!omap [{{'{text}': 1}}]}}\n",
            3,
            "peta",
        ),
        "int-key": (ok + "- job: kunci\n  peta: {1: a}\n", 3, "peta"),
    }


@pytest.mark.parametrize(
    "case", ["set", "binary", "pairs", "set-in-list", "omap-in-dict", "int-key"]
)
def test_yaml_typed_values_are_bad_input(tmp_path, capsys, case):
    canary = tmp_path / "kanari"
    text, row, column = yaml_cases(canary)[case]
    jobs = tmp_path / "jobs.yaml"
    jobs.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli([str(VALUES), "--jobs", str(jobs), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"baris {row}" in err and f"kolom/kunci '{column}'" in err, err
    assert "Perbaikan:" in err and "Traceback" not in err
    assert not canary.exists()
    assert not out.exists()  # refused before any kernel started


def test_csv_list_and_dict_cells_with_yaml_tags_are_bad_input(tmp_path, capsys):
    canary = tmp_path / "kanari"
    text = payload(canary)
    b64 = base64.b64encode(text.encode()).decode()
    jobs = tmp_path / "jobs.csv"
    with open(jobs, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["job", "daftar", "peta"])
        writer.writerow(["baik", "[a, b]", "{a: 1}"])
        writer.writerow(["daftar-jahat", f"[!!set {{'{text}': null}}]", ""])
        writer.writerow(["peta-jahat", "", f"{{k: !!binary {b64}}}"])
    out = tmp_path / "out"
    assert run_cli([str(VALUES), "--jobs", str(jobs), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "baris 3, kolom/kunci 'daftar'" in err and "himpunan" in err
    assert "baris 4, kolom/kunci 'peta'" in err and "biner" in err
    assert not canary.exists() and not out.exists()


def test_csv_cell_over_the_field_limit_is_bad_input(tmp_path, capsys):
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("job,bebas\nbaik,1\npanjang," + "x" * 200_000 + "\n", encoding="utf-8")
    assert run_cli([str(VALUES), "--jobs", str(jobs), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "baris 3" in err and "131.072 karakter" in err and "Traceback" not in err


def test_jobs_table_yaml_anchor_bomb_is_bad_input(tmp_path, capsys):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
        f"*a{i - 1}, *a{i - 1}, "
        f"*a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    jobs = tmp_path / "jobs.yaml"
    jobs.write_text(
        "- job: bom\n  bebas: 1\n  tak_dipakai: {" + ", ".join(lines) + "}\n", encoding="utf-8"
    )
    assert run_cli([str(VALUES), "--jobs", str(jobs), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "alias" in err and "100.000" in err and "Traceback" not in err


def test_jobs_csv_with_a_stray_cp1252_byte_is_bad_input(tmp_path, capsys):
    jobs = tmp_path / "jobs.csv"
    jobs.write_bytes("job,bebas\nsatu,Désa\n".encode() + b"dua,D\xe9sa\n")
    assert run_cli([str(VALUES), "--jobs", str(jobs), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "baris 3" in err and "0xE9" in err


def test_yaml_typed_value_for_a_text_parameter_is_refused_not_stringified(tmp_path, capsys):
    """A text parameter (``output_dir`` is declared as text) must not receive ``str()`` of a
    set: that would quietly pass the payload on as text instead of refusing the cell."""
    canary = tmp_path / "canary"
    jobs = tmp_path / "jobs.yaml"
    jobs.write_text(
        f"- job: himpunan\n  output_dir: !!set {{'{payload(canary)}': null}}\n"
        "- job: daftar\n  output_dir: [a, b]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run_cli([str(VALUES), "--jobs", str(jobs), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "output_dir" in err and "!!set" in err and "Traceback" not in err
    assert not out.exists() and not canary.exists()


def test_jobs_table_over_the_row_limit_is_bad_input(tmp_path, capsys):
    from workbench.limits import MAX_JOB_ROWS

    jobs = tmp_path / "jobs.csv"
    jobs.write_text(
        "job,bebas\n" + "".join(f"j{i},{i}\n" for i in range(MAX_JOB_ROWS + 1)), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run_cli([str(VALUES), "--jobs", str(jobs), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "10.000" in err and "Bagi tabel" in err and f"baris {MAX_JOB_ROWS + 2}" in err
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".csv", ".yaml", ".xlsx"])
def test_jobs_table_over_the_size_limit_is_bad_input(tmp_path, capsys, suffix):
    from workbench.limits import MAX_JOB_BYTES

    jobs = tmp_path / f"jobs{suffix}"
    with jobs.open("wb") as f:  # sparse: no real data is written
        f.truncate(MAX_JOB_BYTES + 1)
    assert run_cli([str(VALUES), "--jobs", str(jobs), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "10 MB" in err and "Traceback" not in err


def test_windows_reserved_job_names_are_bad_input(tmp_path, capsys):
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("job,bebas\nbaik,1\ncon,2\nNul,3\nCOM1,4\nlpt9,5\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli([str(VALUES), "--jobs", str(jobs), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    for row, name in ((3, "con"), (4, "nul"), (5, "com1"), (6, "lpt9")):
        assert f"baris {row}, kolom/kunci 'job': nama folder pekerjaan '{name}'" in err, err
    assert "dicadangkan Windows" in err and not out.exists()


@pytest.mark.parametrize("name", ["con.txt", "AUX", "x.", "x ", ".tersembunyi", "a/b", ".."])
def test_caller_built_jobs_get_the_same_checks(tmp_path, name):
    from workbench.batch.run import run_batch

    with pytest.raises(InputError) as info:
        run_batch(VALUES, [Job(name, {}, 7)], tmp_path / "out", progress=False)
    assert info.value.row == 7 and info.value.field == "job"
    assert not (tmp_path / "out").exists()


def test_caller_built_jobs_with_unsafe_values_are_refused(tmp_path):
    from workbench.batch.run import run_batch

    canary = tmp_path / "kanari"
    jobs = [
        Job("a", {"bebas": frozenset({payload(canary)})}, 1),
        Job("b", {"daftar": [b"x"]}, 2),
        Job("c", {"peta": {"k": float("nan")}}, 3),
    ]
    with pytest.raises(InputError) as info:
        run_batch(VALUES, jobs, tmp_path / "out", progress=False)
    assert [(e.row, e.field) for e in info.value.errors] == [
        (1, "bebas"),
        (2, "daftar"),
        (3, "peta"),
    ]
    assert not canary.exists() and not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_payload_strings_arrive_verbatim(tmp_path, capsys):
    """A payload that is plain text is data: the notebook receives exactly that text;
    a datetime inside a list (which once stopped the warm worker) arrives as ISO text."""
    canary = tmp_path / "kanari"
    text = payload(canary) + "\\\n'''\"\"\" é 🗳"
    jobs = tmp_path / "jobs.yaml"
    quoted = json.dumps(text, ensure_ascii=False)
    jobs.write_text(
        f"- job: teks\n  bebas: {quoted}\n"
        f"  daftar: [2025-07-17 10:00:00, {quoted}]\n"
        f"  peta: {{{quoted}: [1, 2.5, null, true]}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run_cli([str(VALUES), "--jobs", str(jobs), "--out", str(out), "--workers", "1"]) == 0
    data = json.loads((out / "teks" / "hasil.json").read_text(encoding="utf-8"))
    assert data["bebas"] == text
    assert data["daftar"] == ["2025-07-17T10:00:00", text]
    assert data["peta"] == {text: [1, 2.5, None, True]}
    assert not canary.exists()


# --- the translator: a property test ------------------------------------------------------

PAYLOADS = [
    '"+str(__import__("os").system("x"))+"',
    "'+str(1)+'",
    '"""',
    "'''",
    "\\",
    '\\"',
    "\n",
    "\r\n",
    "\x00",
    "\u2028",
    "#",
    "{}",
    "\x7f",
    "\U0001f5f3",
]
TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",))),  # controls too
    st.sampled_from(PAYLOADS),
    st.builds(lambda a, b, c: a + b + c, st.text(), st.sampled_from(PAYLOADS), st.text()),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), TEXT
)
PLAIN = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)
NAMES = st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_]{0,12}\Z").filter(
    lambda n: not __import__("keyword").iskeyword(n)
)


def same(a, b) -> bool:
    """Equal and of the same types all the way down (``True`` is not ``1``, ``1.0`` not ``1``)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float):
        return repr(a) == repr(b)
    return a == b


def assigned_literals(source: str) -> dict:
    """Parse the injected cell; it must be nothing but ``name = <literal>`` statements."""
    tree = ast.parse(source)
    values = {}
    for stmt in tree.body:
        assert isinstance(stmt, ast.Assign), ast.dump(stmt)
        [target] = stmt.targets
        assert isinstance(target, ast.Name)
        values[target.id] = ast.literal_eval(stmt.value)
    return values


@settings(max_examples=examples(400), suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(NAMES, PLAIN, max_size=5))
def test_injected_cell_is_only_literal_assignments(parameters):
    source = assignments(injectable(parameters))
    values = assigned_literals(source)
    assert list(values) == list(parameters)
    for name, value in parameters.items():
        assert same(values[name], value), (name, value, values[name])


@settings(max_examples=examples(100))
@given(st.dictionaries(NAMES, PLAIN, max_size=3))
def test_papermill_uses_the_workbench_translator(parameters):
    """What the engines and the runner inject (papermill's parameterize_notebook, with the
    translator registered) is the same literal-only cell."""
    import copy

    from papermill.parameterize import parameterize_notebook

    register()
    nb = copy.deepcopy(load_notebook(VALUES).node)
    nb = parameterize_notebook(nb, injectable(parameters), kernel_name="python3", language="python")
    [cell] = [c for c in nb.cells if "injected-parameters" in c.metadata.tags]
    values = assigned_literals(cell.source)
    assert all(same(values[k], v) for k, v in parameters.items())


@given(st.dates(), st.sampled_from(["date(2025, 1, 1)", "datetime.date(2025, 1, 1)", "None"]))
def test_dates_are_a_date_call_with_integer_arguments_only(day, default):
    source = assignments(injectable({"tanggal": day}, {"tanggal": default}))
    [stmt] = ast.parse(source).body
    call = stmt.value
    assert isinstance(call, ast.Call) and not call.keywords
    assert ast.unparse(call.func) in ("date", "datetime.date", "__import__('datetime').date")
    assert [ast.literal_eval(a) for a in call.args] == [day.year, day.month, day.day]
    namespace = {"date": dt.date, "datetime": dt}
    assert eval(compile(ast.Expression(call), "<injected>", "eval"), namespace) == day


@pytest.mark.parametrize(
    "value",
    [
        {1, 2},
        frozenset(),
        (1, 2),
        b"x",
        bytearray(b"x"),
        dt.time(10),
        dt.timedelta(1),
        float("nan"),
        float("inf"),
        {1: "a"},
        object(),
    ],
)
def test_anything_else_is_refused(value):
    with pytest.raises(UnsafeValue):
        plain_value(value)
    with pytest.raises(TypeError):  # the translator refuses it too, should it get there
        literal(value)


@pytest.mark.parametrize(
    "value", ["\ud83d", {"\udc00": 1}, [[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]
)
def test_unwritable_text_and_deep_nesting_are_refused(value):
    with pytest.raises(UnsafeValue):
        plain_value(value)


def test_nested_dates_become_iso_text():
    value = plain_value({"a": [dt.date(2025, 7, 17), dt.datetime(2025, 7, 17, 10, 0)]})
    assert value == {"a": ["2025-07-17", "2025-07-17T10:00:00"]}
    assert literal(DateText(dt.date(2025, 7, 17), "date")) == "date(2025, 7, 17)"
