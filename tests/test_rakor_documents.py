"""Rendering the notula and daftar hadir from a Meeting and an attendance frame."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn

from workbench.rakor.attendance_model import COLUMNS, STATUSES
from workbench.rakor.documents import (
    DAFTAR_HADIR_VARIABLES,
    NOTULA_VARIABLES,
    daftar_hadir_context,
    keterangan_text,
    notula_context,
    render_daftar_hadir,
    render_notula,
)
from workbench.rakor.model import Meeting

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
SPECIAL = "R&D <draf> \"kutip\" 'tunggal'"
NON_LATIN = ["Ṣāliḥ", "محمد", "ꦗꦮ"]


def make_meeting(**rapat_overrides) -> Meeting:
    rapat = {
        "judul": "Rapat Koordinasi Bakohumas KPU Provinsi dan KPU Kabupaten/Kota se-Jawa Timur",
        "penyelenggara": "KPU Provinsi Jawa Timur",
        "satker": "35.28",
        "tanggal": dt.date(2025, 7, 17),
        "mulai": dt.time(9, 0),
        "mode": "daring",
        "tempat": "Zoom Meeting",
        "undangan": "123/PR.01-Und/35/2025",
        "pimpinan": {"nama": "Nur Salam", "jabatan": "Anggota KPU Provinsi Jawa Timur"},
        "notulis": {
            "nama": "Yuda",
            "jabatan": "Kepala Subbagian Parmas dan SDM",
            "nip": "198501012010011001",
        },
        "acara": [
            "Pembukaan",
            "Standar Output Kehumasan KPU",
            "Evaluasi Bakohumas KPU Kabupaten/Kota se-Jawa Timur",
        ],
    }
    rapat.update(rapat_overrides)
    return Meeting.model_validate(
        {
            "rapat": rapat,
            "materi": [
                {
                    "judul": "Standar Output Kehumasan KPU",
                    "narasumber": {
                        "nama": "Reni Rinjani Pratiwi",
                        "jabatan": "Kabag Humas dan Informasi Publik KPU",
                    },
                    "poin": [
                        "Standar Foto: berkualitas baik, tidak blur, seimbang.",
                        f"Catatan khusus: {SPECIAL}",
                    ],
                },
                {
                    "judul": "Evaluasi Bakohumas KPU Kabupaten/Kota se-Jawa Timur",
                    "narasumber": {"nama": "Popong Anjarseno"},
                    "poin": ["Ada dua KPU Kabupaten/Kota yang laporan TW 2 belum diperbarui."],
                },
            ],
            "pembahasan": ["Bakohumas membangun sinergi antar tingkatan KPU."],
            "kesimpulan": [
                "Satker memperbarui laporan triwulan.",
                "Optimalkan kegiatan non-budgeting.",
            ],
            "tindak_lanjut": [
                {
                    "uraian": "Memperbarui laporan TW 2 Tahun 2025",
                    "penanggung_jawab": "Subbag Parmas dan SDM",
                    "tenggat": dt.date(2025, 7, 31),
                },
                {
                    "uraian": "Menyusun jadwal unggahan media sosial",
                    "penanggung_jawab": "Operator Medsos",
                },
            ],
        }
    )


def make_attendance(n: int = 5) -> pd.DataFrame:
    base = [
        ("Mahdi", "Ketua", "KPU Kabupaten Pamekasan", "Hadir (daring)", ""),
        ("Panji Kuncoro", "Sekretaris", "KPU Kabupaten Pamekasan", "Hadir (daring)", ""),
        (NON_LATIN[0], "Staf", SPECIAL, "Izin", "tugas luar"),
        (NON_LATIN[1], "Staf", "KPU Kabupaten Sumenep", "Hadir (daring)", ""),
        (NON_LATIN[2], "", "", "Sakit", ""),
    ]
    rows = [
        base[i]
        if i < len(base)
        else (f"Peserta Nomor {i + 1}", "Staf", f"KPU Kabupaten {i % 7}", STATUSES[i % 2], "")
        for i in range(n)
    ]
    frame = pd.DataFrame(rows, columns=["nama", "jabatan", "instansi", "status", "keterangan"])
    return frame.assign(
        durasi_menit=float("nan"), persen_hadir=float("nan"), kurang_durasi=False, sumber="test.csv"
    )[list(COLUMNS)]


def png_bytes() -> bytes:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 2))
    fig.add_subplot().bar(["Hadir", "Izin"], [3, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def all_text(path: Path) -> list[str]:
    """Every paragraph text of the document, including those in (nested) table cells."""
    doc = Document(str(path))
    out: list[str] = []

    def walk(paragraphs, tables):
        out.extend(p.text for p in paragraphs)
        for t in tables:
            for row in t.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    walk(cell.paragraphs, cell.tables)

    walk(doc.paragraphs, doc.tables)
    return out


# ----------------------------------------------------------------------------- contexts
def test_notula_context_formats_in_indonesian():
    ctx = notula_context(make_meeting(), make_attendance(), now=dt.datetime(2025, 7, 18))
    assert set(ctx) == NOTULA_VARIABLES
    r = ctx["rapat"]
    assert r["hari_tanggal"] == "Kamis, 17 Juli 2025"
    assert r["waktu"] == "pukul 09.00 WIB s.d. selesai"
    assert r["tempat"] == "daring melalui Zoom Meeting"
    # the chair and the notulis, missing from the attendance, are counted as present
    assert r["peserta"] == "5 orang hadir dari 7 orang undangan (daftar hadir terlampir)"
    assert ctx["acara"][1] == {"no": "2.", "teks": "Standar Output Kehumasan KPU"}
    assert ctx["tindak_lanjut"][0]["tenggat"] == "31 Juli 2025"
    assert ctx["tindak_lanjut"][1]["tenggat"] == "-"
    assert ctx["ttd"]["tempat_tanggal"] == "Pamekasan, 17 Juli 2025"
    assert ctx["ttd"]["notulis"]["nip_baris"] == "NIP. 198501012010011001"
    assert ctx["ttd"]["pimpinan"]["nip_baris"] == ""
    assert ctx["materi"][0]["huruf"] == "a."
    assert (
        ctx["materi"][0]["narasumber"]
        == "Reni Rinjani Pratiwi (Kabag Humas dan Informasi Publik KPU)"
    )
    assert ctx["materi"][0]["poin"][1]["no"] == "2)"
    assert ctx["pembahasan_huruf"] == "c."
    assert ctx["penutup"] == "Rapat ditutup setelah seluruh acara selesai dibahas."
    assert ctx["pembukaan"] == (
        "Rapat diselenggarakan oleh KPU Provinsi Jawa Timur, dibuka dan dipimpin oleh Nur Salam, "
        "Anggota KPU Provinsi Jawa Timur, pada pukul 09.00 WIB secara daring melalui Zoom "
        "Meeting. KPU Kabupaten Pamekasan mengikuti rapat tersebut."
    )
    assert ctx["tanggal_dibuat"] == "18 Juli 2025"


def test_notula_context_summary_counts_per_instansi():
    ctx = notula_context(make_meeting(), make_attendance())
    rows = {r["instansi"]: r for r in ctx["lampiran"]["ringkasan"]}
    assert rows["KPU Kabupaten Pamekasan"]["hadir_daring"] == "3"  # + the notulis (added)
    assert rows["KPU Kabupaten Pamekasan"]["jumlah"] == "3"
    assert rows["KPU Provinsi Jawa Timur"]["hadir_daring"] == "1"  # the chair (added)
    assert rows["-"]["sakit"] == "1"  # empty instansi shown as '-'
    assert ctx["lampiran"]["total"]["jumlah"] == "7"
    assert ctx["lampiran"]["total"]["izin"] == "1"


def test_hosted_luring_meeting_phrasing():
    m = make_meeting(
        penyelenggara="KPU Kabupaten Pamekasan",
        mode="luring",
        tempat="Ruang Rapat KPU Kabupaten Pamekasan",
        selesai=dt.time(11, 45),
        pimpinan={"nama": "Mahdi", "jabatan": "Ketua KPU Kabupaten Pamekasan"},
    )
    ctx = notula_context(m, make_attendance(2))
    assert ctx["pembukaan"] == (
        "Rapat dibuka oleh Mahdi, Ketua KPU Kabupaten Pamekasan, pada pukul 09.00 WIB."
    )
    assert ctx["penutup"] == "Rapat ditutup pada pukul 11.45 WIB."
    assert ctx["rapat"]["tempat"] == "Ruang Rapat KPU Kabupaten Pamekasan"
    assert ctx["rapat"]["waktu"] == "pukul 09.00\u201311.45 WIB"
    assert ctx["rapat"]["peserta"] == "3 orang (daftar hadir terlampir)"  # + the notulis


@pytest.mark.parametrize(
    "mode, tempat, expected",
    [
        ("daring", "Ruang Media Center", "daring melalui Zoom Meeting dari Ruang Media Center"),
        ("daring", "Google Meet", "daring melalui Google Meet"),
        ("hybrid", "Aula KPU", "hibrida: luring di Aula KPU dan daring melalui Zoom Meeting"),
        (
            "hybrid",
            "Ruang Rapat Lantai 2 KPU Kota Denpasar & Zoom Meeting",
            "hibrida: luring di Ruang Rapat Lantai 2 KPU Kota Denpasar dan daring melalui "
            "Zoom Meeting",
        ),
        (
            "hybrid",
            "Aula KPU via Google Meet",
            "hibrida: luring di Aula KPU dan daring melalui Google Meet",
        ),
    ],
)
def test_tempat_by_mode(mode, tempat, expected):
    ctx = notula_context(make_meeting(mode=mode, tempat=tempat), None)
    assert ctx["rapat"]["tempat"] == expected
    assert ctx["rapat"]["peserta"] == "-"


def test_daftar_hadir_context_rows_and_signature_lines():
    ctx = daftar_hadir_context(make_meeting(), make_attendance())
    assert set(ctx) == DAFTAR_HADIR_VARIABLES
    rows = ctx["peserta"]
    assert [r["no"] for r in rows] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [r["nama"] for r in rows[5:]] == ["Nur Salam", "Yuda"]  # chair and notulis added
    assert rows[0]["ttd_kiri"].startswith("1. ") and rows[0]["ttd_kanan"] == ""
    assert rows[1]["ttd_kiri"] == "" and rows[1]["ttd_kanan"].startswith("2. ")
    assert rows[2]["keterangan"] == "Izin \u2013 tugas luar"
    assert rows[0]["keterangan"] == "Hadir (daring)"
    assert keterangan_text("", "catatan") == "catatan"


def test_daftar_hadir_fills_empty_jabatan_from_the_meeting_record():
    """A Zoom report has no jabatan: the speakers' positions from the meeting file fill them;
    a jabatan the attendance gives is kept."""
    df = make_attendance(2)
    df.loc[0, "jabatan"] = ""
    df.loc[0, "nama"] = "reni rinjani pratiwi"
    df.loc[1, "nama"] = "Yuda"
    rows = daftar_hadir_context(make_meeting(), df)["peserta"]
    assert rows[0]["jabatan"] == "Kabag Humas dan Informasi Publik KPU"
    assert rows[1]["jabatan"] == "Sekretaris"


def test_context_does_not_mutate_attendance():
    df = make_attendance()
    before = df.copy()
    notula_context(make_meeting(), df)
    daftar_hadir_context(make_meeting(), df)
    pd.testing.assert_frame_equal(df, before)


# ----------------------------------------------------------------------------- rendering
def test_render_notula(tmp_path):
    target = render_notula(
        make_meeting(),
        make_attendance(),
        tmp_path / "notula.docx",
        template=TEMPLATES / "notula.docx",
        chart=png_bytes(),
    )
    text = all_text(target)
    joined = "\n".join(text)
    assert "KOMISI PEMILIHAN UMUM KABUPATEN PAMEKASAN" in text
    assert "NOTULA RAPAT" in text
    assert "Kamis, 17 Juli 2025" in text
    assert "pukul 09.00 WIB s.d. selesai" in text
    assert "123/PR.01-Und/35/2025" in text
    assert "2.\tStandar Output Kehumasan KPU" in text  # acara, numbered
    assert f"2)\tCatatan khusus: {SPECIAL}" in text
    assert "Narasumber: Reni Rinjani Pratiwi (Kabag Humas dan Informasi Publik KPU)" in text
    assert "Memperbarui laporan TW 2 Tahun 2025" in text and "31 Juli 2025" in text
    assert "Menyusun jadwal unggahan media sosial" in text and "Operator Medsos" in text
    assert "Pamekasan, 17 Juli 2025" in text
    assert "NIP. 198501012010011001" in text
    assert "{{" not in joined and "{%" not in joined
    doc = Document(str(target))
    assert len(doc.inline_shapes) == 1  # the chart
    # tindak lanjut table: header + 2 rows
    tl = next(t for t in doc.tables if t.rows[0].cells[0].text == "No")
    assert [r.cells[1].text for r in tl.rows[1:]] == [
        "Memperbarui laporan TW 2 Tahun 2025",
        "Menyusun jadwal unggahan media sosial",
    ]


def test_render_notula_without_optional_parts(tmp_path):
    m = make_meeting(undangan=None, acara=[])
    m = m.model_copy(update={"tindak_lanjut": [], "kesimpulan": [], "materi": [], "pembahasan": []})
    target = render_notula(m, None, tmp_path / "n.docx", template=TEMPLATES / "notula.docx")
    text = all_text(target)
    assert "Surat Undangan" not in text
    assert "Tidak ada tindak lanjut." in text
    assert "Daftar hadir tidak tersedia." in text
    assert Document(str(target)).inline_shapes.__len__() == 0


def test_render_notula_with_photos(tmp_path):
    photo = tmp_path / "foto.png"
    photo.write_bytes(png_bytes())
    m = make_meeting().model_copy(
        update={"dokumentasi": [Path("foto.png")] * 3, "source": tmp_path / "meeting.yaml"}
    )
    target = render_notula(
        m, make_attendance(), tmp_path / "n.docx", template=TEMPLATES / "notula.docx"
    )
    text = all_text(target)
    assert {"Dokumentasi 1", "Dokumentasi 2", "Dokumentasi 3"} <= set(text)
    assert len(Document(str(target)).inline_shapes) == 3


def test_render_notula_missing_photo_fails_before_writing(tmp_path):
    from workbench.errors import InputError

    m = make_meeting().model_copy(
        update={"dokumentasi": [Path("hilang.jpg")], "source": tmp_path / "meeting.yaml"}
    )
    with pytest.raises(InputError, match="hilang.jpg"):
        render_notula(m, make_attendance(), tmp_path / "n.docx", template=TEMPLATES / "notula.docx")
    assert not (tmp_path / "n.docx").exists()


def test_render_daftar_hadir(tmp_path):
    df = make_attendance()
    target = render_daftar_hadir(
        make_meeting(), df, tmp_path / "daftar-hadir.docx", template=TEMPLATES / "daftar-hadir.docx"
    )
    text = all_text(target)
    assert "DAFTAR HADIR" in text
    assert "Kamis, 17 Juli 2025" in text
    assert "pukul 09.00 WIB s.d. selesai" in text
    for name in df["nama"]:
        assert text.count(name) == 1, name
    assert SPECIAL in text
    assert "Izin \u2013 tugas luar" in text
    doc = Document(str(target))
    table = max(doc.tables, key=lambda t: len(t.rows))
    assert len(table.rows) == 1 + len(df) + 2  # the chair and the notulis, added
    assert [c.text for c in table.rows[0].cells][:2] == ["No", "Nama"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows[1:])
    assert [r.cells[0].text for r in table.rows[1:]] == ["1", "2", "3", "4", "5", "6", "7"]


@pytest.mark.parametrize("name", ["notula.docx", "daftar-hadir.docx"])
def test_page_is_a4_with_kpu_margins(tmp_path, name):
    render = render_notula if name == "notula.docx" else render_daftar_hadir
    target = render(make_meeting(), make_attendance(), tmp_path / name, template=TEMPLATES / name)
    sec = Document(str(target)).sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    assert sec.left_margin.cm >= 3 - 1e-6 and sec.right_margin.cm >= 2 - 1e-6
    assert sec.top_margin.cm >= 2 - 1e-6 and sec.bottom_margin.cm >= 2.5 - 1e-6


def test_special_and_non_latin_text_intact(tmp_path):
    df = make_attendance()
    notula = render_notula(
        make_meeting(), df, tmp_path / "n.docx", template=TEMPLATES / "notula.docx"
    )
    hadir = render_daftar_hadir(
        make_meeting(), df, tmp_path / "d.docx", template=TEMPLATES / "daftar-hadir.docx"
    )
    notula_text, hadir_text = "\n".join(all_text(notula)), "\n".join(all_text(hadir))
    assert SPECIAL in notula_text  # a materi point and an instansi in the summary
    assert notula_text.count(SPECIAL) == 2
    for word in NON_LATIN:
        assert word in hadir_text


# ----------------------------------------------------------------------------- LibreOffice
@pytest.mark.slow
def test_long_daftar_hadir_spans_pages_in_libreoffice(tmp_path, soffice, pdftotext):
    from workbench.pdf import convert_to_pdf

    df = make_attendance(120)
    docx = render_daftar_hadir(
        make_meeting(), df, tmp_path / "daftar-hadir.docx", template=TEMPLATES / "daftar-hadir.docx"
    )
    [pdf] = convert_to_pdf([docx], tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages > 1
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Peserta Nomor 120" in text
    assert "Mahdi" in text
    assert text.count("Tanda Tangan") == pages  # header row repeated on every page
    assert text.count("Halaman ") == pages


@pytest.mark.slow
def test_long_summary_starts_under_the_lampiran_title_in_libreoffice(tmp_path, soffice, pdftotext):
    """A summary longer than a page starts on the Lampiran's first page (it used to move whole
    to the next page, leaving the title alone) and its last institution shares "Jumlah"'s page."""
    from workbench.pdf import convert_to_pdf

    df = make_attendance(60)
    df.loc[5:, "instansi"] = [f"KPU Kabupaten Contoh {i:02d}" for i in range(len(df) - 5)]
    docx = render_notula(
        make_meeting(), df, tmp_path / "n.docx", template=TEMPLATES / "notula.docx"
    )
    [pdf] = convert_to_pdf([docx], tmp_path / "pdf")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    lampiran = next(i for i, page in enumerate(pages) if "LAMPIRAN NOTULA RAPAT" in page)
    assert "Rekapitulasi Kehadiran" in pages[lampiran]
    assert "KPU Kabupaten Contoh 00" in pages[lampiran]
    assert "KPU Kabupaten Contoh 54" not in pages[lampiran]  # the table goes on
    [jumlah] = [page for page in pages if re.search(r"^\s*Jumlah\s+\d", page, re.M)]
    lines = [line.strip() for line in jumlah.splitlines() if line.strip()]
    above = lines[[line.startswith("Jumlah") for line in lines].index(True) - 1]
    assert above.split()[0] == "-"  # the last row (people without instansi) is not left behind
    assert "selengkapnya terlampir" in jumlah


