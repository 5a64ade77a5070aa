"""Atomic writes: whole files and folders, permissions of the files that appear."""

import os
import stat

import pytest

from workbench.atomic import atomic_path, staged_dir, write_bytes, write_text

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def test_write_text_replaces_whole(tmp_path):
    target = tmp_path / "a" / "b.txt"
    write_text(target, "satu")
    write_text(target, "dua")
    assert target.read_text() == "dua"
    assert [p.name for p in target.parent.iterdir()] == ["b.txt"]


def test_staged_dir_failure_keeps_previous(tmp_path):
    target = tmp_path / "out"
    with staged_dir(target) as stage:
        (stage / "notula.docx").write_text("lama")
    with pytest.raises(RuntimeError):
        with staged_dir(target) as stage:
            (stage / "notula.docx").write_text("setengah")
            raise RuntimeError("gagal")
    assert (target / "notula.docx").read_text() == "lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_staged_dir_replaces_whole(tmp_path):
    target = tmp_path / "out"
    with staged_dir(target) as stage:
        (stage / "lama.txt").write_text("x")
    with staged_dir(target) as stage:
        (stage / "baru.txt").write_text("y")
    assert sorted(p.name for p in target.iterdir()) == ["baru.txt"]


def test_staged_dir_keeps_named_entries(tmp_path):
    target = tmp_path / "2025-TW2"
    (target / "satker" / "35.28").mkdir(parents=True)
    (target / "satker" / "35.28" / "laporan.docx").write_text("x")
    (target / "evaluasi-provinsi.docx").write_text("lama")
    with staged_dir(target, keep=("satker",)) as stage:
        (stage / "evaluasi-provinsi.docx").write_text("baru")
    assert (target / "satker" / "35.28" / "laporan.docx").read_text() == "x"
    assert (target / "evaluasi-provinsi.docx").read_text() == "baru"


# ----------------------------------------------------------------------------- permissions
@pytest.fixture
def umask():
    """A function setting the process umask; the old one is restored after the test."""
    old = os.umask(0o022)
    try:
        yield os.umask
    finally:
        os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@POSIX
def test_new_file_gets_usual_mode_not_mkstemp_0600(tmp_path, umask):
    umask(0o022)
    assert mode(write_text(tmp_path / "a.txt", "x")) == 0o644
    with atomic_path(tmp_path / "b.xlsx") as tmp:
        tmp.write_bytes(b"x")
    assert mode(tmp_path / "b.xlsx") == 0o644
    umask(0o002)
    assert mode(write_bytes(tmp_path / "c.docx", b"x")) == 0o664


@POSIX
def test_replaced_file_keeps_its_mode(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "notula.docx"
    target.write_text("lama")
    os.chmod(target, 0o640)
    write_text(target, "baru")
    assert target.read_text() == "baru" and mode(target) == 0o640


def test_failed_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "notula.docx"
    write_text(target, "lama")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("setengah")
            raise RuntimeError("gagal")
    assert target.read_text() == "lama"
    assert [p.name for p in tmp_path.iterdir()] == ["notula.docx"]
