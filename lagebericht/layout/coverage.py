"""Glyph coverage: every character a report prints must be in the theme's fonts.

reportlab draws a character its font lacks as the font's empty box (``.notdef``), silently.
A field office would see the box only in print, so the build refuses such a character
instead, naming its code point and where it is written. A fallback font was considered and
not chosen: a theme has one embedded family, and a character outside it (an emoji, a
Chinese name, a control character pasted from a word processor) is almost always a mistake
the author wants to hear about, not a glyph in a foreign design.

The check is a pure function of the report and the fonts' character maps; a caller that
knows the front matter's positions passes them so that a field's problem names its line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from lagebericht.load.yaml_tree import KeyPath, Location
from lagebericht.model import Emphasis, Inline, Report, Strong, Text
from lagebericht.problems import Code, Problem

FACES = ("regular", "bold", "italic", "bold_italic")

# Layout whitespace: broken into spaces or lines, never drawn as glyphs.
_NOT_DRAWN = frozenset("\t\n\r")

# Model fields that hold no printed text (addresses, labels, positions).
# alt_text is never drawn: it goes into the PDF as a Unicode string, needing no font.
_SKIPPED_FIELDS = frozenset(
    {"href", "label", "kind", "line", "number", "source", "src", "path", "alt_text"}
)

MAX_PROBLEMS = 20
"""Per report: a file in the wrong encoding would otherwise list thousands."""


Cmaps = Mapping[str, tuple[str, Collection[int]]]


@dataclass(frozen=True)
class _Piece:
    """Text as printed, the faces it may be set in, and where it is written."""

    text: str
    faces: tuple[str, ...]
    line: int | None
    field: str | None  # a front-matter field (``title``, ``office.city``), else None


def check_coverage(
    report: Report, cmaps: Cmaps, locations: Mapping[KeyPath, Location] | None = None
) -> list[Problem]:
    """One problem per character (and line) that a face it is set in cannot draw.

    ``cmaps`` are ``{face: (font file name, code points)}``, read by the build from the
    registered fonts; ``locations`` (the front matter's, optional) place front-matter
    fields on their lines, else they are reported on line 1.
    """
    pieces = list(_pieces(report))
    if _all_drawable(pieces, cmaps):
        return []  # the usual case, decided on each face's distinct characters
    where = locations or {}
    problems: list[Problem] = []
    seen: set[tuple[int | None, int]] = set()
    for piece in pieces:
        for char in piece.text:
            code = ord(char)
            if char in _NOT_DRAWN or (piece.line, code) in seen:
                continue
            missing = [cmaps[f][0] for f in piece.faces if f in cmaps and code not in cmaps[f][1]]
            if unicodedata.category(char) == "Cc":
                missing = ["any font"]  # a control character is never meant to print
            elif code > 0xFFFF:
                # reportlab writes text maps for the Basic Multilingual Plane only: such a
                # character would print but be lost to search, copy and archives.
                missing = ["the PDF text map"]
            if not missing:
                continue
            seen.add((piece.line, code))
            problems.append(_problem(report.source, piece, char, missing, where))
            if len(problems) >= MAX_PROBLEMS:
                return problems
    return problems


def _all_drawable(pieces: Iterable[_Piece], cmaps: Cmaps) -> bool:
    """Whether every character can be drawn, looking at each distinct character once per
    set of faces (a long report repeats the same few hundred characters: checking them
    where they are written costs time with every page)."""
    chars: dict[tuple[str, ...], set[str]] = {}
    for piece in pieces:
        chars.setdefault(piece.faces, set()).update(piece.text)
    for faces, distinct in chars.items():
        codes = [ord(char) for char in distinct - _NOT_DRAWN]
        if any(code > 0xFFFF or unicodedata.category(chr(code)) == "Cc" for code in codes):
            return False
        for face in faces:
            if face in cmaps and not all(code in cmaps[face][1] for code in codes):
                return False
    return True


def _problem(
    source: Path, piece: _Piece, char: str, missing: list[str], where: Mapping[KeyPath, Location]
) -> Problem:
    name = unicodedata.name(char, "")
    shown = f" ({char})" if char.isprintable() and not char.isspace() else ""
    what = f"U+{ord(char):04X}{' ' + name if name else ''}{shown}"
    prefix = f"{piece.field}: " if piece.field else ""
    fonts = list(dict.fromkeys(missing))
    if fonts == ["any font"]:
        reason = "it is a control character"
    elif fonts == ["the PDF text map"]:
        reason = "characters beyond U+FFFF cannot be put into the PDF as searchable text"
    else:
        reason = f"no glyph for it in the theme's font{'s' if len(fonts) > 1 else ''} "
        reason += ", ".join(fonts)
    message = f"{prefix}the character {what} cannot be printed ({reason}); remove or replace it"
    if piece.field is None:
        return Problem(source, piece.line, None, message, code=Code.UNSUPPORTED_GLYPH)
    line, column = where.get((piece.field.split(".")[0],), (1, 1))
    located = column if where else None
    return Problem(source, line, located, message, code=Code.UNSUPPORTED_GLYPH)


def _pieces(report: Report) -> Iterator[_Piece]:
    every = FACES
    office = report.office
    fields: list[tuple[str, str | None]] = [
        ("report", report.label),
        ("title", report.title),
        ("subtitle", report.subtitle),
        ("classification", report.classification),
        ("office.name", office.name),
        ("office.city", office.city),
        ("office.country", office.country),
        ("office.phone", office.phone),
        ("office.email", office.email),
        ("office.web", office.web),
        *(("office.address", line) for line in office.address),
    ]
    if office.head is not None:
        fields += [("office.head.name", office.head.name), ("office.head.role", office.head.role)]
    for author in report.authors:
        fields += [("authors", author.name), ("authors", author.role)]
    for field, value in fields:
        if value:
            yield _Piece(value, every, None, field)
    for piece in _runs(report.summary, ("regular",), None):
        yield _Piece(piece.text, piece.faces, None, "summary")
    for block in report.body:
        yield from _model(block, ("regular",), None)
    for note in report.footnotes:
        yield from _model(note, ("regular",), note.line)


def _model(value: object, faces: tuple[str, ...], line: int | None) -> Iterator[_Piece]:
    """Walk any block model (also kinds added later: tables, figures) for its text runs."""
    if isinstance(value, Text | Emphasis | Strong):
        yield from _runs((value,), faces, line)
    elif isinstance(value, BaseModel):
        own = getattr(value, "line", None)
        line = own if isinstance(own, int) else line
        bold = type(value).__name__ == "Heading"  # headings are set in the bold face
        for name in type(value).model_fields:
            if name in _SKIPPED_FIELDS:
                continue
            inner = _bolder(faces) if bold or name == "lead" else faces
            yield from _model(getattr(value, name), inner, line)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _model(item, faces, line)
    elif isinstance(value, str) and value:
        yield _Piece(value, faces, line, None)  # a caption or a credit line


def _runs(runs: Iterable[Inline], faces: tuple[str, ...], line: int | None) -> Iterator[_Piece]:
    for run in runs:
        if isinstance(run, Text):
            yield _Piece(run.text, faces, line, None)
        elif isinstance(run, Strong):
            yield from _runs(run.children, _bolder(faces), line)
        elif isinstance(run, Emphasis):
            yield from _runs(run.children, _italic(faces), line)
        else:
            yield from _model(run, faces, line)


def _bolder(faces: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys("bold_italic" if "italic" in f else "bold" for f in faces))


def _italic(faces: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys("bold_italic" if "bold" in f else "italic" for f in faces))


def coverage_problems(
    report: Report, cmaps: Cmaps, locate: Callable[[], Mapping[KeyPath, Location]]
) -> list[Problem]:
    """:func:`check_coverage`; ``locate`` is called only if something is missing (it reads
    the front matter's positions)."""
    problems = check_coverage(report, cmaps)
    if problems:
        problems = check_coverage(report, cmaps, locate())
    return problems