# ----------------------------------------------------------------------------- meeting roles
ACK = {"nama": "Panji Kuncoro", "jabatan": "Sekretaris KPU Kabupaten Pamekasan"}


def signature_cells(path: Path) -> list[str]:
    """The texts of the last table of the body before the Lampiran (the signature block)."""
    doc = Document(str(path))
    body = doc.element.body
    sig = None
    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            sig = child
        elif child.tag == qn("w:p") and "LAMPIRAN" in "".join(
            t.text or "" for t in child.iter(qn("w:t"))
        ):
            break
    from docx.table import Table

    table = Table(sig, doc)
    return [" | ".join(c.text for c in row.cells) for row in table.rows]


def test_attended_meeting_notula_chair_and_signature(tmp_path):
    """Another office held it: the header names the host's chair; the notulis signs and the
    writing office's head acknowledges under 'Mengetahui,'; the host's chair does not sign."""
    target = render_notula(
        make_meeting(mengetahui=ACK),
        make_attendance(),
        tmp_path / "notula.docx",
        template=TEMPLATES / "notula.docx",
    )
    text = all_text(target)
    assert "Nur Salam (Anggota KPU Provinsi Jawa Timur)" in text  # Pimpinan Rapat row
    assert "dibuka dan dipimpin oleh Nur Salam" in "\n".join(text)
    sig = signature_cells(target)
    assert sig[1] == "Mengetahui, | Notulis,"
    assert sig[2] == "Sekretaris KPU Kabupaten Pamekasan | Kepala Subbagian Parmas dan SDM"
    assert sig[4] == "Panji Kuncoro | Yuda"
    assert "Pimpinan Rapat," not in "\n".join(sig) and "Nur Salam" not in "\n".join(sig)


