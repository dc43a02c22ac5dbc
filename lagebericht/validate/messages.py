"""What each field of a report or office expects, in the wording of every check.

How a found value is shown and the "did you mean" hints are shared with the theme's checks:
:mod:`lagebericht.wording`.
"""

from __future__ import annotations

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
        "nohyphen": "a list of single words like [Guterres, Tokajew]",
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
