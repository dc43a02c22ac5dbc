"""Checking and building one report, with the outcome as a value (nothing printed here).

Whatever goes wrong with one report becomes :class:`~lagebericht.problems.Problem` values in
its result, so a batch always continues with the next report; only ``debug=True`` lets an
unexpected exception (a bug) escape, to show its traceback.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from lagebericht.discover import Job
from lagebericht.output import remove_stale, write_atomic
from lagebericht.problems import InputError, LageberichtError, OutputError, Problem

if TYPE_CHECKING:
    from lagebericht.load import KeyPath, Location
    from lagebericht.model import Report
    from lagebericht.theme import Theme


class Validated(Protocol):
    """What validation hands over: the report and its warnings."""

    @property
    def report(self) -> Report: ...

    @property
    def warnings(self) -> tuple[Problem, ...]: ...


def _read_report(path: Path) -> Validated:
    # Imported here, not at the top: keeps `lagebericht --help` fast.
    from lagebericht.validate import read_report

    return read_report(path)


def _render_pdf(report: Report, theme: Theme | None = None) -> bytes:
    # Imported here, not at the top: reportlab is slow to import and `check` never needs it.
    from lagebericht.layout import render_pdf

    if theme is None:
        return render_pdf(report)
    return render_pdf(report, theme)


def _check_glyphs(report: Report, theme: Theme | None = None) -> None:
    from lagebericht.model import Report
    from lagebericht.theme import load_theme

    if isinstance(report, Report):  # not a test's stand-in for the validation stage
        check_glyphs(report, (theme or load_theme()).font_paths)


def check_glyphs(report: Report, font_paths: Mapping[str, Path]) -> None:
    """Raise :class:`InputError` for characters the theme's fonts cannot draw (they would
    print as empty boxes)."""
    from lagebericht.layout.coverage import coverage_problems

    def locate() -> Mapping[KeyPath, Location]:
        from lagebericht.load import read_document

        try:
            return read_document(report.source).locations
        except LageberichtError:
            return {}

    problems = coverage_problems(report, font_paths, locate)
    if problems:
        raise InputError(problems)


def _to_pdfa(pdf: bytes, report: Report) -> bytes:
    from lagebericht.archive.pdfa import archive_info, to_pdfa

    return to_pdfa(pdf, archive_info(report))


def _page_count(pdf: bytes) -> int:
    from lagebericht.archive.manifest import page_count

    return page_count(pdf)


@dataclass(frozen=True)
class Pipeline:
    """The stages a build runs; tests substitute their own."""

    read: Callable[[Path], Validated] = _read_report
    glyphs: Callable[[Report], None] = _check_glyphs
    """Raises :class:`InputError` for characters the theme's fonts cannot draw."""
    render: Callable[[Report], bytes] = _render_pdf
    archive: Callable[[bytes, Report], bytes] = _to_pdfa
    pages: Callable[[bytes], int] = _page_count

    @classmethod
    def for_theme(cls, theme: Theme | None) -> Pipeline:
        """The default stages with ``theme`` loaded once by the caller (a batch), not once
        per report and stage."""
        if theme is None:
            return cls()
        return cls(
            glyphs=functools.partial(_check_glyphs, theme=theme),
            render=functools.partial(_render_pdf, theme=theme),
        )


class Status(StrEnum):
    BUILT = "built"
    UP_TO_DATE = "up to date"
    FAILED = "failed"


@dataclass(frozen=True)
class ReportInfo:
    """What the manifest and the summary say about a built report."""

    title: str
    office: str
    date: str
    """ISO date."""
    language: str
    label: str | None
    """Report-type label from the front matter (``None``: the theme's default)."""
    pages: int
    sha256: str
    size: int
    pdfa: str | None
    """PDF/A level (``"2b"``) or ``None``."""


@dataclass(frozen=True)
class CheckResult:
    """Outcome of validating one report."""

    source: Path
    problems: tuple[Problem, ...] = ()
    """Errors; the report fails if there is any."""
    warnings: tuple[Problem, ...] = ()
    """Warnings (they fail the report only under ``--strict``, which then adds a problem)."""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class BuildResult:
    """Outcome of building one report."""

    source: Path
    status: Status
    output: Path | None
    """The PDF written (status built), or the one that would have been."""
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    removed_stale: bool = False
    """A PDF from an earlier build was removed because this build failed."""
    info: ReportInfo | None = None
    """Set for a report built in this run."""

    @property
    def ok(self) -> bool:
        return self.status is not Status.FAILED


@dataclass
class _Outcome:
    """Local accumulator while one report is processed (never shared)."""

    source: Path
    problems: list[Problem] = field(default_factory=list)
    warnings: tuple[Problem, ...] = ()

    def fail(self, message: str) -> None:
        self.problems.append(Problem(self.source, None, None, message))


