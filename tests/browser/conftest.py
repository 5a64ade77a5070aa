"""Browser tests: Playwright (from PyPI) driving the system's Chromium (Debian's ``chromium``).

The browser is the one the machine has (``/usr/bin/chromium``, installed by ``.ci/run``), not
a download of Playwright's own: ``WORKBENCH_CHROMIUM`` names another executable. Without one
the tests are skipped, saying so. Each test session gets a fresh profile (user-data-dir) and
a browser without background traffic (no updates, sync, first-run pages).

Screenshots go to ``tmp_path``; with ``WORKBENCH_SCREENSHOTS=docs/img`` they are written
there instead (that is how ``docs/img/lab-*.png`` and ``index-triwulan.png`` were made).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from workbench.paths import PROJECT_ROOT

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/lab_server.py

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}


def find_chromium() -> str | None:
    """``WORKBENCH_CHROMIUM``, else Debian's ``chromium`` (or ``chromium-browser``)."""
    named = os.environ.get("WORKBENCH_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip(
            "Chromium tidak ditemukan (/usr/bin/chromium atau WORKBENCH_CHROMIUM); "
            ".ci/run memasangnya dengan apt-get install chromium"
        )
    return path


@pytest.fixture(scope="session")
def playwright_driver():
    """The one Playwright driver of the session: the sync API allows a single running
    driver per thread, so every browser fixture launches from this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver, chromium, tmp_path_factory):
    """A Chromium context with a fresh profile, closed at the end."""
    profile = tmp_path_factory.mktemp("chromium-profil")
    context = playwright_driver.chromium.launch_persistent_context(
        str(profile),
        executable_path=chromium,
        headless=True,
        args=ARGS,
        viewport=VIEWPORT,
        locale="id-ID",
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    page.set_default_timeout(60_000)
    try:
        yield page
    finally:
        page.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where screenshots go: ``WORKBENCH_SCREENSHOTS`` (e.g. ``docs/img``), else a temp folder."""
    named = os.environ.get("WORKBENCH_SCREENSHOTS")
    if named:
        folder = Path(named) if Path(named).is_absolute() else PROJECT_ROOT / named
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("layar")


@pytest.fixture(scope="session")
def plain_browser(playwright_driver, chromium):
    """A Chromium that is not a persistent context, so a test can open several contexts
    (separate cookies and storage: two people at once)."""
    launched = playwright_driver.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
    try:
        yield launched
    finally:
        launched.close()


@pytest.fixture
def new_context(plain_browser):
    """``new_context()``: a fresh context (closed at the end) with the tests' viewport."""
    made = []

    def make():
        context = plain_browser.new_context(
            viewport=VIEWPORT, locale="id-ID", accept_downloads=True
        )
        made.append(context)
        return context

    try:
        yield make
    finally:
        for context in made:
            context.close()
