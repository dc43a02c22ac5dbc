"""Wording shared by all checks: what each field expects, how a found value is shown."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from types import MappingProxyType

EXPECTED = MappingProxyType(
    {
        "report": "a report-type label like `Lagebericht` or `Country Report`",
        "date": "an ISO date like 2024-07-05",
        "language": "a language tag like de, en, ru or kk",
        "office": "the key of an office file like `kasachstan`, or a mapping with `name:`",
        "title": "the report's title, e.g. `title: Kasachstan und die SOZ`",
        "subtitle": "a line of text",
        "authors": "a list of authors, each a name or a mapping with `name:` and `role:`",
        "summary": "a paragraph of text",
        "keywords": "a list of words like [Kasachstan, SOZ]",
        "classification": "a marking like `Nur für den Dienstgebrauch`",
        "draft": "true or false",
        "data": "a list of file names",
        "theme": "a theme's name like auslandsbuero-zweispaltig, or a theme folder",
        "name": "a name as text",
        "role": "a role as text, e.g. `Leiterin des Auslandsbüros`",
        "city": "a city name",
        "country": "a country name",
        "head": "a mapping with `name:` and `role:`",
        "address": "a list of address lines",
        "phone": "a phone number as text",
        "email": "an e-mail address",
        "web": "a web address",
    }
)
"""What each field expects, in words a non-programmer can act on (by field name)."""


def expected(field: str) -> str:
    """What the field named ``field`` expects."""
    return EXPECTED.get(field, "a value")


def describe(value: object) -> str:
    """A found value as the author would recognise it: ``"5 July 2024"``, ``a list``…"""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (fields with values)"
    return str(value)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice that ``word`` most likely misspells, if any is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; did you mean "title"?`` for a close match, else the known choices; never empty."""
    options = sorted(choices)
    match = closest(word, options)
    if match is not None:
        return f'; did you mean "{match}"?'
    return "; known fields: " + ", ".join(options)
