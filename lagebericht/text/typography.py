"""Typographic quotes and dashes by language.

Straight quotes are decided by their left neighbour, so a quote that opens in one inline
run (``"**bold**``) and closes in another still pairs correctly: callers pass the last
character of the previous run as ``before``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Quotes:
    """Primary and secondary quotation marks of a language."""

    open: str
    close: str
    open2: str
    close2: str


# Quotation marks by primary language subtag (CLDR conventions).
_QUOTES = {
    "de": Quotes("„", "“", "‚", "‘"),
    "en": Quotes("“", "”", "‘", "’"),
    "ru": Quotes("«", "»", "„", "“"),
    "kk": Quotes("«", "»", "„", "“"),
    "uk": Quotes("«", "»", "„", "“"),
    "fr": Quotes("«\u00a0", "\u00a0»", "“", "”"),
    "tr": Quotes("“", "”", "‘", "’"),
}

# After these characters a quote opens rather than closes.
_OPENING_CONTEXT = " \t\n\u00a0([{\u2013\u2014/-"
# A dash between spaces is tied to the word before it, so it never starts a line.
_SPACED_DASH = re.compile(r"[ \t]+(-|\u2013|\u2014)(?=\s)")
# Slavic one-letter prepositions and conjunctions never end a line: no-break space after.
_ONE_LETTER = re.compile(r"(?<![\w\u00a0])([аАвВиИкКоОсСуУяЯ]) (?=\w)")
_SLAVIC = frozenset({"ru", "uk", "be", "bg"})
# Languages whose dash between words is the spaced em dash (Russian typography), not the
# spaced en dash of German and English: any spaced dash becomes "—" there.
_SPACED_EM_DASH = frozenset({"ru", "uk", "be", "bg", "kk", "ky"})
_EM_DASH = re.compile(r"(?<!-)---(?!-)")
_EN_DASH = re.compile(r"(?<!-)--(?!-)")
# A hyphen or en dash right before a digit, at the start or after a space, bracket, slash
# or relation sign, is a minus: U+2212 (``-13``, ``(–4 %)``), never in ``2019-2022``.
_MINUS = re.compile(r"(?<![^\s(\[{/=<>≈~±])[-\u2013](?=\d)")
_STRAIGHT_QUOTE = re.compile("[\"']")
# Before these a quote closes even when a word follows (``end."Next``).
_CLOSING_CONTEXT = ".,;!?…)]}%‰"


def quotes_for(language: str) -> Quotes:
    """The quotation marks for a BCP-47 tag; English style where the language is unknown."""
    return _QUOTES.get(language.split("-")[0].lower(), _QUOTES["en"])


def smarten(text: str, language: str, before: str = " ") -> str:
    """Straight quotes → typographic ones; ``---`` → em dash; ``--``, spaced ``-`` → en dash
    (em dash in Russian and Kazakh); ``-`` before a number → minus sign.

    ``before`` is the character preceding ``text`` in the same paragraph ("" or a space at
    its start), as already set.
    """
    primary = language.split("-")[0].lower()
    # Each step only where its characters occur: most runs have no dashes or quotes.
    if "--" in text:
        text = _EM_DASH.sub("\u2014", text)
        text = _EN_DASH.sub("\u2013", text)
    if "-" in text or "\u2013" in text or "\u2014" in text:
        dash = _spaced_dash(primary)
        text = _SPACED_DASH.sub(lambda m: "\u00a0" + dash(m[1]), text)
        text = _MINUS.sub("\u2212", (before or " ") + text)[1:]
    # reportlab breaks lines at U+202F (Babel puts it in "2024 г."); a no-break space holds.
    text = text.replace("\u202f", "\u00a0")
    if primary in _SLAVIC:
        text = _ONE_LETTER.sub("\\1\u00a0", text)
    if '"' not in text and "'" not in text:
        return text
    return _quotes(text, quotes_for(language), before or " ")


def _spaced_dash(primary: str) -> Callable[[str], str]:
    """The dash that a spaced ``-``, ``–`` or ``—`` becomes in a language."""
    if primary in _SPACED_EM_DASH:
        return lambda _: "\u2014"
    return lambda written: "\u2013" if written == "-" else written


def _quotes(text: str, q: Quotes, before: str) -> str:
    """``text`` with its straight quotes replaced, each decided by its neighbours: the
    character before it as set (an opening mark opens again: nested quotes) and the one
    after it as written."""
    openers = (q.open[-1], q.open2[-1])
    closers = (q.close[0], q.close2[0])
    out: list[str] = []
    done = 0  # text before this index is in ``out``
    last = before  # the last character in ``out``
    single_open = False  # a secondary quote is open: the next word-final ' closes it
    for match in _STRAIGHT_QUOTE.finditer(text):
        i = match.start()
        if i > done:
            out.append(text[done:i])
            last = text[i - 1]
        done = i + 1
        nxt = text[i + 1] if i + 1 < len(text) else ""
        opens = _opens(last, nxt, openers, closers)
        if match[0] == '"':
            mark = q.open if opens else q.close
        elif last.isalnum() and nxt.isalnum():
            mark = "\u2019"  # apostrophe inside a word (China's)
        elif opens:
            mark = q.open2
            single_open = True
        elif single_open:
            mark = q.close2
            single_open = False
        else:
            mark = "\u2019"  # apostrophe after a word (Belarus') or a closing quote
        out.append(mark)
        last = mark[-1]
    out.append(text[done:])
    return "".join(out)


def _opens(last: str, nxt: str, openers: tuple[str, ...], closers: tuple[str, ...]) -> bool:
    """Does a quote between ``last`` (as set) and ``nxt`` (as written; "" at the end of the
    run) open? After a space, bracket or dash, or an opening mark: yes. After a word or
    closing punctuation: no. After anything else (``size="40"``) it opens before a word."""
    if last in _OPENING_CONTEXT or last in openers:
        return True
    if last.isalnum() or last in _CLOSING_CONTEXT or last in closers:
        return False
    return nxt != "" and not nxt.isspace()