def test_attended_meeting_without_mengetahui_is_warned(tmp_path):
    from workbench.rakor.documents import role_warnings

    meeting = make_meeting()
    warnings = role_warnings(meeting)
    assert any("rapat.mengetahui" in w and "KPU Provinsi Jawa Timur" in w for w in warnings)
    target = render_notula(
        meeting, None, tmp_path / "notula.docx", template=TEMPLATES / "notula.docx"
    )
    sig = signature_cells(target)
    assert sig[1] == " | Notulis," and sig[4] == " | Yuda"  # left column left blank


def test_held_meeting_signature_unchanged(tmp_path):
    from workbench.rakor.documents import role_warnings

    meeting = make_meeting(
        penyelenggara="KPU Kabupaten Pamekasan",
        pimpinan={"nama": "Mahdi", "jabatan": "Ketua KPU Kabupaten Pamekasan"},
    )
    assert not [w for w in role_warnings(meeting) if "mengetahui" in w]
    target = render_notula(
        meeting, None, tmp_path / "notula.docx", template=TEMPLATES / "notula.docx"
    )
    sig = signature_cells(target)
    assert sig[1] == "Pimpinan Rapat, | Notulis,"
    assert sig[4] == "Mahdi | Yuda"


def test_missing_chair_and_notulis_are_added_as_present_and_warned():
    from workbench.rakor.documents import role_warnings

    warnings = role_warnings(make_meeting(mengetahui=ACK), make_attendance())
    assert any(
        w.startswith("pimpinan rapat (Nur Salam) tidak ada di data kehadiran") for w in warnings
    )
    assert any(w.startswith("notulis (Yuda) tidak ada") for w in warnings)
    # listed with another status: the user said otherwise, no row added, no warning
    df = make_attendance()
    extra = df.iloc[:2].assign(
        nama=["Nur Salam", "Yuda"], status=["Dinas Luar", "Hadir (daring)"], keterangan=["", ""]
    )
    df = pd.concat([df, extra], ignore_index=True)
    assert not [w for w in role_warnings(make_meeting(mengetahui=ACK), df) if "tidak ada" in w]
    rows = daftar_hadir_context(make_meeting(mengetahui=ACK), df)["peserta"]
    assert len(rows) == 7 and rows[5]["keterangan"] == "Dinas Luar"


