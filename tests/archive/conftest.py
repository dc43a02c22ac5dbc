"""Real PDFs for the archive tests: the seed report as a plain build writes it (tagged),
and as PDF/A."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebericht.archive.pdfa import archive_info, to_pdfa
from lagebericht.archive.tagging import render_tagged
from lagebericht.model import Report
from lagebericht.validate import read_report

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "content" / "2024-07" / "astana-sco.md"


@pytest.fixture(scope="session")
def seed_report() -> Report:
    return read_report(SEED).report


@pytest.fixture(scope="session")
def seed_pdf(seed_report: Report) -> bytes:
    return render_tagged(seed_report).pdf


@pytest.fixture(scope="session")
def archived(seed_pdf: bytes, seed_report: Report) -> bytes:
    return to_pdfa(seed_pdf, archive_info(seed_report))
