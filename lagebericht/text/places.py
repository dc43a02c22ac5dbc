"""Country names in the report's language, via Babel's CLDR territory names.

An office file is written once for reports in several languages, by people who are no
programmers: its ``country`` is a name in any language Babel knows (``Kasachstan``,
``Kazakhstan``, ``Казахстан``) or an ISO 3166 code (``KZ``). Each report prints the
country in its own language; a name Babel does not know is printed as written.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

# Languages whose territory names are recognised in an office file, beside the report's.
NAME_LANGUAGES = ("de", "en", "ru", "kk", "fr", "es", "tr", "uk")


def country_name(country: str, language: str) -> str:
    """``country`` (a name or an ISO code) in ``language``; as written if unknown."""
    code = country_code(country, language)
    if code is None:
        return country
    names = _territories(language.replace("-", "_"))
    return names.get(code, country)


def country_code(country: str, language: str = "en") -> str | None:
    """The ISO 3166 code of ``country``: a code itself, or a territory name in ``language``
    or one of :data:`NAME_LANGUAGES` (any case); ``None`` if none fits."""
    written = country.strip()
    if len(written) == 2 and written.isascii() and written.isalpha():
        code = written.upper()
        return code if code in _territories("en") else None
    wanted = written.casefold()
    for candidate in (language.replace("-", "_"), *NAME_LANGUAGES):
        found = _codes(candidate).get(wanted)
        if found is not None:
            return found
    return None


@cache
def _territories(locale: str) -> dict[str, str]:
    """Babel's territory names of ``locale``: code → name (empty for an unknown locale)."""
    try:
        territories = Locale.parse(locale).territories
    except (ValueError, UnknownLocaleError):
        return {}
    # Regions like "150" (Europe) are no countries.
    return {code: str(name) for code, name in territories.items() if code.isalpha()}


@cache
def _codes(locale: str) -> dict[str, str]:
    """Name (casefolded) → code for the countries of ``locale``."""
    return {name.casefold(): code for code, name in _territories(locale).items()}
