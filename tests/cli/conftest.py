"""Fixtures of the CLI tests: throwaway content trees and a fake pipeline.

The fake pipeline stands in for validation and layout so that the CLI's own behaviour
(discovery, exit status, stale PDFs, messages) is tested fast and independently of them;
the report it hands on is a real (minimal) ``Report``, so the stages in between, like the
glyph check, run as in a real build. A fake report file is plain text; a line decides what
happens to it:

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

from lagebericht.model import Office, Paragraph, Report, Text
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
    report: Report
    warnings: tuple[Problem, ...]


def fake_report(source: Path) -> Report:
    """What a build records about a fake report: title, office, date, language, label."""
    return Report(
        source=source,
        label=None,
        date=dt.date(2024, 7, 5),
        language="en",
        office=Office(name="Fake Office"),
        title="Fake",
        body=(Paragraph(content=(Text(text="Fake"),), line=1),),
    )


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
    return FakeValid(fake_report(path), tuple(warnings))


@dataclass(frozen=True)
class FakeRendered:
    pdf: bytes
    pages: int
    structure: None = None  # drawn untagged: the build writes it as it is


def fake_render(
    report: Report, theme: object = None, tagged: bool = True, for_print: bool = False
) -> FakeRendered:
    text = report.source.read_text(encoding="utf-8")
    if "RENDER-CRASH" in text:
        raise ValueError("layout bug")
    # A real one-page PDF carrying the report file's text; the page count comes with it,
    # as from the real layout.
    document = pikepdf.new()
    document.add_blank_page()
    document.docinfo["/Subject"] = text
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
