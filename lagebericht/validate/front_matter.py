"""Check the front-matter fields: types via :class:`FrontMatter`, then authors and language."""

from __future__ import annotations

from dataclasses import dataclass

import babel
from pydantic import ValidationError

from lagebericht.load import RawDocument
from lagebericht.load.yaml_tree import key_path_name
from lagebericht.model import FrontMatter, Person
from lagebericht.problems import Problem
from lagebericht.validate.messages import describe, expected
from lagebericht.validate.pydantic_errors import validation_problems

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
            )
        )
    authors, author_problems = check_authors(raw)
    return CheckedFields(front_matter, authors, (*problems, *author_problems))


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
        raw.path, line, column, f"{key_path_name(key_path)}: {expectation}, got {describe(found)}"
    )
