"""Errors and warnings as values with a location, until the CLI prints them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located as precisely as is known.

    ``line`` and ``column`` are 1-based; ``None`` where unknown.
    """

    path: Path
    line: int | None
    column: int | None
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """``path:line:col: message`` (``path:line:`` without a column, ``path:`` without both)."""
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{self.message}"


class LageberichtError(Exception):
    """Base of the toolkit's own exceptions; anything else escaping is a bug."""


class UsageError(LageberichtError):
    """The command line names something that cannot be used (exit status 2)."""


class InputError(LageberichtError):
    """An input file (report, office, theme) is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class OutputError(LageberichtError):
    """The PDF could not be written (permissions, disk full, path outside the output folder)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot write: {reason}")
