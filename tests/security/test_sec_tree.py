"""The output tree cannot be turned against its owner (issue #14, part 3 and 4).

Planted symbolic links under an output folder are refused (exit 2), never written through;
the stale sweep removes only folders this program made; a folder made from another meeting
is never replaced; the inputs validated are the inputs the kernel opens. In-process: no
kernel starts in these tests (each refusal happens before one would).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from workbench.atomic import folder_lock, lock_file, staged_dir, sweep_stale
from workbench.errors import InputError

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges there")

TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture
def victim(tmp_path) -> Path:
    """A file of the user's outside the output tree, which no run may touch."""
    path = tmp_path / "elsewhere" / "ktp.txt"
    path.parent.mkdir()
    path.write_text("milik pengguna\n")
    return path


def test_a_lock_file_planted_as_a_link_is_refused_and_its_target_untouched(tmp_path, victim):
    target = tmp_path / "out" / "rapat"
    target.parent.mkdir()
    lock_file(target).symlink_to(victim)
    with pytest.raises(InputError) as info:
        with folder_lock(target):
            pass
    assert info.value.exit_code == 2 and "tautan simbolik" in str(info.value)
    assert victim.read_text() == "milik pengguna\n"


def test_a_lock_file_that_is_a_fifo_is_refused(tmp_path):
    target = tmp_path / "rapat"
    os.mkfifo(lock_file(target))
    with pytest.raises(InputError, match="bukan berkas biasa"):
        with folder_lock(target):
            pass


def test_a_kernel_log_planted_as_a_link_is_refused_before_any_kernel(tmp_path, victim):
    from workbench.batch.jobs import Job
    from workbench.batch.run import KERNEL_LOG, run_batch

    out = tmp_path / "out"
    out.mkdir()
    (out / KERNEL_LOG).symlink_to(victim)
    with pytest.raises(InputError) as info:
        run_batch(TESTS / "fixtures" / "batch" / "values.ipynb", [Job("satu", {}, 1)], out)
    assert info.value.exit_code == 2
    assert victim.read_text() == "milik pengguna\n"
    assert sorted(p.name for p in out.iterdir()) == [KERNEL_LOG]  # no summary, no job


def test_a_linked_meeting_folder_is_refused_not_written_through(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "berita").mkdir(parents=True)
    (elsewhere / "berita" / "berita.docx").write_text("milik pengguna")
    target = tmp_path / "out" / "2025-07-17-rapat"
    target.parent.mkdir()
    target.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(InputError, match="tautan simbolik"):
        with staged_dir(target, keep=("berita",)):
            pass
    assert (elsewhere / "berita" / "berita.docx").read_text() == "milik pengguna"
    assert target.is_symlink() and sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_a_linked_folder_kept_across_runs_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "35.28").mkdir()
    target = tmp_path / "out" / "2025-TW3"
    target.mkdir(parents=True)
    (target / "satker").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(InputError, match="satker"):
        with staged_dir(target, keep=("satker",)):
            pass
    assert (elsewhere / "35.28").is_dir()


@pytest.mark.parametrize("linked", ["bakohumas", "bakohumas/2025-TW3", "bakohumas/2025-TW3/satker"])
def test_bakohumas_folders_below_out_are_never_links(tmp_path, linked):
    from workbench.bakohumas.job import period_folder
    from workbench.bakohumas.run import OFFICES_FOLDER

    out = tmp_path / "out"
    link = out / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "elsewhere").mkdir()
    link.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(InputError) as info:
        from workbench.atomic import output_path

        output_path(period_folder(out, "2025-TW3"), OFFICES_FOLDER)
    assert info.value.exit_code == 2 and str(link) in str(info.value)


def test_out_itself_may_be_a_link(tmp_path):
    from workbench.bakohumas.job import period_folder

    (tmp_path / "disk").mkdir()
    (tmp_path / "reports").symlink_to(tmp_path / "disk", target_is_directory=True)
    assert period_folder(tmp_path / "reports", "2025-TW3").name == "2025-TW3"


def test_a_job_folder_planted_as_a_link_is_refused(tmp_path, victim):
    from workbench.batch.jobs import Job
    from workbench.batch.run import run_batch

    out = tmp_path / "out"
    out.mkdir()
    (out / "satu").symlink_to(victim.parent, target_is_directory=True)
    with pytest.raises(InputError, match="tautan simbolik"):
        run_batch(TESTS / "fixtures" / "batch" / "values.ipynb", [Job("satu", {}, 1)], out)
    assert sorted(p.name for p in victim.parent.iterdir()) == ["ktp.txt"]


def test_the_sweep_removes_only_folders_this_program_made(tmp_path):
    from workbench.atomic import STALE_MARKER

    users = [tmp_path / ".hasil.old-catatan", tmp_path / ".hasil.staging-deadbeef"]
    for folder in users:  # the user's own hidden folders, named like ours
        folder.mkdir()
        (folder / "penting.txt").write_text("x")
    ours = tmp_path / ".hasil.staging-0badcafe"
    ours.mkdir()
    (ours / STALE_MARKER).write_text("")
    unsuffixed = tmp_path / ".hasil.old-bukan-hex"  # marked, but not our suffix
    unsuffixed.mkdir()
    (unsuffixed / STALE_MARKER).write_text("")
    assert sweep_stale(tmp_path, "hasil") == [ours]
    assert all(f.is_dir() for f in [*users, unsuffixed])


