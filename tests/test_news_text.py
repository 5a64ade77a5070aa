"""The berita's text building (rakor/news.py) and its writers (rakor/news_output.py): headline
rules, captions within each platform's limits, escaping in HTML and Markdown, photos."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx_helpers import docx_text

from workbench.paths import SAMPLE_MEETING_DIR
from workbench.rakor.model import Berita, Materi, Person
from workbench.rakor.news import (
    INSTAGRAM_MAX_CHARS,
    INSTAGRAM_MAX_TAGS,
    X_MAX_CHARS,
    build_article,
    build_captions,
    captions_text,
    short_meeting_name,
    short_office_name,
    x_length,
)
from workbench.rakor.news_output import article_html, article_markdown, load_news_inputs, write_news

RECORD = SAMPLE_MEETING_DIR / "meeting.yaml"
INTERNAL = SAMPLE_MEETING_DIR / "peserta-internal.csv"
HOSTILE = "R&D <b>tebal</b> \"kutip\" 'tunggal' & Co"
NON_LATIN = "كلمة ترحيب 日本語の挨拶 ꦱꦸꦒꦼꦁ ꦫꦮꦸꦃ"
INJECTIONS = [
    "<script>alert(1)</script>",
    "[klik](javascript:alert(1))",
    "![x](http://contoh.invalid/x.png)",
    '<img src=x onerror="alert(1)">',
    "# Judul palsu",
    "1. daftar palsu",
    "**tebal** _miring_ `kode` &amp; &lt;",
]


@pytest.fixture(scope="module")
def sample():
    return load_news_inputs(RECORD, [INTERNAL])


def with_materi(meeting, materi, **update):
    rapat = meeting.rapat.model_copy(update=update.pop("rapat", {}))
    return meeting.model_copy(update={"materi": materi, "rapat": rapat, **update})


# ----------------------------------------------------------------------------- names
@pytest.mark.parametrize(
    "name, short",
    [
        ("KPU Kabupaten Pamekasan", "KPU Pamekasan"),
        ("KPU Kab. Pamekasan", "KPU Pamekasan"),
        ("KPU Provinsi Jawa Timur", "KPU Jawa Timur"),
        ("KPU Kabupaten Malang", "KPU Kabupaten Malang"),  # a Kota Malang exists
        ("KPU Kota Surabaya", "KPU Kota Surabaya"),
        ("KPU RI", "KPU RI"),
    ],
)
def test_short_office_names(name, short):
    assert short_office_name(name) == short


def test_short_meeting_names():
    assert (
        short_meeting_name(
            "Rapat Koordinasi Bakohumas KPU Provinsi dan KPU Kabupaten/Kota se-Jawa Timur"
        )
        == "Rakor Bakohumas"
    )
    # a name of up to seven words is kept whole (a four-word cut split the programme's name)
    assert short_meeting_name(
        "Bimbingan Teknis Pemutakhiran Data Pemilih Berkelanjutan Tahun 2025"
    ) == ("Bimtek Pemutakhiran Data Pemilih Berkelanjutan")


@pytest.mark.parametrize(
    "judul, short",
    [
        # the headline ended on "&"
        (
            "Rapat Koordinasi Evaluasi Sosialisasi & Pendidikan Pemilih KPU Kota Denpasar",
            "Rakor Evaluasi Sosialisasi dan Pendidikan Pemilih",
        ),
        # too long to keep whole: cut before the joiner, never on it
        (
            "Rapat Koordinasi Evaluasi Sosialisasi, Pendidikan Pemilih, Partisipasi Masyarakat "
            "dan Kehumasan Pemilihan Serentak Tahun 2024",
            "Rakor Evaluasi Sosialisasi",
        ),
        ("Rapat Kerja Penyusunan Anggaran serta Tahun 2026", "Raker Penyusunan Anggaran"),
    ],
)
def test_short_meeting_names_never_end_on_a_joiner(judul, short):
    assert short_meeting_name(judul) == short


def test_headline_gelar_when_the_office_holds_the_meeting(sample):
    meeting, table = sample
    own = meeting.model_copy(
        update={
            "rapat": meeting.rapat.model_copy(update={"penyelenggara": "KPU Kabupaten Pamekasan"})
        }
    )
    article = build_article(own, table)
    assert article.judul == (
        "KPU Pamekasan Gelar Rakor Bakohumas, Perkuat Koordinasi dan Tata Kelola Kehumasan"
    )
    assert "Kabupaten Pamekasan menggelar Rapat Koordinasi (Rakor)" in article.lead
    assert "Melalui Rakor ini, KPU Pamekasan berharap" in article.paragraphs[-1].text


def test_record_headline_and_hashtags_override(sample):
    meeting, table = sample
    own = meeting.model_copy(
        update={
            "berita": Berita(judul="Judul Pilihan Redaksi", tagar=["KPUPamekasan", "#kpumelayani"])
        }
    )
    article = build_article(own, table)
    assert article.judul == "Judul Pilihan Redaksi"
    assert article.tagar == ("#KPUMelayani", "#TemanPemilih", "#KPUPamekasan")


def test_no_attendance_is_a_stated_note(sample):
    meeting, _ = sample
    article = build_article(meeting, None)
    assert "dihadiri" not in article.paragraphs[0].text
    assert "mulai pukul 09.00 WIB hingga selesai" in article.paragraphs[0].text
    assert (
        article.notes and "tidak ada peserta hadir dari KPU Kabupaten Pamekasan" in article.notes[0]
    )


def test_end_time_and_no_purpose(sample):
    import datetime as dt

    meeting, table = sample
    rapat = meeting.rapat.model_copy(update={"selesai": dt.time(11, 30), "tujuan": None})
    article = build_article(meeting.model_copy(update={"rapat": rapat}), table)
    assert "mulai pukul 09.00 hingga 11.30 WIB" in article.paragraphs[0].text
    assert "Rakor ini diselenggarakan oleh KPU Provinsi Jawa Timur." in article.lead


# ----------------------------------------------------------------------------- captions
def long_record(meeting, text: str = "Poin panjang tentang tata kelola kehumasan KPU"):
    points = [f"{text} nomor {i}: " + "uraian rinci " * 12 for i in range(1, 21)]
    materi = [
        Materi(
            judul=f"Materi {NON_LATIN} ke-{i}",
            narasumber=Person(nama=f"Narasumber {i}", jabatan="Kepala Bagian Teknis KPU Provinsi"),
            poin=points,
        )
        for i in range(1, 4)
    ]
    tags = [f"#Tagar{i}" for i in range(40)]
    judul = "Rapat Koordinasi " + "Penguatan Kapasitas Kehumasan dan Pengelolaan Media " * 4
    return with_materi(
        meeting,
        materi,
        rapat={"judul": judul},
        berita=Berita(tagar=tags),
    )


def test_captions_within_limits_for_a_long_record(sample):
    meeting, table = sample
    long = long_record(meeting)
    article = build_article(long, table)
    captions = build_captions(long, article)
    ig, fb, x = captions["Instagram"], captions["Facebook"], captions["X"]
    assert len(ig.text) <= INSTAGRAM_MAX_CHARS and ig.length == len(ig.text)
    assert len(re.findall(r"#\w+", ig.text)) <= INSTAGRAM_MAX_TAGS == ig.max_tags
    assert ig.shortened and "nomor 1:" in ig.text  # points cut, not all of them
    assert x_length(x.text) <= X_MAX_CHARS and x.length == x_length(x.text)
    assert "https://[tautan-berita]" in x.text and "@[akun KPU Pamekasan]" in x.text
    assert fb.within_limits and all(f"nomor {i}:" in fb.text for i in range(1, 21))
    text = captions_text(captions)
    assert "=== Instagram: " in text and f"dari {INSTAGRAM_MAX_CHARS:,}".replace(",", ".") in text
    assert "(tautan dihitung 23)" in text


def test_x_counts_links_as_23_and_cjk_as_2():
    assert x_length("https://contoh.go.id/berita/sangat/panjang/sekali/sekali/sekali") == 23
    assert x_length("ab") == 2 and x_length("日本") == 4 and x_length("كلمة") == 4


def test_x_caption_with_non_latin_headline_fits(sample):
    meeting, table = sample
    own = meeting.model_copy(update={"berita": Berita(judul="日本語" * 120)})
    captions = build_captions(own, build_article(own, table))
    assert captions["X"].length <= X_MAX_CHARS and captions["X"].shortened


# ----------------------------------------------------------------------------- escaping
class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def hostile_meeting(meeting):
    materi = [
        Materi(
            judul=f"{HOSTILE} {NON_LATIN}",
            narasumber=Person(nama=f"Nama {HOSTILE}", jabatan=NON_LATIN),
            poin=[HOSTILE, NON_LATIN, *INJECTIONS],
        )
    ]
    return with_materi(meeting, materi, berita=Berita(judul=f"Judul {HOSTILE} {NON_LATIN}"))


def test_html_escapes_text_and_has_no_script(sample):
    meeting, table = sample
    article = build_article(hostile_meeting(meeting), table)
    page = article_html(article)
    parser = _Text()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert "script" not in names and "b" not in names and "img" not in names
    assert all(not k.startswith("on") for _, attrs in parser.tags for k in attrs)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    text = "".join(parser.text)
    for piece in (HOSTILE, NON_LATIN, *INJECTIONS):
        assert piece in text  # printed exactly as typed, after the browser unescapes
    assert html.escape(HOSTILE) in page


def test_markdown_cannot_inject(sample):
    import mistune

    meeting, table = sample
    article = build_article(hostile_meeting(meeting), table)
    md = article_markdown(article)
    rendered = mistune.html(md)  # raw HTML would pass straight through
    parser = _Text()
    parser.feed(rendered)
    names = [t for t, _ in parser.tags]
    assert {"script", "img", "a", "b", "strong", "em", "code"} & set(names) <= {"strong"}
    assert names.count("h1") == 1 and names.count("ol") == 0
    text = "".join(parser.text)  # HTMLParser has unescaped the entities once
    for piece in (HOSTILE, NON_LATIN, *INJECTIONS):
        assert piece in text


def test_docx_keeps_special_and_non_latin_text(sample, tmp_path):
    meeting, table = sample
    write_news(hostile_meeting(meeting), table, tmp_path)
    text = docx_text(tmp_path / "berita.docx")
    for piece in (HOSTILE, NON_LATIN, *INJECTIONS):
        assert piece in text
    caption = (tmp_path / "caption.txt").read_text(encoding="utf-8")
    assert HOSTILE in caption and NON_LATIN in caption


# ----------------------------------------------------------------------------- photos
def test_lead_photo_is_the_largest_landscape_one(sample, tmp_path):
    from docx import Document
    from PIL import Image

    meeting, table = sample
    paths = []
    for name, size in (
        ("tegak.jpg", (900, 1600)),
        ("kecil.jpg", (640, 480)),
        ("besar.png", (1600, 900)),
    ):
        Image.new("RGB", size, (30, 90, 160)).save(tmp_path / name)
        paths.append(tmp_path / name)
    with_photos = meeting.model_copy(update={"dokumentasi": paths})
    out = tmp_path / "out"
    files = write_news(with_photos, table, out)
    assert "foto-utama.jpg" in files
    with Image.open(out / "foto-utama.jpg") as im:
        assert im.size == (1600, 900)
    doc = Document(str(out / "berita.docx"))
    assert len(doc.inline_shapes) == 1
    text = docx_text(out / "berita.docx")
    assert (
        "Suasana Rakor Bakohumas KPU Jawa Timur yang diikuti KPU Pamekasan secara daring, "
        "Kamis (17/7/2025)." in text
    )
    assert 'src="data:image/jpeg;base64,' in (out / "berita.html").read_text(encoding="utf-8")
    assert "](foto-utama.jpg)" in (out / "berita.md").read_text(encoding="utf-8")


def test_without_photos_no_picture(sample, tmp_path):
    from docx import Document

    meeting, table = sample
    meeting = meeting.model_copy(update={"dokumentasi": [], "foto": []})  # the sample has photos
    files = write_news(meeting, table, tmp_path)
    assert sorted(files) == ["berita.docx", "berita.html", "berita.md", "caption.txt"]
    assert len(Document(str(tmp_path / "berita.docx")).inline_shapes) == 0
    assert not Path(tmp_path / "foto-utama.jpg").exists()


# ----------------------------------------------------------------------------- held hybrid
def denpasar_meeting(tempat: str, judul: str | None = None):
    """A meeting KPU Kota Denpasar held in its own room and on Zoom (invented names)."""
    from workbench.rakor.model import Meeting

    return Meeting.model_validate(
        {
            "rapat": {
                "judul": judul
                or "Rapat Koordinasi Evaluasi Sosialisasi & Pendidikan Pemilih KPU Kota Denpasar "
                "dan KPU Kabupaten se-Bali",
                "penyelenggara": "KPU Kota Denpasar",
                "satker": "51.71",
                "tanggal": "2025-08-14",
                "mulai": "09.00",
                "zona_waktu": "WITA",
                "mode": "hybrid",
                "tempat": tempat,
                "tujuan": "memperkuat koordinasi sosialisasi, serta meningkatkan partisipasi "
                "pemilih pemula",
                "pimpinan": {"nama": "I Gede Wirawan", "jabatan": "Ketua KPU Kota Denpasar"},
                "notulis": {"nama": "Ni Made Sari", "jabatan": "Kepala Subbagian Teknis"},
            },
            "materi": [{"judul": "Capaian Sosialisasi (Triwulan II)", "poin": ["Kota/Kab."]}],
        }
    )


def denpasar_attendance():
    import pandas as pd

    from workbench.rakor.attendance_model import COLUMNS

    rows = [
        ("I Gede Wirawan", "Ketua", "KPU Kota Denpasar", "Hadir"),
        ("Ni Made Sari", "Kepala Subbagian Teknis", "KPU Kota Denpasar", "Hadir"),
        ("Putu Ayu", "Anggota", "KPU Kabupaten Badung", "Hadir (daring)"),
        ("Komang Arta", "Anggota", "KPU Kabupaten Gianyar", "Hadir (daring)"),
        ("Wayan Sudarma", "Sekretaris", "KPU Kabupaten Tabanan", "Izin"),
        ("Tamu Zoom", "", "", "Hadir (daring)"),
    ]
    frame = pd.DataFrame(rows, columns=["nama", "jabatan", "instansi", "status"])
    return frame.assign(
        keterangan="",
        durasi_menit=float("nan"),
        persen_hadir=float("nan"),
        kurang_durasi=False,
        sumber="uji.csv",
    )[list(COLUMNS)]


JOINER_ENDS = ("&", " dan", " serta", ",")
HYBRID_PLACE = (
    "secara hibrida: luring di Ruang Rapat Lantai 2 KPU Kota Denpasar dan daring melalui "
    "Zoom Meeting"
)
#: Both aims would make it too long (over 120 characters): the first aim only.
DENPASAR_HEADLINE = (
    "KPU Kota Denpasar Gelar Rakor Evaluasi Sosialisasi dan Pendidikan Pemilih, Perkuat "
    "Koordinasi Sosialisasi"
)


@pytest.mark.parametrize(
    "tempat",
    [
        "Ruang Rapat Lantai 2 KPU Kota Denpasar & Zoom Meeting",
        "Ruang Rapat Lantai 2 KPU Kota Denpasar",
    ],
)
def test_held_hybrid_meeting_everywhere(tempat, tmp_path):
    """Headline (never on '&'), hybrid place, chair and offices that took part, in the DOCX,
    HTML, Markdown, photo caption and the three social captions."""
    from PIL import Image

    Image.new("RGB", (64, 48), "gray").save(tmp_path / "foto.jpg")
    meeting, table = denpasar_meeting(tempat), denpasar_attendance()
    article = build_article(meeting, table, photo=tmp_path / "foto.jpg")
    assert article.judul == DENPASAR_HEADLINE
    assert article.lead.count(HYBRID_PLACE) == 1
    assert (
        "Rakor dibuka dan dipimpin oleh Ketua KPU Kota Denpasar, I Gede Wirawan, serta diikuti "
        "oleh KPU Kabupaten Badung dan KPU Kabupaten Gianyar." in article.lead
    )  # Tabanan was absent; a row without instansi is no institution
    assert article.foto.keterangan == (
        "Suasana Rakor Evaluasi Sosialisasi dan Pendidikan Pemilih yang digelar KPU Kota "
        f"Denpasar, Kamis (14/8/2025), {HYBRID_PLACE}."
    )
    captions = build_captions(meeting, article)
    out = tmp_path / "berita"
    write_news(meeting, table, out, built=(article, captions))
    texts = {
        "docx": docx_text(out / "berita.docx"),
        "html": html.unescape((out / "berita.html").read_text(encoding="utf-8")),
        "md": (out / "berita.md").read_text(encoding="utf-8"),
        **{c.platform: c.text for c in captions.items},
    }
    for name, text in texts.items():
        assert DENPASAR_HEADLINE in text, name
        assert "Zoom Meeting dan daring" not in text, name
        ends = [line for line in text.splitlines() if line.rstrip().endswith(JOINER_ENDS)]
        assert not ends, (name, ends)
    for name in ("docx", "html", "md", "Facebook"):
        assert HYBRID_PLACE in " ".join(texts[name].split()), name


def test_markdown_has_no_needless_backslashes(sample, tmp_path):
    meeting, table = sample
    md = article_markdown(build_article(meeting, table))
    assert "\\" not in md  # '(Rakor)', 'Kabupaten/Kota', '(17/7/2025)', '–' need none
    assert "Rapat Koordinasi (Rakor) Badan Koordinasi Hubungan Masyarakat (Bakohumas)" in md


def test_headline_from_typed_title_never_ends_on_a_joiner(sample):
    meeting, table = sample
    own = meeting.model_copy(
        update={"berita": Berita(judul="KPU Pamekasan Ikuti Rakor Bakohumas &")}
    )
    assert build_article(own, table).judul == "KPU Pamekasan Ikuti Rakor Bakohumas"
    own = meeting.model_copy(update={"berita": Berita(judul="Sosialisasi & Pendidikan Pemilih,")})
    assert build_article(own, table).judul == "Sosialisasi dan Pendidikan Pemilih"
