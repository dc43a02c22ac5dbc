"""The end of a batch for people (one line) and for machines (JSON)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lagebericht.build import BuildResult, Status
from lagebericht.cli.json_output import dumps, problem_objects
from lagebericht.problems import Problem

if TYPE_CHECKING:
    from lagebericht.batch.orphans import Orphan


@dataclass(frozen=True)
class Summary:
    built: int
    up_to_date: int
    failed: int
    pages: int
    seconds: float
    orphans: tuple[Orphan, ...] = ()
    """PDFs whose source is gone, removed or kept (see lagebericht.batch.orphans)."""

    @classmethod
    def of(
        cls,
        results: Sequence[BuildResult],
        not_found: int,
        seconds: float,
        orphans: Sequence[Orphan] = (),
    ) -> Summary:
        """``not_found``: folders that could not be read count as failures."""
        return cls(
            built=sum(r.status is Status.BUILT for r in results),
            up_to_date=sum(r.status is Status.UP_TO_DATE for r in results),
            failed=sum(r.status is Status.FAILED for r in results) + not_found,
            pages=sum(r.info.pages for r in results if r.info),
            seconds=seconds,
            orphans=tuple(orphans),
        )

    @property
    def removed(self) -> int:
        return sum(o.removed for o in self.orphans)

    @property
    def kept(self) -> int:
        return len(self.orphans) - self.removed

    def line(self) -> str:
        """``3 built, 5 up to date, 1 failed (12 pages, 2.3 s)``, with ``, 2 orphans
        removed`` or ``, 1 orphan kept`` before the parenthesis when there were any."""
        pages = "1 page" if self.pages == 1 else f"{self.pages} pages"
        orphans = "".join(
            f", {count} {'orphan' if count == 1 else 'orphans'} {what}"
            for count, what in ((self.removed, "removed"), (self.kept, "kept"))
            if count
        )
        return (
            f"{self.built} built, {self.up_to_date} up to date, {self.failed} failed{orphans} "
            f"({pages}, {self.seconds:.1f} s)"
        )

    def json(
        self,
        results: Sequence[BuildResult],
        path: Callable[[Path], str],
        problems: Sequence[Problem] = (),
    ) -> str:
        """The batch as one JSON document; ``problems``: those that belong to no report
        (an unreadable folder, the manifest)."""
        reports = [
            {
                "source": path(r.source),
                "output": path(r.output) if r.output else None,
                "status": r.status.value,
                "pages": r.info.pages if r.info else None,
                "sha256": r.info.sha256 if r.info else None,
                "problems": problem_objects(r.problems, path),
                "warnings": problem_objects(r.warnings, path),
            }
            for r in results
        ]
        document = {
            "built": self.built,
            "up_to_date": self.up_to_date,
            "failed": self.failed,
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "reports": reports,
            "orphans_removed": self.removed,
            "orphans_kept": self.kept,
            "orphans": [
                {
                    "output": path(o.output),
                    "source": path(o.source),
                    "removed": o.removed,
                    "kept_because": o.kept_because,
                }
                for o in self.orphans
            ],
            "problems": problem_objects(problems, path),
        }
        return dumps(document)


def orphan_line(orphan: Orphan, path: Callable[[Path], str]) -> str:
    """``removed output/x.pdf (its source content/x.md is gone)``, or why it was kept."""
    gone = f"its source {path(orphan.source)} is gone"
    if orphan.removed:
        return f"removed {path(orphan.output)} ({gone})"
    return f"kept {path(orphan.output)} ({gone}; {orphan.kept_because})"
