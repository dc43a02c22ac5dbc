"""``smarten`` works only where dashes and quotes occur; the result is that of a plain
character-by-character pass (kept here as the reference) for any text."""

from __future__ import annotations

import random

import pytest

from lagebericht.text import typography
from lagebericht.text.typography import smarten

ALPHABET = ["a", "B", "7", " ", "\t", "\n", "-", "--", "---", '"', "'", "(", "/", "\u00a0"]
ALPHABET += ["\u2013", "\u2014", "\u202f", "в", "и", "С", ".", "'s", "Ä", "=", "5", "«"]


def reference(text: str, language: str, before: str = " ") -> str:
    """The straightforward pass ``smarten`` must agree with."""
    primary = language.split("-")[0].lower()
    text = typography._EM_DASH.sub("\u2014", text)
    text = typography._EN_DASH.sub("\u2013", text)
    em = primary in typography._SPACED_EM_DASH
    text = typography._SPACED_DASH.sub(
        lambda m: "\u00a0" + ("\u2014" if em else "\u2013" if m[1] == "-" else m[1]), text
    )
    text = typography._MINUS.sub("\u2212", (before or " ") + text)[1:]
    text = text.replace("\u202f", "\u00a0")
    if primary in typography._SLAVIC:
        text = typography._ONE_LETTER.sub("\\1\u00a0", text)
    q = typography.quotes_for(language)
    openers, closers = (q.open[-1], q.open2[-1]), (q.close[0], q.close2[0])
    out: list[str] = []
    prev = before or " "
    single_open = False
    for i, ch in enumerate(text):
        if ch not in "\"'":
            out.append(ch)
            prev = ch
            continue
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev in typography._OPENING_CONTEXT or prev in openers:
            opens = True
        elif prev.isalnum() or prev in typography._CLOSING_CONTEXT or prev in closers:
            opens = False
        else:
            opens = nxt != "" and not nxt.isspace()
        if ch == '"':
            mark = q.open if opens else q.close
        elif prev.isalnum() and nxt.isalnum():
            mark = "\u2019"
        elif opens:
            mark, single_open = q.open2, True
        elif single_open:
            mark, single_open = q.close2, False
        else:
            mark = "\u2019"
        out.append(mark)
        prev = mark[-1]
    return "".join(out)


@pytest.mark.parametrize("language", ["en", "de", "ru", "fr", "kk"])
def test_smarten_agrees_with_a_character_by_character_pass(language: str) -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 14)))
        before = rng.choice(["", " ", "a", "(", "'", "\u2013"])
        assert smarten(text, language, before) == reference(text, language, before), text
