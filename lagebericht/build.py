"""Checking and building one report, with the outcome as a value (nothing printed here).

Whatever goes wrong with one report becomes :class:`~lagebericht.problems.Problem` values in
its result, so a batch always continues with the next report; only ``debug=True`` lets an
unexpected exception (a bug) escape, to show its traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from lagebericht.archive.info import PDFA_LEVEL, PDFUA_LEVEL
from lagebericht.job import Job
from lagebericht.limits import MAX_PROBLEMS_PER_FILE
from lagebericht.output import remove_stale, write_atomic
from lagebericht.problems import (
    Code,
    InputError,
    LageberichtError,
    OutputError,
    Problem,
    capped,
)

if TYPE_CHECKING:
    from lagebericht.layout.coverage import Cmaps
    from lagebericht.load import KeyPath, Location
    from lagebericht.model import Report
    from lagebericht.theme import Theme


class Validated(Protocol):
    """What validation hands over: the report and its warnings."""

    @property
    def report(self) -> Report: ...

    @property
    def warnings(self) -> tuple[Problem, ...]: ...


class Rendered(Protocol):
    """What the layout hands over: the PDF and its page count (known from the layout, so
    the PDF is never parsed again just to count pages)."""

    @property
    def pdf(self) -> bytes: ...

    @property
    def pages(self) -> int: ...


def _read_report(path: Path) -> Validated:
    # Imported here, not at the top: keeps `lagebericht --help` fast.
    from lagebericht.validate import read_report

    return read_report(path)


def _render(
    report: Report, theme: Theme | None = None, tagged: bool = True, for_print: bool = False
) -> Rendered:
    """Lay out ``report`` (for a print shop with ``for_print``) and give the PDF its
    structure tree (``tagged``: PDF/UA-1)."""
    # Imported here, not at the top: reportlab and pikepdf are slow to import and `check`
    # never needs them.
    from lagebericht.layout import render

    rendered = render(report, theme, tagged=tagged, for_print=for_print)
    if rendered.structure is None:
        return rendered
    from lagebericht.archive.tagging import with_structure

    return with_structure(rendered, report)


def _find_low_resolution(report: Report, theme: Theme | None = None) -> tuple[Problem, ...]:
    from lagebericht.layout.resolution import low_resolution
    from lagebericht.theme import load_theme

    return low_resolution(report, theme or load_theme())


def _find_unfinished(path: Path, refused_by: str | None) -> tuple[Problem, ...]:
    from lagebericht.validate.unfinished import find_unfinished

    return find_unfinished(path, refused_by)


def _check_glyphs(report: Report, theme: Theme | None = None) -> None:
    from lagebericht.theme import load_theme

    _raise_glyph_problems(report, _registered_cmaps(theme or load_theme()))


def _registered_cmaps(theme: Theme) -> Cmaps:
    """The theme's character maps from the fonts the layout registers anyway (once per
    process), rather than reading the TTF files a second time for the check."""
    from reportlab.pdfbase.pdfmetrics import getFont

    from lagebericht.layout.fonts import family_of

    family = family_of(theme)
    names = {
        "regular": family.regular,
        "bold": family.bold,
        "italic": family.italic,
        "bold_italic": family.bold_italic,
    }
    return {
        face: (path.name, _drawable(getFont(names[face]).face.charToGlyph))
        for face, path in theme.font_paths.items()
    }


def _drawable(char_to_glyph: Mapping[int, int]) -> Collection[int]:
    """The code points a font has a glyph for (glyph 0 is .notdef, the empty box): its
    character map's own keys when none maps to glyph 0, the usual case, which spares
    copying thousands of entries per face and report into a set."""
    if 0 not in char_to_glyph.values():
        return char_to_glyph.keys()
    return frozenset(code for code, glyph in char_to_glyph.items() if glyph)


def _raise_glyph_problems(report: Report, cmaps: Cmaps) -> None:
    from lagebericht.layout.coverage import coverage_problems

    problems = coverage_problems(report, cmaps, lambda: _front_matter_locations(report))
    if problems:
        raise InputError(problems)


def _front_matter_locations(report: Report) -> Mapping[KeyPath, Location]:
    from lagebericht.load import read_document

    try:
        return read_document(report.source).locations
    except LageberichtError:
        return {}


def _to_pdfa(pdf: bytes, report: Report) -> bytes:
    from lagebericht.archive.pdfa import archive_info, to_pdfa

    return to_pdfa(pdf, archive_info(report))


def prepare(theme: Theme | None, languages: Iterable[str]) -> None:
    """Load once what every build of a batch needs: the validation and layout code, the
    theme's fonts and their kerning, the hyphenation dictionaries and date formats of
    ``languages``.

    A batch calls this before it forks its worker processes, which then start with all of
    it instead of each loading it again. Only an optimisation: bad input that fails here
    (a theme, a ``language:`` not yet validated) fails again, with its message, in the
    build of the report concerned; anything else is a bug and is raised.
    """
    from babel import UnknownLocaleError
    from reportlab.pdfbase.ttfonts import TTFError

    import lagebericht.validate.report  # noqa: F401  # imported to be loaded
    from lagebericht.layout.font_kerning import kerning_of_font
    from lagebericht.layout.fonts import family_of
    from lagebericht.layout.hyphenation import hyphenator_for
    from lagebericht.text.labels import long_date
    from lagebericht.theme import load_theme

    try:
        theme = theme or load_theme()
        family = family_of(theme)
    except (LageberichtError, TTFError):  # no theme, or a damaged font file
        return
    for face in (family.regular, family.bold, family.italic, family.bold_italic):
        kerning_of_font(face)
    for language in languages:
        hyphenator_for(theme.regional(language))  # any text: without a dictionary, None
        with contextlib.suppress(ValueError, UnknownLocaleError):
            long_date(dt.date(2000, 1, 1), language)  # Babel reads the locale's CLDR data


@dataclass(frozen=True)
class Pipeline:
    """The stages a build runs, as values: :meth:`for_theme` binds a batch's theme to them."""

    read: Callable[[Path], Validated] = _read_report
    glyphs: Callable[[Report], None] = _check_glyphs
    """Raises :class:`InputError` for characters the theme's fonts cannot draw."""
    render: Callable[[Report], Rendered] = _render
    """Lays out; takes ``for_print=True`` too (a print-shop PDF, :func:`build` ``for_print``)."""
    archive: Callable[[bytes, Report], bytes] = _to_pdfa
    """PDF → PDF/A (same pages)."""
    unfinished: Callable[[Path, str | None], tuple[Problem, ...]] = _find_unfinished
    resolution: Callable[[Report], tuple[Problem, ...]] = _find_low_resolution
    """Warnings for bitmap figures that print at less than 300 dpi."""
    """``draft: true`` and ``TODO`` placeholders of a valid report: warnings, or errors
    refused by the option named (``--strict``, ``--pdfa``)."""

    @classmethod
    def for_theme(cls, theme: Theme | None, tagged: bool = True) -> Pipeline:
        """The default stages with ``theme`` loaded once by the caller (a batch), not once
        per report and stage. ``tagged=False`` writes PDFs without a structure tree (not
        PDF/UA): only the benchmark uses it, to measure what tagging costs."""
        if theme is None and tagged:
            return cls()
        return cls(
            glyphs=functools.partial(_check_glyphs, theme=theme),
            render=functools.partial(_render, theme=theme, tagged=tagged),
            resolution=functools.partial(_find_low_resolution, theme=theme),
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
    """PDF/A level (``"2a"``) or ``None``."""
    pdfua: str | None = None
    """PDF/UA part (``"1"``): every PDF the default pipeline writes is tagged."""
    print: bool = False
    """A print-shop PDF (bleed, trim and bleed boxes), not a plain one."""


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

    def fail(self, message: str, code: Code) -> None:
        self.problems.append(Problem(self.source, None, None, message, code=code))


def _inside_root(job: Job) -> contextlib.AbstractContextManager[None]:
    """Every stage looks up the report's files inside the job's project root."""
    from lagebericht.load.offices import inside_root  # here: keeps `--help` fast

    return inside_root(job.root)


def _capped(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    # Capped here, once per report, so that the terminal, --json and the log agree.
    return capped(problems, MAX_PROBLEMS_PER_FILE)


def internal_error_message(err: BaseException) -> str:
    """The one-line report of a bug: ``internal error: Type: message (please report this)``."""
    return f"internal error: {type(err).__name__}: {err} (please report this)"


def _error_problems(source: Path, err: LageberichtError) -> list[Problem]:
    if isinstance(err, InputError):
        return list(err.problems) or [Problem(source, None, None, "invalid input")]
    if isinstance(err, OutputError):
        return [
            Problem(
                source, None, None, f"cannot write {err.path}: {err.reason}", code=Code.CANNOT_WRITE
            )
        ]
    return [Problem(source, None, None, str(err) or type(err).__name__)]


def _strict_problem(source: Path, warnings: tuple[Problem, ...]) -> Problem:
    if len(warnings) == 1:
        message = "1 warning treated as an error (--strict)"
    else:
        message = f"{len(warnings)} warnings treated as errors (--strict)"
    return Problem(source, None, None, message, code=Code.STRICT)


REFUSED_WHEN_FINAL = frozenset({Code.FIGURE_ALT})
"""Warnings that ``--strict`` and ``--pdfa`` turn into errors at their own place: an
archived or strict PDF must not leave a reader without the figure's alternative text."""


def _refusals(
    warnings: Iterable[Problem], refused_by: str | None
) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """``warnings`` split into those that stay warnings and the errors ``refused_by``
    (the option, e.g. ``--pdfa``) makes of the kinds in :data:`REFUSED_WHEN_FINAL`."""
    kept: list[Problem] = []
    refused: list[Problem] = []
    for problem in warnings:
        if refused_by is None or problem.code not in REFUSED_WHEN_FINAL:
            kept.append(problem)
        else:
            message = f"{problem.message} (refused with {refused_by})"
            refused.append(
                Problem(problem.path, problem.line, problem.column, message, code=problem.code)
            )
    return tuple(kept), tuple(refused)


def _validate(
    outcome: _Outcome, pipeline: Pipeline, strict: bool, pdfa: bool = False
) -> Report | None:
    """Run validation into ``outcome``; the report, or ``None`` if it must not be built."""
    try:
        valid = pipeline.read(outcome.source)
        # Characters the theme cannot draw are input errors: `check` reports them too.
        pipeline.glyphs(valid.report)
        resolution = pipeline.resolution(valid.report)
    except LageberichtError as err:
        outcome.problems.extend(_error_problems(outcome.source, err))
        return None
    refused_by = "--pdfa" if pdfa else "--strict" if strict else None
    warnings, refused = _refusals((*valid.warnings, *resolution), refused_by)
    outcome.warnings = warnings
    outcome.problems.extend(refused)
    unfinished = pipeline.unfinished(outcome.source, refused_by)
    if refused_by is None:
        outcome.warnings += unfinished
    else:
        outcome.problems.extend(unfinished)
    if strict and outcome.warnings:
        outcome.problems.append(_strict_problem(outcome.source, outcome.warnings))
    return None if outcome.problems else valid.report


def check(
    source: Path, *, strict: bool = False, debug: bool = False, pipeline: Pipeline | None = None
) -> CheckResult:
    """Validate one report without writing anything."""
    outcome = _Outcome(source)
    try:
        _validate(outcome, pipeline or Pipeline(), strict)
    except Exception as err:  # bad input is a LageberichtError by now: this is a bug
        if debug:
            raise
        outcome.fail(internal_error_message(err), Code.INTERNAL_ERROR)
    return CheckResult(source, _capped(outcome.problems), _capped(outcome.warnings))


def check_job(
    job: Job, *, strict: bool = False, debug: bool = False, pipeline: Pipeline | None = None
) -> CheckResult:
    """:func:`check`, failing also for a job that could not be built (same output as another)."""
    with _inside_root(job):
        result = check(job.source, strict=strict, debug=debug, pipeline=pipeline)
    if job.blocked is None:
        return result
    blocked = Problem(job.source, None, None, job.blocked, code=Code.OUTPUT_CONFLICT)
    return CheckResult(result.source, (*result.problems, blocked), result.warnings)


def _build_into(
    outcome: _Outcome, job: Job, pipeline: Pipeline, strict: bool, pdfa: bool, for_print: bool
) -> ReportInfo | None:
    """Validate, render and write; what was written, or None."""
    if job.blocked is not None or job.output is None:
        outcome.fail(job.blocked or "no output path", Code.OUTPUT_CONFLICT)
        return None
    report = _validate(outcome, pipeline, strict, pdfa)
    if report is None:
        return None
    try:
        rendered = (
            pipeline.render(report, for_print=True)  # type: ignore[call-arg]
            if for_print
            else pipeline.render(report)
        )
        pdf, pages = rendered.pdf, rendered.pages
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
        pages=pages,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        pdfa=PDFA_LEVEL if pdfa else None,
        pdfua=PDFUA_LEVEL,
        print=for_print,
    )


def _remove_stale_into(outcome: _Outcome, job: Job) -> bool:
    """Remove the failed report's outdated PDF; True if one was removed (and said so, as
    the last problem: whoever reads the errors learns that the old PDF is gone)."""
    if job.output is None:
        return False
    try:
        removed = remove_stale(job.output)
    except OutputError as err:
        outcome.problems.extend(_error_problems(job.source, err))
        return False
    if removed:
        outcome.fail(
            f"{job.output} removed: the report failed, so the old PDF is no longer current",
            Code.OLD_PDF_REMOVED,
        )
    return removed


def build(
    job: Job,
    *,
    strict: bool = False,
    debug: bool = False,
    pdfa: bool = False,
    pipeline: Pipeline | None = None,
    for_print: bool = False,
) -> BuildResult:
    """Validate, lay out (as PDF/A-2a with ``pdfa``; for a print shop with ``for_print``)
    and write one report; on failure remove its outdated PDF."""
    outcome = _Outcome(job.source)
    try:
        with _inside_root(job):
            info = _build_into(outcome, job, pipeline or Pipeline(), strict, pdfa, for_print)
    except Exception as err:  # bad input is a LageberichtError by now: this is a bug
        if debug:
            _remove_stale_into(outcome, job)
            raise
        outcome.fail(internal_error_message(err), Code.INTERNAL_ERROR)
        info = None
    if info is not None:
        return BuildResult(
            job.source, Status.BUILT, job.output, warnings=_capped(outcome.warnings), info=info
        )
    removed = _remove_stale_into(outcome, job)
    return BuildResult(
        job.source,
        Status.FAILED,
        job.output,
        _capped(outcome.problems),
        _capped(outcome.warnings),
        removed_stale=removed,
    )
