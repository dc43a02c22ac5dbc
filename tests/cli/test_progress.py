"""Progress: a bar naming the report in a terminal, plain lines in a log."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from lagebericht.build import BuildResult, Status
from lagebericht.cli import main
from lagebericht.cli.progress import BarProgress, PlainProgress
from lagebericht.job import Job

from .conftest import MakeTree, without_timing


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_names_the_report_being_built() -> None:
    stream = Terminal()
    seen: list[BuildResult] = []
    jobs = [Job(Path(f"content/r{n}.md"), Path(f"output/r{n}.pdf")) for n in range(3)]
    with BarProgress(len(jobs), stream, seen.append, str, out=lambda line: None) as bar:
        for job in jobs:
            bar.start(job)
            bar.done(BuildResult(job.source, Status.BUILT, job.output))
    shown = stream.getvalue()
    assert "building content/r2.md" in shown
    assert "3/3" in shown
    assert [r.source.name for r in seen] == ["r0.md", "r1.md", "r2.md"]


def test_plain_lines_for_logs() -> None:
    lines: list[str] = []
    progress = PlainProgress(lines.append, lambda result: None, str)
    with progress:
        progress.done(BuildResult(Path("a.md"), Status.BUILT, Path("out/a.pdf")))
        progress.done(BuildResult(Path("b.md"), Status.UP_TO_DATE, Path("out/b.pdf")))
        progress.done(BuildResult(Path("c.md"), Status.FAILED, Path("out/c.pdf")))
    assert lines == ["built out/a.pdf", "up to date out/b.pdf"]


def _results() -> list[BuildResult]:
    return [
        BuildResult(Path("content/a.md"), Status.BUILT, Path("output/a.pdf")),
        BuildResult(Path("content/b.md"), Status.UP_TO_DATE, Path("output/b.pdf")),
        BuildResult(Path("content/c.md"), Status.FAILED, Path("output/c.pdf")),
    ]


def test_bar_lists_built_and_failed_reports_once_it_is_gone() -> None:
    stream, lines = Terminal(), list[str]()
    with BarProgress(3, stream, lambda result: None, str, out=lines.append) as bar:
        for result in _results():
            bar.done(result)
            assert lines == []  # not while the bar is shown
    assert lines == ["built output/a.pdf", "failed content/c.md"]


def test_bar_verbose_lists_the_reports_up_to_date_too() -> None:
    lines: list[str] = []
    with BarProgress(3, Terminal(), lambda r: None, str, out=lines.append, verbose=True) as bar:
        for result in _results():
            bar.done(result)
    assert lines == ["built output/a.pdf", "up to date output/b.pdf", "failed content/c.md"]


@pytest.mark.usefixtures("fake_pipeline")
def test_build_in_a_terminal_lists_the_built_files_after_the_bar(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tree({"content/a.md": "a\n", "content/b.md": "b\n", "content/c.md": "ERROR: bad\n"})
    monkeypatch.chdir(root)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    status = main(["build", "-j", "1"])
    assert status == 1
    lines = without_timing(capsys.readouterr().out)
    built = [str(Path("output/a.pdf")), str(Path("output/b.pdf"))]
    assert lines == [
        f"built {built[0]}",
        f"built {built[1]}",
        f"failed {Path('content/c.md')}",
        "2 built, 0 up to date, 1 failed",
    ]
    assert "building" in terminal.getvalue()  # the bar was shown
