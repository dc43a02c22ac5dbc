"""A heading is kept with two lines of what follows, not with all of it: a heading, a
one-line introduction and a list stay at the foot of a page when the heading, the
introduction and the list's first item fit there (issue 15, point 6)."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from lagebericht.layout import render_pdf
from lagebericht.theme import load_theme
from tests.layout.factories import FILLER, bullets, para, report, section, text
from tests.pdf_inspect import number

BOTTOM = 841.89 - 25 * 72 / 25.4
LINE = 14.5


def _pages(words: int) -> list[list[dict[str, object]]]:
    intro = para(text("The states named their priorities as follows:"))
    items = bullets(*[("Lead:", "a short item.") for _ in range(5)])
    body = (
        para(text(FILLER * 7)),
        para(text(" ".join(["word"] * words))),
        section("Priorities of the member states", intro, items),
        para(text(FILLER * 3)),
    )
    pdf = render_pdf(report(body), load_theme())
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [
            [w for w in page.extract_words(extra_attrs=["size"]) if number(w, "size") > 10]
            for page in doc.pages
        ]


def _lines_below(page: list[dict[str, object]], top: float) -> int:
    return len({round(number(w, "top")) for w in page if number(w, "top") > top + 1})


def test_heading_stays_with_the_introduction_and_the_first_item() -> None:
    # 405 words leave 5.7 empty lines on page 1: room for the heading, the introduction
    # and the first item, not for the three lines of text reserved before.
    pages = _pages(405)
    heading = [w for w in pages[0] if w["text"] == "Priorities"]
    assert heading, "the heading went to page 2"
    assert _lines_below(pages[0], number(heading[0], "top")) >= 2


@pytest.mark.parametrize("words", range(300, 480, 15))
def test_a_heading_never_ends_a_page_with_less_than_two_lines_after_it(words: int) -> None:
    pages = _pages(words)
    for page in pages:
        heading = [w for w in page if w["text"] == "Priorities"]
        if heading:
            assert _lines_below(page, number(heading[0], "top")) >= 2
            return
    pytest.fail("no heading")
