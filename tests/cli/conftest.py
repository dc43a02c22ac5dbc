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

import sys
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from lagebericht.problems import InputError, Problem, Severity

Files = Mapping[str, str | bytes]
MakeTree = Callable[[Files], Path]


def write_tree(root: Path, files: Files) -> Path:
    """Write ``{"relative/path": content}`` below ``root``; return ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path: Path) -> MakeTree:
    """A function writing a dict of files into ``tmp_path``."""
    return lambda files: write_tree(tmp_path, files)


@dataclass(frozen=True)
class FakeValid:
    report: object
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class FakeReport:
    source: Path
    text: str


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


def fake_render_pdf(report: FakeReport) -> bytes:
    if "RENDER-CRASH" in report.text:
        raise ValueError("layout bug")
    return b"%PDF-1.7 fake\n" + report.text.encode("utf-8")


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Replace ``lagebericht.validate`` and ``lagebericht.layout`` by the fakes above.

    ``lagebericht.build`` imports them inside its functions, so patching ``sys.modules``
    reaches it whether or not the real modules were imported before.
    """
    validate = types.ModuleType("lagebericht.validate")
    validate.read_report = fake_read_report  # type: ignore[attr-defined]
    layout = types.ModuleType("lagebericht.layout")
    layout.render_pdf = fake_render_pdf  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lagebericht.validate", validate)
    monkeypatch.setitem(sys.modules, "lagebericht.layout", layout)
    yield