def test_a_staged_run_leaves_no_marker_and_marks_the_folder_it_replaces(tmp_path):
    from workbench.atomic import STALE_MARKER

    target = tmp_path / "hasil"
    for text in ("satu", "dua"):
        with staged_dir(target) as stage:
            assert (stage / STALE_MARKER).is_file()
            (stage / "a.txt").write_text(text)
    assert sorted(p.name for p in target.iterdir()) == ["a.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil"]


def _meeting(judul: str):
    return SimpleNamespace(rapat=SimpleNamespace(tanggal=dt.date(2025, 7, 17), judul=judul))


def test_two_non_latin_titles_get_two_folders():
    from workbench.rakor.job import output_folder_name

    first = output_folder_name(_meeting("اجتماع تنسيقي"))
    second = output_folder_name(_meeting("ꦫꦥꦠ꧀ꦏꦺꦴꦎꦂꦢꦶꦤꦱꦶ"))
    assert first != second and first.startswith("2025-07-17-rapat-")
    assert output_folder_name(_meeting("Rapat Koordinasi")) == "2025-07-17-rapat-koordinasi"


def test_a_folder_made_from_another_meeting_is_never_replaced(tmp_path):
    from workbench.rakor.job import output_folder_name
    from workbench.rakor.run import meeting_owner
    from workbench.runner import run_to_folder

    head = "Rapat Koordinasi Persiapan Pemutakhiran Data Pemilih Berkelanjutan Tahap"
    first, second = _meeting(head + " Pertama"), _meeting(head + " Kedua")
    assert output_folder_name(first) == output_folder_name(second)  # 60 slug characters
    target = tmp_path / output_folder_name(first)
    target.mkdir()
    (target / "notula.docx").write_text("rapat pertama")
    manifest = {"perintah": "minutes", "sumber": meeting_owner(tmp_path / "a.yaml", first)}
    (target / "manifest.json").write_text(json.dumps(manifest))
    notebook = TESTS / "fixtures" / "batch" / "values.ipynb"
    with pytest.raises(InputError) as info:  # refused before a kernel starts
        run_to_folder(
            notebook,
            target,
            {},
            command="minutes",
            inputs=[],
            owner=meeting_owner(tmp_path / "b.yaml", second),
        )
    message = str(info.value)
    assert info.value.exit_code == 2 and "a.yaml" in message and "b.yaml" in message
    assert "Pertama" in message and "Kedua" in message
    assert (target / "notula.docx").read_text() == "rapat pertama"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_the_same_meeting_moved_or_retitled_keeps_its_folder(tmp_path):
    from workbench.manifest import check_owner, owner

    (tmp_path / "manifest.json").write_text(
        json.dumps({"sumber": owner(tmp_path / "a.yaml", "2025-07-17 Rapat")})
    )
    check_owner(tmp_path, owner(tmp_path / "a.yaml", "2025-07-17 Rapat (perbaikan)"))
    check_owner(tmp_path, owner(tmp_path / "pindah" / "a.yaml", "2025-07-17 Rapat"))


def test_inputs_validated_are_the_inputs_the_kernel_opens(tmp_path, monkeypatch):
    """Run from a subfolder with paths relative to the project: the notebook gets the files
    the validation read (before: the current folder's, which do not exist)."""
    from workbench.paths import PROJECT_ROOT, SAMPLE_MEETING_DIR, resolve_from_project
    from workbench.rakor.run import notebook_parameters

    record = SAMPLE_MEETING_DIR.relative_to(PROJECT_ROOT) / "meeting.yaml"
    attendance = SAMPLE_MEETING_DIR.relative_to(PROJECT_ROOT) / "zoom-peserta.csv"
    monkeypatch.chdir(tmp_path)
    params = notebook_parameters(record, [attendance], 0.5, {})
    assert params["record"] == str(resolve_from_project(record))
    assert Path(params["record"]).is_file()
    assert [Path(p).is_file() for p in params["attendance"]] == [True]


def test_news_is_never_written_into_another_meetings_folder(tmp_path):
    """``workbench news`` for a meeting whose folder name another meeting's folder has:
    refused before the notebook runs, that folder untouched."""
    from workbench.paths import SAMPLE_MEETING_DIR
    from workbench.rakor.job import load_record, output_folder_name
    from workbench.rakor.run import meeting_owner, run_news

    record = SAMPLE_MEETING_DIR / "meeting.yaml"
    folder = tmp_path / output_folder_name(load_record(record))
    folder.mkdir()
    other = meeting_owner(tmp_path / "lain.yaml", _meeting("Rapat Lain"))
    (folder / "manifest.json").write_text(json.dumps({"sumber": other}))
    with pytest.raises(InputError, match="masukan lain") as info:
        run_news(record, [SAMPLE_MEETING_DIR / "zoom-peserta.csv"], out_dir=tmp_path)
    assert info.value.exit_code == 2
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json"]
