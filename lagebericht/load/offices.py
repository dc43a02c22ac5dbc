"""Where a report's office files are: the nearest ``offices/`` folder above it; the folder
that holds it bounds the content tree (figures, SVG references).

Kept apart from :mod:`lagebericht.validate.office` so that planning a batch (which only
needs the office file's path) does not import validation and pydantic.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

OFFICES_FOLDER = "offices"


def find_offices_folder(report: Path) -> Path | None:
    """The ``offices/`` folder of the nearest ancestor folder of ``report`` that has one."""
    for folder in _ancestors(report):
        candidate = folder / OFFICES_FOLDER
        if candidate.is_dir():
            return candidate
    return None


def content_root(report: Path) -> Path:
    """The folder a report's figures must lie in (resolved): the one that holds its
    ``offices/`` folder, else the report's own."""
    offices = find_offices_folder(report)
    return (offices.parent if offices is not None else report.parent).resolve()


def _ancestors(report: Path) -> Iterator[Path]:
    # Relative paths stay relative as long as possible, so messages name short paths.
    start = report.parent
    if start.is_absolute() or ".." in start.parts:
        start = start.resolve()
        yield from (start, *start.parents)
        return
    yield from (start, *start.parents)
    yield from Path.cwd().parents