# ----------------------------------------------------------------------------- daftar hadir
def test_daftar_hadir_signature_slots_only_for_people_present(tmp_path):
    df = make_attendance()
    df.loc[3, "status"] = "Dinas Luar"
    meeting = make_meeting(mengetahui=ACK)
    ctx = daftar_hadir_context(meeting, df)
    assert ctx["rekap"] == "7 orang: Hadir (daring) 4, Izin 1, Sakit 1, Dinas Luar 1"
    target = render_daftar_hadir(
        meeting, df, tmp_path / "daftar-hadir.docx", template=TEMPLATES / "daftar-hadir.docx"
    )
    doc = Document(str(target))
    table = max(doc.tables, key=lambda t: len(t.rows))
    rows = {r.cells[1].text: r for r in table.rows[1:]}
    for name, status in [("Mahdi", "Hadir"), (NON_LATIN[0], "Izin"), (NON_LATIN[2], "Sakit")]:
        sign = rows[name].cells[5].text.strip()
        if status == "Hadir":
            assert sign.startswith("1. ."), sign
        else:
            assert sign == "", (name, sign)
            assert rows[name].cells[4].text.startswith(status)
    assert (
        rows[NON_LATIN[1]].cells[4].text == "Dinas Luar"
        and not rows[NON_LATIN[1]].cells[5].text.strip()
    )
    text = all_text(target)
    assert "Jumlah: 7 orang: Hadir (daring) 4, Izin 1, Sakit 1, Dinas Luar 1" in text
    assert "Mengetahui," in text and "Panji Kuncoro" in text and "Notulis," in text
    assert not any(t.startswith("Jumlah peserta") for t in text)


