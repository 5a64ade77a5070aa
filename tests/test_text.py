"""Domain-free text helpers shared by both domains (workbench.text).

The cases pin the behaviour each caller had before the helpers were merged: the attendance
readers' header keys (words: spaces kept, '/' tightened, trailing ':' dropped) and the report
reader's (snake case), and the yes/no words of report and jobs tables.
"""

import pytest

from workbench.text import NO_WORDS, YES_WORDS, header_key

#: (header cell, attendance-reader key, report-reader key)
HEADER_CASES = [
    ("Kode Satker ", "kode satker", "kode_satker"),
    ("Tanggal-Kirim", "tanggal-kirim", "tanggal_kirim"),
    ("\ufeffName (Original Name)", "name (original name)", "name_original_name"),
    ("  Instansi /  Unit   Kerja :", "instansi/unit kerja", "instansi_unit_kerja"),
    ("Jabatan/ Posisi", "jabatan/posisi", "jabatan_posisi"),
    ("Keterangan /Status", "keterangan/status", "keterangan_status"),
    ("Join Time::", "join time", "join_time"),
    ("__Kode__KPU__", "__kode__kpu__", "kode_kpu"),
    ("Sarana Memadai?", "sarana memadai?", "sarana_memadai"),
    ("Unggahan\tMedia\nSosial", "unggahan media sosial", "unggahan_media_sosial"),
    ("Nama Lengkap\u00a0dan Gelar", "nama lengkap dan gelar", "nama_lengkap_dan_gelar"),
    ("Bulan Émile", "bulan émile", "bulan_mile"),
    ("TW", "tw", "tw"),
    (2025, "2025", "2025"),
    (None, "", ""),
    ("", "", ""),
    (":", "", ""),
]


@pytest.mark.parametrize(("cell", "words", "snake"), HEADER_CASES)
def test_header_key_keeps_both_rules(cell, words, snake):
    assert header_key(cell) == words
    assert header_key(cell, snake=True) == snake


def test_csvtext_still_offers_the_attendance_rule():
    from workbench import csvtext

    assert csvtext.header_key is header_key


# Yes/no words: every table takes workbench.text.YES_WORDS / NO_WORDS (English "yes"/"no"
# included; jobs tables refused them before the lists were merged). Report tables (the
# sarana_memadai column) also take the form's own answers ("memadai", "kurang memadai", check
# marks, "-"); jobs tables do not, where "-" might mean "leave the default".
REPORT_YES = [
    "ya",
    "Y",
    " YA ",
    "yes",
    "1",
    "true",
    "Benar",
    "memadai",
    "v",
    "\u2713",
    1,
    1.0,
    True,
]
REPORT_NO = [
    "tidak",
    "t",
    "tdk",
    "no",
    "n",
    "0",
    "false",
    "salah",
    "tidak memadai",
    "Tidak  Memadai",
    "belum memadai",
    "kurang",
    "kurang memadai",
    "-",
    "x",
    0,
    0.0,
    False,
]
JOBS_YES = ["ya", "y", "TRUE", "benar", "1", " Ya ", 1, True, "yes", "Y"]
JOBS_NO = ["tidak", "t", "false", "Salah", "0", 0, 0.0, False, "no", "N", "tdk"]
NEITHER = ["mungkin", "2", "ya tidak", "nan", 2, 0.5, float("nan")]


@pytest.mark.parametrize("value", REPORT_YES + REPORT_NO)
def test_report_yes_no_words(value):
    from workbench.bakohumas.cells import yes_no

    assert yes_no(value) is (value in REPORT_YES)


@pytest.mark.parametrize("value", ["mungkin", "2", "ya tidak", 2, 0.5])
def test_report_yes_no_refuses_other_words(value):
    from workbench.bakohumas.cells import BadCell, yes_no

    with pytest.raises(BadCell, match="bukan ya/tidak"):
        yes_no(value)


@pytest.mark.parametrize("value", JOBS_YES + JOBS_NO)
def test_jobs_yes_no_words(value):
    from workbench.batch.jobs import convert

    assert convert(value, "bool") is (value in JOBS_YES)


@pytest.mark.parametrize("value", NEITHER + ["memadai", "-", "x", "v"])
def test_jobs_yes_no_refuses_other_words(value):
    from workbench.batch.jobs import convert

    with pytest.raises(ValueError, match="bukan nilai ya/tidak"):
        convert(value, "bool")


def test_one_word_list_for_every_table():
    from workbench.bakohumas.cells import FORM_NO, FORM_YES, yes_no
    from workbench.batch.jobs import convert

    assert YES_WORDS <= FORM_YES and NO_WORDS <= FORM_NO
    assert not FORM_YES & FORM_NO
    for word in sorted(YES_WORDS | NO_WORDS):
        assert convert(word, "bool") is yes_no(word) is (word in YES_WORDS)
