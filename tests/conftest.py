"""Shared test fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.paths import PROJECT_ROOT, SAMPLE_MEETING_DIR


@pytest.fixture(autouse=True, scope="session")
def template_kinds() -> tuple[str, ...]:
    """Every domain's template kinds registered in :mod:`workbench.template_check`, as the
    CLI registers them (tests call the registry's functions directly)."""
    from workbench.cli import load_template_kinds

    return load_template_kinds()


@pytest.fixture
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture
def sample_meeting_dir() -> Path:
    return SAMPLE_MEETING_DIR


@pytest.fixture
def soffice() -> str:
    """The LibreOffice executable, or skip with the reason (CI installs it: .ci/run)."""
    from workbench.pdf import find_soffice

    path = find_soffice()
    if path is None:
        pytest.skip(
            "LibreOffice (soffice) tidak terpasang; .ci/run memasang libreoffice-writer-nogui"
        )
    return path


@pytest.fixture
def pdftotext() -> str:
    path = shutil.which("pdftotext")
    if path is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang; .ci/run memasangnya")
    return path
