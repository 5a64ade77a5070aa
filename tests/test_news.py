"""`workbench news` end to end (a real kernel runs notebooks/berita_kegiatan.ipynb; the DOCX is
read back with python-docx), and the berita's facts against the seed article's."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx_helpers import docx_text

from workbench.paths import SAMPLE_MEETING_DIR

RECORD = SAMPLE_MEETING_DIR / "meeting.yaml"
ZOOM = SAMPLE_MEETING_DIR / "zoom-peserta.csv"
INTERNAL = SAMPLE_MEETING_DIR / "peserta-internal.csv"
FOLDER = "2025-07-17-rapat-koordinasi-bakohumas-kpu-provinsi-dan-kpu-kabupaten"

# The facts of the seed article (KPU Kabupaten Pamekasan's website news of the Rakor
# Bakohumas, 17 July 2025), as it states them. The generated berita must hold each one.
#: The seed article's headline, purpose phrase included (built from rapat.tujuan).
SEED_HEADLINE = (
    "KPU Pamekasan Ikuti Rakor Bakohumas KPU Jawa Timur, Perkuat Koordinasi dan Tata Kelola "
    "Kehumasan"
)
SEED_DATELINE = "Pamekasan, 17 Juli 2025 –"
SEED_TIME = "mulai pukul 09.00 WIB hingga selesai"
SEED_SPEAKERS = [
    "Reni Rinjani Pratiwi, Kabag Humas dan Informasi Publik KPU",
    "Popong Anjarseno, Kabag Partisipasi Masyarakat dan SDM KPU Provinsi Jawa Timur",
    "Nur Salam",
]
SEED_TITLES = [
    '"Standar Output Kehumasan KPU"',
    '"Evaluasi Bakohumas KPU Kabupaten/Kota Se-Jawa Timur"',
]
SEED_ATTENDEES = [
    "Ketua KPU Pamekasan, Mahdi",
    "Moh. Amiruddin",
    "Sekretaris, Panji Kuncoro",
    "Yuda",
]
SEED_STAFF = "Staf Sub Bagian Parmas dan SDM"
SEED_POINTS = [
    "Standar Foto: Foto harus berkualitas baik, tidak blur, seimbang, bercerita sesuai rundown, "
    "memiliki perencanaan konsep acara, berhati-hati dalam menampilkan informasi penting, dan "
    "mencapai kesempurnaan.",
    "Standar Media Sosial: Ucapan khusus pegawai harus linear, dan jika menghadiri acara, akun "
    "media sosial penyelenggara harus mengunggah terlebih dahulu sebelum akun KPU mengunggahnya.",
    "Standar Livestream: Memiliki cover yang baik, backsound yang sesuai, cover dibuka saat acara "
    "dimulai, dan cover ditutup saat acara selesai.",
    "Meningkatkan Keterbukaan Informasi: Memastikan informasi terkait kepemiluan dapat diakses "
    "secara luas, cepat, dan akurat oleh masyarakat.",
    "Membangun Citra Positif KPU: Mengelola komunikasi publik untuk menciptakan persepsi positif "
    "terhadap kinerja dan integritas KPU sebagai penyelenggara pemilu.",
    "Edukasi dan Partisipasi Publik: Mengedukasi masyarakat tentang proses pemilu dan mendorong "
    "partisipasi aktif dalam setiap tahapan.",
    "Manajemen Krisis Komunikasi: Siap menghadapi dan mengelola isu-isu sensitif atau krisis yang "
    "mungkin timbul selama proses pemilu.",
    "Memanfaatkan Media Informasi: KPU Kabupaten/Kota harus memanfaatkan media informasi "
    "bakohumas dan media sosial KPU secara optimal.",
    "Menyelenggarakan pertemuan, koordinasi, dan kerja sama antar instansi/lembaga/pemangku "
    "kepentingan secara daring/luring.",
    "Mendorong partisipasi masyarakat dalam mengakses program, kebijakan terkait kepemiluan dan "
    "kelembagaan secara interaktif.",
    "Membangun dan mengembangkan citra, opini publik, serta reputasi positif terkait kepemiluan "
    "dan kelembagaan.",
    "Menyediakan informasi dan komunikasi yang interaktif secara internal dan eksternal dengan "
    "pemangku kepentingan terkait.",
    "Menyiapkan SDM kehumasan yang berkualitas.",
    "Melakukan desain, monitoring, analisis, dan evaluasi kehumasan secara berkala.",
    "SDM pelaksana di KPU Kabupaten/Kota belum maksimal dalam memahami regulasi terkait "
    "Bakohumas karena kurangnya kemauan untuk belajar.",
    "Sebagian besar satuan kerja memiliki permasalahan dalam kuantitas dan kualitas SDM "
    "pelaksana, pembiayaan kegiatan Bakohumas, serta keterbatasan sarana dan prasarana.",
    "Ada dua KPU Kabupaten/Kota yang menyampaikan laporan TW 2 Tahun 2025 yang belum diperbarui "
    "dari laporan periode sebelumnya.",
    "Optimalisasi kegiatan Bakohumas non-budgeting perlu dilakukan oleh KPU Kabupaten/Kota.",
]
SEED_LEAD = [
    "Komisi Pemilihan Umum (KPU) Kabupaten Pamekasan",
    "mengikuti Rapat Koordinasi (Rakor) Badan Koordinasi Hubungan Masyarakat (Bakohumas) KPU "
    "Provinsi dan KPU Kabupaten/Kota se-Jawa Timur",
    "secara daring",
    "diselenggarakan oleh KPU Provinsi Jawa Timur ini bertujuan untuk meningkatkan efektivitas "
    "koordinasi",
]


def missing_seed_facts(text: str) -> list[str]:
    """The seed article's facts that ``text`` (a generated berita) does not state."""
    norm = " ".join(text.split()).lower()
    facts = [
        SEED_HEADLINE,
        SEED_DATELINE,
        SEED_TIME,
        *SEED_SPEAKERS,
        *SEED_TITLES,
        *SEED_ATTENDEES,
        SEED_STAFF,
        *SEED_POINTS,
        *SEED_LEAD,
    ]
    return [f for f in facts if " ".join(f.split()).lower() not in norm]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def sample_news(demo):
    """The session's one run of the sample (tests/conftest.py ``demo``: minutes, then news
    with both attendance files): the berita folder and the news command's result."""
    assert demo.news == demo.out / FOLDER / "berita"
    return demo.news, subprocess.CompletedProcess([], **demo.results["news"])


