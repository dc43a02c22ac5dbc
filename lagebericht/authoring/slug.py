"""File-name slugs from report titles in German, English, Russian or Kazakh."""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType

_SPECIAL = MappingProxyType({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i"})
"""German umlauts as Germans spell them without umlauts (not the bare vowel)."""

# Russian (simplified BGN/PCGN) plus the Kazakh letters; hard and soft signs vanish.
# fmt: off
_CYRILLIC = MappingProxyType(dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
    (
        "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n",
        "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y",
        "", "e", "yu", "ya", "a", "g", "q", "n", "o", "u", "u", "h", "i",
    ),
    strict=True,
)))
# fmt: on

_MAX_LENGTH = 60
"""Long titles would give unwieldy file names; the slug only has to be recognisable."""


def _latin(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    if char in _CYRILLIC:
        return _CYRILLIC[char]
    # Accents dropped: é → e, ç → c, ş → s.
    return unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")


def slugify(text: str) -> str:
    """``kazakhstan-shanghai-cooperation-organisation``: lower-case ASCII words joined by
    ``-``; empty if nothing usable is left."""
    latin = "".join(_latin(char) for char in text.lower())
    words = re.findall(r"[a-z0-9]+", latin)
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > _MAX_LENGTH and slug:
            break
        slug = longer
    return slug[:_MAX_LENGTH]
