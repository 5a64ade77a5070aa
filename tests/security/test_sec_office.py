"""Office files as hostile containers (issue #14, part 2): XLSX grid and shared-string bombs,
blank-row floods, DOCX template bombs, external relationships and fields, LibreOffice
without network, images opened only in the listed formats.

Every bomb is built here (zipfile and hand-written XML). Those that cost gigabytes when a
guard is missing run the real CLI in a child process whose address space is capped
(``RLIMIT_AS``), so a regression fails on its exit code and message instead of exhausting
the machine; none asserts a duration.
"""

from __future__ import annotations

import http.server
import io
import os
import re
import resource
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import lazy_kernel
import openpyxl
import pytest
from docx import Document
from PIL import EpsImagePlugin, Image

from workbench.cli import main
from workbench.errors import InputError
from workbench.limits import (
    MAX_DOCX_XML_BYTES,
    MAX_SHEET_COLUMNS,
    MAX_TABLE_ROWS,
    MB,
)
from workbench.paths import TEMPLATES_DIR
from workbench.template_sandbox import MAX_PRODUCED_ELEMENTS

TESTS = Path(__file__).resolve().parents[1]
MINIMAL = (TESTS / "fixtures" / "meeting" / "minimal.yaml").read_text(encoding="utf-8")
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#: Address space of the child process running a bomb: enough for the CLI (imports, an honest
#: file), far below what the bombs cost unguarded (3-5 GB).
CHILD_MEMORY = 1536 * MB