# ----------------------------------------------------------------------------- end to end
@pytest.mark.slow
def test_outputs_and_terminal(sample_news):
    folder, result = sample_news
    names = {p.name for p in folder.iterdir()}
    assert {"berita.docx", "berita.md", "berita.html", "caption.txt", "manifest.json"} <= names
    assert "berita_kegiatan.ipynb" in names
    assert "Judul: KPU Pamekasan Ikuti Rakor Bakohumas KPU Jawa Timur" in result.stdout
    assert "Instagram:" in result.stdout and "X:" in result.stdout


@pytest.mark.slow
def test_berita_docx_holds_every_fact(sample_news):
    from workbench.rakor.readers.record import load_meeting

    folder, _ = sample_news
    text = docx_text(folder / "berita.docx")
    lines = text.splitlines()
    assert lines[0] == SEED_HEADLINE
    assert "Pamekasan, 17 Juli 2025 – Komisi Pemilihan Umum (KPU) Kabupaten Pamekasan" in text
    assert "pukul 09.00 WIB" in text
    meeting = load_meeting(RECORD)
    for m in meeting.materi:
        assert f'"{m.judul}"' in text
        assert f"{m.narasumber.nama}, {m.narasumber.jabatan}" in text
        for point in m.poin:
            assert f"\u2013\t{point}" in lines  # its own dash-list paragraph, exactly as typed
    for point in [*meeting.pembahasan, *meeting.kesimpulan]:
        assert f"\u2013\t{point}" in lines
    for person in (
        "Mahdi",
        "Moh. Amiruddin",
        "Panji Kuncoro",
        "Yuda",
        "Ach. Fauzi",
        "Siti Nurhasanah",
    ):
        assert person in text
    assert "Reni Rinjani Pratiwi" not in text.split("dihadiri oleh", 1)[1].split(".", 1)[0]


