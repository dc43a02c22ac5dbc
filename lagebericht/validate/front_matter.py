"""Check the front-matter fields: types via :class:`FrontMatter`, then authors and language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import babel
from pydantic import ValidationError

from lagebericht.limits import MAX_LINE_CHARS
from lagebericht.load import KeyPath, Location, RawDocument
from lagebericht.load.yaml_tree import key_path_name, text_values
from lagebericht.model import FrontMatter, Person
from lagebericht.problems import Code, Problem
from lagebericht.validate.messages import expected
from lagebericht.validate.pydantic_errors import validation_problems
from lagebericht.wording import describe

# Checked separately, with messages and positions of their own (see office.py, check_authors).
_PLACEHOLDERS: tuple[tuple[str, object], ...] = (("office", "-"), ("authors", ()))


@dataclass(frozen=True)
class CheckedFields:
    """The front matter as far as it is valid, and what is wrong with it."""

    front_matter: FrontMatter | None
    authors: tuple[Person, ...]
    problems: tuple[Problem, ...]


def check_front_matter(raw: RawDocument) -> CheckedFields:
    """Every field except ``office``; all problems, each at the line of its field."""
    problems: list[Problem] = []
    data = {**raw.front_matter, **dict(_PLACEHOLDERS)}
    front_matter: FrontMatter | None = None
    try:
        front_matter = FrontMatter.model_validate(data)
    except ValidationError as error:
        problems += validation_problems(
            error, FrontMatter, raw.path, raw.locations, raw.key_locations
        )
    language = raw.front_matter.get("language")
    if isinstance(language, str) and language.strip() and not is_known_language(language):
        line, column = raw.locations[("language",)]
        problems.append(
            Problem(
                raw.path,
                line,
                column,
                f"language: expected {expected('language')}, got {describe(language)}",
                code=Code.INVALID_VALUE,
            )
        )
    authors, author_problems = check_authors(raw)
    too_long = line_field_problems(raw.path, raw.front_matter, raw.locations, _LINE_FIELDS)
    return CheckedFields(front_matter, authors, (*problems, *author_problems, *too_long))


# Set on one line of a header or the metadata; ``summary`` is a paragraph and may be long.
_LINE_FIELDS = ("report", "title", "subtitle", "classification", "keywords", "authors")


def line_field_problems(
    path: Path,
    data: Mapping[str, object],
    locations: Mapping[KeyPath, Location],
    fields: Iterable[str],
    prefix: KeyPath = (),
) -> list[Problem]:
    """Texts of ``fields`` (also inside their lists and mappings) longer than a line can be."""
    problems = []
    for name in fields:
        for key_path, text in text_values(data.get(name), (*prefix, name)):
            if len(text) > MAX_LINE_CHARS:
                line, column = locations.get(key_path) or locations.get((*prefix, name), (1, 1))
                problems.append(
                    Problem(
                        path,
                        line,
                        column,
                        f"{key_path_name(key_path)}: at most {MAX_LINE_CHARS} characters, "
                        f"this is {len(text):,}; shorten it (a long text belongs in the "
                        "summary or the body)",
                        code=Code.TOO_LONG,
                    )
                )
    return problems


def is_known_language(tag: str) -> bool:
    """True for a BCP-47 tag (``de``, ``en-GB``, ``kk``) whose language Babel knows."""
    try:
        babel.Locale.parse(tag.strip(), sep="-")
    except (ValueError, TypeError, babel.UnknownLocaleError):
        return False
    return True


def check_authors(raw: RawDocument) -> tuple[tuple[Person, ...], list[Problem]]:
    """``authors``: a list of names or ``{name, role}`` mappings (a single name is fine too)."""
    value = raw.front_matter.get("authors")
    if value is None:
        return (), []
    entries = [value] if isinstance(value, str) else value
    if not isinstance(entries, list):
        return (), [_problem(raw, ("authors",), f"expected {expected('authors')}", value)]
    authors: list[Person] = []
    problems: list[Problem] = []
    for index, entry in enumerate(entries):
        key_path = ("authors", index) if entries is value else ("authors",)
        if isinstance(entry, str) and entry.strip():
            authors.append(Person(name=entry.strip()))
        elif isinstance(entry, dict):
            try:
                authors.append(Person.model_validate(entry))
            except ValidationError as error:
                problems += validation_problems(
                    error, Person, raw.path, raw.locations, raw.key_locations, key_path
                )
        else:
            expectation = "expected a name or a mapping with `name:` and `role:`"
            problems.append(_problem(raw, key_path, expectation, entry))
    return tuple(authors), problems


def _problem(
    raw: RawDocument, key_path: tuple[str | int, ...], expectation: str, found: object
) -> Problem:
    line, column = raw.locations.get(key_path, (1, 1))
    return Problem(
        raw.path,
        line,
        column,
        f"{key_path_name(key_path)}: {expectation}, got {describe(found)}",
        code=Code.INVALID_VALUE,
    )
