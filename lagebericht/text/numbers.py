"""Numbers in table columns: where each is aligned on the language's decimal separator.

A column of numbers is set so that the decimal separators stand under each other ("0,65"
under "18,6"), and a whole number's last digit where the separator would be. The layout
needs, per cell, the text right of that point: the *tail* (``,65`` of ``0,65``, `` %`` of
``52 %``); it pads each cell on the right by the difference to the column's widest tail.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol


@cache
def decimal_separator(language: str) -> str:
    """``,`` in German, Russian, Kazakh; ``.`` in English (CLDR); ``.`` if unknown."""
    try:
        return str(get_decimal_symbol(Locale.parse(language, sep="-")))
    except (ValueError, UnknownLocaleError):
        return "."


@cache
def _fraction(separator: str) -> re.Pattern[str]:
    return re.compile(re.escape(separator) + r"\d")


def decimal_tail(text: str, language: str) -> str:
    """The part of ``text`` right of its alignment point: from the decimal separator
    before its last fraction digits, else from after its last digit; empty when it has
    no digit (a dash for "no value" ends where a whole number would)."""
    fractions = list(_fraction(decimal_separator(language)).finditer(text))
    if fractions:
        return text[fractions[-1].start() :]
    digits = [i for i, char in enumerate(text) if char.isdigit()]
    return text[digits[-1] + 1 :] if digits else ""
