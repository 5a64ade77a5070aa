"""Checking Word templates against the variables the code supplies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from workbench.errors import InputError
from workbench.rakor.documents import NOTULA_VARIABLES
from workbench.template_check import (
    SUPPLIED,
    check_jenis,
    check_template,
    guess_jenis,
    supplied_variables,
    used_variables,
)

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "templates"


def without_tindak_lanjut(target: Path) -> Path:
    """The shipped notula with the tindak lanjut block deleted, as a secretariat might."""
    doc = Document(str(TEMPLATES / "notula.docx"))
    body = doc.element.body
    children = list(body.iterchildren())
    texts = ["".join(t.text or "" for t in el.iter(qn("w:t"))).strip() for el in children]
    start = texts.index("{%p if tindak_lanjut %}")
    end = texts.index("{%p endif %}", start)
    for el in children[start : end + 1]:
        body.remove(el)
    doc.save(str(target))
    return target


@pytest.mark.parametrize(
    "name, jenis", [("notula.docx", "notula"), ("daftar-hadir.docx", "daftar-hadir")]
)
def test_shipped_templates_use_the_supplied_variables(name, jenis):
    supplied, optional = supplied_variables(jenis)
    used = used_variables(TEMPLATES / name)
    assert supplied - optional <= used <= supplied
    result = check_template(TEMPLATES / name, supplied, optional)
    assert result.ok and result.unknown == [] and result.unused == []
    assert result.messages() == []


def test_unknown_tag_split_over_runs_is_an_error():
    result = check_template(FIXTURES / "notula-tag-asing.docx", NOTULA_VARIABLES)
    assert not result.ok
    assert result.unknown == ["nama_kepala"]
    assert any("nama_kepala" in line and line.startswith("GALAT") for line in result.messages())


def test_missing_variable_is_a_warning(tmp_path):
    template = without_tindak_lanjut(tmp_path / "notula.docx")
    result = check_template(template, *supplied_variables("notula"))
    assert result.ok
    assert result.unused == ["tindak_lanjut"]
    assert result.messages()[0].startswith("PERINGATAN: variabel 'tindak_lanjut'")


def test_optional_variables_are_not_warned(tmp_path):
    result = check_template(
        FIXTURES / "notula-tag-asing.docx", {"kop", "nama_kepala", "x"}, optional={"x"}
    )
    assert result.ok and result.unused == []


def test_broken_tag_names_the_paragraph():
    result = check_template(FIXTURES / "notula-tag-rusak.docx", NOTULA_VARIABLES)
    assert not result.ok
    assert "Rapat: {{ rapat.judul" in result.syntax_error
    assert "tidak ditutup" in result.syntax_error


def test_unclosed_loop_is_reported(tmp_path):
    doc = Document()
    doc.add_paragraph("{%p for a in acara %}")
    doc.add_paragraph("{{ a.teks }}")
    doc.save(str(tmp_path / "notula.docx"))
    result = check_template(tmp_path / "notula.docx", NOTULA_VARIABLES)
    assert result.syntax_error and "endfor" in result.syntax_error


def test_unknown_filter_is_a_syntax_error(tmp_path):
    doc = Document()
    doc.add_paragraph("{{ kop | hurufbesar }}")
    doc.save(str(tmp_path / "notula.docx"))
    result = check_template(tmp_path / "notula.docx", NOTULA_VARIABLES)
    assert result.syntax_error and "hurufbesar" in result.syntax_error


@pytest.mark.parametrize(
    "name, jenis",
    [
        ("notula.docx", "notula"),
        ("Notula Rakor (edit).docx", "notula"),
        ("daftar-hadir.docx", "daftar-hadir"),
        ("daftar_hadir_v2.docx", "daftar-hadir"),
        ("evaluasi-provinsi.docx", "evaluasi-provinsi"),
        ("laporan-satker.docx", "laporan-satker"),
        ("templat.docx", None),
    ],
)
def test_guess_jenis(name, jenis):
    assert guess_jenis(name) == jenis


def test_check_jenis_guesses_and_refuses(tmp_path):
    jenis, result = check_jenis(TEMPLATES / "daftar-hadir.docx")
    assert jenis == "daftar-hadir" and result.ok
    shutil.copy(TEMPLATES / "notula.docx", tmp_path / "templat.docx")
    with pytest.raises(InputError, match="--jenis"):
        check_jenis(tmp_path / "templat.docx")
    with pytest.raises(InputError, match="tidak ditemukan"):
        check_jenis(tmp_path / "hilang.docx")


def test_registry_resolves_lazily():
    assert set(SUPPLIED) >= {"notula", "daftar-hadir"}
    supplied, optional = supplied_variables("notula")
    assert supplied == NOTULA_VARIABLES and optional <= supplied
    with pytest.raises(InputError, match="belum didukung"):
        supplied_variables("laporan-lain")


# ----------------------------------------------------------------------------- periksa-foto
def test_contact_sheet_template_is_checked_and_rendered_with_sample_photos(tmp_path):
    """templates/periksa-foto.docx is a jenis of its own: its tags are the contact sheet's
    variables, and the sample render fills every block (groups by agenda item, flags in
    words, agenda items without a usable photo)."""
    import io

    from workbench.documents import render_bytes
    from workbench.standar.foto.output import PERIKSA_FOTO_VARIABLES
    from workbench.template_check import render_problem, sample_context

    assert guess_jenis("periksa-foto.docx") == "periksa-foto"
    assert guess_jenis("Foto Kegiatan (edit).docx") == "periksa-foto"
    supplied, optional = supplied_variables("periksa-foto")
    assert supplied == PERIKSA_FOTO_VARIABLES and optional == frozenset()
    assert used_variables(TEMPLATES / "periksa-foto.docx") == supplied
    jenis, result = check_jenis(TEMPLATES / "periksa-foto.docx")
    assert jenis == "periksa-foto" and result.ok and result.messages() == []
    assert render_problem(TEMPLATES / "periksa-foto.docx", "periksa-foto") is None

    doc = Document(io.BytesIO(render_bytes(TEMPLATES / "periksa-foto.docx", sample_context(jenis))))
    texts = [p.text for p in doc.paragraphs]
    cells = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "1. Pembukaan (pukul 09.00 WIB)" in texts
    assert "Foto di luar susunan acara" in texts
    assert "4 foto diperiksa: 1 baik, 3 bermasalah." in texts
    assert any(t.startswith("3. Evaluasi Bakohumas") for t in texts)  # no photo there
    assert "Kabur (blur), duplikat" in cells and "mirip foto/IMG_0917.jpg" in cells
    assert len(doc.inline_shapes) == 4


def test_edited_contact_sheet_with_unknown_tag_fails(tmp_path):
    doc = Document(str(TEMPLATES / "periksa-foto.docx"))
    (para,) = [p for p in doc.paragraphs if p.text == "Folder foto: {{ sumber }}"]
    for run in para.runs:
        run.text = run.text.replace("sumber", "folder_foto")
    doc.save(str(tmp_path / "periksa-foto.docx"))
    jenis, result = check_jenis(tmp_path / "periksa-foto.docx")
    assert jenis == "periksa-foto" and not result.ok
    assert result.unknown == ["folder_foto"] and result.unused == ["sumber"]
