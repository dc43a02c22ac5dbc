"""Hyphenation by language through pyphen's dictionaries.

A language without a dictionary (e.g. ``kk``) is set without hyphenation — not an error.
Names are never hyphenated: by the ``nohyphen:`` lists of theme and report, and — in a
language that capitalises only names and sentence starts (not German) — by their capital.
German compounds have their joints told from the points inside their elements
(:class:`CompoundJoints`, :meth:`WordHyphenator.points`), for the line breaker to prefer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import pyphen

from lagebericht.cache import DiskCache, file_key

MIN_WORD_LENGTH = 6  # shorter words are never hyphenated

Hyphenator = Callable[[str], Iterator[tuple[str, str]]]


# At least two letters before the break and three after it, or as the language's
# typesetting has it (TeX's hyph-utf8 minima, as Typst's hypher: two after the break in
# German and Russian).
LEFT, RIGHT = 2, 3
_CONVENTIONAL_MINIMA: dict[str, tuple[int, int]] = {"de": (2, 2), "ru": (2, 2), "uk": (2, 2)}


def conventional_minima(language: str) -> tuple[int, int]:
    """Letters at least before and after a break that ``language``'s typesetting allows."""
    return _CONVENTIONAL_MINIMA.get(_primary(language), (LEFT, RIGHT))


def _primary(language: str) -> str:
    """The primary subtag of a language tag, lower case ("de-AT", "de_AT" → "de")."""
    return language.replace("_", "-").split("-")[0].lower()


def _patterns_file(language: str) -> Path | None:
    lang = language.replace("-", "_")
    if lang not in pyphen.LANGUAGES:
        lang = pyphen.language_fallback(lang) or ""
    return Path(pyphen.LANGUAGES[lang]) if lang else None


# Once per process, and parsed only once per machine: pyphen would parse the patterns file
# in every process, which is slow (German most of all); the parsed dictionary is kept in
# the disk cache, much faster to load. A parallel batch loads its languages before it
# forks its workers (build.prepare).
@cache
def _dictionary(language: str) -> pyphen.Pyphen | None:
    patterns = _patterns_file(language)
    if patterns is None:
        return None
    left, right = conventional_minima(language)
    key = (file_key(patterns), pyphen.__version__, str(left), str(right))
    return DiskCache.from_environment().get(
        "hyphenation",
        key,
        pyphen.Pyphen,
        lambda: pyphen.Pyphen(filename=patterns, left=left, right=right),
    )


# Compounds. LibreOffice's German dictionary (the one pyphen ships) is in two levels
# (libhyphen's NEXTLEVEL): the first is a list of ~69,000 words and compounds with their
# joints marked ("friedens1", "ge1spräch"), the second the syllable patterns. pyphen uses
# both as one set of points, and the first level marks prefixes ("ge1wicht") as it marks
# joints, so neither tells a compound's joints alone. The words of that list do: a point
# is at a joint when the word before it is a known word (or a known word and a linking
# element, "Friedens-") and the rest is one (give or take an ending), as a splitter
# against a word list does.
_WORD_LISTS = frozenset({"de"})  # languages whose dictionary's first level lists words
_LINKS = ("", "s", "es", "n", "en", "ns", "er", "e")  # linking elements (Fugenelemente)
_ENDINGS = ("", "e", "n", "s", "en", "es", "er", "em", "ern", "se", "sen", "ses")
_ELEMENT = 3  # letters of an element at least ("Rat", "Gas")
_COMPOUND_LETTERS = 48  # longer words are not split ("Donaudampfschifffahrtsgesellschaft": 34)
_CANDIDATES = 6  # element boundaries tried before each letter
# Words of the list that are also derivational suffixes: "Wirt|schaft" is no compound.
_SUFFIXES = frozenset(
    "schaft heit keit ung lich isch tum nis sam bar los haft chen lein".split()  # noqa: SIM905
)


@cache
def compound_words(language: str) -> frozenset[str]:
    """The words of the language's dictionary's word list (casefolded; none for a
    language without one), parsed once per machine (disk cache) and process."""
    patterns = _patterns_file(language)
    if patterns is None or _primary(language) not in _WORD_LISTS:
        return frozenset()
    key = (file_key(patterns), "compound-words-2")
    return DiskCache.from_environment().get(
        "hyphenation", key, frozenset, lambda: _read_word_list(patterns)
    )


def _read_word_list(patterns: Path) -> frozenset[str]:
    with patterns.open("rb") as file:
        encoding = file.readline().decode("ascii").strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    words: set[str] = set()
    for line in patterns.read_text(encoding).split("\n")[1:]:
        entry = line.strip()
        if entry == "NEXTLEVEL":
            return frozenset(words)
        letters = re.sub(r"\d", "", entry)
        if letters.isalpha() and not letters.isupper():  # not a keyword (LEFTHYPHENMIN)
            words.add(letters.casefold())
    return frozenset()  # patterns in one level: no list of words


