"""No silent loss: every Markdown construct the model does not represent is reported.

Each case is a body, where the problem points (file line, column) and how its message
starts. Warnings let the report build (the text is kept as written, or the lost part is
named); under ``--strict`` they fail it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from lagebericht.build import Pipeline, check
from lagebericht.model import Paragraph, Table, Text
from lagebericht.problems import Problem, Severity
from lagebericht.validate import body as body_module
from lagebericht.validate.body import Body, parse_body
from lagebericht.validate.markdown_source import new_parser
from tests.files import WriteFiles
from tests.validate.reports import FRONT, valid, write_report

PATH = Path("content/r.md")
FIRST_LINE = 10  # the body starts on file line 10: lines are counted from there


def parse(body: str) -> Body:
    return parse_body(PATH, body, FIRST_LINE)


def only(found: tuple[Problem, ...]) -> Problem:
    assert len(found) == 1, found
    return found[0]


@dataclass(frozen=True)
class Case:
    body: str
    line: int
    """Line within the body (1 = its first line)."""
    column: int | None
    message: str
    """The start of the message; ``{3}`` stands for the file line of the body's line 3."""

    def where(self, first_line: int) -> tuple[int, int | None]:
        return first_line + self.line - 1, self.column

    def starts(self, message: str, first_line: int) -> bool:
        lines = [first_line + index - 1 for index in range(10)]
        return message.startswith(self.message.format(*lines))


WARNINGS = {
    "inline HTML": Case(
        "Text <b>fett</b> hier.\n",
        1,
        6,
        "HTML <b> is printed as text, not interpreted; write **bold** instead",
    ),
    "a closing tag alone": Case(
        "Text fett</b> hier.\n", 1, 10, "HTML </b> is printed as text, not interpreted"
    ),
    "an HTML block": Case(
        "Absatz.\n\n<div>\nroh\n</div>\n",
        3,
        None,
        "HTML <div> roh </div> is printed as text, not interpreted; remove the tags",
    ),
    "an HTML comment": Case(
        "<!-- intern -->\n",
        1,
        None,
        "the HTML comment <!-- intern --> is printed as text (a PDF has no hidden comments)",
    ),
    "inline code": Case(
        "Mit `Code` darin.\n",
        1,
        5,
        "inline code `Code` is printed as ordinary text (a report has no code font)",
    ),
    "strikethrough": Case(
        "Das ist ~~alt~~ neu.\n",
        1,
        9,
        "strikethrough (~~…~~) is not supported: the text is printed as written, with the tildes",
    ),
    "a link title": Case(
        'Siehe [Seite](https://example.org "Titel").\n',
        1,
        35,
        'link title "Titel" is not shown in the PDF',
    ),
    "a link without text": Case(
        "Vor [](https://example.org) nach.\n",
        1,
        5,
        "the link to https://example.org has no text, so nothing of it is printed",
    ),
    "a reference link without definition": Case(
        "Siehe [Bericht][fehlt].\n",
        1,
        7,
        "link [Bericht][fehlt]: [fehlt] is not defined, so the text is printed as written, "
        'brackets and all; add a line "[fehlt]: https://…" below the text, or write '
        "[Bericht](https://…)",
    ),
    "an unused link definition": Case(
        "Text.\n\n[Quelle]: https://example.org\n",
        3,
        1,
        "link definition [Quelle] is not used by any link, so its address is printed nowhere",
    ),
    "a repeated link definition": Case(
        "[Text][q]\n\n[q]: https://a.example\n[Q]: https://b.example\n",
        4,
        1,
        "link definition [Q] is defined twice (first on line {3}); links use the first one",
    ),
    "a table row with more cells than the header": Case(
        "| A | B |\n|---|---|\n| 1 | 2 | drei |\n",
        3,
        11,
        'table row with 3 cells under a header of 2: the extra cell "drei" is left out',
    ),
    "a table row with two extra cells": Case(
        "A | B\n--|--\n1 | 2 | 3 | 4\n",
        3,
        9,
        'table row with 4 cells under a header of 2: the extra cells "3", "4" are left out',
    ),
    "a table whose separator row does not match its header": Case(
        "Vorab.\n\n| A | B | C |\n|---|---|\n| 1 | 2 | 3 |\n",
        3,
        None,
        "this line and the next look like a table, but the header row has 3 cells and the "
        "row of `---` below it 2",
    ),
    "a table lookalike inside a paragraph": Case(
        "Vorab:\nA | B\n:--\n",
        2,
        None,
        "this line and the next look like a table, but the header row has 2 cells and the "
        "row of `---` below it 1",
    ),
    "a heading underlined with ---": Case(
        "Überschrift\n---\n\nText.\n",
        1,
        None,
        "the line of `---` below this text makes it a section heading (`##`)",
    ),
}


@pytest.mark.parametrize("case", WARNINGS.values(), ids=WARNINGS.keys())
def test_construct_gets_a_located_warning(case: Case) -> None:
    problem = only(parse(case.body).problems)
    assert problem.severity is Severity.WARNING
    assert (problem.line, problem.column) == case.where(FIRST_LINE)
    assert case.starts(problem.message, FIRST_LINE), problem.message


