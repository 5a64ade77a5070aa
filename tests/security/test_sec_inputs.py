"""Hostile and oversized inputs through the real CLI: exit 2, a message naming the file and the
limit, nothing written, and no traceback (issue #6, items 6-8).

Every big input is made cheaply: sparse files for byte limits (never read), zips streamed
with one huge cell (a few KB on disk), PNG headers claiming a size with no pixels behind
them. Each input is sized so that, should a guard regress, the test fails on its message
rather than exhausting the machine (e.g. the XLSX bombs unpack to ~30 MB and ~120 MB, not the
2.2 GB of the report).
"""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from workbench.cli import main
from workbench.limits import (
    MAX_ATTENDANCE_BYTES,
    MAX_ATTENDANCE_ROWS,
    MAX_CELL_CHARS,
    MAX_PHOTO_BYTES,
    MAX_RECORD_SHEET_ROWS,
    MAX_REPORT_BYTES,
    MAX_REPORT_FILES,
    MAX_REPORT_ROWS,
    MAX_YAML_BYTES,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    MB,
)
from workbench.paths import PROJECT_ROOT, SAMPLE_MEETING_DIR

TESTS = Path(__file__).resolve().parents[1]
MINIMAL = (TESTS / "fixtures" / "meeting" / "minimal.yaml").read_text(encoding="utf-8")
ROSTER = "nama,jabatan,instansi,status\nSari,Staf,KPU Kabupaten Pamekasan,Hadir\n"
REPORTS = PROJECT_ROOT / "data" / "samples" / "bakohumas" / "laporan-triwulan.csv"
REPORT_HEADER = REPORTS.read_text(encoding="utf-8").splitlines()[0]
ZOOM_HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"


def grouped(n: int) -> str:
    """20000 -> '20.000', as the messages write numbers."""
    return f"{n:,}".replace(",", ".")


# ----------------------------------------------------------------------------- running
def cli(capsys, *args: str) -> tuple[int, str]:
    """Run ``workbench ARGS``; the exit code and stderr."""
    with pytest.raises(SystemExit) as info:
        main([str(a) for a in args])
    return info.value.code, capsys.readouterr().err


def assert_refused(code: int, err: str, file: str, *needles: str) -> None:
    """Exit 2 with a message naming ``file``, every needle (the limit), and a fix."""
    assert code == 2, err
    assert err.startswith("Galat: "), err
    assert "Traceback" not in err and "Error:" not in err, err
    assert file in err, err
    for needle in needles:
        assert needle in err, (needle, err)
    assert "Perbaikan: " in err, err


@pytest.fixture
def rapat(tmp_path):
    """A folder with a valid meeting.yaml and roster (tests then spoil one of them)."""
    for name, text in {"rapat/meeting.yaml": MINIMAL, "rapat/hadir.csv": ROSTER}.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "rapat"


@pytest.fixture
def minutes(rapat, capsys):
    """``workbench minutes RECORD -a FILE... --out OUT``: (code, stderr); checks --out is empty."""
    out = rapat.parent / "out"
    out.mkdir()

    def run(record: str = "meeting.yaml", *attendance: str) -> tuple[int, str]:
        args = ["minutes", rapat / record, "--out", out]
        for name in attendance or ("hadir.csv",):
            args += ["-a", rapat / name]
        result = cli(capsys, *args)
        assert list(out.iterdir()) == [], "a refused run wrote into --out"
        return result

    return run


