"""The validation stage: a :class:`RawDocument` → a :class:`ValidReport`, or every problem."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode
from pydantic import ValidationError

from lagebericht.load import RawDocument, read_document
from lagebericht.model import Emphasis, Footnote, FootnoteRef, Inline, Link, Report, Strong
from lagebericht.problems import Code, InputError, Problem, Severity
from lagebericht.validate.body import parse_body
from lagebericht.validate.front_matter import check_front_matter
from lagebericht.validate.inline_runs import FootnoteNumbers, InlineConverter
from lagebericht.validate.markdown_source import BodySource, nesting_problem, new_parser
from lagebericht.validate.office import resolve_office


@dataclass(frozen=True)
class ValidReport:
    """A report that passed validation, with the warnings found on the way."""

    report: Report
    warnings: tuple[Problem, ...]
    """Problems of severity WARNING (e.g. a footnote defined but never referenced)."""


def read_report(path: Path) -> ValidReport:
    """Read and validate the report file at ``path``; raises :class:`InputError`."""
    return validate(read_document(path))


def validate(raw: RawDocument) -> ValidReport:
    """Check everything about ``raw`` and build the :class:`Report`.

    Raises :class:`InputError` carrying all problems of the file (warnings included) when
    any of them is an error; problems in the office file carry that file's path.
    """
    fields = check_front_matter(raw)
    office, office_problems = resolve_office(raw)
    body = parse_body(raw.path, raw.body, raw.body_line)
    summary, summary_problems = _summary(raw)
    nested = _notes_in_notes(raw, body.footnotes)
    problems = sorted(
        (
            *fields.problems,
            *office_problems,
            *summary_problems,
            *raw.body_problems((*body.problems, *nested)),
        ),
        key=lambda p: (p.path != raw.path, str(p.path), p.line or 0, p.column or 0),
    )
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    front_matter = fields.front_matter
    if len(warnings) < len(problems) or front_matter is None or office is None:
        raise InputError(problems)
    try:
        report = Report(
            source=raw.path,
            label=front_matter.report,
            date=front_matter.date,
            language=front_matter.language.strip(),
            office=office,
            title=front_matter.title,
            subtitle=front_matter.subtitle,
            authors=fields.authors,
            summary=summary,
            keywords=front_matter.keywords,
            nohyphen=front_matter.nohyphen,
            classification=front_matter.classification,
            draft=front_matter.draft,
            body=body.blocks,
            footnotes=body.footnotes,
        )
    except ValidationError as error:  # a bug, but the author still gets a message, not a trace
        raise InputError(
            [Problem(raw.path, None, None, f"invalid report: {error}", code=Code.INTERNAL_ERROR)]
        ) from None
    return ValidReport(report, warnings)


def _notes_in_notes(raw: RawDocument, footnotes: tuple[Footnote, ...]) -> list[Problem]:
    """A reference inside a footnote: refused, as a note of a note has no page to sit on
    (the layout places notes at their references in the text)."""
    lines = raw.body.split("\n")
    problems = []
    for note in footnotes:
        for ref in _refs(run for paragraph in note.paragraphs for run in paragraph):
            needle = f"[^{ref.label}]"
            line, column = note.line, None
            for index in range(max(note.line - raw.body_line, 0), len(lines)):
                found = lines[index].find(needle, 1 if index == note.line - raw.body_line else 0)
                if found >= 0:
                    line, column = raw.body_line + index, found + 1
                    break
            message = (
                f"footnote [^{note.label}]: a footnote cannot refer to another footnote "
                f"({needle}); move the reference into the text, or write the other "
                "note's text into this one"
            )
            problems.append(Problem(raw.path, line, column, message, code=Code.FOOTNOTE))
    return problems


def _refs(runs: Iterable[Inline]) -> Iterator[FootnoteRef]:
    for run in runs:
        if isinstance(run, FootnoteRef):
            yield run
        elif isinstance(run, Emphasis | Strong | Link):
            yield from _refs(run.children)


def _summary(raw: RawDocument) -> tuple[tuple[Inline, ...], list[Problem]]:
    """``summary`` as inline Markdown; footnotes are not available there."""
    text = raw.front_matter.get("summary")
    if not isinstance(text, str):
        return (), []  # absent, or a type problem already reported by FrontMatter
    line, _ = raw.locations.get(("summary",), (1, 1))
    # A YAML block scalar (`summary: |`) ends with a newline that is no part of the text.
    text = text.strip()
    source = BodySource.of(raw.path, text, line)
    converter = InlineConverter(source, FootnoteNumbers(), footnotes_allowed=False)
    tokens = new_parser().parseInline(text, {})
    too_deep = nesting_problem(tokens, raw.path, line)
    if too_deep is not None:
        return (), [replace(too_deep, message=f"summary: {too_deep.message}")]
    root = SyntaxTreeNode(tokens)
    runs = tuple(run for node in root.children for run in converter.runs(node, node, assign=False))
    # Columns inside the summary text are not file columns (indentation, quotes): omitted.
    return runs, [
        Problem(p.path, p.line, None, f"summary: {p.message}", p.severity, p.code)
        for p in converter.problems
    ]
