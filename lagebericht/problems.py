"""Errors and warnings as values with a location, until the CLI prints them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from lagebericht.limits import MAX_PROBLEMS_PER_FILE

# C0 and C1 control characters, and the lone surrogates that stand for the bytes of a name
# that is not UTF-8: printed raw they would move the cursor, recolour the terminal or forge
# lines in a log.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable_name(name: str) -> str:
    """``name`` (a file name, or a message that may quote one) with control characters
    and undecodable bytes written as ``\\xNN`` escapes, safe to print on a terminal or
    into a log."""
    return _UNPRINTABLE.sub(_escape, name)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    """The kind of a problem, for programs reading ``--json`` (the message is for people).

    The values are stable: a new kind gets a new value, an existing one is never renamed.
    docs/problem-codes.md describes each.
    """

    # Reading the files
    UNREADABLE_FILE = "unreadable-file"
    FILE_TOO_LARGE = "file-too-large"
    ENCODING = "encoding"
    FRONT_MATTER = "front-matter"
    YAML_SYNTAX = "yaml-syntax"
    YAML_STRUCTURE = "yaml-structure"
    TEMPLATE = "template-error"
    DATA_FILE = "data-file"
    # The front matter and the office
    MISSING_FIELD = "missing-field"
    UNKNOWN_FIELD = "unknown-field"
    INVALID_VALUE = "invalid-value"
    TOO_LONG = "too-long"
    UNKNOWN_OFFICE = "unknown-office"
    # The body
    UNSUPPORTED_MARKDOWN = "unsupported-markdown"
    EMPTY_TEXT = "empty-text"
    FOOTNOTE = "footnote"
    UNUSED_FOOTNOTE = "unused-footnote"
    LINK_SCHEME = "link-scheme"
    FIGURE_CAPTION = "figure-caption"
    FIGURE_ALT = "figure-alt"
    IMAGE_NOT_FOUND = "image-not-found"
    IMAGE_REFUSED = "image-refused"
    UNFINISHED = "unfinished"
    # Laying out
    UNSUPPORTED_GLYPH = "unsupported-glyph"
    TABLE_TOO_WIDE = "table-too-wide"
    TABLE_TOO_TALL = "table-too-tall"
    LOW_RESOLUTION = "low-resolution"
    THEME = "theme"
    # The batch
    STRICT = "strict"
    OUTPUT_CONFLICT = "output-conflict"
    CANNOT_WRITE = "cannot-write"
    OLD_PDF_REMOVED = "old-pdf-removed"
    ORPHAN = "orphan"
    UNREADABLE_FOLDER = "unreadable-folder"
    STATE_NOT_RECORDED = "state-not-recorded"
    MANIFEST = "manifest"
    OVER_BUDGET = "over-budget"
    INTERNAL_ERROR = "internal-error"
    MORE_PROBLEMS = "more-problems"
    # Problems created without a code
    INVALID_INPUT = "invalid-input"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located as precisely as is known.

    ``line`` and ``column`` are 1-based; ``None`` where unknown. ``code`` names the kind of
    problem for machines; it does not take part in comparisons (the same message at the same
    place is the same problem).
    """

    path: Path
    line: int | None
    column: int | None
    message: str
    severity: Severity = Severity.ERROR
    code: Code | None = field(default=None, compare=False)

    @property
    def kind(self) -> Code:
        """``code``, or the generic code of the severity where none was given."""
        if self.code is not None:
            return self.code
        return Code.WARNING if self.severity is Severity.WARNING else Code.INVALID_INPUT

    def format(self) -> str:
        """``path:line:col: message`` (``path:line:`` without a column, ``path:`` without both)."""
        where = printable_name(str(self.path))
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        # The message too: it may quote a file name (a rival source, a folder).
        return f"{where}: {prefix}{printable_name(self.message)}"


def capped(problems: Iterable[Problem], per_file: int) -> tuple[Problem, ...]:
    """At most ``per_file`` problems of each file, in order; for a file with more, one last
    problem ``… and N more`` in their place (severity of the first one dropped)."""
    kept: list[Problem] = []
    dropped: dict[Path, list[Problem]] = {}
    counts: dict[Path, int] = {}
    for problem in problems:
        if problem.code is Code.MORE_PROBLEMS:  # capped before: capping again changes nothing
            kept.append(problem)
            continue
        counts[problem.path] = counts.get(problem.path, 0) + 1
        if counts[problem.path] <= per_file:
            kept.append(problem)
        else:
            dropped.setdefault(problem.path, []).append(problem)
    for path, rest in dropped.items():
        noun = "problem" if len(rest) == 1 else "problems"
        message = f"… and {len(rest)} more {noun} in this file (the first {per_file} are shown)"
        kept.append(Problem(path, None, None, message, rest[0].severity, Code.MORE_PROBLEMS))
    return tuple(kept)


class LageberichtError(Exception):
    """Base of the toolkit's own exceptions; anything else escaping is a bug."""


class UsageError(LageberichtError):
    """The command line names something that cannot be used (exit status 2)."""


class InputError(LageberichtError):
    """An input file (report, office, theme) is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        # Capped wherever it is raised (a theme, a preview, a report): a file with
        # thousands of problems prints the first few and a count.
        self.problems: tuple[Problem, ...] = capped(problems, MAX_PROBLEMS_PER_FILE)
        super().__init__("\n".join(p.format() for p in self.problems))


class OutputError(LageberichtError):
    """The PDF could not be written (permissions, disk full, path outside the output folder)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot write: {reason}")
