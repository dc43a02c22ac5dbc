"""Progress: a bar naming the report in a terminal, plain lines in a log."""

from __future__ import annotations

import io
from pathlib import Path

from lagebericht.build import BuildResult, Status
from lagebericht.cli.progress import BarProgress, PlainProgress
from lagebericht.job import Job


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_names_the_report_being_built() -> None:
    stream = Terminal()
    seen: list[BuildResult] = []
    jobs = [Job(Path(f"content/r{n}.md"), Path(f"output/r{n}.pdf")) for n in range(3)]
    with BarProgress(len(jobs), stream, seen.append, str) as bar:
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
