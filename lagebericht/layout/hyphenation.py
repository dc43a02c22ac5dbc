"""Hyphenation by language through pyphen's dictionaries.

A language without a dictionary (e.g. ``kk``) is set without hyphenation — not an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pyphen

from lagebericht.cache import DiskCache, file_key

MIN_WORD_LENGTH = 6  # shorter words are never hyphenated

Hyphenator = Callable[[str], Iterator[tuple[str, str]]]


# At least two letters before the break and three after it.
LEFT, RIGHT = 2, 3


# Once per process, and parsed only once per machine: pyphen would parse the patterns file
# in every process, which is slow (German most of all); the parsed dictionary is kept in
# the disk cache, much faster to load. A parallel batch loads its languages before it
# forks its workers (build.prepare).
@cache
def _dictionary(language: str) -> pyphen.Pyphen | None:
    lang = language.replace("-", "_")
    if lang not in pyphen.LANGUAGES:
        lang = pyphen.language_fallback(lang) or ""
    if not lang:
        return None
    patterns = Path(pyphen.LANGUAGES[lang])
    key = (file_key(patterns), pyphen.__version__, str(LEFT), str(RIGHT))
    return DiskCache.from_environment().get(
        "hyphenation",
        key,
        pyphen.Pyphen,
        lambda: pyphen.Pyphen(filename=patterns, left=LEFT, right=RIGHT),
    )


# Languages whose nouns are capitalised: there a capital letter does not mark a name.
_CAPITALISED_NOUNS = frozenset({"de", "lb"})


def hyphenator_for(language: str) -> Hyphenator | None:
    """A ``word → (head, tail)`` pairs generator for reportlab, or ``None`` without a dictionary.

    Never hyphenated: words under six letters, words that already contain a hyphen (they
    break at it: "China-Russia"), and — outside German — capitalised words, which are
    mostly names ("Guterres", "Касым-Жомарт").
    """
    dictionary = _dictionary(language)
    if dictionary is None:
        return None
    keep_names_whole = language.split("-")[0].lower() not in _CAPITALISED_NOUNS

    def pairs(word: str) -> Iterator[tuple[str, str]]:
        # Words tied by a no-break space ("и\u00a0геополитической") break in the last one.
        tied, space, last = word.rpartition("\u00a0")
        letters = last.strip(".,;:!?()[]«»„“”‚‘’\"'")
        if len(letters) < MIN_WORD_LENGTH or "-" in last:
            return iter(())
        if keep_names_whole and letters[:1].isupper():
            return iter(())
        return ((tied + space + head, tail) for head, tail in dictionary.iterate(last))

    return pairs
