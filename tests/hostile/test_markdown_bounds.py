"""Pathological Markdown: runs of ``[``, ``*`` and backticks checked in linear work, markup
nested past the limit refused with its line (never a RecursionError)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from lagebericht.cli import main
from lagebericht.limits import MAX_INLINE_NESTING
from lagebericht.validate.body import parse_body
from tests.hostile.conftest import MakeTree, write_tree
from tests.hostile.corpus import OFFICE, OFFICE_FILE, REPORT, front
from tests.hostile.work import lines_run

# Each of these is one paragraph in which every construct gets a warning of its own, located
# at its own column: finding each one's column must not search the line again from its start.
RUNS: dict[str, Callable[[int], str]] = {
    "undefined-links": lambda n: "[a]" * n,
    "undefined-footnotes": lambda n: "x[^a]" * n,
    "inline-code": lambda n: "`a` " * n,
    "html": lambda n: "<b> " * n,
}


@pytest.mark.parametrize("kind", RUNS)
def test_located_warnings_take_linear_work(kind: str) -> None:
    def lines(n: int) -> int:
        body = RUNS[kind](n) + "\n"
        return lines_run(lambda: parse_body(Path("r.md"), body, 8))

    small, large = lines(300), lines(1200)
    # Four times the input: four times the steps plus a constant, not sixteen times.
    assert large < 5 * small, (small, large)


def test_every_warning_of_a_run_points_at_its_own_column() -> None:
    body = parse_body(Path("r.md"), "[a][b] " * 3 + "`c` `c`\n", 8)
    columns = [problem.column for problem in body.problems]
    assert columns == [1, 8, 15, 22, 26]


def test_an_escaped_construct_is_not_located_at() -> None:
    body = parse_body(Path("r.md"), "\\[^a] [^a]\n", 8)
    assert [(p.line, p.column) for p in body.problems] == [(8, 7)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a" + "*" * 5000 + "b" + "*" * 5000, id="stars"),
        pytest.param("a " + "_" * 5000 + "b" + "_" * 5000, id="underscores"),
        pytest.param("*a " * 30 + "b" + "*" * 30, id="emphasis-in-emphasis"),
        pytest.param("[" + "*a " * 30 + "b" + "*" * 30 + "](https://x.org)", id="in-a-link"),
    ],
)
def test_markup_nested_too_deep_is_refused_at_its_line(
    tree: MakeTree,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    text: str,
) -> None:
    # front matter lines 1-6, "Text." on 8, "more" on 10, the run on 11
    root = tree({OFFICE_FILE: OFFICE, REPORT: front() + f"\nText.\n\nmore\n{text}\n"})
    monkeypatch.chdir(root)
    assert main(["check", "content"]) == 1
    err = capsys.readouterr().err
    assert f"{REPORT}:11: emphasis, strong text and links are nested more than " in err
    assert "internal error" not in err


def test_nesting_up_to_the_limit_is_kept() -> None:
    depth = MAX_INLINE_NESTING // 2  # `***` opens two levels: emphasis and strong
    body = parse_body(Path("r.md"), "a" + "*" * depth + "b" + "*" * depth + "\n", 8)
    assert not body.problems


def test_markup_nested_too_deep_in_the_summary(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = "a" + "*" * 200 + "b" + "*" * 200
    root = tree({OFFICE_FILE: OFFICE, REPORT: front(f'summary: "{summary}"') + "\nText.\n"})
    monkeypatch.chdir(root)
    assert main(["check", "content"]) == 1
    err = capsys.readouterr().err
    assert f"{REPORT}:6: summary: emphasis, strong text and links are nested more" in err


FULL_SIZE = {
    "undefined-links": 100_000,  # 300 kB; 5,000 took 31 s before
    "undefined-footnotes": 60_000,
    "inline-code": 100_000,
    "html": 100_000,
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", FULL_SIZE)
def test_full_size_runs_are_checked_in_seconds(tmp_path: Path, kind: str) -> None:
    root = write_tree(
        tmp_path,
        {OFFICE_FILE: OFFICE, REPORT: front() + "\n" + RUNS[kind](FULL_SIZE[kind]) + "\n"},
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "lagebericht", "check", "content"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.monotonic() - started
    assert "internal error" not in done.stderr
    assert seconds < 10, seconds