@pytest.mark.slow
def test_generated_berita_states_every_seed_fact(sample_news):
    folder, _ = sample_news
    assert missing_seed_facts(docx_text(folder / "berita.docx")) == []
    assert (
        missing_seed_facts((folder / "berita.md").read_text(encoding="utf-8").replace("\\", ""))
        == []
    )


def test_seed_comparison_fails_when_a_fact_is_missing():
    from workbench.rakor.news import build_article
    from workbench.rakor.news_output import load_news_inputs

    meeting, table = load_news_inputs(RECORD, [ZOOM, INTERNAL])
    assert missing_seed_facts(build_article(meeting, table).plain_text()) == []
    first = meeting.materi[0]
    cut = meeting.model_copy(
        update={"materi": [first.model_copy(update={"poin": first.poin[1:]}), *meeting.materi[1:]]}
    )
    assert missing_seed_facts(build_article(cut, table).plain_text()) == [SEED_POINTS[0]]
    no_staff = table[~table["jabatan"].str.startswith("Staf")]
    assert missing_seed_facts(build_article(meeting, no_staff).plain_text()) == [SEED_STAFF]


@pytest.mark.slow
def test_news_keeps_the_notula_and_reruns_replace_only_berita(demo):
    """The session's sample run made the minutes, then the news into the same folder."""
    meeting_dir = demo.out / FOLDER
    before = demo.before_news
    assert {"notula.docx", "daftar-hadir.docx", "manifest.json"} <= set(before)
    after = {p.name: p.stat().st_mtime_ns for p in meeting_dir.iterdir() if p.is_file()}
    assert after == before  # notula.docx, daftar-hadir.docx, manifest.json … untouched
    assert (meeting_dir / "berita" / "berita.docx").is_file()
    assert not [p for p in meeting_dir.iterdir() if p.name.startswith(".berita.staging")]


@pytest.mark.slow
def test_minutes_after_news_keeps_the_berita(demo, tmp_path):
    """Minutes into a copy of the session's sample run, whose news was made last."""
    shutil.copytree(demo.minutes, tmp_path / FOLDER)
    minutes = run_cli(
        "minutes", str(RECORD), "-a", str(ZOOM), "-a", str(INTERNAL), "--out", str(tmp_path)
    )
    assert minutes.returncode == 0, minutes.stderr
    assert (tmp_path / FOLDER / "berita" / "berita.docx").is_file()


@pytest.mark.slow
def test_bad_record_exits_2_and_writes_nothing(tmp_path):
    bad = tmp_path / "meeting.yaml"
    bad.write_text(
        RECORD.read_text(encoding="utf-8") + '\nberita:\n  tagar: ["#Pemilu Damai!"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("news", str(bad), "--out", str(out))
    assert result.returncode == 2
    assert "berita.tagar" in result.stderr and "tagar 'Damai!' tidak sah" in result.stderr
    assert not out.exists()


def test_templates_check_covers_berita(tmp_path):
    from workbench.template_check import check_jenis

    jenis, result = check_jenis(Path("templates/berita.docx").resolve())
    assert jenis == "berita" and result.ok and not result.unused

    from docx import Document

    doc = Document("templates/berita.docx")
    doc.add_paragraph("{{ judull }}")
    broken = tmp_path / "berita-kantor.docx"
    doc.save(str(broken))
    _, result = check_jenis(broken)
    assert result.unknown == ["judull"]
