"""`workbench posts`: the Standar Media Sosial check on posting logs with early, late and
missing posts; bad rows are exit 2 naming row and column."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from docx_helpers import docx_text

from workbench.cli import main
from workbench.paths import PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "data" / "samples" / "unggahan" / "log-unggahan.csv"
HEADER = "acara,tanggal,akun,pemilik,platform,waktu_unggah,tautan"
RAKOR = "Rakor Bakohumas"
LOG = [
    HEADER,
    f"{RAKOR},17/07/2025,kpujatim,penyelenggara,Instagram,17/07/2025 10.05,https://contoh/1",
    f"{RAKOR},17/07/2025,kpujatim,penyelenggara,Instagram,17/07/2025 12.00,https://contoh/1b",
    f"{RAKOR},17/07/2025,kpu_pamekasan,kpu,IG,17/07/2025 11.20,https://contoh/2",  # late: fine
    f"{RAKOR},17/07/2025,kpusumenep,kpu,instagram,2025-07-17 09:40,https://contoh/3",  # early
    f"{RAKOR},17/07/2025,kpusumenep,kpu,instagram,2025-07-17 12:40,https://contoh/3b",
    f"{RAKOR},17/07/2025,kpu_pamekasan,kpu,Twitter,11.30,https://contoh/4",  # organiser missing
    "Ucapan Hari Anak Nasional,23/07/2025,kpu_pamekasan,kpu,Instagram,07.00,",
]


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(args)
    return info.value.code


def rows_of(path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_check_early_late_missing_and_greetings(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("\n".join(LOG) + "\n", encoding="utf-8")
    assert run_cli(["posts", str(log), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "5 unggahan akun KPU diperiksa, 3 tidak sesuai standar" in out
    folder = tmp_path / "out" / "unggahan"
    rows = rows_of(folder / "periksa-unggahan.csv")
    found = {(r["akun"], r["platform"], r["acara"]): r for r in rows}
    early = found[("kpusumenep", "Instagram", RAKOR)]
    assert early["temuan"] == "kpu lebih dulu" and early["selisih_menit"] == "25"
    assert early["unggah_penyelenggara"] == "2025-07-17 10:05"
    assert early["unggah_kpu"] == "2025-07-17 09:40"  # the first post counts, not the later one
    late = found[("kpu_pamekasan", "Instagram", RAKOR)]
    assert late["temuan"] == "sesuai" and late["selisih_menit"] == "75"
    missing = found[("kpu_pamekasan", "X", RAKOR)]
    assert missing["temuan"] == "penyelenggara belum mengunggah" and missing["selisih_menit"] == ""
    greeting = found[("kpusumenep", "Instagram", "Ucapan Hari Anak Nasional")]
    assert greeting["temuan"] == "ucapan tidak diunggah"
    assert "1 dari 2 akun KPU" in greeting["keterangan"]
    assert found[("kpu_pamekasan", "Instagram", "Ucapan Hari Anak Nasional")]["temuan"] == (
        "ucapan diunggah"
    )
    assert [r["temuan"] for r in rows][:3] == [
        "kpu lebih dulu",
        "penyelenggara belum mengunggah",
        "ucapan tidak diunggah",
    ]
    assert (folder / "manifest.json").is_file()


def test_summary_docx_has_a_chart_per_platform(tmp_path):
    from docx import Document

    assert run_cli(["posts", str(SAMPLE), "--out", str(tmp_path)]) == 0
    docx = tmp_path / "unggahan" / "ringkasan-unggahan.docx"
    doc = Document(str(docx))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert sorted(headings) == ["Facebook", "Instagram", "X"]
    assert len(doc.inline_shapes) == len(headings)
    text = docx_text(docx)
    assert "25 menit lebih dulu" in text and "kpusumenep" in text


def test_xlsx_log_with_datetime_cells(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Acara", "Tanggal", "Akun", "Pemilik", "Platform", "Waktu Unggah", "Tautan"])
    ws.append(
        [
            RAKOR,
            dt.date(2025, 7, 17),
            "kpujatim",
            "penyelenggara",
            "Facebook",
            dt.datetime(2025, 7, 17, 10, 0),
            None,
        ]
    )
    ws.append(
        [
            RAKOR,
            dt.date(2025, 7, 17),
            "kpu_pamekasan",
            "KPU",
            "FB",
            dt.datetime(2025, 7, 17, 9, 30),
            None,
        ]
    )
    log = tmp_path / "log.xlsx"
    wb.save(log)
    assert run_cli(["posts", str(log), "--out", str(tmp_path / "out")]) == 0
    (row,) = rows_of(tmp_path / "out" / "unggahan" / "periksa-unggahan.csv")
    assert row["temuan"] == "kpu lebih dulu" and row["selisih_menit"] == "30"


@pytest.mark.parametrize(
    "line, column, problem",
    [
        (
            f"{RAKOR},17/07/2025,kpu_x,kpu,Instagram,17/07/2025 25.10,",
            "waktu_unggah",
            "waktu unggah '17/07/2025 25.10' tidak dapat dibaca",
        ),
        (
            f"{RAKOR},17/07/2025,kpu_x,kpu,Instagrm,10.00,",
            "platform",
            "platform 'Instagrm' tidak dikenal",
        ),
        (f"{RAKOR},17/07/2025,,kpu,Instagram,10.00,", "akun", "nilai wajib belum diisi"),
        (
            f"{RAKOR},31/02/2025,kpu_x,kpu,Instagram,10.00,",
            "tanggal",
            "tanggal '31/02/2025' tidak dapat dibaca",
        ),
        (
            f"{RAKOR},17/07/2025,kpu_x,panitia,Instagram,10.00,",
            "pemilik",
            "pemilik 'panitia' tidak dikenal",
        ),
    ],
)
def test_bad_row_exits_2_naming_row_and_column(tmp_path, capsys, line, column, problem):
    log = tmp_path / "log.csv"
    log.write_text("\n".join([*LOG[:3], line]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(["posts", str(log), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"baris 4, kolom/kunci '{column}'" in err and problem in err
    assert not out.exists()


def test_missing_column_exits_2(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("acara,tanggal,akun,platform,waktu_unggah\nA,17/07/2025,x,IG,10.00\n")
    assert run_cli(["posts", str(log), "--out", str(tmp_path / "out")]) == 2
    assert "kolom pemilik tidak ada" in capsys.readouterr().err


def test_row_bound(tmp_path, capsys, monkeypatch):
    import workbench.standar.unggahan.reader as reader

    monkeypatch.setattr(reader, "MAX_POSTS_ROWS", 3)
    log = tmp_path / "log.csv"
    log.write_text("\n".join(LOG) + "\n", encoding="utf-8")
    assert run_cli(["posts", str(log), "--out", str(tmp_path / "out")]) == 2
    assert "lebih dari 3 baris data" in capsys.readouterr().err


def test_csv_cells_never_become_formulas(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "\n".join(
            [
                HEADER,
                '=HYPERLINK("http://x"),17/07/2025,org,penyelenggara,X,10.00,',
                '=HYPERLINK("http://x"),17/07/2025,@kpu,kpu,X,09.00,',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    assert run_cli(["posts", str(log), "--out", str(tmp_path / "out")]) == 0
    (row,) = rows_of(tmp_path / "out" / "unggahan" / "periksa-unggahan.csv")
    assert row["acara"].startswith("'=") and row["akun"] == "'@kpu"


def test_official_document_kop_period_signature_labels_hours_and_own_events(tmp_path, capsys):
    """Issue #16 (7): kop, period, signature and page numbers; labels in words; a next-day
    post late in hours; an event the KPU office held itself is no 'penyelenggara belum
    mengunggah'; a platform with one finding gets a readable chart."""
    from docx import Document

    log = tmp_path / "log.csv"
    lines = [
        *LOG,
        # the organiser posted the day after KPU: KPU was 1 day 1 hour early
        "Sosialisasi Pilkada,18/07/2025,kpujatim,penyelenggara,Facebook,19/07/2025 10.30,",
        "Sosialisasi Pilkada,18/07/2025,kpusumenep,kpu,Facebook,18/07/2025 09.30,",
        # KPU Pamekasan's own event: no organiser account anywhere in the log
        "Rapat Pleno KPU Pamekasan,21/07/2025,kpu_pamekasan,kpu,Instagram,21/07/2025 14.00,",
    ]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = run_cli(
        [
            "posts",
            str(log),
            "--out",
            str(tmp_path),
            "--satker",
            "35.28",
            "--tanggal-surat",
            "25/07/2025",
        ]
    )
    assert code == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "Akun KPU mengunggah lebih dulu: 2" in out
    folder = tmp_path / "unggahan"
    rows = {(r["akun"], r["acara"]): r for r in rows_of(folder / "periksa-unggahan.csv")}
    own = rows[("kpu_pamekasan", "Rapat Pleno KPU Pamekasan")]
    assert own["temuan"] == "acara kpu" and "acara KPU sendiri" in own["keterangan"]
    early = rows[("kpusumenep", "Sosialisasi Pilkada")]
    assert early["selisih_menit"] == "1500" and "1 hari 1 jam sebelum" in early["keterangan"]
    docx = folder / "ringkasan-unggahan.docx"
    text = docx_text(docx)
    assert "KOMISI PEMILIHAN UMUM KABUPATEN PAMEKASAN" in text
    assert "Periode acara: 17 Juli 2025 s.d. 23 Juli 2025" in text
    assert "Pamekasan, 25 Juli 2025" in text
    assert "1 hari 1 jam lebih dulu" in text and "Akun KPU mengunggah lebih dulu" in text
    assert (
        "kpu lebih dulu" not in text
        and "penyelenggara belum mengunggah"
        not in text.lower().replace("akun penyelenggara belum mengunggah", "")
    )
    doc = Document(str(docx))
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    # one finding on Facebook: the chart is still at least 2 inches high
    from workbench.standar.unggahan.output import platform_chart

    fig = platform_chart("Facebook", {"kpu lebih dulu": 1})
    assert fig.get_figheight() >= 2.0
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        "Akun KPU mengunggah lebih dulu"
    ]