def grouped(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# ----------------------------------------------------------------------------- running
def cli(capsys, *args) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main([str(a) for a in args])
    captured = capsys.readouterr()
    return info.value.code, captured.out + captured.err


def cli_capped(*args, cwd: Path) -> tuple[int, str]:
    """``workbench ARGS`` in a child process with :data:`CHILD_MEMORY` of address space
    (tests/lazy_kernel.py: the command's early kernel starts only if it is used)."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))

    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
    proc = subprocess.run(
        [sys.executable, lazy_kernel.__file__, *map(str, args)],
        cwd=cwd,
        env=env,
        preexec_fn=cap,
        capture_output=True,
        text=True,
        timeout=1800,  # a safety net against a hang, not a measurement
    )
    return proc.returncode, proc.stdout + proc.stderr


def assert_refused(code: int, output: str, file: str, *needles: str) -> None:
    """Exit 2, a message naming ``file`` and each needle (the bound), a fix, no traceback."""
    assert code == 2, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert file in output, output
    for needle in needles:
        assert needle in output, (needle, output)
    assert "Perbaikan: " in output, output


# ============================================================================= XLSX
def xlsx_with_sheet(target: Path, sheet_xml: str, shared: list[str] | None = None) -> Path:
    """A workbook (written by openpyxl) whose only sheet is ``sheet_xml`` (the ``<sheetData>``
    and what goes before it), with ``shared`` as its shared strings."""
    wb = openpyxl.Workbook()
    wb.active.title = "Kehadiran"
    wb.active["A1"] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    parts["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET_NS}">{sheet_xml}'
        "</worksheet>"
    ).encode()
    if shared is not None:
        items = "".join(f"<si><t>{s}</t></si>" for s in shared)
        parts["xl/sharedStrings.xml"] = (
            f'<sst xmlns="{SHEET_NS}" count="{len(shared)}" uniqueCount="{len(shared)}">'
            f"{items}</sst>"
        ).encode()
        types = parts["[Content_Types].xml"].decode()
        if "sharedStrings" not in types:
            parts["[Content_Types].xml"] = types.replace(
                "</Types>",
                '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            ).encode()
        rels = parts["xl/_rels/workbook.xml.rels"].decode()
        if "sharedStrings" not in rels:
            parts["xl/_rels/workbook.xml.rels"] = rels.replace(
                "</Relationships>",
                f'<Relationship Id="rIdSst" Type="{REL_TYPE}sharedStrings" '
                'Target="sharedStrings.xml"/></Relationships>',
            ).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return target


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


#: A roster header and one row whose status no reader accepts: should a guard be missing,
#: the run still ends (exit 2, on the status) instead of starting a kernel.
ROSTER_HEAD = (
    '<row r="1">'
    + "".join(inline(f"{c}1", h) for c, h in zip("ABCD", ("nama", "jabatan", "instansi", "status")))
    + '</row><row r="2">'
    + "".join(
        inline(f"{c}2", v) for c, v in zip("ABCD", ("Sari", "Staf", "KPU Kota Batu", "entah"))
    )
    + "</row>"
)


@pytest.fixture
def rapat(tmp_path) -> Path:
    folder = tmp_path / "rapat"
    folder.mkdir()
    (folder / "meeting.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "out").mkdir()
    return folder


def minutes_capped(rapat: Path, attendance: str) -> tuple[int, str]:
    out = rapat.parent / "out"
    result = cli_capped(
        "minutes", rapat / "meeting.yaml", "-a", rapat / attendance, "--out", out, cwd=rapat
    )
    assert list(out.iterdir()) == [], "a refused run wrote into --out"
    return result


@pytest.mark.parametrize(
    "sheet, needles",
    [
        pytest.param(
            f'<sheetData>{ROSTER_HEAD}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
            "</sheetData>",
            ("sel XFD1048576", f"batas {grouped(MAX_TABLE_ROWS)} baris"),
            id="one-cell-at-XFD1048576",
        ),
        pytest.param(
            f'<sheetData>{ROSTER_HEAD}<row r="3"><c r="XFD3"><v>1</v></c></row></sheetData>',
            ("sel XFD3", f"{grouped(MAX_SHEET_COLUMNS)} kolom"),
            id="one-cell-at-XFD3",
        ),
        pytest.param(
            f'<sheetData>{ROSTER_HEAD}<row><c><v>1</v></c></row><row r="120000"><c r="C120000">'
            "<v>1</v></c></row></sheetData>",
            ("sel C120000", f"batas {grouped(MAX_TABLE_ROWS)} baris"),
            id="far-row-without-dimension",
        ),
        pytest.param(
            f"<sheetData>{ROSTER_HEAD}<row>" + "<c><v>1</v></c>" * 400 + "</row></sheetData>",
            ("sel IW3", f"{grouped(MAX_SHEET_COLUMNS)} kolom"),
            id="cells-without-refs",
        ),
        pytest.param(
            f"<sheetData>{ROSTER_HEAD}"
            + "".join(f'<row r="{r}"><c r="CV{r}"/></row>' for r in range(3, 12_000))
            + "</sheetData>",
            ("sel CV10001", "1.000.000 sel"),
            id="wide-and-long",
        ),
    ],
)
def test_workbook_grid_bombs_are_refused_before_openpyxl(rapat, sheet, needles):
    """A 1-KB roster reaching a far cell made openpyxl build every cell of the grid
    (3.6-5.4 GB, then a traceback): refused from a streaming scan of the sheet, which
    sees the real refs (and rows/cells without refs) whatever the dimension says."""
    xlsx = xlsx_with_sheet(rapat / "hadir.xlsx", '<dimension ref="A1:D2"/>' + sheet)
    assert xlsx.stat().st_size < 200_000
    code, output = minutes_capped(rapat, "hadir.xlsx")
    assert_refused(code, output, "hadir.xlsx", "sheet 'Kehadiran'", *needles)


def test_lying_dimension_is_refused_for_read_only_readers(tmp_path, capsys):
    """openpyxl's read-only mode (jobs tables, posting logs) pads every row to the
    ``<dimension>`` and yields every row up to it: a jobs table claiming A1:C150000 with
    two real rows was 150,000 jobs rows walked."""
    jobs = xlsx_with_sheet(
        tmp_path / "jobs.xlsx",
        '<dimension ref="A1:C150000"/><sheetData><row r="1">'
        + inline("A1", "kode")
        + '</row><row r="2">'
        + inline("A2", "35.28")
        + "</row></sheetData>",
    )
    notebook = TESTS.parent / "notebooks" / "office_report.ipynb"
    code, output = cli(capsys, "batch", notebook, "--jobs", jobs, "--out", tmp_path / "out")
    assert_refused(code, output, "jobs.xlsx", "C150000", f"batas {grouped(MAX_TABLE_ROWS)} baris")
    assert not (tmp_path / "out").exists()


def test_shared_strings_expanded_over_the_byte_bound(rapat):
    """One 25,000-character shared string referenced by 1,000 cells is 25 MB of text from a
    file of a few KB, over the attendance bound (20 MB)."""
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(3, 1003))
    xlsx = xlsx_with_sheet(
        rapat / "hadir.xlsx", f"<sheetData>{ROSTER_HEAD}{rows}</sheetData>", ["x" * 25_000]
    )
    assert xlsx.stat().st_size < 100_000
    code, output = minutes_capped(rapat, "hadir.xlsx")
    assert_refused(code, output, "hadir.xlsx", "shared strings", "batas 20 MB")


def test_blank_rows_in_a_workbook_count(rapat):
    """150,000 blank cells down column A: openpyxl parses each, the row bound counted only
    filled rows."""
    rows = "".join(f'<row r="{r}"><c r="A{r}"/></row>' for r in range(3, 150_003))
    xlsx_with_sheet(rapat / "hadir.xlsx", f"<sheetData>{ROSTER_HEAD}{rows}</sheetData>")
    code, output = minutes_capped(rapat, "hadir.xlsx")
    assert_refused(code, output, "hadir.xlsx", f"batas {grouped(MAX_TABLE_ROWS)} baris")


def test_blank_lines_in_a_csv_count(rapat, capsys):
    """20 MB of newlines took over 175 s (each blank line is walked by several passes):
    rows are counted blank or not."""
    head = "nama,jabatan,instansi,status\nSari,Staf,KPU Kota Batu,entah\n"
    (rapat / "hadir.csv").write_text(head + "\n" * (MAX_TABLE_ROWS + 10), encoding="utf-8")
    out = rapat.parent / "out"
    code, output = cli(
        capsys, "minutes", rapat / "meeting.yaml", "-a", rapat / "hadir.csv", "--out", out
    )
    assert_refused(
        code, output, "hadir.csv", "kosong atau tidak", f"batas {grouped(MAX_TABLE_ROWS)}"
    )
    assert list(out.iterdir()) == []


def test_an_honest_workbook_still_reads(tmp_path):
    """The guard passes the sample record and a roster with blank rows between blocks."""
    from workbench.office_guard import check_workbook
    from workbench.paths import SAMPLE_MEETING_DIR

    check_workbook(SAMPLE_MEETING_DIR / "rapat.xlsx", 20 * MB, fix="-")
    wb = openpyxl.Workbook()
    for i in range(2_000):
        wb.active.append([f"Peserta {i}", "Staf", "KPU Kota Batu", "Hadir"])
    wb.active.append([None] * 4)
    wb.active["D5000"] = "catatan"
    wb.save(tmp_path / "hadir.xlsx")
    check_workbook(tmp_path / "hadir.xlsx", 20 * MB, fix="-")


# ============================================================================= DOCX
def docx_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def write_docx(parts: dict[str, bytes], target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return target


def with_body(target: Path, body_xml: str, template: str = "notula.docx") -> Path:
    """A copy of the shipped ``template`` with ``body_xml`` at the start of its body."""
    parts = docx_parts(TEMPLATES_DIR / template)
    doc = parts["word/document.xml"].decode()
    at = re.search(r"<w:body[^>]*>", doc).end()
    parts["word/document.xml"] = (doc[:at] + body_xml + doc[at:]).encode()
    return write_docx(parts, target)


def with_relationship(
    target: Path, kind: str, to: str, *, external: bool = True, body_xml: str = ""
) -> Path:
    """A copy of notula.docx whose document has one more relationship (and ``body_xml``)."""
    with_body(target, body_xml)
    parts = docx_parts(target)
    rels = parts["word/_rels/document.xml.rels"].decode()
    mode = ' TargetMode="External"' if external else ""
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdHostile" Type="{REL_TYPE}{kind}" Target="{to}"{mode}/>'
        "</Relationships>",
    ).encode()
    return write_docx(parts, target)


def linked_picture(target: Path, url: str) -> Path:
    """A document whose picture is linked (``r:link``), not embedded, to ``url``."""
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buf, "PNG")
    buf.seek(0)
    doc = Document(str(TEMPLATES_DIR / "notula.docx"))
    doc.add_picture(buf)
    doc.save(str(target))
    parts = docx_parts(target)
    xml = parts["word/document.xml"].decode()
    rid = re.findall(r'r:embed="(rId\d+)"', xml)[-1]
    parts["word/document.xml"] = xml.replace(f'r:embed="{rid}"', 'r:link="rIdLinked"').encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdLinked" Type="{REL_TYPE}image" Target="{url}" '
        'TargetMode="External"/></Relationships>',
    ).encode()
    return write_docx(parts, target)


def field(code: str, *, split: bool = True) -> str:
    """A complex field (begin, the code in two runs or one, separate, end)."""
    half = len(code) // 2 if split else len(code)
    return (
        f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code[:half]}</w:instrText></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code[half:]}</w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
        f'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def media(target: Path, name: str, data: bytes) -> Path:
    parts = docx_parts(with_body(target, ""))
    parts[f"word/media/{name}"] = data
    return write_docx(parts, target)


EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
    b"newpath 0 0 moveto 10 10 lineto stroke\nshowpage\n%%EOF\n"
)
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    b'<image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>'
)


def hostile_templates(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (a hostile copy of notula.docx, what the refusal must name)."""
    secret = tmp_path / "rahasia" / "ktp.png"
    secret.parent.mkdir(exist_ok=True)
    Image.new("RGB", (8, 8), "blue").save(secret)
    t = tmp_path
    return {
        "linked-picture-file": (linked_picture(t / "a.docx", secret.as_uri()), "ktp.png"),
        "linked-picture-http": (linked_picture(t / "b.docx", "http://127.0.0.1:9/k.png"), "http"),
        "attached-template": (
            with_relationship(t / "c.docx", "attachedTemplate", "file:///C:/kop.dotm"),
            "attachedTemplate",
        ),
        "ole-link": (
            with_relationship(t / "d.docx", "oleObject", "file:///srv/data.xlsx"),
            "oleObject",
        ),
        "remote-frame": (with_relationship(t / "e.docx", "frame", "https://x.test/"), "frame"),
        "unc-target": (with_relationship(t / "f.docx", "image", "\\\\host\\share\\k.png"), "host"),
        "file-hyperlink": (
            with_relationship(t / "g.docx", "hyperlink", "file:///etc/passwd"),
            "file:///etc/passwd",
        ),
        "altchunk": (
            with_relationship(t / "h.docx", "aFChunk", "chunk.htm", external=False),
            "altChunk",
        ),
        "INCLUDEPICTURE": (
            with_body(t / "i.docx", field('INCLUDEPICTURE "file:///etc/ktp.png" \\d')),
            "INCLUDEPICTURE",
        ),
        "INCLUDETEXT": (
            with_body(t / "j.docx", field('INCLUDETEXT "/etc/passwd"')),
            "INCLUDETEXT",
        ),
        "LINK": (with_body(t / "k.docx", field('LINK Excel.Sheet.8 "C:\\\\a.xls" "" \\a')), "LINK"),
        "DDEAUTO": (
            with_body(t / "l.docx", field('DDEAUTO c:\\\\windows\\\\cmd.exe "/k calc"')),
            "DDEAUTO",
        ),
        "fldSimple-INCLUDEPICTURE": (
            with_body(
                t / "m.docx",
                '<w:p><w:fldSimple w:instr=" includepicture http://x.test/a.png "><w:r><w:t>x'
                "</w:t></w:r></w:fldSimple></w:p>",
            ),
            "INCLUDEPICTURE",
        ),
        "eps-picture": (media(t / "n.docx", "image9.png", EPS), "PostScript"),
        "svg-external": (media(t / "o.docx", "image9.svg", SVG), "SVG"),
    }


HOSTILE = [
    "linked-picture-file",
    "linked-picture-http",
    "attached-template",
    "ole-link",
    "remote-frame",
    "unc-target",
    "file-hyperlink",
    "altchunk",
    "INCLUDEPICTURE",
    "INCLUDETEXT",
    "LINK",
    "DDEAUTO",
    "fldSimple-INCLUDEPICTURE",
    "eps-picture",
    "svg-external",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_templates_check_refuses_external_references(tmp_path, capsys, name):
    template, needle = hostile_templates(tmp_path)[name]
    code, output = cli(capsys, "templates", "check", template, "--jenis", "notula")
    assert_refused(code, output, template.name, needle)


@pytest.mark.parametrize("name", ["linked-picture-file", "INCLUDEPICTURE", "altchunk"])
def test_every_render_refuses_external_references(tmp_path, name):
    from workbench.bakohumas.docx_render import render_docx_bytes
    from workbench.documents import render_bytes
    from workbench.template_check import sample_context

    template, needle = hostile_templates(tmp_path)[name]
    for render in (render_bytes, render_docx_bytes):
        with pytest.raises(InputError, match=needle):
            render(template, sample_context("notula"))


def test_an_ordinary_web_hyperlink_on_the_kop_passes(tmp_path, capsys):
    """Decision: a ``w:hyperlink`` to https:// (or mailto:) is only clicked, never fetched
    while rendering or converting, so it stays allowed (the kop carries the office's site)."""
    link = (
        '<w:p><w:hyperlink r:id="rIdHostile" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><w:r><w:t>kpu.go.id</w:t></w:r></w:hyperlink>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK '
        '"https://kpu.go.id" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    template = with_relationship(
        tmp_path / "notula-kop.docx", "hyperlink", "https://kpu.go.id", body_xml=link
    )
    code, output = cli(capsys, "templates", "check", template, "--jenis", "notula")
    assert code == 0, output


def test_a_field_code_from_data_never_reaches_the_document(tmp_path):
    """A template may hold a tag inside a field code; the value typed in the data then
    becomes the code. The rendered document is checked like a template."""
    from workbench.documents import render_bytes
    from workbench.template_check import sample_context

    template = with_body(tmp_path / "notula-bidang.docx", field("{{ bidang }}", split=False))
    context = sample_context("notula")
    with pytest.raises(InputError, match="INCLUDEPICTURE"):
        render_bytes(template, {**context, "bidang": 'INCLUDEPICTURE "file:///home/s/ktp.png"'})
    assert render_bytes(template, {**context, "bidang": "PAGE"})  # an ordinary field renders


# ----------------------------------------------------------------------------- template bombs
def big_document(target: Path, xml_bytes: int, *, random: bool) -> Path:
    """notula.docx whose document.xml is padded to ``xml_bytes`` with paragraphs (repeated
    text compresses 1000:1; random text about 2:1)."""
    block = 60_000
    paragraphs = []
    size = 0
    while size < xml_bytes:
        text = os.urandom(block // 2).hex() if random else "a" * block
        paragraphs.append(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
        size += block + 30
    return with_body(target, "".join(paragraphs))


@pytest.mark.parametrize(
    "xml_bytes, random, needles",
    [
        (60 * MB, False, ("setelah diekstrak", "batas 20 MB")),
        (15 * MB, False, ("word/document.xml", "memampat", "batas 100:1")),
        (
            MAX_DOCX_XML_BYTES + MB,
            True,
            ("word/document.xml", f"batas {MAX_DOCX_XML_BYTES // MB} MB per bagian"),
        ),
    ],
    ids=["60MB-document-xml", "ratio", "over-the-part-bound"],
)
def test_template_xml_bombs_are_refused_before_docxtpl(tmp_path, xml_bytes, random, needles):
    """A 128-KB template whose document.xml is 60 MB took 3 GB and 71 s in templates check."""
    template = big_document(tmp_path / "notula-besar.docx", xml_bytes, random=random)
    code, output = cli_capped("templates", "check", template, "--jenis", "notula", cwd=tmp_path)
    assert_refused(code, output, "notula-besar.docx", *needles)


def test_template_emitting_millions_of_empty_runs(tmp_path):
    """Empty runs are few characters and many elements: 6 M elements in 36 M characters
    passed the 100 M-character budget (2.3 GB per document once parsed)."""
    runs = "<w:r/>" * 60
    body = (
        "<w:p><w:r><w:t>{% for i in range(100000) %}</w:t></w:r>"
        f"{runs}<w:r><w:t>{{% endfor %}}</w:t></w:r></w:p>"
    )
    template = with_body(tmp_path / "notula-run.docx", body)
    code, output = cli_capped("templates", "check", template, "--jenis", "notula", cwd=tmp_path)
    assert_refused(code, output, "notula-run.docx", f"{grouped(MAX_PRODUCED_ELEMENTS)} elemen XML")


def test_shipped_templates_pass_the_guard():
    from workbench.office_guard import check_template

    for template in sorted(TEMPLATES_DIR.glob("*.docx")):
        check_template(template)


# ============================================================================= LibreOffice
class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    do_HEAD = do_OPTIONS = do_GET  # noqa: N815

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def http_counter():
    """A local HTTP server counting the requests it gets: (url, hits)."""
    _Counter.hits = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/kop.png", _Counter.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_pdf_conversion_refuses_and_never_fetches_links(
    tmp_path, soffice, http_counter, monkeypatch
):
    """LibreOffice fetched an http-linked picture while converting (and embedded a file://
    one in the PDF). The DOCX is refused before conversion; and should a link get past that
    check, LibreOffice runs with no network, so the server still sees nothing."""
    import workbench.pdf as pdf

    url, hits = http_counter
    docx = linked_picture(tmp_path / "notula.docx", url)
    with pytest.raises(InputError, match="tautan ke luar"):
        pdf.convert_to_pdf([docx], tmp_path)
    assert hits == []

    if not pdf.no_network_prefix():
        pytest.skip("unshare --net tidak tersedia di mesin ini (namespace jaringan dimatikan)")
    monkeypatch.setattr(pdf, "check_docx_links", lambda *a, **k: None)
    (made,) = pdf.convert_to_pdf([docx], tmp_path / "pdf")
    assert made.exists()
    assert hits == [], f"LibreOffice fetched {hits}"


# ============================================================================= images
@pytest.fixture
def eps_spy(monkeypatch):
    """Records every time Pillow's EPS plugin (which runs Ghostscript) opens a file."""
    opened: list[str] = []
    original = EpsImagePlugin.EpsImageFile._open

    def spy(self):
        opened.append(str(getattr(self, "filename", "")))
        return original(self)

    monkeypatch.setattr(EpsImagePlugin.EpsImageFile, "_open", spy)
    return opened


def test_a_jpg_holding_postscript_never_reaches_the_eps_plugin(rapat, capsys, eps_spy):
    (rapat / "foto.jpg").write_bytes(EPS)
    (rapat / "hadir.csv").write_text(
        "nama,jabatan,instansi,status\nSari,Staf,KPU Kota Batu,Hadir\n", encoding="utf-8"
    )
    (rapat / "meeting.yaml").write_text(MINIMAL + "dokumentasi:\n  - foto.jpg\n", encoding="utf-8")
    out = rapat.parent / "out"
    code, output = cli(
        capsys, "minutes", rapat / "meeting.yaml", "-a", rapat / "hadir.csv", "--out", out
    )
    assert_refused(code, output, "foto.jpg", "bukan gambar")
    assert eps_spy == []


@pytest.mark.parametrize(
    "reader",
    [
        "workbench.standar.foto.reader:problem",
        "workbench.standar.foto.reader:read_photo",
        "workbench.rakor.readers.record:photo_over_limit",
        "workbench.rakor.readers.record:photo_problem",
        "workbench.rakor.news_output:lead_photo_jpeg",
    ],
)
def test_every_image_reader_opens_only_the_listed_formats(tmp_path, eps_spy, reader):
    import importlib

    module, name = reader.split(":")
    function = getattr(importlib.import_module(module), name)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(EPS)
    try:
        function(photo)
    except InputError:
        pass
    assert eps_spy == []


def test_the_listed_formats_still_open(tmp_path):
    from workbench.limits import open_image

    for fmt in ("JPEG", "PNG"):
        path = tmp_path / f"x.{fmt.lower()}"
        Image.new("RGB", (4, 4)).save(path, fmt)
        with open_image(path) as im:
            assert im.format == fmt
    gif = tmp_path / "x.gif"
    Image.new("RGB", (4, 4)).save(gif, "GIF")
    with pytest.raises(Image.UnidentifiedImageError):
        open_image(gif)