def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk space (the readers refuse it unread)."""
    with path.open("wb") as f:
        f.truncate(size)
    return path


# ----------------------------------------------------------------------------- crafting
def huge_cell_xlsx(source: Path, target: Path, chars: int) -> Path:
    """``source`` with its first worksheet replaced by one cell of ``chars`` characters.

    Streamed into the zip 1 MB at a time, so the test never holds the cell; the file is
    a few KB.
    """
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        sheet = next(n for n in src.namelist() if n.startswith("xl/worksheets/sheet"))
        for name in src.namelist():
            if name != sheet:
                dst.writestr(name, src.read(name))
        with dst.open(sheet, "w", force_zip64=True) as f:
            f.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                b'main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
            )
            block = b"a" * MB
            for _ in range(chars // MB):
                f.write(block)
            f.write(b"</t></is></c></row></sheetData></worksheet>")
    return target


def replace_in_xlsx(path: Path, marker: str, text: str) -> None:
    """Replace ``marker`` by ``text`` in every part of the workbook (openpyxl itself truncates
    cells it writes to 32,767 characters; other programs do not)."""
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data.replace(marker.encode(), text.encode()))


def png_claiming(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims ``width`` x ``height`` pixels (with no pixel data)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )
    return path


def billion_laughs(levels: int = 9) -> str:
    """The classic: each level lists the one below nine times (9**levels strings)."""
    lines = ['  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghijk"[: levels - 1]:
        lines.append(f"  {name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def with_photo(rapat: Path, name: str) -> None:
    (rapat / "meeting.yaml").write_text(MINIMAL + f"dokumentasi:\n  - {name}\n", encoding="utf-8")


# ============================================================================= YAML
def test_meeting_yaml_anchor_bomb_under_an_unused_key(rapat, minutes):
    """A 1 KB billion-laughs block (10^9 strings) under a key nothing reads is refused while
    the file is parsed; it used to grow memory ~120 MB/s without end."""
    bomb = "tidak_dipakai:\n" + billion_laughs()
    (rapat / "meeting.yaml").write_text(bomb + MINIMAL, encoding="utf-8")
    assert len(bomb) < 1024
    code, err = minutes()
    assert_refused(code, err, "meeting.yaml", grouped(MAX_YAML_NODES), "alias", "baris ")


@pytest.mark.parametrize(
    "text, needle",
    [
        ("lingkar: &a [*a]\n", "merujuk ke dirinya sendiri"),
        ("lingkar: &a {x: *a}\n", "merujuk ke dirinya sendiri"),
        ("dalam: " + "[" * 50_000 + "]" * 50_000 + "\n", f"lebih dari {MAX_YAML_DEPTH} tingkat"),
    ],
)
def test_meeting_yaml_recursive_or_deep(rapat, minutes, text, needle):
    """Self-referencing anchors and 50,000-deep nesting used to end in RecursionError."""
    (rapat / "meeting.yaml").write_text(MINIMAL + text, encoding="utf-8")
    code, err = minutes()
    assert_refused(code, err, "meeting.yaml", needle, f"baris {MINIMAL.count(chr(10)) + 1}")


def test_meeting_yaml_over_the_size_limit(rapat, minutes):
    filler = "# " + "x" * 98 + "\n"
    (rapat / "meeting.yaml").write_text(
        MINIMAL + filler * (MAX_YAML_BYTES // len(filler) + 1), encoding="utf-8"
    )
    code, err = minutes()
    assert_refused(code, err, "meeting.yaml", "terlalu besar", "batas 1 MB")


@pytest.mark.parametrize(
    "text, needle",
    [
        ("indikator:\n" + billion_laughs(), grouped(MAX_YAML_NODES)),
        ("indikator: &a [*a]\n", "merujuk ke dirinya sendiri"),
        ("indikator: " + "{a: " * 60_000 + "1" + "}" * 60_000 + "\n", "tingkat"),
    ],
)
def test_weights_yaml_bombs(tmp_path, capsys, text, needle):
    """``--bobot`` YAML with the same bombs, through ``workbench evaluate``."""
    weights = tmp_path / "bobot.yaml"
    weights.write_text(text, encoding="utf-8")
    out = tmp_path / "hasil"
    code, err = cli(
        capsys, "evaluate", REPORTS, "--period", "2025-TW2", "--bobot", weights, "--out", out
    )
    assert_refused(code, err, "bobot.yaml", needle)
    assert not out.exists()


def test_weights_yaml_not_utf8_is_bad_input(tmp_path, capsys):
    weights = tmp_path / "bobot.yaml"
    weights.write_bytes("normalisasi: maks\n# bobot sesuai keputusan rapat Café\n".encode("cp1252"))
    code, err = cli(
        capsys,
        "evaluate",
        REPORTS,
        "--period",
        "2025-TW2",
        "--bobot",
        weights,
        "--out",
        tmp_path / "hasil",
    )
    assert_refused(code, err, "bobot.yaml", "UTF-8", "baris 2")


def test_yaml_loader_refuses_the_full_billion_laughs_everywhere():
    """The one loader (used for meeting records, weights and, through it, jobs tables): the
    1 KB document expanding to 10^9 nodes is refused, naming the line; a document within the
    limits loads like ``yaml.safe_load``, anchors included."""
    from workbench.errors import InputError
    from workbench.limits import yaml_load

    with pytest.raises(InputError, match="100.000") as info:
        yaml_load("x:\n" + billion_laughs(10), file="jobs.yaml")
    assert "berkas jobs.yaml" in str(info.value) and "baris " in str(info.value)
    assert yaml_load("a: &x {b: [1, 2]}\nc: *x\nd: !!binary aGk=\n") == {
        "a": {"b": [1, 2]},
        "c": {"b": [1, 2]},
        "d": b"hi",
    }
    with pytest.raises(InputError, match="terlalu panjang"):
        yaml_load("#" * (MAX_YAML_BYTES + 1))


# ============================================================================= XLSX
@pytest.fixture
def rapat_xlsx(rapat):
    shutil.copy(SAMPLE_MEETING_DIR / "rapat.xlsx", rapat / "rapat.xlsx")
    return rapat / "rapat.xlsx"


def test_record_workbook_with_a_huge_cell_is_refused_unopened(rapat, rapat_xlsx, minutes):
    """A few-KB rapat.xlsx holding one 30 M-character cell (the report's 293 KB file held 300 M
    and took 2.2 GB in openpyxl) is refused from the zip's directory."""
    bomb = huge_cell_xlsx(rapat_xlsx, rapat / "bom.xlsx", 30 * MB)
    assert bomb.stat().st_size < 200_000
    code, err = minutes("bom.xlsx")
    assert_refused(code, err, "bom.xlsx", "setelah diekstrak", "batas 20 MB")