class CompoundJoints:
    """Where a word is a compound's joint, by a word list (:func:`compound_words`)."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self._known: dict[str, frozenset[int]] = {}

    def __call__(self, word: str) -> frozenset[int]:
        """The offsets in ``word`` (letters, any case) where two elements meet: what is
        before is known words, each followed by a linking element ("Friedens"), and what
        follows is known words so linked and a last one give or take an ending."""
        folded = word.casefold()
        n = len(folded)
        if n != len(word) or not 2 * _ELEMENT <= n <= _COMPOUND_LETTERS or not self.words:
            return frozenset()
        known = self._known.get(folded)
        if known is not None:
            return known
        # Two passes of dynamic programming, each trying the last few ends (starts) found
        # so far: a few set lookups per letter, whatever the word.
        bodies = [0]  # where known words before a joint end (0: the word's start)
        for i in range(_ELEMENT, n + 1):
            if any(
                i - j >= _ELEMENT and self._element(folded[j:i], _LINKS)
                for j in bodies[-_CANDIDATES:]
            ):
                bodies.append(i)
        heads: list[int] = []  # where known words to the word's end start
        for i in range(n - _ELEMENT, -1, -1):
            if self._element(folded[i:], _ENDINGS) or any(
                k - i >= _ELEMENT and self._element(folded[i:k], _LINKS)
                for k in heads[-_CANDIDATES:]
            ):
                heads.append(i)
        known = frozenset(bodies[1:]).intersection(heads)
        if len(self._known) >= 65536:  # one process sets many reports: bounded
            self._known.clear()
        self._known[folded] = known
        return known

    def _element(self, piece: str, suffixes: tuple[str, ...]) -> bool:
        """Is ``piece`` a known word followed by one of ``suffixes`` ("" among them)?"""
        words = self.words
        for suffix in suffixes:
            if piece.endswith(suffix):
                stem = piece[: len(piece) - len(suffix)] if suffix else piece
                if len(stem) >= _ELEMENT and stem in words and stem not in _SUFFIXES:
                    return True
        return False


@cache
def compound_joints(language: str) -> CompoundJoints:
    return CompoundJoints(compound_words(language))


# Languages whose nouns are capitalised: there a capital letter does not mark a name.
_CAPITALISED_NOUNS = frozenset({"de", "lb"})

# Stripped from a word's ends before it is looked at: punctuation and quotes.
_PUNCTUATION = ".,;:!?()[]«»„“”‚‘’\"'"
_POSSESSIVE = ("'s", "’s")  # "Guterres’s" is the name "Guterres"
_HYPHENS = "-\u2010\u2011"
_SENTENCE_ENDS = ".!?…"
# A full stop after a capitalised word this short is an abbreviation ("Mr.", "Gen.", the
# initial in "António M. Guterres"), not a sentence end.
_ABBREVIATION_LETTERS = 3


def tells_names_by_capitals(language: str) -> bool:
    """Does ``language`` capitalise only names and sentence starts (not German's nouns)?"""
    return _primary(language) not in _CAPITALISED_NOUNS


def nohyphen_words(*lists: Iterable[str]) -> frozenset[str]:
    """The casefolded words of ``nohyphen:`` lists (theme, report), compound parts added:
    the line breaker may hyphenate each part of a compound on its own."""
    words: set[str] = set()
    for entry in (word for words_ in lists for word in words_):
        word = entry.strip().casefold()
        words.add(word)
        words.update(part for part in re.split(f"[{_HYPHENS}]", word) if part)
    return frozenset(words)


def _letters(word: str) -> str:
    """``word`` without the punctuation around it and a possessive ending."""
    letters = word.strip(_PUNCTUATION)
    for ending in _POSSESSIVE:
        if letters.endswith(ending) and len(letters) > len(ending):
            return letters[: -len(ending)]
    return letters


def may_hyphenate(
    word: str, language: str, position_in_sentence: int | None, nohyphen: frozenset[str]
) -> bool:
    """May the dictionary split ``word`` (punctuation around it allowed)?

    Not a word shorter than :data:`MIN_WORD_LENGTH` letters, nor one on the ``nohyphen``
    list (casefolded words, see :func:`nohyphen_words`; each part of a hyphenated compound
    counts too), nor — in a language that capitalises only names and sentence starts — a
    capitalised word that does not start its sentence (``position_in_sentence`` 0): that
    is a name ("Guterres", "Andrés"). ``None``: the position is unknown, and a capitalised
    word is taken for a name.
    """
    letters = _letters(word)
    if len(letters) < MIN_WORD_LENGTH:
        return False
    folded = letters.casefold()
    parts = re.split(f"[{_HYPHENS}]", folded)
    if folded in nohyphen or any(part in nohyphen for part in parts):
        return False
    capitalised = letters[:1].isupper()
    return not (capitalised and position_in_sentence != 0 and tells_names_by_capitals(language))


def sentence_positions(words: Sequence[str]) -> list[int]:
    """Each word's index in its sentence (0: it starts one), for words split at spaces."""
    positions: list[int] = []
    position = 0
    for word in words:
        positions.append(position)
        position = 0 if _ends_sentence(word) else position + 1
    return positions


def _ends_sentence(word: str) -> bool:
    stripped = word.rstrip("\"'»“”’)]")
    if not stripped or stripped[-1] not in _SENTENCE_ENDS:
        return False
    letters = stripped.rstrip(_SENTENCE_ENDS).lstrip(_PUNCTUATION)
    abbreviation = (
        stripped[-1] == "."
        and 0 < len(letters) <= _ABBREVIATION_LETTERS
        and letters[:1].isupper()
        and "." not in stripped[:-1]  # "U.S." ends a sentence as any word does
    )
    return not abbreviation


@lru_cache(maxsize=64)  # a paragraph is broken again and again, and split into parts
def names_in(text: str, language: str) -> frozenset[str]:
    """The capitalised words of ``text`` found somewhere not at a sentence start: names,
    in a language that capitalises only those (none in German)."""
    if not tells_names_by_capitals(language):
        return frozenset()
    words = text.split()
    return frozenset(
        letters
        for word, position in zip(words, sentence_positions(words), strict=True)
        if position and (letters := _letters(word))[:1].isupper()
    )


@dataclass(frozen=True)
class WordHyphenator:
    """``word → (head, tail)`` pairs for reportlab, by the rules of :func:`may_hyphenate`.

    reportlab asks for one word without its sentence; a paragraph knows its text and asks
    :meth:`within` it, which tells names from sentence starts. Without that, every
    capitalised word counts as a name (outside German).
    """

    language: str
    dictionary: pyphen.Pyphen
    nohyphen: frozenset[str] = frozenset()
    names: frozenset[str] | None = None  # capitalised words not at a sentence start

    def within(self, text: str) -> WordHyphenator:
        """This hyphenator for the words of ``text`` (a paragraph): a capitalised word
        there is a name unless it only ever starts a sentence."""
        return replace(self, names=names_in(text, self.language))

    def names_too(self) -> WordHyphenator:
        """This hyphenator hyphenating names too: for a paragraph that cannot be set
        without (see :meth:`has_names`)."""
        return replace(self, names=frozenset())

    def has_names(self) -> bool:
        """Whether the paragraph (:meth:`within`) has a name long enough to hyphenate:
        only then does :meth:`names_too` add points to it."""
        return any(len(name) >= MIN_WORD_LENGTH for name in self.names or ())

    def name_position(self, word: str) -> int | None:
        """What the hyphenator goes by of ``word``'s place in the paragraph, as
        :func:`may_hyphenate`'s ``position_in_sentence``: 1 if the paragraph has it as a
        name (a word the paragraph has as a name counts as one wherever it stands), else
        0; ``None`` without a paragraph. Besides the word, its answers depend on this
        alone of the paragraph (the line breaker remembers them by it)."""
        names = self.names
        if names is None:
            return None
        if not names or word.islower():  # a name starts with a capital
            return 0
        return int(_letters(word.rpartition("\u00a0")[2]) in names)

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        # Words tied by a no-break space ("и\u00a0геополитической") break in the last one.
        tied, space, last = word.rpartition("\u00a0")
        if "-" in last:  # it breaks at its hyphen: "China-Russia"
            return iter(())
        position = self.name_position(word)
        if not may_hyphenate(last, self.language, position, self.nohyphen):
            return iter(())
        dictionary = self.dictionary
        return ((tied + space + head, tail) for head, tail in dictionary.iterate(last))

    def points(self, word: str) -> tuple[tuple[int, bool], ...]:
        """The dictionary's points in ``word`` as offsets, each with whether it is at a
        compound's joint (:class:`CompoundJoints`), by the rules of :meth:`__call__`.

        A point one letter away from a joint is left out: pyphen's two merged levels make
        those ("Zusamme-narbeit", "Mitglieds-taaten"), and no syllable is a lone consonant.
        """
        tied, space, last = word.rpartition("\u00a0")
        if "-" in last:
            return ()
        position = self.name_position(word)
        if not may_hyphenate(last, self.language, position, self.nohyphen):
            return ()
        offset = len(tied) + len(space)
        core = last.lstrip(_PUNCTUATION)
        lead = len(last) - len(core)
        core = core.rstrip(_PUNCTUATION)
        joints = {lead + j for j in compound_joints(self.language)(core)}
        points = (len(head) for head, _ in self.dictionary.iterate(last))  # as __call__'s
        return tuple(
            (offset + point, point in joints)
            for point in points
            if point in joints or (point - 1 not in joints and point + 1 not in joints)
        )


def hyphenator_for(language: str, nohyphen: frozenset[str] = frozenset()) -> WordHyphenator | None:
    """The hyphenator of ``language``, or ``None`` without a dictionary.

    Never hyphenated: words under six letters, words that already contain a hyphen (they
    break at it), words on the ``nohyphen`` list (casefolded, see :func:`nohyphen_words`)
    and names, as far as :meth:`WordHyphenator.within` tells them.
    """
    dictionary = _dictionary(language)
    if dictionary is None:
        return None
    return WordHyphenator(language, dictionary, nohyphen)
