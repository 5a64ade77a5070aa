"""The Bakohumas province report and per-office report (contexts and rendered DOCX)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from docx import Document

from workbench.bakohumas import report as rp
from workbench.bakohumas.job import evaluate_file, make_office_report
from workbench.errors import InputError, WorkbenchError
from workbench.samples.bakohumas import write_samples

PERIOD = "2025-TW2"
DAY = dt.date(2025, 7, 21)


@pytest.fixture(scope="module")
def data_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bakohumas")
    return write_samples(out)[0]


@pytest.fixture(scope="module")
def evaluation(data_file):
    return evaluate_file(data_file, PERIOD)


def _stale_office(evaluation) -> str:
    r = evaluation.ringkasan
    return r.loc[r["tidak_diperbarui"] & (r["status_laporan"] != "belum"), "kode_satker"].iloc[0]


def _docx_text(path: Path) -> tuple[list[str], list[list[str]]]:
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    return paragraphs, rows


# ----------------------------------------------------------------------------- formatting
def test_indicator_values_are_indonesian():
    assert rp.indicator_value("anggaran", 11_900_000.0) == "Rp11.900.000"
    assert rp.indicator_value("realisasi_persen", 59.4034) == "59,4%"
    assert rp.indicator_value("siaran_pers", 1234.0) == "1.234"
    assert rp.indicator_value("siaran_pers", 2.5) == "2,5"
    assert rp.indicator_value("siaran_pers", float("nan")) == "-"
    assert rp.skor_text(78.5) == "78,5"


# ----------------------------------------------------------------------------- province
def test_province_context(evaluation):
    ctx = rp.province_report_context(evaluation, tanggal=DAY)
    assert ctx["kop"] == "KOMISI PEMILIHAN UMUM PROVINSI JAWA TIMUR"
    assert ctx["judul"] == (
        "LAPORAN EVALUASI PELAKSANAAN BAKOHUMAS KPU KABUPATEN/KOTA SE-JAWA TIMUR, TW 2 TAHUN 2025"
    )
    t = evaluation.totals
    assert ctx["ringkasan"]["jumlah_satker"] == "38 satker"
    assert ctx["ringkasan"]["tepat_waktu"].startswith(f"{t['tepat_waktu']} satker (")
    assert re.fullmatch(r"\d+,\d", ctx["ringkasan"]["rata_rata_skor"])
    assert [x["teks"] for x in ctx["temuan"]] == list(evaluation.findings)
    assert ctx["temuan"][0]["no"] == "1."
    assert len(ctx["peringkat"]) == 38
    ranked = [r for r in ctx["peringkat"] if r["peringkat"] != "-"]
    ranks = [int(r["peringkat"]) for r in ranked]
    assert ranks == sorted(ranks)
    assert all(re.fullmatch(r"\d+,\d", r["skor"]) for r in ranked)
    # copied reports: last, "tidak dinilai", no score or rank, said under the table
    stale = evaluation.ringkasan.loc[evaluation.ringkasan["tidak_diperbarui"], "nama_satker"]
    assert [r["satker"] for r in ctx["peringkat"][len(ranked) :]] == sorted(
        stale, key=lambda n: evaluation.ringkasan.set_index("nama_satker").loc[n, "kode_satker"]
    )
    assert all(r["status"].endswith("tidak dinilai") for r in ctx["peringkat"][len(ranked) :])
    assert all(name in ctx["peringkat_catatan"] for name in stale)
    assert {r["diperbarui"] for r in ctx["peringkat"]} <= {"Ya", "Tidak", "-"}
    assert ctx["ttd"]["tempat_tanggal"] == "Surabaya, 21 Juli 2025"
    assert ctx["grafik"] == {"status": None, "indikator": None, "tren": None}
    assert ctx["rekomendasi"]


def test_province_recommendations_follow_findings(evaluation):
    recs = rp.province_recommendations(evaluation, DAY)
    assert all(x["penanggung_jawab"] and x["tenggat"] for x in recs)
    texts = [x["uraian"] for x in recs]
    r = evaluation.ringkasan
    for name in r.loc[r["tidak_diperbarui"], "nama_satker"]:
        assert any(name in x for x in texts)
    assert any("TW 3 Tahun 2025" in x and "10 Oktober 2025" in x for x in texts)


def test_render_province_report(evaluation, tmp_path):
    paths = rp.render_province_report(evaluation, tmp_path, tanggal=DAY)
    names = {p.name for p in paths}
    assert names == {
        "evaluasi-provinsi.docx",
        "ringkasan.csv",
        "ringkasan.xlsx",
        "status-laporan.png",
        "indikator-satker.png",
        "tren-triwulan.png",
    }
    paragraphs, rows = _docx_text(tmp_path / "evaluasi-provinsi.docx")
    text = "\n".join(paragraphs)
    for finding in evaluation.findings:
        assert finding in text
    assert "KOMISI PEMILIHAN UMUM PROVINSI JAWA TIMUR" in text
    assert "{{" not in text and "{%" not in text
    satker_cells = [row[1] for row in rows if len(row) == 6 and row[0].isdigit()]
    assert sorted(satker_cells) == sorted(evaluation.ringkasan["nama_satker"])  # each once
    doc = Document(str(tmp_path / "evaluasi-provinsi.docx"))
    assert len(doc.inline_shapes) == 3
    header = doc.tables[1].rows[0]._tr
    assert header.find(".//{*}tblHeader") is not None
    for p in paths:
        assert p.stat().st_size > 0
    assert not list(tmp_path.glob(".*.tmp"))


def test_ringkasan_csv_round_trips(evaluation, tmp_path):
    rp.render_province_report(evaluation, tmp_path, tanggal=DAY)
    raw = (tmp_path / "ringkasan.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    back = pd.read_csv(tmp_path / "ringkasan.csv", encoding="utf-8-sig", dtype={"kode_satker": str})
    assert list(back["kode_satker"]) == list(evaluation.ringkasan["kode_satker"])
    pd.testing.assert_series_equal(back["skor"], evaluation.ringkasan["skor"], check_names=False)
    assert back["skor"].isna().sum() == evaluation.ringkasan["tidak_diperbarui"].sum()
    assert "uraian_kegiatan" not in back.columns
    xlsx = pd.read_excel(tmp_path / "ringkasan.xlsx", dtype={"kode_satker": str})
    assert list(xlsx["kode_satker"]) == list(back["kode_satker"])
    assert set(xlsx["tidak_diperbarui"]) <= {"ya", "tidak"}


# ----------------------------------------------------------------------------- one office
def test_office_context(evaluation):
    ctx = rp.office_report_context(evaluation, "35.28", tanggal=DAY)
    row = evaluation.office("35.28")
    assert ctx["kop"] == "KOMISI PEMILIHAN UMUM PROVINSI JAWA TIMUR"  # the evaluator's kop
    assert ctx["satker_judul"] == "KPU KABUPATEN PAMEKASAN"
    assert ctx["judul_lengkap"] == (
        "LAPORAN HASIL EVALUASI BAKOHUMAS \u2014 KPU KABUPATEN PAMEKASAN \u2014 TW 2 TAHUN 2025"
    )
    kartu = ctx["kartu"]
    assert kartu["peringkat"] == f"{row['peringkat']} dari 38"
    assert re.fullmatch(r"\d+,\d dari 100", kartu["skor"])
    assert re.fullmatch(r"\d{1,2} Juli 2025", kartu["tanggal_kirim"])
    labels = [r["indikator"] for r in ctx["indikator"]]
    assert "Anggaran" in labels and "Sarana dan prasarana" in labels
    money = next(r for r in ctx["indikator"] if r["indikator"] == "Anggaran")
    assert money["satker"].startswith("Rp") and money["median"].startswith("Rp")
    assert {r["keterangan"] for r in ctx["indikator"]} <= {
        "Di atas median",
        "Di bawah median",
        "Sama dengan median",
        "-",
    }
    assert [t["periode"] for t in ctx["tren"]] == ["TW 1 Tahun 2025", "TW 2 Tahun 2025"]
    assert ctx["temuan"] and ctx["rekomendasi"]


def test_office_context_for_stale_and_missing_offices(evaluation):
    stale = rp.office_report_context(evaluation, _stale_office(evaluation))
    assert stale["kartu"]["diperbarui"] == "Tidak"
    r = evaluation.ringkasan
    missing = r.loc[r["status_laporan"] == "belum", "kode_satker"].iloc[0]
    ctx = rp.office_report_context(evaluation, missing)
    assert ctx["kartu"]["tanggal_kirim"] == "-"
    assert ctx["kartu"]["status"] == "Belum mengirim"
    assert {x["satker"] for x in ctx["indikator"]} == {"-"}
    assert rp.office_chart_png(evaluation, missing) is None
    # The office that sent nothing is not told its evaluation is "based on its report".
    assert ctx["pengantar"].startswith("Sampai dengan evaluasi ini disusun, ")
    assert "belum menyampaikan laporan triwulan" in ctx["pengantar"]
    assert "Berdasarkan laporan" in stale["pengantar"]


def test_ranking_intro_explains_the_penalties(evaluation):
    ctx = rp.province_report_context(evaluation, tanggal=DAY)
    assert ctx["peringkat_pengantar"] == (
        "Satker diurutkan menurut skor evaluasi (0–100); satker dengan skor sama berbagi "
        "peringkat. Skor dikurangi 10 poin untuk laporan yang terlambat, paling rendah 0. "
        "Satker yang belum menyampaikan laporan diberi skor 0; laporan yang belum diperbarui "
        "dari triwulan sebelumnya tidak dinilai."
    )


def test_documents_use_real_word_styles(evaluation, tmp_path):
    """Headings, numbered points and captions carry named Word styles (restylable in Word)."""
    docx = rp.render_province_report(evaluation, tmp_path, tanggal=DAY)[0]
    paragraphs = Document(str(docx)).paragraphs
    styles = {p.style.name: p.text for p in paragraphs}
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert any(h.endswith("REKOMENDASI") for h in headings)
    assert {"Title", "Kop", "Butir Bernomor", "Caption", "Body Text"} <= set(styles)


def test_make_office_report(data_file, tmp_path):
    out = make_office_report(data_file, PERIOD, "35.28", tmp_path / "35.28", tanggal=DAY)
    assert out == tmp_path / "35.28" / "laporan.docx"
    assert (tmp_path / "35.28" / "perbandingan-median.png").read_bytes().startswith(b"\x89PNG")
    paragraphs, rows = _docx_text(out)
    text = "\n".join(paragraphs)
    cells = {c for row in rows for c in row}
    assert "KPU KABUPATEN PAMEKASAN" in text
    assert any(re.fullmatch(r"\d+ dari 38", c) for c in cells)
    assert "Median Provinsi" in cells
    evaluation = evaluate_file(data_file, PERIOD)
    for finding in rp.office_report_context(evaluation, "35.28")["temuan"]:
        assert finding["teks"] in text
    assert "{{" not in text
    assert len(Document(str(out)).inline_shapes) == 1


def test_unknown_office_is_an_input_error(data_file, tmp_path):
    with pytest.raises(InputError):
        make_office_report(data_file, PERIOD, "35.99", tmp_path)
    assert not any(tmp_path.iterdir())


def test_failed_render_leaves_no_partial_file(evaluation, tmp_path):
    bad = tmp_path / "rusak.docx"
    from docx import Document as NewDocument

    doc = NewDocument()
    doc.add_paragraph("{{ satker.tidak_ada() }}")
    doc.save(bad)
    out = tmp_path / "keluaran"
    with pytest.raises(WorkbenchError):
        rp.render_office_report(evaluation, "35.28", out, template=bad)
    assert not out.exists() or not any(out.iterdir())


def test_previous_report_is_kept_when_render_fails(evaluation, tmp_path):
    rp.render_office_report(evaluation, "35.28", tmp_path, tanggal=DAY)
    before = (tmp_path / "laporan.docx").read_bytes()
    with pytest.raises(InputError):
        rp.render_office_report(evaluation, "35.28", tmp_path, template=tmp_path / "tidak-ada.docx")
    assert (tmp_path / "laporan.docx").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.docx", "perbandingan-median.png"]


def test_templates_use_only_supplied_variables(evaluation):
    from workbench.documents import template_variables

    prov = rp.province_report_context(evaluation)
    office = rp.office_report_context(evaluation, "35.28")
    assert template_variables(rp.PROVINCE_TEMPLATE) <= set(prov)
    assert template_variables(rp.OFFICE_TEMPLATE) <= set(office)


@pytest.mark.slow
def test_office_report_converts_to_pdf(evaluation, tmp_path, soffice, pdftotext):
    import subprocess

    docx = rp.render_office_report(evaluation, "35.28", tmp_path, tanggal=DAY)
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(
        [pdftotext, str(tmp_path / "laporan.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "KPU KABUPATEN PAMEKASAN" in text
    assert "Surabaya, 21 Juli 2025" in text


def test_a_file_that_is_not_a_docx_is_an_input_error(evaluation, tmp_path):
    bad = tmp_path / "bukan.docx"
    bad.write_text("bukan dokumen word")
    with pytest.raises(InputError):
        rp.render_office_report(evaluation, "35.28", tmp_path / "out", template=bad)
    assert not (tmp_path / "out").exists()


def test_cached_render_sees_an_edited_template(evaluation, tmp_path):
    import shutil

    tpl = tmp_path / "t.docx"
    shutil.copy(rp.OFFICE_TEMPLATE, tpl)
    rp.render_office_report(evaluation, "35.28", tmp_path / "a", template=tpl)
    doc = Document(str(tpl))
    doc.add_paragraph("Tambahan {{ satker }}")
    doc.save(tpl)
    out = rp.render_office_report(evaluation, "35.28", tmp_path / "b", template=tpl)
    assert "Tambahan KPU Kabupaten Pamekasan" in _docx_text(out)[0]


def test_user_text_is_escaped_not_interpreted(evaluation, tmp_path):
    signer = {"jabatan": "Kabag R&D <Humas>", "nama": "{{ kop }} & Co", "nip": "1985"}
    out = rp.render_office_report(evaluation, "35.28", tmp_path, penandatangan=signer)
    cells = {c for row in _docx_text(out)[1] for c in row}
    assert "Kabag R&D <Humas>," in cells
    assert "{{ kop }} & Co" in cells
    assert "NIP. 1985" in cells


# ----------------------------------------------------------------------------- issue #16
def test_stale_reports_are_not_assessed(evaluation):
    """Copied reports: no score or rank, out of totals, medians and praise."""
    r = evaluation.ringkasan
    stale = r["tidak_diperbarui"].to_numpy(dtype=bool) & (r["status_laporan"] != "belum")
    assert stale.any()
    assert r.loc[stale, "skor"].isna().all() and (r.loc[stale, "peringkat"] == 0).all()
    assessed = ~stale & (r["status_laporan"] != "belum")
    assert evaluation.totals["dinilai"] == int(assessed.sum())
    assert evaluation.totals["siaran_pers"] == r.loc[assessed, "siaran_pers"].sum()
    ranked = r.loc[r["peringkat"] > 0, "peringkat"]
    assert ranked.min() == 1 and len(ranked) == len(r) - int(stale.sum())
    ind = evaluation.indikator
    stale_codes = set(r.loc[stale, "kode_satker"])
    assert (ind.loc[ind["kode_satker"].isin(stale_codes), "posisi"] == "").all()  # no praise
    top = next(f for f in evaluation.findings if f.startswith("Skor tertinggi"))
    assert not any(name in top for name in r.loc[stale, "nama_satker"])


def test_findings_name_their_offices_inline_or_in_a_lampiran(evaluation):
    from workbench.bakohumas.findings import INLINE_MAX, findings_detail

    detail = findings_detail(evaluation)
    counted = [t for t, _ in detail if t.startswith("Sebanyak")]
    assert counted
    for text, names in detail:
        if names:
            assert len(names) > INLINE_MAX and "Lampiran" in text
    ctx = rp.province_report_context(evaluation, tanggal=DAY)
    assert [x["judul"].split(" (")[0] for x in ctx["lampiran_temuan"]] == [
        f"Temuan {i}" for i, (_, names) in enumerate(detail, start=1) if names
    ]
    r = evaluation.ringkasan
    untrained = next(t for t, _ in detail if "belum memiliki SDM terlatih" in t)
    names = r.loc[r["tanpa_sdm_terlatih"], "nama_satker"]
    assert all(name in untrained for name in names) or "Lampiran" in untrained


def test_recommendations_have_a_pj_and_a_tenggat_and_never_a_past_date():
    from bakohumas_factory import frame, row

    from workbench.bakohumas.evaluate import evaluate_period

    ev = evaluate_period(
        frame(
            row("34.01", 1, dt.date(2025, 4, 8), uraian_kegiatan="Rapat koordinasi awal."),
            row("34.01", 2, dt.date(2025, 7, 9), uraian_kegiatan="Sosialisasi pemilih pemula."),
        ),
        "2025-TW2",
    )
    on_time = rp.province_recommendations(ev, dt.date(2025, 7, 21))
    assert all(x["penanggung_jawab"] and x["tenggat"] for x in on_time)
    assert any(x["tenggat"] == "10 Oktober 2025" for x in on_time)
    # dated December 2026: the TW 3 2025 report is asked for "segera", not by 10 October 2025
    late = rp.province_recommendations(ev, dt.date(2026, 12, 6))
    tw3 = next(x for x in late if "TW 3 Tahun 2025" in x["uraian"])
    assert "segera" in tw3["uraian"] and tw3["tenggat"].startswith("segera")
    assert "telah lewat" in tw3["uraian"]
    notes = rp.letter_date_notes(ev.period, dt.date(2026, 12, 6), given=False)
    assert notes and "--tanggal" in notes[0] and "10 Oktober 2025" in notes[0]
    assert not rp.letter_date_notes(ev.period, dt.date(2026, 12, 6), given=True)
    assert not rp.letter_date_notes(ev.period, dt.date(2025, 7, 21), given=False)


def test_province_docx_shows_tidak_dinilai_recommendation_table_and_lampiran(evaluation, tmp_path):
    rp.render_province_report(evaluation, tmp_path, tanggal=DAY)
    paragraphs, rows = _docx_text(tmp_path / "evaluasi-provinsi.docx")
    text = "\n".join(paragraphs)
    r = evaluation.ringkasan
    stale = r.loc[r["tidak_diperbarui"] & (r["status_laporan"] != "belum"), "nama_satker"]
    assert any("tidak dinilai" in p and all(n in p for n in stale) for p in paragraphs)
    ranking = [row for row in rows if len(row) == 6 and row[1] in set(stale)]
    assert ranking and all(row[4] == "-" and row[5] == "-" for row in ranking)
    assert ["No", "Rekomendasi", "Penanggung Jawab", "Tenggat"] in rows
    recs = [row for row in rows if len(row) == 4 and row[0].rstrip(".").isdigit()]
    assert recs and all(row[2] and row[3] for row in recs)
    ctx = rp.province_report_context(evaluation, tanggal=DAY)
    if ctx["lampiran_temuan"]:
        assert "LAMPIRAN: DAFTAR SATKER PER TEMUAN" in text
        assert ctx["lampiran_temuan"][0]["judul"] in text
