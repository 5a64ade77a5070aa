"""The quarter's ``index.html`` in a real browser, opened from ``file://`` as someone who got
the folder by e-mail would: the table sorts when a header is clicked, an office's link
opens its report, every image loads, and nothing is requested from the network."""

from __future__ import annotations

import pytest

from workbench.cli import main
from workbench.paths import SAMPLE_BAKOHUMAS_DIR

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

SAMPLE = SAMPLE_BAKOHUMAS_DIR / "laporan-triwulan.csv"
OFFICES = "35.08,35.09,35.28,35.06,35.73"


@pytest.fixture(scope="module")
def quarter(tmp_path_factory):
    """``workbench evaluate`` then ``workbench reports`` for five offices (one worker: one
    kernel); the period folder."""
    out = tmp_path_factory.mktemp("keluaran")
    for args in (["evaluate"], ["reports", "--offices", OFFICES, "--workers", "1"]):
        with pytest.raises(SystemExit) as info:
            main([*args, str(SAMPLE), "--period", "2025-TW2", "--out", str(out)])
        assert info.value.code == 0
    return out / "bakohumas" / "2025-TW2"


def images_loaded(page) -> list:
    """``[src, naturalWidth]`` of every image of the page, once each has finished loading."""
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    return page.evaluate("() => [...document.images].map(i => [i.src, i.naturalWidth])")


def column(page, index: int) -> list[str]:
    return page.eval_on_selector_all(
        "#satker tbody tr", f"rows => rows.map(r => r.cells[{index}].dataset.sort)"
    )


def test_index_sorts_links_and_loads_offline(page, quarter, screenshots):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto((quarter / "index.html").as_uri())
    assert page.title() == "Evaluasi Bakohumas KPU Provinsi Jawa Timur, TW 2 Tahun 2025"
    shown = images_loaded(page)
    assert len(shown) == 3 and all(width > 0 for _, width in shown), shown
    page.screenshot(path=str(screenshots / "index-triwulan.png"))

    rows = page.locator("#satker tbody tr")
    assert rows.count() == 38
    ranks = [float(k) for k in column(page, 0)]
    assert ranks == sorted(ranks)  # as written: by rank

    # sort by score: ascending, then descending on a second click
    score = page.locator("#satker thead th", has_text="Skor")
    score.locator("button").click()
    assert score.get_attribute("aria-sort") == "ascending"
    scores = [float(k) for k in column(page, 5)]
    assert scores == sorted(scores) and scores != [float(k) for k in column(page, 0)]
    score.locator("button").click()
    assert score.get_attribute("aria-sort") == "descending"
    assert [float(k) for k in column(page, 5)] == sorted(scores, reverse=True)
    # by name (text, Indonesian collation)
    page.locator("#satker thead th", has_text="Satker").locator("button").click()
    names = page.eval_on_selector_all("#satker tbody tr", "rs => rs.map(r => r.cells[2].innerText)")
    assert names == sorted(names, key=str.casefold)

    # the offices with reports link them; the others say none was made yet
    jember = page.locator("#satker tbody tr[data-kode='35.09']")
    assert jember.locator("a").all_inner_texts() == ["HTML", "DOCX"]
    assert "belum dibuat" in page.locator("#satker tbody tr[data-kode='35.01']").inner_text()
    jember.get_by_role("link", name="HTML").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/satker/35.09-kabupaten-jember/office_report.html")
    assert "KPU Kabupaten Jember" in page.locator("body").inner_text()
    report_images = images_loaded(page)
    assert report_images and all(width > 0 for _, width in report_images)
    # the chart is the PNG beside the report (linked, not embedded), loaded from the folder
    assert [src.rsplit("/", 1)[-1] for src, _ in report_images] == ["perbandingan-median.png"]
    assert all(src.startswith("file://") for src, _ in report_images)

    page.go_back()
    page.wait_for_load_state("load")
    assert all(width > 0 for _, width in images_loaded(page))
    assert not problems, problems
    offline = [u for u in requests if not u.startswith(("file://", "data:"))]
    assert not offline, offline
