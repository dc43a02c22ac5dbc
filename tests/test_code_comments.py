"""Comments in the package say why, not how long (issue 12, point 9): a measurement in a
comment goes stale with the next change to the machine or the code. Timings belong in
benchmarks/README.md, with how they were measured.

Checked: every ``#`` comment of ``lagebericht/`` against a number with a unit of time or a
speed-up factor. Typographic examples such as ``−3 %`` stay allowed.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import lagebericht

PACKAGE = Path(lagebericht.__file__).parent
_TIMING = re.compile(
    r"\d(?:[\d.,]*\d)?\s?(?:ns|µs|us|ms|s|sec|secs|seconds?|minutes?|min)\b"
    r"|\d(?:[\d.,]*\d)?\s?[x×]\s+(?:faster|slower|quicker)"
    r"|\d(?:[\d.,]*\d)?\s?%\s+(?:faster|slower|quicker|less time|more time)",
    re.IGNORECASE,
)


def timing_comments(source: str) -> list[tuple[int, str]]:
    """``(line, comment)`` for each comment of ``source`` that reports a timing."""
    return [
        (token.start[0], token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT and _TIMING.search(token.string)
    ]


def test_no_comment_reports_a_timing() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {comment}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, comment in timing_comments(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "move measurements to benchmarks/README.md"


def test_timings_are_found_and_typography_is_not() -> None:
    source = """\
x = 1  # loading it here saves ~45 ms per process
y = 2  # 3x faster than the old loop
z = 3  # the whole month in 2.3 s
w = 4  # 12 % faster
t = 5  # a budget in seconds, a minus in (–4 %), 60 mm of text
"""
    assert [line for line, _ in timing_comments(source)] == [1, 2, 3, 4]