@pytest.mark.parametrize("case", WARNINGS.values(), ids=WARNINGS.keys())
def test_strict_turns_the_warning_into_an_error(files: WriteFiles, case: Case) -> None:
    path = write_report(files, FRONT + case.body)
    fast = Pipeline(glyphs=lambda report: None)
    relaxed = check(path, pipeline=fast)
    assert relaxed.ok
    warning = only(relaxed.warnings)
    first_line = len(FRONT.splitlines()) + 1
    assert (warning.line, warning.column) == case.where(first_line)
    assert case.starts(warning.message, first_line), warning.message
    strict = check(path, strict=True, pipeline=fast)
    assert not strict.ok
    assert [p.message for p in strict.problems] == ["1 warning treated as an error (--strict)"]


ERRORS = {
    "a heading underlined with ===": Case(
        "Titel\n===\n",
        1,
        None,
        "heading level 1 (a line of `===` under the text) is not allowed",
    ),
    "a level-1 heading": Case("# Titel\n", 1, None, "heading level 1 (`#`) is not allowed"),
    "a level-5 heading": Case("##### Tief\n", 1, None, "heading level 5 (`#####`) is not allowed"),
    "a horizontal rule": Case("Text.\n\n---\n", 3, None, "horizontal rules (a line of `---`"),
    "a fenced code block": Case("```\ncode\n```\n", 1, None, "code blocks are not supported"),
    "a nested block quote": Case(
        "> a\n>\n> > b\n", 3, None, "a block quote may contain only text, found a block quote"
    ),
    "an image inside a link": Case(
        "[![Karte](karte.png)](https://example.org)\n",
        1,
        2,
        "an image must stand alone as a figure",
    ),
    "an undefined footnote": Case(
        "Text[^fehlt].\n", 1, 5, "footnote [^fehlt]: referenced but never defined"
    ),
}


@pytest.mark.parametrize("case", ERRORS.values(), ids=ERRORS.keys())
def test_construct_that_loses_its_content_is_an_error(case: Case) -> None:
    problem = only(parse(case.body).problems)
    assert problem.severity is Severity.ERROR
    assert (problem.line, problem.column) == case.where(FIRST_LINE)
    assert case.starts(problem.message, FIRST_LINE), problem.message


def test_html_and_code_stay_in_the_text_as_written() -> None:
    body = parse("a <b>x</b> `c` ~~d~~\n\n<div>\nroh\n</div>\n")
    assert body.blocks == (
        Paragraph(content=(Text(text="a <b>x</b> c ~~d~~"),), line=FIRST_LINE),
        Paragraph(content=(Text(text="<div>\nroh\n</div>"),), line=FIRST_LINE + 2),
    )


def test_each_opening_tag_is_reported_once_with_its_own_column() -> None:
    found = parse("<i>a</i> und <i>b</i>\n").problems
    assert [(p.line, p.column) for p in found] == [(FIRST_LINE, 1), (FIRST_LINE, 14)]


def test_a_short_table_row_is_padded_without_a_warning() -> None:
    body = parse("| A | B |\n|---|---|\n| 1 |\n")
    assert body.problems == ()
    assert isinstance(body.blocks[0], Table)
    assert body.blocks[0].rows == (((Text(text="1"),), ()),)


def test_used_link_definitions_and_escaped_brackets_are_fine() -> None:
    text = "[Bericht][q], [q][] und [Q], dazu \\[a\\]\\[b\\].\n\n[q]: https://example.org\n"
    assert parse(text).problems == ()


def test_inline_warnings_in_the_summary_keep_their_severity(files: WriteFiles) -> None:
    summary = "office: kasachstan\nsummary: Kurz <i>und</i> knapp.\n"
    front = FRONT.replace("office: kasachstan\n", summary)
    result = valid(files, front + "Text.\n")
    warning = only(result.warnings)
    assert warning.line == 6
    assert warning.message.startswith("summary: HTML <i> is printed as text")


def _with_dollarmath() -> MarkdownIt:
    return new_parser().use(dollarmath_plugin)


def test_an_unknown_block_is_never_dropped_silently(monkeypatch: pytest.MonkeyPatch) -> None:
    # A parser that knows more than the converter (a plugin added later) makes blocks
    # of a type the converter has never seen.
    monkeypatch.setattr(body_module, "new_parser", _with_dollarmath)
    body = parse("Text.\n\n$$\nx^2\n$$\n")
    problem = only(body.problems)
    assert (problem.line, problem.severity) == (FIRST_LINE + 2, Severity.ERROR)
    assert problem.message.startswith("not supported: math block; it is left out")


def test_an_unknown_inline_keeps_its_text_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(body_module, "new_parser", _with_dollarmath)
    body = parse("Es gilt $x^2$ hier.\n")
    problem = only(body.problems)
    assert (problem.line, problem.column) == (FIRST_LINE, 9)
    assert problem.severity is Severity.WARNING
    assert problem.message.startswith("not supported: math inline; its text is printed")
    assert body.blocks == (Paragraph(content=(Text(text="Es gilt x^2 hier."),), line=FIRST_LINE),)


def test_repeated_markup_points_at_each_occurrence() -> None:
    found = parse("~~a~~ und ~~b~~, `c` und `c`\n").problems
    assert [p.column for p in found] == [1, 11, 18, 26]


def test_a_reference_link_in_the_summary_is_told_to_become_a_plain_link(
    files: WriteFiles,
) -> None:
    front = FRONT.replace("office: kasachstan\n", "office: kasachstan\nsummary: Siehe [SOZ][1].\n")
    warning = only(valid(files, front + "Text.\n").warnings)
    assert warning.message == (
        "summary: link [SOZ][1]: [1] is not defined, so the text is printed as written, "
        "brackets and all; write [SOZ](https://…)"
    )