def test_record_workbook_part_with_a_bomb_ratio(rapat, rapat_xlsx, minutes):
    """Under the unpacked limit but compressing 1000:1: refused by the ratio check."""
    huge_cell_xlsx(rapat_xlsx, rapat / "bom.xlsx", 5 * MB)
    code, err = minutes("bom.xlsx")
    assert_refused(code, err, "bom.xlsx", "memampat", "batas 100:1")


def test_record_workbook_cell_over_the_cell_limit(rapat, rapat_xlsx, minutes):
    wb = openpyxl.load_workbook(rapat_xlsx)
    wb["Kesimpulan"].append(["PENANDA"])
    row = wb["Kesimpulan"].max_row
    wb.save(rapat_xlsx)
    replace_in_xlsx(rapat_xlsx, "PENANDA", "x" * (MAX_CELL_CHARS + 1))
    code, err = minutes("rapat.xlsx")
    assert_refused(
        code,
        err,
        "rapat.xlsx",
        f"sheet Kesimpulan baris {row}",
        f"batas {grouped(MAX_CELL_CHARS)} karakter",
    )


def test_record_workbook_sheet_over_the_row_limit(rapat, rapat_xlsx, minutes):
    wb = openpyxl.load_workbook(rapat_xlsx)
    for i in range(MAX_RECORD_SHEET_ROWS + 1):
        wb["Kesimpulan"].append([f"Kesimpulan {i}"])
    wb.save(rapat_xlsx)
    code, err = minutes("rapat.xlsx")
    assert_refused(
        code,
        err,
        "rapat.xlsx",
        "sheet Kesimpulan",
        f"lebih dari {grouped(MAX_RECORD_SHEET_ROWS)} baris",
    )


def test_roster_workbook_over_the_row_limit(rapat, minutes):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Kehadiran")
    ws.append(["nama", "instansi"])
    for i in range(MAX_ATTENDANCE_ROWS):
        ws.append([f"Peserta {i}", "KPU Kabupaten Pamekasan"])
    wb.save(rapat / "hadir.xlsx")
    code, err = minutes("meeting.yaml", "hadir.xlsx")
    assert_refused(
        code, err, "hadir.xlsx", f"lebih dari {grouped(MAX_ATTENDANCE_ROWS)} baris", "--attendance"
    )


def test_roster_workbook_with_a_huge_cell(rapat, rapat_xlsx, minutes):
    huge_cell_xlsx(rapat_xlsx, rapat / "hadir.xlsx", 30 * MB)
    code, err = minutes("meeting.yaml", "hadir.xlsx")
    assert_refused(code, err, "hadir.xlsx", "setelah diekstrak", "batas 20 MB")


# ============================================================================= photos
@pytest.mark.parametrize(
    "width, height, needle",
    [
        (20_000, 20_000, "lebih dari"),  # Pillow's own bomb error (was a traceback)
        (10_000, 6_000, "10000×6000 piksel"),  # under Pillow's warning, over our limit
    ],
)
def test_photo_over_the_pixel_limit(rapat, minutes, width, height, needle):
    png_claiming(rapat / "foto.png", width, height)
    with_photo(rapat, "foto.png")
    code, err = minutes()
    assert_refused(
        code, err, "meeting.yaml", "foto.png", needle, "batas 50 megapiksel", "perkecil foto"
    )


