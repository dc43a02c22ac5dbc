"""Plain-language hints for PyYAML's syntax errors: what the author most likely typed wrong.

PyYAML names the parser state (``mapping values are not allowed here``), which an author
cannot act on. The typical mistakes behind each message are recognised from the lines
around the error mark: a line indented more or less than its neighbours, a missing space
after a colon, a colon or quote inside an unquoted value, an unclosed quote or bracket.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

_VALUE_COLON = re.compile(r":(?=\s|$)")


def syntax_hint(error: yaml.MarkedYAMLError, lines: Sequence[str], first_line: int) -> str | None:
    """The hint for ``error`` in YAML ``lines`` whose first is file line ``first_line``."""
    problem = str(error.problem or "")
    context = str(error.context or "")
    at = error.problem_mark
    opened = error.context_mark
    here = _Lines(lines, first_line)
    if "'\\t'" in problem + context:
        return "use spaces, not tabs, to indent"
    if "that cannot start any token" in problem:
        char = problem.split("'")[1] if problem.count("'") >= 2 else "this character"
        return f"a value cannot start with {char}; put the whole value in double quotes"
    if context in ("while scanning an alias", "while scanning an anchor"):
        return "a value that starts with * or & must be put in double quotes"
    if problem == "mapping values are not allowed here" and at is not None:
        return _mapping_value_hint(here, at.line, at.column)
    if problem.startswith("expected <block end>, but found") and at is not None:
        return _block_end_hint(here, problem, at.line, at.column)
    if problem.startswith("expected '<document start>'") and at is not None:
        return (
            f"line {here.file_line(at.line)} starts further left than the first field: "
            "every top-level field starts at the beginning of its line"
        )
    if problem == "could not find expected ':'" and opened is not None:
        return _missing_colon_hint(here, opened.line)
    if problem == "sequence entries are not allowed here":
        return (
            "a list item `- …` goes on its own line below the field, indented by two "
            "spaces, or write the list as [a, b]"
        )
    if "unknown escape character" in problem:
        return (
            'inside "…" a backslash starts an escape: write \\\\ for a backslash, or use '
            "single quotes '…'"
        )
    if context == "while scanning a quoted scalar" and opened is not None:
        return (
            f"the quote opened on line {here.file_line(opened.line)} is never closed; end the "
            "value with the same quote character"
        )
    if context.startswith("while parsing a flow") and opened is not None:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        return (
            f"the {bracket} on line {here.file_line(opened.line)} is not closed with {closing}; "
            f"a text that starts with {bracket} must be put in double quotes"
        )
    if context == "while scanning a block scalar":
        return "after | or > the text starts on the next line, indented"
    return None


class _Lines:
    """The YAML text's lines, with the helpers the hints need."""

    def __init__(self, lines: Sequence[str], first_line: int) -> None:
        self.lines = lines
        self.first_line = first_line

    def file_line(self, index: int) -> int:
        return self.first_line + index

    def text(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def previous(self, index: int) -> int | None:
        """The nearest line above ``index`` that holds more than a comment."""
        for above in range(index - 1, -1, -1):
            stripped = self.text(above).strip()
            if stripped and not stripped.startswith("#"):
                return above
        return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _key_column(text: str) -> int:
    """Where the field of a line starts: after the indentation and any list dashes."""
    column = _indent(text)
    while text[column : column + 2] == "- ":
        column += 2
        column += _indent(text[column:])
    return column


def _mapping_value_hint(here: _Lines, index: int, column: int) -> str | None:
    text = here.text(index)
    line = here.file_line(index)
    before = _VALUE_COLON.search(text[:column])
    if before is not None and text[: before.start()].strip():
        key = text[: before.start()].strip().lstrip("- ")
        value = text[before.end() :].strip()
        example = next(
            (f"{key}: {q}{value}{q}" for q in "\"'" if q not in value),
            'title: "Kasachstan: Wahlen"',
        )
        return (
            f"the value on line {line} contains a colon followed by a space; put the whole "
            f"value in quotes: {example}"
        )
    above = here.previous(index)
    if above is None:
        return None
    above_text = here.text(above)
    if _indent(text) > _key_column(above_text):
        return (
            f"line {line} is indented more than line {here.file_line(above)} above it; "
            "start it in the same column as that line"
        )
    return _missing_colon_hint(here, above)


def _missing_colon_hint(here: _Lines, index: int) -> str:
    text = here.text(index).strip()
    line = here.file_line(index)
    glued = re.match(r"^(- )?([^:\s]+):(\S.*)$", text)
    if glued is not None:
        return f"line {line} has no space after its colon; write {glued.group(2)}: {glued.group(3)}"
    return f"line {line} is not a field: write each field as `name: value`"


def _block_end_hint(here: _Lines, problem: str, index: int, column: int) -> str | None:
    line = here.file_line(index)
    if problem.endswith("'<scalar>'"):
        before = here.text(index)[:column].rstrip()
        if before.endswith(('"', "'")):
            return (
                f"the value on line {line} goes on after its closing quote; put quotes around "
                "the whole value, or none; inside '…' write an apostrophe as ''"
            )
        if before.endswith(("]", "}")):
            what = "a list" if before.endswith("]") else "a group of fields"
            return (
                f"the value on line {line} starts with a bracket and is read as {what}; put "
                "the whole value in double quotes"
            )
        return None
    if problem.endswith("'-'"):
        return (
            f"line {line} is a list item where a field was expected; put the list below its "
            "field, e.g. `keywords:`, each item indented by two spaces"
        )
    if problem.endswith(("'<block mapping start>'", "'<block sequence start>'", "'?'")):
        return (
            f"line {line} is indented differently from the lines above it: the fields of one "
            "level, and the items of one list, must start in exactly the same column"
        )
    return None
