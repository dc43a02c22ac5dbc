"""Language rules: places where a line must not break although Unicode would allow it.

Each rule finds, in a paragraph's text, the *positions where a line must not start*: a
position ``j`` forbids ending a line just before ``text[j]`` — at the spaces before it, or
at a break opportunity inside a word. The item builder ties such spaces (an infinite
penalty before their glue) and drops such opportunities; when a tied group is wider than
the line, it gives the ties back as emergency breaks (better a broken rule than a line
past the margin).

Every rule is one regular expression over the whole text: linear in the paragraph. Most
look first for something every match must hold (a digit next to a space, a dash, "CC"),
which the regular expression engine finds many times faster than it tries the full
pattern at every position; a paragraph without it is done.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

# Languages that keep a one-letter word ("и", "в", "z", "w") off a line's end.
ONE_LETTER_LANGUAGES = frozenset({"ru", "kk", "uk", "be", "cs", "pl", "sk", "sl"})

_SPACE = "[ \u00a0\u202f\u2007]+"  # the spaces a rule ties (breaking or not)


def _primary(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


def _after_spaces(pattern: re.Pattern[str], text: str, group: str = "sp") -> Iterator[int]:
    """The end of every named group ``group`` of every match: where the next word starts."""
    for match in pattern.finditer(text):
        yield match.end(group)


_ONE_LETTER = re.compile(rf"(?<!\w)[^\W\d_](?P<sp>{_SPACE})(?=\S)")


def one_letter_words(text: str, language: str) -> Iterator[int]:
    """ru, kk, cs, pl, sk, sl…: a one-letter word binds to the next ("в\u00a0Москве")."""
    if _primary(language) in ONE_LETTER_LANGUAGES:
        yield from _after_spaces(_ONE_LETTER, text)


# A space of the rules (or a thin space) before a digit; a number before a space.
_SPACE_DIGIT = re.compile("[ \u00a0\u202f\u2007\u2009]\\d")
# A run of digits, points and commas holding a digit, then a space; begun only where such
# a run begins, its parts in their longest runs: a long run without a space after it is
# given up once, not once for each of its digits (quadratic in its length).
_NUMBER_SPACE = re.compile(rf"(?<![\d.,])[.,]*+\d[\d.,]*+{_SPACE}")

_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)")


def digit_groups(text: str, language: str) -> Iterator[int]:
    """A number with spaces between its thousands ("700 000") stays on one line."""
    if not _SPACE_DIGIT.search(text):
        return
    for match in _THOUSANDS.finditer(text):
        number = match.group(0)
        start = match.start()
        for i, ch in enumerate(number):
            if not ch.isdigit():
                yield start + i + 1


# Units, percent and currencies that follow a number; abbreviations end in a dot.
_UNITS = (  # noqa: SIM905  (a list of words reads best as words)
    "% ‰ ‱ ° °C € $ £ ¥ ₸ ₽ "
    "km m cm mm kg g t l ha h min s km² m² km/h "
    "Mio. Mrd. Tsd. Million Millionen Milliarde Milliarden Prozent Prozentpunkte Euro Dollar "
    "US-Dollar Tenge Rubel Jahre Jahren Tage Tagen Stunden Uhr Grad Hektar Tonnen Kilometer "
    "Quadratkilometer Meter "
    "million millions billion billions percent per thousand USD EUR KZT RUB hectares tonnes "
    "tons kilometres kilometers miles a.m. p.m. "
    "млн млрд тыс. трлн процентов процента процент руб. рублей рубля тенге долл. "
    "долларов евро км кг т г. гг. лет года дней часов га гектаров тонн километров "
    "пайыз теңге мың"
).split()
_CURRENCIES_BEFORE = (  # noqa: SIM905
    "€ $ £ USD EUR KZT RUB № § Nr. No. S. Art. Abs. Kap. p. pp. ст. п. гл."
).split()


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# A number of at most 64 characters: each digit after a comma may begin one, and a longer
# bound would let a long run of digits and commas be scanned to its end from each.
_NUMBER_UNIT = re.compile(
    rf"(?<![\w.])\d[\d.,]{{0,63}}+(?P<sp>{_SPACE})(?:{_alternatives(_UNITS)})(?!\w)"
)
_UNIT_NUMBER = re.compile(rf"(?<!\w)(?:{_alternatives(_CURRENCIES_BEFORE)})(?P<sp>{_SPACE})\d")


def numbers_and_units(text: str, language: str) -> Iterator[int]:
    """No break between a number and its unit, percent sign or currency ("40 %",
    "5 km", "2024 г.", "€ 5", "§ 3")."""
    if _NUMBER_SPACE.search(text):
        yield from _after_spaces(_NUMBER_UNIT, text)
    if _SPACE_DIGIT.search(text):
        yield from _after_spaces(_UNIT_NUMBER, text)


_LICENCE = re.compile(
    r"(?<!\w)(?:CC[ \u00a0]+(?:BY(?:-(?:SA|ND|NC(?:-(?:SA|ND))?))?|0|PDM)|CC0)"
    r"(?:[ \u00a0]+\d\.\d)?(?!\w)"
)


def licences(text: str, language: str) -> Iterator[int]:
    """A Creative Commons licence name ("CC BY-SA 4.0") is never broken, not even at its
    hyphen."""
    if "CC" not in text:
        return
    for match in _LICENCE.finditer(text):
        yield from range(match.start() + 1, match.end())


@cache
def _month_names(language: str) -> tuple[str, ...]:
    """The language's month names (wide and abbreviated, as in a date and standing
    alone) from the CLDR through Babel, and always the English and German ones."""
    from babel import Locale, UnknownLocaleError, dates

    names: set[str] = set()
    for code in {language, "en", "de"}:
        try:
            locale = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for name in dates.get_month_names(width, context, locale).values():
                    names.add(name)
                    names.add(name.rstrip("."))
    return tuple(sorted(names, key=len, reverse=True))


@cache
def _date_pattern(language: str) -> re.Pattern[str]:
    months = "|".join(re.escape(name) for name in _month_names(language))
    return re.compile(
        rf"(?<![\w.])(?:\d{{1,2}}\.?(?P<sp>{_SPACE}))?(?:{months})\.?(?!\w)"
        rf"(?:(?P<sp2>{_SPACE})\d{{1,2}},?(?=[ \u00a0]\d{{4}}))?"
        rf"(?P<sp3>{_SPACE})\d{{4}}(?!\d)"
    )


def dates(text: str, language: str) -> Iterator[int]:
    """A date stays on one line: "20. März 2019", "5 July 2024", "5 июля 2024",
    "July 5, 2024", "März 2019"."""
    if not _SPACE_DIGIT.search(text):  # each ends with a space and a year
        return
    pattern = _date_pattern(_primary(language))
    for match in pattern.finditer(text):
        for group in ("sp", "sp2", "sp3"):
            if match.group(group) is not None:
                yield match.end(group)
        if match.group("sp2") is not None:  # "July 5, 2024": the space after the comma
            yield match.end("sp3")


_INITIAL = re.compile(rf"(?<![\w.])(?P<letters>(?:[^\W\d_]\.){{1,3}})(?P<sp>{_SPACE})(?=[^\W\d_])")


def initials(text: str, language: str) -> Iterator[int]:
    """Initials stay with what follows them: "A. Muster", "A. B. Muster", "А.Б. Иванов",
    "J.R.R. Tolkien"."""
    for match in _INITIAL.finditer(text):
        if match.group("letters").replace(".", "").isupper():
            yield match.end("sp")


_DASH = re.compile(rf"(?<=\S)(?P<sp>{_SPACE})(?=[–—](?:\s|$))")


def dashes(text: str, language: str) -> Iterator[int]:
    """A spaced dash ends a line, never starts one ("word –" / "word")."""
    if "–" not in text and "—" not in text:
        return
    yield from _after_spaces(_DASH, text)


Rule = Callable[[str, str], Iterator[int]]
RULES: tuple[Rule, ...] = (
    one_letter_words,
    digit_groups,
    numbers_and_units,
    licences,
    dates,
    initials,
    dashes,
)


def forbidden_starts(text: str, language: str) -> set[int]:
    """Every position of ``text`` where, by the rules above, no line may start."""
    forbidden: set[int] = set()
    for rule in RULES:
        forbidden.update(rule(text, language))
    return forbidden