def test_daftar_hadir_only_the_writing_office(tmp_path):
    meeting = make_meeting(mengetahui=ACK, daftar_hadir="satker")
    ctx = daftar_hadir_context(meeting, make_attendance())
    assert [r["nama"] for r in ctx["peserta"]] == ["Mahdi", "Panji Kuncoro", "Yuda"]
    assert ctx["cakupan"] == "Peserta dari KPU Kabupaten Pamekasan"
    # the option overrides the record
    everyone = daftar_hadir_context(meeting, make_attendance(), only_office=False)
    assert len(everyone["peserta"]) == 7 and everyone["cakupan"] == ""
    target = render_daftar_hadir(
        meeting,
        make_attendance(),
        tmp_path / "daftar-hadir.docx",
        template=TEMPLATES / "daftar-hadir.docx",
    )
    text = all_text(target)
    assert "Peserta dari KPU Kabupaten Pamekasan" in text
    assert "Nur Salam" not in text and SPECIAL not in text


# ----------------------------------------------------------------------------- page flow
def test_headings_jumlah_row_and_signature_keep_with_next(tmp_path):
    target = render_notula(
        make_meeting(mengetahui=ACK),
        make_attendance(),
        tmp_path / "notula.docx",
        template=TEMPLATES / "notula.docx",
        chart=png_bytes(),
    )
    doc = Document(str(target))
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        assert doc.styles[name].paragraph_format.keep_with_next, name
    paragraphs = doc.paragraphs
    penutup = next(p for p in paragraphs if p.text.startswith("Rapat ditutup"))
    i = paragraphs.index(penutup)
    # the closing sentence and the spacer after it are kept with the signature table
    assert penutup.paragraph_format.keep_with_next
    assert paragraphs[i + 1].paragraph_format.keep_with_next
    # the "Jumlah" row: test_summary_table_keeps_only_its_last_row_with_jumlah


