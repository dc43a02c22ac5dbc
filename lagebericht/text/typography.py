"""Typographic quotes and dashes by language.

Straight quotes are decided by their left neighbour, so a quote that opens in one inline
run (``"**bold**``) and closes in another still pairs correctly: callers pass the last
character of the previous run as ``before``.
"""

from __future__ import annotations

import re
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
_EM_DASH = re.compile(r"(?<!-)---(?!-)")
_EN_DASH = re.compile(r"(?<!-)--(?!-)")
_STRAIGHT_QUOTE = re.compile("[\"']")


def quotes_for(language: str) -> Quotes:
    """The quotation marks for a BCP-47 tag; English style where the language is unknown."""
    return _QUOTES.get(language.split("-")[0].lower(), _QUOTES["en"])


def smarten(text: str, language: str, before: str = " ") -> str:
    """Straight quotes → typographic ones; ``---`` → em dash; ``--``, spaced ``-`` → en dash.

    ``before`` is the character preceding ``text`` in the same paragraph ("" or a space at
    its start).
    """
    # Each step only where its characters occur: most runs have no dashes or quotes.
    if "--" in text:
        text = _EM_DASH.sub("\u2014", text)
        text = _EN_DASH.sub("\u2013", text)
    if "-" in text or "\u2013" in text or "\u2014" in text:
        text = _SPACED_DASH.sub(lambda m: "\u00a0" + ("\u2013" if m[1] == "-" else m[1]), text)
    # reportlab breaks lines at U+202F (Babel puts it in "2024 г."); a no-break space holds.
    text = text.replace("\u202f", "\u00a0")
    if language.split("-")[0].lower() in _SLAVIC:
        text = _ONE_LETTER.sub("\\1\u00a0", text)
    if '"' not in text and "'" not in text:
        return text
    q = quotes_for(language)
    out: list[str] = []
    done = 0  # text before this index is in ``out``
    single_open = False  # a secondary quote is open: the next word-final ' closes it
    # Only the quotes change; each is decided by the characters of the text around it.
    for match in _STRAIGHT_QUOTE.finditer(text):
        i = match.start()
        prev = text[i - 1] if i else (before or " ")
        out.append(text[done:i])
        done = i + 1
        if match[0] == '"':
            out.append(q.open if prev in _OPENING_CONTEXT else q.close)
            continue
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if prev.isalnum() and nxt.isalnum():
            out.append("\u2019")  # apostrophe inside a word (China's)
        elif prev in _OPENING_CONTEXT:
            out.append(q.open2)
            single_open = True
        elif single_open:
            out.append(q.close2)
            single_open = False
        else:
            out.append("\u2019")  # apostrophe after a word (Belarus') or a closing quote
    out.append(text[done:])
    return "".join(out)
