"""Line breaking's bookkeeping, made cheaper, keeps its contract: a break leaves the
paragraph's style untouched, asks the dictionary only for words overflowing a line, and
learns from the dictionary's walk which lines end hyphenated (so the hyphen rule holds).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from lagebericht.layout.hyphenation import MIN_WORD_LENGTH, hyphenator_for
from lagebericht.layout.paragraph import BodyParagraph, LineEnd, line_ends
from lagebericht.theme import load_theme

FONT = "LB-Test-Roboto"
TEXT = (
    "Die Außenhandelsbeziehungen und die Infrastrukturentwicklung prägen die Zusammenarbeit; "
    "die Sicherheitsinteressen der Mitgliedstaaten verlangen eine gemeinsame Kommandostruktur."
)


@pytest.fixture(scope="module", autouse=True)
def _font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        regular = load_theme().font_paths["regular"]
        pdfmetrics.registerFont(TTFont(FONT, str(regular)))


def style(hyphenate: Any = None) -> ParagraphStyle:
    result = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=10.5,
        leading=14.5,
        alignment=TA_JUSTIFY,
        hyphenationLang=hyphenate if hyphenate is not None else hyphenator_for("de") or "",
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
    )
    result.hyphenationMinWordLength = MIN_WORD_LENGTH
    return result


def test_breaking_leaves_the_style_as_it_was() -> None:
    body = style()
    before = dict(vars(body))
    paragraph = BodyParagraph(f"{TEXT} {TEXT}", body)
    paragraph.wrap(140, 1e6)
    assert paragraph.style is body
    assert vars(body) == before


def test_hyphenated_lines_are_those_the_dictionary_was_walked_for() -> None:
    calls: list[str] = []
    dictionary = hyphenator_for("de")
    assert dictionary is not None

    def counting(word: str) -> Iterator[tuple[str, str]]:
        calls.append(word)
        return dictionary(word)

    paragraph = BodyParagraph(f"{TEXT} {TEXT}", style(counting))
    paragraph.wrap(140, 1e6)
    ends = line_ends(paragraph)
    assert LineEnd.HYPHENATED in ends
    # Asked only for words overflowing a line, never more often than there are line ends.
    assert 0 < len(calls) <= len(ends)
    # Never three hyphenated lines in a row: the walk told the rule which lines ended so.
    run = longest = 0
    for end in ends:
        run = 0 if end is LineEnd.PLAIN else run + 1
        longest = max(longest, run)
    assert longest <= 2