def _keeps_with_next(paragraph) -> bool:
    """The paragraph's own ``w:keepNext`` or its style's (what Word and LibreOffice apply)."""
    own = paragraph.paragraph_format.keep_with_next
    if own is not None:
        return own
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return style.paragraph_format.keep_with_next
        style = style.base_style
    return False


def test_summary_table_keeps_only_its_last_row_with_jumlah(tmp_path):
    """Keep-with-next on every row chained the whole attendance summary to the next page (the
    Lampiran's first page left with its title only); only the header row (with the first
    institution), the last institution (with "Jumlah") and "Jumlah" (with the note under the
    table) may keep with the next row."""
    attendance = make_attendance(30)
    target = render_notula(
        make_meeting(), attendance, tmp_path / "n.docx", template=TEMPLATES / "notula.docx"
    )
    doc = Document(str(target))
    body = list(doc.element.body.iterchildren())
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Instansi")
    heading = next(p for p in doc.paragraphs if p._p is body[body.index(table._tbl) - 1])
    assert heading.text == "A.\tRekapitulasi Kehadiran" and _keeps_with_next(heading)
    rows = [r.cells[0].text for r in table.rows]
    keeps = [all(_keeps_with_next(p) for c in r.cells for p in c.paragraphs) for r in table.rows]
    n = len(rows) - 2  # institutions between the header and the Jumlah row
    assert n == len(notula_context(make_meeting(), attendance)["lampiran"]["ringkasan"]) > 3
    assert rows[-1] == "Jumlah"
    # header -> first institution; last institution -> Jumlah -> the note under the table
    assert keeps == [True] + [False] * (n - 1) + [True, True]
    note = next(p for p in doc.paragraphs if p._p is body[body.index(table._tbl) + 1])
    assert note.text == "Daftar hadir peserta selengkapnya terlampir."
