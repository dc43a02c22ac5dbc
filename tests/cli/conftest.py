"""Fixtures of the CLI tests: throwaway content trees and a fake pipeline.

The fake pipeline stands in for validation and layout so that the CLI's own behaviour
(discovery, exit status, stale PDFs, messages) is tested fast and independently of them.
A fake report is plain text; a line decides what happens to it:

    ERROR: message     validation error at that line (column 1)
    WARN: message      validation warning at that line
    CRASH              validation raises RuntimeError("boom") (a bug)
    RENDER-CRASH       the layout raises ValueError("layout bug")
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from lagebericht.problems import InputError, Problem, Severity
from tests.files import write_files

Files = Mapping[str, str | bytes]
MakeTree = Callable[[Files], Path]


write_tree = write_files


@pytest.fixture
def tree(tmp_path: Path) -> MakeTree:
    """A function writing a dict of files into ``tmp_path``."""
    return lambda files: write_tree(tmp_path, files)


@dataclass(frozen=True)
class FakeValid:
    report: object
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class FakeOffice:
    name: str = "Fake Office"


@dataclass(frozen=True)
class FakeReport:
    source: Path
    text: str
    # What a build records about the report (title, office, date, language, label).
    title: str = "Fake"
    office: FakeOffice = FakeOffice()
    date: dt.date = dt.date(2024, 7, 5)
    language: str = "en"
    label: str | None = None


def fake_read_report(path: Path) -> FakeValid:
    text = path.read_text(encoding="utf-8")
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("ERROR: "):
            errors.append(Problem(path, number, 1, line.removeprefix("ERROR: ")))
        elif line.startswith("WARN: "):
            message = line.removeprefix("WARN: ")
            warnings.append(Problem(path, number, None, message, Severity.WARNING))
        elif line == "CRASH":
            raise RuntimeError("boom")
    if errors:
        raise InputError(errors)
    return FakeValid(FakeReport(path, text), tuple(warnings))


@dataclass(frozen=True)
class FakeRendered:
    pdf: bytes
    pages: int


def fake_render(report: FakeReport, theme: object = None) -> FakeRendered:
    if "RENDER-CRASH" in report.text:
        raise ValueError("layout bug")
    # A real one-page PDF carrying the report's text; the page count comes with it, as
    # from the real layout.
    document = pikepdf.new()
    document.add_blank_page()
    document.docinfo["/Subject"] = report.text
    buffer = io.BytesIO()
    document.save(buffer, static_id=True)
    return FakeRendered(buffer.getvalue(), 1)


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Replace validation and layout by the fakes above.

    ``lagebericht.build`` looks ``read_report`` and ``render`` up in their modules when
    it runs (and forked build workers inherit the patch), so patching the attributes
    reaches every build.
    """
    import lagebericht.layout
    import lagebericht.validate

    monkeypatch.setattr(lagebericht.validate, "read_report", fake_read_report)
    monkeypatch.setattr(lagebericht.layout, "render", fake_render)
    yield


def without_timing(output: str) -> list[str]:
    """Output lines with the summary's "(N pages, T s)" removed: timings vary."""
    return [re.sub(r" \(\d+ pages?, [\d.]+ s\)$", "", line) for line in output.splitlines()]
