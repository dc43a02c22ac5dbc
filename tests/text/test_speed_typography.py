"""``smarten`` works only where dashes and quotes occur; the result is that of a plain
character-by-character pass (kept here as the reference) for any text."""

from __future__ import annotations

import random

import pytest

from lagebericht.text import typography
from lagebericht.text.typography import smarten

ALPHABET = ["a", "B", "7", " ", "\t", "\n", "-", "--", "---", '"', "'", "(", "/", "\u00a0"]
ALPHABET += ["\u2013", "\u2014", "\u202f", "в", "и", "С", ".", "'s", "Ä"]


def reference(text: str, language: str, before: str = " ") -> str:
    """The straightforward pass ``smarten`` must agree with."""
    text = typography._EM_DASH.sub("\u2014", text)
    text = typography._EN_DASH.sub("\u2013", text)
    text = typography._SPACED_DASH.sub(
        lambda m: "\u00a0" + ("\u2013" if m[1] == "-" else m[1]), text
    )
    text = text.replace("\u202f", "\u00a0")
    if language.split("-")[0].lower() in typography._SLAVIC:
        text = typography._ONE_LETTER.sub("\\1\u00a0", text)
    q = typography.quotes_for(language)
    out: list[str] = []
    prev = before or " "
    single_open = False
    for i, ch in enumerate(text):
        if ch == '"':
            out.append(q.open if prev in typography._OPENING_CONTEXT else q.close)
        elif ch == "'":
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if prev.isalnum() and nxt.isalnum():
                out.append("\u2019")
            elif prev in typography._OPENING_CONTEXT:
                out.append(q.open2)
                single_open = True
            elif single_open:
                out.append(q.close2)
                single_open = False
            else:
                out.append("\u2019")
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


@pytest.mark.parametrize("language", ["en", "de", "ru", "fr", "kk"])
def test_smarten_agrees_with_a_character_by_character_pass(language: str) -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 14)))
        before = rng.choice(["", " ", "a", "(", "'", "\u2013"])
        assert smarten(text, language, before) == reference(text, language, before), text