def test_photo_over_the_byte_limit(rapat, minutes):
    sparse(rapat / "foto.jpg", MAX_PHOTO_BYTES + 1)
    with_photo(rapat, "foto.jpg")
    code, err = minutes()
    assert_refused(code, err, "meeting.yaml", "foto.jpg", "terlalu besar", "batas 50 MB")


def test_photo_within_the_limits_still_passes(tmp_path):
    from PIL import Image

    from workbench.rakor.readers.record import photo_over_limit, photo_problem

    path = tmp_path / "kecil.png"
    Image.new("RGB", (64, 48), "white").save(path)
    assert photo_over_limit(path) is None and photo_problem(path) is None


# ============================================================================= CSV
@pytest.mark.parametrize("length", [MAX_CELL_CHARS + 1, 200_000])
def test_roster_csv_field_over_the_cell_limit(rapat, minutes, length):
    """Over 131,072 characters the csv module itself used to raise (a traceback)."""
    (rapat / "hadir.csv").write_text(
        ROSTER + f'"{"x" * length}",Staf,KPU,Hadir\n', encoding="utf-8"
    )
    code, err = minutes()
    assert_refused(code, err, "hadir.csv", "baris 3", f"batas {grouped(MAX_CELL_CHARS)} karakter")


def test_zoom_report_field_over_the_cell_limit(rapat, minutes):
    row = f'"{"x" * 200_000}",a@b.id,07/17/2025 09:00:00 AM,07/17/2025 10:00:00 AM,60,No\n'
    (rapat / "zoom.csv").write_text(f"{ZOOM_HEADER}\n{row}", encoding="utf-8")
    code, err = minutes("meeting.yaml", "zoom.csv")
    assert_refused(code, err, "zoom.csv", "baris 2", f"batas {grouped(MAX_CELL_CHARS)} karakter")


def test_roster_csv_over_the_row_limit(rapat, minutes):
    """A roster of more rows than the largest meeting has: refused while parsing (a 1 M-row
    roster used to run for minutes), saying how to split it."""
    body = "".join(
        f"Peserta {i},Staf,KPU Kabupaten Pamekasan,Hadir\n" for i in range(MAX_ATTENDANCE_ROWS)
    )
    (rapat / "hadir.csv").write_text(ROSTER + body, encoding="utf-8")
    code, err = minutes()
    assert_refused(
        code,
        err,
        "hadir.csv",
        f"lebih dari {grouped(MAX_ATTENDANCE_ROWS)} baris",
        "bagi berkas",
        "--attendance",
    )


def test_roster_csv_over_the_byte_limit(rapat, minutes):
    sparse(rapat / "hadir.csv", MAX_ATTENDANCE_BYTES + 1)
    code, err = minutes()
    assert_refused(code, err, "hadir.csv", "terlalu besar", "batas 20 MB")


# ============================================================================= encodings
def test_utf8_roster_with_one_cp1252_byte_is_refused_not_garbled(rapat, minutes):
    """One name typed in an old file: every other accented name used to come out garbled
    (the whole file read as Windows-1252) with exit 0. Now: the line and byte are named."""
    good = "nama,jabatan,instansi,status\nSéri Rahayu,Staf,KPU Kabupaten Pamekasan,Hadir\n"
    bad = "José,Staf,KPU Kabupaten Pamekasan,Hadir\n".encode("cp1252")
    data = good.encode("utf-8") + bad
    (rapat / "hadir.csv").write_bytes(data)
    code, err = minutes()
    offset = len(good.encode("utf-8")) + bad.index(b"\xe9") + 1
    assert_refused(code, err, "hadir.csv", "baris 3", f"byte ke-{offset}", "0xE9", "UTF-8")


def test_report_table_with_mixed_encoding_is_refused(tmp_path, capsys):
    table = tmp_path / "laporan.csv"
    table.write_bytes(REPORTS.read_bytes() + "Kendala: jaringan lambat — café\n".encode("cp1252"))
    code, err = cli(capsys, "evaluate", table, "--period", "2025-TW2", "--out", tmp_path / "h")
    assert_refused(code, err, "laporan.csv", "bukan UTF-8", "byte ke-")
    assert not (tmp_path / "h").exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-8", "cp1252"])
