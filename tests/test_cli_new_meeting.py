"""`workbench new-meeting`: a blank meeting.yaml and rapat.xlsx that load once filled in.

Run through the real entry point (:func:`workbench.cli.main`), which exits with the code
a user sees. (That the committed sample rapat.xlsx and meeting.yaml load to the same
meeting is tested in test_meeting_xlsx.py.)
"""

from __future__ import annotations

import os
import stat
import typing
from pathlib import Path

import openpyxl
import pytest

from workbench.cli import main
from workbench.errors import InputErrors
from workbench.rakor.attendance_model import STATUSES
from workbench.rakor.model import ModeRapat, Person, Rapat, ZonaWaktu
from workbench.rakor.readers.record import load_meeting


def run(capsys, *args: str) -> tuple[int, str, str]:
    """``workbench ARGS`` -> (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


@pytest.fixture
def blank(tmp_path, capsys) -> Path:
    folder = tmp_path / "rapat" / "2025-07-17-rakor"
    code, out, err = run(capsys, "new-meeting", str(folder))
    assert code == 0, err
    assert "meeting.yaml" in out and "rapat.xlsx" in out and "workbench minutes" in out
    return folder


def choices(ws, key: str) -> list[str]:
    """The dropdown list on the Nilai cell of ``key`` on the Rapat sheet."""
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key)
    return dropdown(ws, f"B{row}")


def dropdown(ws, cell: str) -> list[str]:
    for dv in ws.data_validations.dataValidation:
        if cell in dv.sqref:
            assert dv.type == "list"
            return dv.formula1.strip('"').split(",")
    raise AssertionError(f"no dropdown on {ws.title}!{cell}")


# ----------------------------------------------------------------------------- what is written
def test_writes_both_files_and_nothing_else(blank):
    assert sorted(p.name for p in blank.iterdir()) == ["meeting.yaml", "rapat.xlsx"]


def test_yaml_is_commented_and_has_every_key(blank):
    text = (blank / "meeting.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("#")
    assert "docs/format-rapat.md" in text
    for key in Rapat.model_fields:
        line = next((ln for ln in lines if ln.startswith(f"  {key}:")), None)
        assert line is not None, key
    for key in ("rapat", "materi", "pembahasan", "kesimpulan", "tindak_lanjut", "dokumentasi"):
        assert f"\n{key}:" in text, key
    for key in ("judul", "satker", "tanggal", "mulai", "tempat"):  # required keys say so
        line = next(ln for ln in lines if ln.startswith(f"  {key}:"))
        assert "# WAJIB" in line, line


def test_workbook_sheets_headers_and_dropdowns(blank):
    wb = openpyxl.load_workbook(blank / "rapat.xlsx")
    assert wb.sheetnames == [
        "Petunjuk",
        "Rapat",
        "Materi",
        "Pembahasan",
        "Kesimpulan",
        "Tindak Lanjut",
        "Dokumentasi",
        "Kehadiran",
    ]
    assert wb.active.title == "Rapat"
    header = lambda name: [c.value for c in wb[name][1]]  # noqa: E731
    assert header("Rapat") == ["Kunci", "Nilai", "Keterangan"]
    assert header("Materi") == [
        "No",
        "Judul Materi",
        "Nama Narasumber",
        "Jabatan Narasumber",
        "NIP Narasumber",
        "Poin",
    ]
    assert header("Tindak Lanjut") == ["No", "Uraian", "Penanggung Jawab", "Tenggat"]
    assert header("Kehadiran") == ["No", "Nama", "Jabatan", "Instansi", "Status", "Keterangan"]
    keys = [wb["Rapat"].cell(r, 1).value for r in range(2, wb["Rapat"].max_row + 1)]
    roles = ("pimpinan", "notulis", "mengetahui")
    expected = [k for k in Rapat.model_fields if k not in (*roles, "acara")]
    expected += [f"{role}.{k}" for role in roles for k in Person.model_fields]
    assert set(expected) <= set(keys)
    assert keys.count("acara") >= 2

    assert choices(wb["Rapat"], "mode") == list(typing.get_args(ModeRapat))
    assert choices(wb["Rapat"], "zona_waktu") == list(typing.get_args(ZonaWaktu))
    assert choices(wb["Rapat"], "daftar_hadir") == ["semua", "satker"]
    assert dropdown(wb["Kehadiran"], "E2") == list(STATUSES)
    assert dropdown(wb["Kehadiran"], "E150") == list(STATUSES)


def test_code_and_date_cells_are_text_so_excel_keeps_them_as_typed(blank):
    ws = openpyxl.load_workbook(blank / "rapat.xlsx")["Rapat"]
    for key in ("satker", "tanggal", "mulai", "selesai", "pimpinan.nip"):
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key)
        assert ws.cell(row, 2).number_format == "@", key


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_files_are_readable_by_others_like_any_new_file(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        assert run(capsys, "new-meeting", str(tmp_path / "r"))[0] == 0
    finally:
        os.umask(old)
    for name in ("meeting.yaml", "rapat.xlsx"):
        assert stat.S_IMODE((tmp_path / "r" / name).stat().st_mode) == 0o644, name


# ----------------------------------------------------------------------------- overwriting
@pytest.mark.parametrize(
    "existing", [("meeting.yaml",), ("rapat.xlsx",), ("meeting.yaml", "rapat.xlsx")]
)
def test_refuses_to_overwrite_without_timpa(tmp_path, capsys, existing):
    for name in existing:
        (tmp_path / name).write_text(f"isi lama {name}", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    code, out, err = run(capsys, "new-meeting", str(tmp_path))
    assert code == 2
    assert "sudah ada" in err and "--timpa" in err and "Perbaikan:" in err
    for name in existing:
        assert name in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # nothing written


def test_timpa_overwrites(tmp_path, capsys):
    (tmp_path / "meeting.yaml").write_text("isi lama", encoding="utf-8")
    code, _, err = run(capsys, "new-meeting", str(tmp_path), "--timpa")
    assert code == 0, err
    assert (tmp_path / "meeting.yaml").read_text(encoding="utf-8").startswith("# Berkas rapat")
    assert (tmp_path / "rapat.xlsx").is_file()


def test_a_file_in_the_way_is_an_indonesian_error(tmp_path, capsys):
    (tmp_path / "berkas").write_text("x")
    code, _, err = run(capsys, "new-meeting", str(tmp_path / "berkas"))
    assert code == 2
    assert "bukan folder" in err and "Perbaikan:" in err


# ----------------------------------------------------------------------------- filling in
YAML_FILL = {
    "  judul:            #": "  judul: Rapat Evaluasi Kehumasan  #",
    "  penyelenggara:    #": "  penyelenggara: KPU Kabupaten Pamekasan  #",
    "  satker:           #": '  satker: "35.28"  #',
    "  tanggal:          #": "  tanggal: 17/07/2025  #",
    "  mulai:            #": '  mulai: "09.00"  #',
    "  mode:             #": "  mode: luring  #",
    "  tempat:           #": "  tempat: Aula KPU Kabupaten Pamekasan  #",
}


def fill_yaml(text: str) -> str:
    for old, new in YAML_FILL.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    pimpinan, notulis = "    nama:           # WAJIB\n", "    nama:           # WAJIB\n"
    assert text.count(pimpinan) == 2
    text = text.replace(pimpinan, "    nama: Mahdi\n", 1).replace(notulis, "    nama: Yuda\n", 1)
    return text


def test_blank_yaml_filled_minimally_loads(blank):
    path = blank / "meeting.yaml"
    path.write_text(fill_yaml(path.read_text(encoding="utf-8")), encoding="utf-8")
    m = load_meeting(path)
    r = m.rapat
    assert (r.judul, r.satker, str(r.tanggal), r.mulai.strftime("%H.%M")) == (
        "Rapat Evaluasi Kehumasan",
        "35.28",
        "2025-07-17",
        "09.00",
    )
    assert (r.selesai, r.zona_waktu, r.mode, r.undangan) == (None, "WIB", "luring", None)
    assert (r.pimpinan.nama, r.notulis.nama) == ("Mahdi", "Yuda")
    # the empty list items and blocks of the blank are "nothing", not errors
    assert (r.acara, m.materi, m.pembahasan, m.kesimpulan, m.tindak_lanjut, m.dokumentasi) == (
        [],
        [],
        [],
        [],
        [],
        [],
    )


def test_blank_yaml_materi_without_narasumber_loads(blank):
    """Filling judul and poin but leaving the narasumber's nama/jabatan empty is allowed."""
    path = blank / "meeting.yaml"
    text = fill_yaml(path.read_text(encoding="utf-8"))
    text = text.replace("  - judul:          # Judul materi", "  - judul: Standar Output")
    text = text.replace(
        "    poin:           # Pokok-pokok yang disampaikan, satu butir per baris\n      -\n",
        "    poin:\n      - Standar foto\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    [materi] = load_meeting(path).materi
    assert (materi.judul, materi.narasumber, materi.poin) == (
        "Standar Output",
        None,
        ["Standar foto"],
    )


def test_blank_yaml_unfilled_names_each_missing_value(blank):
    with pytest.raises(InputErrors) as info:
        load_meeting(blank / "meeting.yaml")
    text = (blank / "meeting.yaml").read_text(encoding="utf-8").splitlines()
    by_field = {e.field: e for e in info.value.errors}
    assert by_field["rapat.tanggal"].row == next(
        i for i, ln in enumerate(text, start=1) if ln.startswith("  tanggal:")
    )


def test_blank_workbook_filled_minimally_loads(blank):
    path = blank / "rapat.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Rapat"]
    values = {
        "judul": "Rapat Evaluasi Kehumasan",
        "penyelenggara": "KPU Kabupaten Pamekasan",
        "satker": "35.28",
        "tanggal": "17/07/2025",
        "mulai": "09.00",
        "mode": "daring",
        "tempat": "Zoom Meeting",
        "pimpinan.nama": "Mahdi",
        "notulis.nama": "Yuda",
    }
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, 1).value in values:
            ws.cell(row, 2).value = values[ws.cell(row, 1).value]
    wb["Materi"].append([1, "Standar Output", None, None, None, "Standar foto"])
    wb["Kesimpulan"].append([1, "Standar diterapkan."])
    wb["Tindak Lanjut"].append(
        [1, "Memperbarui laporan", "Sub Bagian Parmas dan SDM", "31/07/2025"]
    )
    wb.save(path)
    m = load_meeting(path)
    assert (m.rapat.judul, m.rapat.mode, m.rapat.zona_waktu, str(m.rapat.tanggal)) == (
        "Rapat Evaluasi Kehumasan",
        "daring",
        "WIB",
        "2025-07-17",
    )
    assert m.rapat.acara == []
    assert [(x.judul, x.narasumber, x.poin) for x in m.materi] == [
        ("Standar Output", None, ["Standar foto"])
    ]
    assert m.kesimpulan == ["Standar diterapkan."]
    assert str(m.tindak_lanjut[0].tenggat) == "2025-07-31"
