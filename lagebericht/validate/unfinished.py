"""Reports that are not finished: ``draft: true``, and ``TODO`` placeholders left in the text.

``lagebericht new`` writes both: the line ``draft: true`` and ``TODO`` in the title, the
body and the footnote (``TODO: …``, ``**TODO Lead:**``). Such a report validates (an author
builds it at once to see it); each of them is a warning, located at the field or line, and
under ``--strict`` or ``--pdfa`` an error: a PDF that looks final must not be archived
while it still says TODO.

The rule is the word ``TODO`` in capitals, anywhere in a front-matter value or in a line
of the body (in a ``*.md.j2`` report: of the template as written). So an author's own
``TODO check the figures`` is caught as well, which is wanted; a report that must print
the word itself writes it otherwise (``ToDo``, "to do"). Lower-case ``todo`` and words
that merely contain the letters (``TODOS``) are left alone, as are YAML comments (the
scaffold's explanations mention TODO).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lagebericht.load.document import read_limited
from lagebericht.load.split import split_front_matter
from lagebericht.load.text import decode_text
from lagebericht.load.yaml_tree import key_path_name, parse_yaml_mapping, text_values
from lagebericht.problems import Code, InputError, Problem, Severity

PLACEHOLDER = "TODO"
"""The word ``lagebericht new`` puts wherever the author has to write something."""

_WORD = re.compile(rf"(?<![\w]){PLACEHOLDER}(?![\w])")
_EXCERPT = 50  # characters of the line quoted in the message


def find_unfinished(path: Path, refused_by: str | None = None) -> tuple[Problem, ...]:
    """Where the report at ``path`` is unfinished: warnings, or errors saying that
    ``refused_by`` (the option, e.g. ``--pdfa``) refuses them.

    Called after validation passed; a file that cannot be read or split here has no
    findings (validation has said what is wrong with it).
    """
    try:
        text = decode_text(path, read_limited(path))
    except InputError:
        return ()
    try:
        parts = split_front_matter(path, text)
    except InputError:
        found = list(_body(path, text, 1))
    else:
        found = [*_front_matter(path, parts.front_matter, parts.front_matter_line)]
        found += _body(path, parts.body, parts.body_line)
    found.sort(key=lambda p: (p.line or 0, p.column or 0))
    if refused_by is None:
        return tuple(found)
    return tuple(
        Problem(p.path, p.line, p.column, f"{p.message} (refused with {refused_by})", code=p.code)
        for p in found
    )


def _front_matter(path: Path, text: str, first_line: int) -> Iterator[Problem]:
    try:
        mapping = parse_yaml_mapping(path, text, first_line, root=(1, 1), what="front matter")
    except InputError:
        return
    if mapping.data.get("draft") is True:
        line, column = mapping.key_locations.get(("draft",), (first_line, 1))
        message = (
            "draft: the report is still a draft; delete the line `draft: true` when it is final"
        )
        yield Problem(path, line, column, message, Severity.WARNING, Code.UNFINISHED)
    for key_path, value in text_values(mapping.data, ()):
        if _WORD.search(value):
            line, column = mapping.locations.get(key_path, (first_line, 1))
            message = f"{key_path_name(key_path)}: placeholder {_quote(value)} left; replace it"
            yield Problem(path, line, column, message, Severity.WARNING, Code.UNFINISHED)


def _body(path: Path, text: str, first_line: int) -> Iterator[Problem]:
    for number, line in enumerate(text.split("\n"), start=first_line):
        match = _WORD.search(line)
        if match:
            message = f"placeholder {_quote(line[match.start() :])} left; replace it"
            yield Problem(
                path, number, match.start() + 1, message, Severity.WARNING, Code.UNFINISHED
            )


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _EXCERPT:
        cut = text[: _EXCERPT - 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"  # at a word if it can
    return f'"{text}"'
