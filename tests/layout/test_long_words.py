"""Words longer than a line: cut so that every line stays inside the margin, in every part.

reportlab never cuts the tail of a word it has hyphenated once, and breaks the first part
of a split paragraph again from words rejoined over the page break; both drew a
10,000-letter word past the right edge. These tests look at the lines themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from reportlab.platypus import Paragraph

from lagebericht.layout.hyphenation import hyphenator_for
from lagebericht.layout.paragraph import BodyParagraph
from tests.layout.test_paragraph_typography import (
    FONT,
    LEADING,
    _font,  # noqa: F401  (registers the test font)
    body_style,
    line_texts,
    running_text,
)

WIDTH = 220.0
LETTERS = "".join(chr(ord("a") + i % 26) for i in range(3_000))


def overflow(paragraph: Any) -> float:
    """How far the widest line reaches past the paragraph's width (0 when none does)."""
    spare = [
        line[0] if isinstance(line, tuple) else line.extraSpace for line in paragraph.blPara.lines
    ]
    return max(0.0, -min(spare))


def _cases() -> Iterator[Any]:
    yield pytest.param("en", LETTERS, {}, id="lowercase")
    yield pytest.param("en", "X" + LETTERS, {}, id="capitalised-name-rule")
    yield pytest.param("de", "Vor " + LETTERS + " nach.", {}, id="between-words")
    yield pytest.param("de", "<b>Lead:</b> " + LETTERS, {}, id="markup")
    yield pytest.param(
        "de",
        LETTERS,
        {"leftIndent": 14, "bulletIndent": 2, "bulletFontName": FONT},
        id="bullet",
    )


CASES = list(_cases())


@pytest.mark.parametrize(("language", "text", "overrides"), CASES)
def test_every_line_stays_inside_the_margin(
    language: str, text: str, overrides: dict[str, Any]
) -> None:
    style = body_style(language, **overrides)
    bullet = "•" if overrides else None
    body = BodyParagraph(text, style, bulletText=bullet)
    body.wrap(WIDTH, 1e6)
    assert overflow(body) < 0.01
    assert len(line_texts(body)) > 40
    assert (
        running_text(body).replace("Lead:", "").split() == text.replace("<b>Lead:</b>", "").split()
    )


@pytest.mark.parametrize(("language", "text", "overrides"), CASES)
def test_split_parts_stay_inside_the_margin(
    language: str, text: str, overrides: dict[str, Any]
) -> None:
    style = body_style(language, **overrides)
    for lines in (3, 17, 30):
        body = BodyParagraph(text, style, bulletText="•" if overrides else None)
        body.wrap(WIDTH, 1e6)
        parts = body.split(WIDTH, lines * LEADING + 1)
        assert len(parts) == 2
        pieces = []
        for part in parts:
            part.wrap(WIDTH, 1e6)  # as the frame does before drawing
            assert overflow(part) < 0.01
            pieces.append(running_text(part))
        # The page break falls inside the word: the first part ends in a hyphen.
        assert line_texts(parts[0])[-1].endswith("-")
        assert "".join(running_text(body).split()) == "".join("".join(pieces).split())


def test_plain_reportlab_draws_such_a_word_past_the_margin() -> None:
    """The failure these tests guard against, seen in reportlab itself."""
    style = body_style("en")
    parts = Paragraph(LETTERS, style).split(WIDTH, 17 * LEADING + 1)
    parts[0].wrap(WIDTH, 1e6)
    assert overflow(parts[0]) > WIDTH


def test_breaking_a_long_word_costs_its_length_not_its_square() -> None:
    """The dictionary sees a window around each line's head, never the whole word."""
    seen: list[int] = []
    dictionary = hyphenator_for("en")
    assert dictionary is not None

    def counting(word: str) -> Iterator[tuple[str, str]]:
        seen.append(len(word))
        return dictionary(word)

    style = body_style("en")
    style.hyphenationLang = counting
    word = LETTERS * 3
    body = BodyParagraph(word, style)
    body.wrap(WIDTH, 1e6)
    lines = len(line_texts(body))
    assert lines > 150
    assert len(seen) <= 2 * lines
    assert max(seen) < 100  # letters: one line's reach and a little look-ahead


def test_wrapping_again_at_the_same_width_reuses_the_lines() -> None:
    """The footnote frame measures a paragraph before the frame places it: one breaking."""
    calls: list[int] = []

    class Counting(BodyParagraph):
        def _break_lines(self, width: Any, widths: list[float]) -> Any:
            calls.append(1)
            return super()._break_lines(width, widths)

    body = Counting("Vor " + LETTERS[:400] + " nach.", body_style("de"))
    first = body.wrap(WIDTH, 1e6)
    lines = line_texts(body)
    assert body.wrap(WIDTH, 500) == first and line_texts(body) == lines
    assert len(calls) == 1
    body.wrap(WIDTH - 40, 1e6)  # another width: broken again
    assert len(calls) == 2 and len(line_texts(body)) > len(lines)