def test_roster_encodings_that_are_read(tmp_path, encoding):
    """UTF-16 by its byte-order mark, UTF-8 with or without BOM, a wholly Windows-1252 file."""
    from workbench.rakor.readers.roster import read_roster

    path = tmp_path / "hadir.csv"
    path.write_bytes("nama,instansi\nJosé Sérgio,KPU\nRené,KPU\n".encode(encoding))
    assert list(read_roster(path)["nama"]) == ["José Sérgio", "René"]


@pytest.mark.parametrize(
    "data, needle",
    [
        (b"\xff\xfe" + "nama\nA\n".encode("utf-16-le") + b"\x00\xd8", "UTF-16"),  # lone surrogate
        (b"nama\nA\x81B\n", "Windows-1252"),  # 0x81 is undefined in Windows-1252
    ],
)
def test_undecodable_bytes_name_line_and_byte(tmp_path, data, needle):
    from workbench.csvtext import read_text
    from workbench.errors import InputError

    path = tmp_path / "hadir.csv"
    path.write_bytes(data)
    with pytest.raises(InputError, match=needle) as info:
        read_text(path)
    assert "baris " in str(info.value) and "byte ke-" in str(info.value)


# ============================================================================= report tables
def test_report_table_over_the_row_limit(tmp_path, capsys):
    table = tmp_path / "laporan.csv"
    table.write_text(REPORT_HEADER + "\n" + "35.28,2025,2\n" * MAX_REPORT_ROWS, encoding="utf-8")
    code, err = cli(capsys, "evaluate", table, "--period", "2025-TW2", "--out", tmp_path / "h")
    assert_refused(
        code, err, "laporan.csv", f"lebih dari {grouped(MAX_REPORT_ROWS)} baris", "per provinsi"
    )


def test_report_table_over_the_byte_limit(tmp_path, capsys):
    table = sparse(tmp_path / "laporan.csv", MAX_REPORT_BYTES + 1)
    code, err = cli(capsys, "evaluate", table, "--period", "2025-TW2", "--out", tmp_path / "h")
    assert_refused(code, err, "laporan.csv", "terlalu besar", "batas 100 MB")


def test_report_workbook_bomb_through_evaluate(tmp_path, capsys, rapat_xlsx):
    huge_cell_xlsx(rapat_xlsx, tmp_path / "laporan.xlsx", 120 * MB)
    code, err = cli(
        capsys,
        "evaluate",
        tmp_path / "laporan.xlsx",
        "--period",
        "2025-TW2",
        "--out",
        tmp_path / "h",
    )
    assert_refused(code, err, "laporan.xlsx", "setelah diekstrak", "batas 100 MB")
    assert not (tmp_path / "h").exists()


def test_report_csv_field_over_the_cell_limit_through_collect(tmp_path, capsys):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    good = REPORTS.read_text(encoding="utf-8").splitlines()
    (folder / "3528.csv").write_text(
        f'{good[0]}\n{good[1]}\n35.28,2025,2,"{"x" * 200_000}"\n', encoding="utf-8"
    )
    out = tmp_path / "gabungan.xlsx"
    code, err = cli(capsys, "collect", folder, "--out", out)
    assert_refused(code, err, "3528.csv", "baris 3", f"batas {grouped(MAX_CELL_CHARS)} karakter")
    assert not out.exists()


def test_collect_folder_bombs(tmp_path, capsys, rapat_xlsx):
    """A workbook bomb among the submissions: refused (named) and nothing written."""
    folder = tmp_path / "kiriman"
    folder.mkdir()
    shutil.copy(REPORTS, folder / "3500.csv")
    huge_cell_xlsx(rapat_xlsx, folder / "3528.xlsx", 120 * MB)
    out = tmp_path / "gabungan.xlsx"
    code, err = cli(capsys, "collect", folder, "--out", out)
    assert_refused(code, err, "3528.xlsx", "setelah diekstrak", "batas 100 MB")
    assert not out.exists()


def test_collect_folder_over_the_file_limit(tmp_path, capsys):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    for i in range(MAX_REPORT_FILES + 1):
        (folder / f"{i:04}.csv").touch()
    out = tmp_path / "gabungan.xlsx"
    code, err = cli(capsys, "collect", folder, "--out", out)
    assert_refused(code, err, "kiriman", f"batas {grouped(MAX_REPORT_FILES)}")
    assert not out.exists()
