import pytest

from workbench.atomic import staged_dir, write_text


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