def internal_error_message(err: BaseException) -> str:
    """The one-line report of a bug: ``internal error: Type: message (please report this)``."""
    return f"internal error: {type(err).__name__}: {err} (please report this)"


def _error_problems(source: Path, err: LageberichtError) -> list[Problem]:
    if isinstance(err, InputError):
        return list(err.problems) or [Problem(source, None, None, "invalid input")]
    if isinstance(err, OutputError):
        return [Problem(source, None, None, f"cannot write {err.path}: {err.reason}")]
    return [Problem(source, None, None, str(err) or type(err).__name__)]


def _strict_problem(source: Path, warnings: tuple[Problem, ...]) -> Problem:
    if len(warnings) == 1:
        return Problem(source, None, None, "1 warning treated as an error (--strict)")
    return Problem(source, None, None, f"{len(warnings)} warnings treated as errors (--strict)")


def _validate(outcome: _Outcome, pipeline: Pipeline, strict: bool) -> Report | None:
    """Run validation into ``outcome``; the report, or ``None`` if it must not be built."""
    try:
        valid = pipeline.read(outcome.source)
        # Characters the theme cannot draw are input errors: `check` reports them too.
        pipeline.glyphs(valid.report)
    except LageberichtError as err:
        outcome.problems.extend(_error_problems(outcome.source, err))
        return None
    outcome.warnings = tuple(valid.warnings)
    if strict and outcome.warnings:
        outcome.problems.append(_strict_problem(outcome.source, outcome.warnings))
        return None
    return valid.report


def check(
    source: Path, *, strict: bool = False, debug: bool = False, pipeline: Pipeline | None = None
) -> CheckResult:
    """Validate one report without writing anything."""
    outcome = _Outcome(source)
    try:
        _validate(outcome, pipeline or Pipeline(), strict)
    except Exception as err:
        if debug:
            raise
        outcome.fail(internal_error_message(err))
    return CheckResult(source, tuple(outcome.problems), outcome.warnings)


def check_job(
    job: Job, *, strict: bool = False, debug: bool = False, pipeline: Pipeline | None = None
) -> CheckResult:
    """:func:`check`, failing also for a job that could not be built (same output as another)."""
    result = check(job.source, strict=strict, debug=debug, pipeline=pipeline)
    if job.blocked is None:
        return result
    blocked = Problem(job.source, None, None, job.blocked)
    return CheckResult(result.source, (*result.problems, blocked), result.warnings)


def _build_into(
    outcome: _Outcome, job: Job, pipeline: Pipeline, strict: bool, pdfa: bool
) -> ReportInfo | None:
    """Validate, render and write; what was written, or None."""
    if job.blocked is not None or job.output is None:
        outcome.fail(job.blocked or "no output path")
        return None
    report = _validate(outcome, pipeline, strict)
    if report is None:
        return None
    try:
        pdf = pipeline.render(report)
        if pdfa:
            pdf = pipeline.archive(pdf, report)
        write_atomic(job.output, pdf)
    except LageberichtError as err:
        outcome.problems.extend(_error_problems(job.source, err))
        return None
    return ReportInfo(
        title=report.title,
        office=report.office.name,
        date=report.date.isoformat(),
        language=report.language,
        label=report.label,
        pages=pipeline.pages(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        pdfa="2b" if pdfa else None,
    )


def _remove_stale_into(outcome: _Outcome, job: Job) -> bool:
    """Remove the failed report's outdated PDF; True if one was removed."""
    if job.output is None:
        return False
    try:
        return remove_stale(job.output)
    except OutputError as err:
        outcome.problems.extend(_error_problems(job.source, err))
        return False


def build(
    job: Job,
    *,
    strict: bool = False,
    debug: bool = False,
    pdfa: bool = False,
    pipeline: Pipeline | None = None,
) -> BuildResult:
    """Validate, lay out (as PDF/A-2b with ``pdfa``) and write one report; on failure
    remove its outdated PDF."""
    outcome = _Outcome(job.source)
    try:
        info = _build_into(outcome, job, pipeline or Pipeline(), strict, pdfa)
    except Exception as err:
        if debug:
            _remove_stale_into(outcome, job)
            raise
        outcome.fail(internal_error_message(err))
        info = None
    if info is not None:
        return BuildResult(
            job.source, Status.BUILT, job.output, warnings=outcome.warnings, info=info
        )
    removed = _remove_stale_into(outcome, job)
    return BuildResult(
        job.source,
        Status.FAILED,
        job.output,
        tuple(outcome.problems),
        outcome.warnings,
        removed_stale=removed,
    )
