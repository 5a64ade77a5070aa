"""``workbench photos`` and ``workbench minutes`` with photos, end to end through the CLI
(real kernels), reading the outputs back: the CSV, the contact sheet, and the notula's
Lampiran (grouping by agenda item, captions, number and pixel size of the embedded JPEGs,
the size of a notula with ten 4000×3000 photos)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from PIL import Image, ImageFilter
from test_standar_foto import scene

from workbench.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "rakor-bakohumas-2025-07-17"


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    captured = capsys.readouterr()
    return info.value.code, captured.out, captured.err


def embedded_images(docx: Path) -> list[Image.Image]:
    doc = Document(str(docx))
    return [
        Image.open(io.BytesIO(rel.target_part.blob))
        for rel in doc.part.rels.values()
        if "image" in rel.reltype and rel.target_part.content_type == "image/jpeg"
    ]


@pytest.mark.slow
def test_photos_command_on_the_sample(tmp_path, capsys):
    code, out, err = run(
        capsys,
        "photos",
        str(SAMPLE / "foto"),
        "--record",
        str(SAMPLE / "meeting.yaml"),
        "--out",
        str(tmp_path),
    )
    assert code == 0, err
    # with a record: under the meeting's folder, beside the notula (issue #16)
    folder = (
        tmp_path
        / "2025-07-17-rapat-koordinasi-bakohumas-kpu-provinsi-dan-kpu-kabupaten"
        / ("periksa-foto")
    )
    assert {"periksa-foto.csv", "periksa-foto.docx", "manifest.json"} <= {
        p.name for p in folder.iterdir()
    }
    rows = list(csv.DictReader(io.StringIO((folder / "periksa-foto.csv").read_text("utf-8-sig"))))
    assert list(rows[0]) == [
        "berkas",
        "lebar",
        "tinggi",
        "waktu_ambil",
        "acara",
        "ketajaman",
        "kecerahan",
        "masalah",
        "duplikat_dari",
        "sumber_waktu",
    ]
    by_name = {r["berkas"]: r for r in rows}
    assert len(rows) == 7
    assert by_name["IMG_0918.jpg"]["masalah"] == "blur"
    assert by_name["IMG_1003.jpg"]["masalah"] == "duplikat"
    assert by_name["IMG_1003.jpg"]["duplikat_dari"] == "IMG_1004.jpg"
    assert (by_name["IMG_0917.jpg"]["lebar"], by_name["IMG_0917.jpg"]["tinggi"]) == ("600", "800")
    assert by_name["IMG_0901.jpg"]["acara"] == "Pembukaan"
    assert {r["sumber_waktu"] for r in rows} == {"exif"}  # the sample photos carry EXIF dates
    assert sum(1 for r in rows if r["masalah"]) == 2
    assert "IMG_0918.jpg: kabur (blur): ketajaman" in err
    text = "\n".join(p.text for p in Document(str(folder / "periksa-foto.docx")).paragraphs)
    doc = Document(str(folder / "periksa-foto.docx"))
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "7 foto diperiksa: 5 baik, 2 bermasalah." in text
    assert "1. Pembukaan (pukul 09.00 WIB)" in text
    assert "6. Penutup" in text  # the agenda item without a photo is listed
    assert "Kabur (blur)" in cells and "ketajaman 2, batas 100" in cells
    assert len(doc.inline_shapes) == 7


def _meeting_with_photos(tmp_path: Path, entries: list[str]) -> Path:
    text = (SAMPLE / "meeting.yaml").read_text(encoding="utf-8")
    text = text.split("\ndokumentasi:")[0] + "\ndokumentasi:\n"
    text += "".join(f"  - {e}\n" for e in entries)
    path = tmp_path / "meeting.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _minutes(tmp_path, capsys, record: Path, *extra: str):
    out = tmp_path / "out"
    code, stdout, err = run(
        capsys,
        "minutes",
        str(record),
        "-a",
        str(SAMPLE / "peserta-internal.csv"),
        "--out",
        str(out),
        *extra,
    )
    assert code == 0, err
    (notula,) = out.glob("*/notula.docx")
    return notula, err


@pytest.mark.slow
def test_minutes_with_the_sample_folder_groups_and_captions(tmp_path, capsys):
    shutil.copytree(SAMPLE / "foto", tmp_path / "foto")
    notula, err = _minutes(tmp_path, capsys, _meeting_with_photos(tmp_path, ["foto/"]))
    # flagged folder photos are left out, each named on the terminal
    assert "foto foto/IMG_0918.jpg tidak dimuat: kabur (blur)" in err
    assert "foto foto/IMG_1003.jpg tidak dimuat: duplikat" in err
    doc = Document(str(notula))
    paras = [p.text for p in doc.paragraphs]
    cells = [c.text.strip() for t in doc.tables for row in t.rows for c in row.cells]
    heads = [p for p in paras if p.startswith(("1. ", "2. ", "3. ", "4. ", "5. ", "6. "))]
    assert (
        heads[0] == "1. Pembukaan (pukul 09.00 WIB)" and heads[-1] == "6. Penutup (pukul 11.45 WIB)"
    )
    after_penutup = paras[paras.index(heads[-1]) + 1]
    assert after_penutup == "Tidak ada foto untuk acara ini."
    assert "Pembukaan, pukul 09.04 WIB" in cells
    assert "Tanggapan dan diskusi, pukul 11.21 WIB" in cells
    acara = next(c for c in cells if "Pembukaan" in c and "\t" in c)  # the Acara list
    assert acara.startswith("1.\t09.00 WIB \u2013 Pembukaan\n2.\t09.15 WIB \u2013 Pemaparan")
    images = embedded_images(notula)
    assert len(images) == 5
    assert sorted(im.size for im in images).count((600, 800)) == 1  # the portrait, upright


@pytest.mark.slow
def test_ten_phone_photos_make_a_notula_under_5_mb(tmp_path, capsys):
    (tmp_path / "foto").mkdir()
    names = []
    for i in range(10):
        exif = Image.Exif()
        exif[0x0112] = 6 if i == 0 else 1
        taken = dt.datetime(2025, 7, 17, 9, 5) + dt.timedelta(minutes=15 * i)
        exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
        image = scene(4000, 3000, seed=10 + i).filter(ImageFilter.GaussianBlur(0.6))
        name = f"IMG_{i:02d}.jpg"
        image.save(tmp_path / "foto" / name, quality=95, exif=exif)
        names.append(f"foto/{name}")
    originals = sum((tmp_path / n).stat().st_size for n in names)
    notula, err = _minutes(tmp_path, capsys, _meeting_with_photos(tmp_path, names))
    images = embedded_images(notula)
    assert len(images) == 10
    assert all(max(im.size) <= 1600 for im in images)
    assert sum(im.size == (1200, 1600) for im in images) == 1  # orientation 6, upright
    assert all(not im.getexif() for im in images)  # metadata stripped
    assert notula.stat().st_size < 5 * 1024 * 1024 < originals
