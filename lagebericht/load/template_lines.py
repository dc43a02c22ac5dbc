"""Which template line produced each line of a rendered ``*.md.j2`` body.

Jinja keeps no record of where output text came from, so the template is marked before
compiling: every literal piece and every ``{{ … }}`` starts with a marker for its template
line, and every newline inside literal text is followed by a marker for the next line. A
marker is one character of Unicode's Supplementary Private Use Area-A (``U+F0000 + line``):
one character cannot be cut in half by a filter, and no report prints such characters. After
rendering, the markers are removed and each output line is assigned the template line of the
marker that starts it. A literal line repeated by a loop therefore maps to its line in the
loop body; the further lines of a value that contains newlines map to the line of the
``{{ … }}`` that printed it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

from lagebericht.problems import Problem

_BASE = 0xF0000
_LAST_LINE = 0xFFFD  # U+FFFFD is the last private-use code point of the plane
_MARKS = re.compile(f"[{chr(_BASE)}-{chr(_BASE + _LAST_LINE)}]")

RENDERED_NOTE = "(in the text this template line renders)"
"""Appended to problems found in a rendered body: the text itself is not in the file."""


def _mark(line: int) -> str:
    return chr(_BASE + line) if 0 < line <= _LAST_LINE else ""


class LineMarks(Extension):
    """Marks literal template text with its line (see the module docstring).

    Literal text inside a block ``{% set name %}…{% endset %}`` is left unmarked: it becomes
    a variable's value, which the template may compare or measure.
    """

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        capturing = 0  # depth of {% set name %} blocks
        tag: list[Token] = []
        for token in stream:
            if tag or token.type == "block_begin":
                tag.append(token)
                if token.type == "block_end":
                    capturing += _capture_change(tag)
                    yield from tag
                    tag = []
            elif capturing:
                yield token
            elif token.type == "data":
                yield Token(token.lineno, "data", _marked(token.value, token.lineno))
            else:
                if token.type == "variable_begin":  # a value may start the output line
                    yield Token(token.lineno, "data", _mark(token.lineno))
                yield token
        yield from tag  # an unclosed tag: the parser reports it


def _capture_change(tag: Sequence[Token]) -> int:
    """+1 for ``{% set x %}`` (a block that captures text), -1 for ``{% endset %}``."""
    names = [token.value for token in tag if token.type == "name"]
    if names[:1] == ["endset"]:
        return -1
    if names[:1] == ["set"] and not any(token.type == "assign" for token in tag):
        return 1
    return 0


def _marked(text: str, line: int) -> str:
    pieces = text.split("\n")
    return _mark(line) + "\n".join(
        piece if index == 0 else _mark(line + index) + piece for index, piece in enumerate(pieces)
    )


def remove_marks(rendered: str, first_line: int) -> tuple[str, tuple[int, ...]]:
    """The rendered text without markers, and the template line (1-based) of each line.

    ``first_line`` is assumed for a first line that carries no marker.
    """
    lines: list[str] = []
    sources: list[int] = []
    source = first_line
    for marked in rendered.split("\n"):
        text = _MARKS.sub("", marked)
        source = _source_line(marked, source)
        lines.append(text)
        sources.append(source)
    return "\n".join(lines), tuple(sources)


def _source_line(marked: str, previous: int) -> int:
    """The marker just before the line's first character, else the line's first marker."""
    leading = None
    for char in marked:
        if not _MARKS.fullmatch(char):
            break
        leading = char
    found = leading or next((match.group() for match in _MARKS.finditer(marked)), None)
    return ord(found) - _BASE if found else previous


def last_line(pieces: Sequence[str]) -> int | None:
    """The template line of the last marked text in ``pieces`` (rendered output so far)."""
    for piece in reversed(pieces):
        marks = _MARKS.findall(piece)
        if marks:
            return ord(marks[-1]) - _BASE
    return None


@dataclass(frozen=True)
class LineMap:
    """File lines of a rendered body: ``file_lines[i]`` produced body line ``i``."""

    body_line: int
    """The file line that body line 0 is counted from (as for a plain file)."""
    file_lines: tuple[int, ...]

    def relocate(self, problem: Problem) -> Problem:
        """A problem counted in rendered lines → the same problem at its template line.

        The column is dropped: it counts characters of the rendered text.
        """
        index = (problem.line or 0) - self.body_line
        if not 0 <= index < len(self.file_lines):
            return problem
        return Problem(
            problem.path,
            self.file_lines[index],
            None,
            f"{problem.message} {RENDERED_NOTE}",
            problem.severity,
            problem.code,
        )


def mark_count(piece: str) -> int:
    """How many line markers ``piece`` holds (they are no part of the report's text)."""
    return len(_MARKS.findall(piece))
