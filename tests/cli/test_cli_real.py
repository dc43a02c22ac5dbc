"""The command line with the real validation and layout, on throwaway content trees."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from lagebericht.cli import main
from tests.cli.conftest import without_timing
from tests.files import BAD, OFFICE, REPORT

from .conftest import MakeTree

GOOD = REPORT

UNREFERENCED_NOTE = """\
---
date: 2024-07-05
language: en
office: kasachstan
title: A warning
---

Text.

[^x]: Never referenced.
"""


@pytest.fixture
def content(tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/2024-07/astana-sco.md": GOOD,
            "content/2024-07/bad.md": BAD,
        }
    )
    monkeypatch.chdir(root)
    return root


def _pages(path: Path) -> int:
    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_build_one_bad_report_in_a_batch(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 1
    captured = capsys.readouterr()
    assert without_timing(captured.out) == [
        "built output/2024-07/astana-sco.pdf",
        "1 built, 0 up to date, 1 failed",
    ]
    errors = captured.err.splitlines()
    assert errors and all(line.startswith("content/2024-07/bad.md:") for line in errors)
    assert any(line.startswith("content/2024-07/bad.md:2:") for line in errors)  # the date
    assert _pages(content / "output/2024-07/astana-sco.pdf") >= 1
    assert not (content / "output/2024-07/bad.pdf").exists()
    assert sorted(p.name for p in (content / "output").rglob("*")) == [
        ".lagebericht-state.json",
        "2024-07",
        "astana-sco.pdf",
        "manifest.json",
    ]


def test_rebuilding_gives_the_same_bytes(content: Path) -> None:
    main(["build", "content/2024-07/astana-sco.md", "-o", "first"])
    main(["build", "content/2024-07/astana-sco.md", "-o", "second"])
    assert (content / "first/astana-sco.pdf").read_bytes() == (
        content / "second/astana-sco.pdf"
    ).read_bytes()


def test_a_report_broken_after_a_good_build_loses_its_pdf(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = content / "output/astana-sco.pdf"
    assert main(["build", "content/2024-07/astana-sco.md"]) == 0
    assert target.exists()
    (content / "content/2024-07/astana-sco.md").write_text(BAD)
    assert main(["build", "content/2024-07/astana-sco.md"]) == 1
    assert not target.exists()


def test_check_writes_nothing(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 1
    assert not (content / "output").exists()
    captured = capsys.readouterr()
    assert without_timing(captured.out) == ["ok content/2024-07/astana-sco.md", "1 ok, 1 failed"]
    assert "content/2024-07/bad.md:2:" in captured.err


def test_a_warning_fails_only_under_strict(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content / "content/2024-07/warn.md").write_text(UNREFERENCED_NOTE)
    assert main(["build", "content/2024-07/warn.md"]) == 0
    assert "content/2024-07/warn.md:10:" in capsys.readouterr().err
    assert (content / "output/warn.pdf").exists()
    assert main(["build", "--strict", "content/2024-07/warn.md"]) == 1
    captured = capsys.readouterr()
    assert "warning:" in captured.err
    assert "(--strict)" in captured.err
    assert not (content / "output/warn.pdf").exists()


def test_the_console_entry_point_builds(content: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lagebericht", "build", "content/2024-07/astana-sco.md", "-o", "o"],
        cwd=content,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert without_timing(done.stdout) == [
        "built o/astana-sco.pdf",
        "1 built, 0 up to date, 0 failed",
    ]
    assert _pages(content / "o/astana-sco.pdf") >= 1


def test_the_console_entry_point_reports_bad_input_without_traceback(content: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lagebericht", "check", "content"],
        cwd=content,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("content/2024-07/bad.md:")
