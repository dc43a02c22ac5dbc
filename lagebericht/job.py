"""What a report file is, and the job of turning one into its PDF.

Below the batch (which finds jobs) and the single build (which carries one out), so both
and the authoring commands share one definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPORT_SUFFIXES = (".md.j2", ".md")
"""File-name endings of reports, longest first (``.md.j2`` also ends in nothing else)."""


@dataclass(frozen=True)
class Job:
    """One report to check or build."""

    source: Path
    """The report file, in the form it was given or found (``content/2024-07/a.md``)."""
    output: Path | None
    """The PDF it becomes; ``None`` if no safe output path could be made."""
    blocked: str | None = None
    """Why the report must not be built (e.g. another report has the same output)."""
    root: Path | None = None
    """The project root: office, figure and data files are looked up only inside it
    (``None``: the default of :func:`lagebericht.load.offices.project_root`)."""


def report_stem(name: str) -> str | None:
    """``a`` for ``a.md`` or ``a.md.j2``; ``None`` if ``name`` is not a report file name."""
    for suffix in REPORT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None
