"""Single lines outside paragraphs — running head, footer, page number, markings, the
draft watermark — are measured and drawn kerned, as the body is (``layout.kerned_text``)."""

from __future__ import annotations

import io
import math
from typing import Any

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from lagebericht.layout import render_pdf
from lagebericht.layout.font_kerning import kerning_of_font
from lagebericht.layout.fonts import family_of
from lagebericht.layout.kerned_text import Align, draw_kerned, kerned_width
from lagebericht.theme import load_theme
from tests.layout.factories import filled

pdfplumber = pytest.importorskip("pdfplumber")

TEXT = "AVATAR Travel To Tokyo"


def regular() -> str:
    return family_of(load_theme()).regular


def chars_of(pdf: bytes, page: int = 0) -> list[dict[str, Any]]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [c for c in document.pages[page].chars if c["text"].strip()]


def assert_kerned(chars: list[dict[str, Any]], text: str, font: str, size: float) -> int:
    """Each glyph of ``text`` (``chars``: its glyphs without the spaces, in order) sits one
    kerned advance after the one before, along the baseline however it is turned; the
    number of pairs kerned."""
    kerning = kerning_of_font(font)
    assert "".join(c["text"] for c in chars) == text.replace(" ", "")
    glyphs = iter(chars)
    first = chars[0]["matrix"]
    kerned = 0
    advance = 0.0  # along the baseline from the first glyph
    for index, a in enumerate(text):
        if a != " ":
            matrix = next(glyphs)["matrix"]
            distance = math.hypot(matrix[4] - first[4], matrix[5] - first[5])
            assert distance == pytest.approx(advance, abs=0.01), (text, index, a)
        pair = kerning.pair(a, text[index + 1]) if index + 1 < len(text) else 0.0
        kerned += pair != 0
        advance += stringWidth(a, font, size) + pair * size / 1000
    return kerned


def test_the_width_is_the_glyphs_and_the_pairs() -> None:
    font = regular()
    kerning = kerning_of_font(font)
    assert kerning.total(TEXT) < 0  # "AV", "VA", "Tr", "To"…
    assert kerned_width(TEXT, font, 8) == pytest.approx(
        stringWidth(TEXT, font, 8) + kerning.total(TEXT) * 8 / 1000, abs=1e-9
    )
    assert kerned_width("", font, 8) == 0.0


@pytest.mark.parametrize("align", ["left", "centre", "right"])
def test_a_line_is_drawn_kerned_from_its_anchor(align: Align) -> None:
    font, size, anchor = regular(), 9.0, 300.0
    out = io.BytesIO()
    canv = Canvas(out, invariant=1)
    draw_kerned(canv, anchor, 500, TEXT, font, size, align)
    canv.save()
    chars = chars_of(out.getvalue())
    assert assert_kerned(chars, TEXT, font, size) >= 4
    width = kerned_width(TEXT, font, size)
    start = {"left": anchor, "centre": anchor - width / 2, "right": anchor - width}[align]
    assert chars[0]["x0"] == pytest.approx(start, abs=0.01)


def test_the_running_head_page_number_and_watermark_are_kerned() -> None:
    # Page 2 of a draft: the running head (label · office · title), the footer's page
    # number (right-aligned) and the watermark, each kerned as the body's words are.
    title = "Travel To Tokyo, AVATAR"
    report = filled(2, language="en", draft=True).model_copy(update={"title": title})
    theme = load_theme()
    family = family_of(theme)
    small = theme.sizes.small
    with pdfplumber.open(io.BytesIO(render_pdf(report))) as document:
        page = document.pages[1]
        width = float(page.width)
        lines = page.extract_text_lines()
        big = [c for c in page.chars if c["size"] > 30]
    head, foot = lines[0], lines[-1]
    assert head["text"].endswith(title)
    glyphs = [c for c in head["chars"] if c["text"] != " "]
    assert assert_kerned(glyphs, head["text"], family.regular, small) >= 4
    number = "Page 2 of 2"
    assert foot["text"].endswith(number)
    glyphs = [c for c in foot["chars"] if c["text"] != " "][-len(number.replace(" ", "")) :]
    assert_kerned(glyphs, number, family.regular, small)
    right = width - theme.pt(theme.page.margin_right)
    assert glyphs[-1]["x1"] == pytest.approx(right, abs=0.05)
    # The watermark's size (shrunk to the diagonal) from its first advance, "DR", a pair
    # without kerning; then "FT", the word's one kerned pair, must be as kerned.
    assert "".join(c["text"] for c in big) == "DRAFT"
    (a, b), font = (big[0]["matrix"][4:], big[1]["matrix"][4:]), family.bold
    size = math.hypot(b[0] - a[0], b[1] - a[1]) / stringWidth("D", font, 1)
    assert kerning_of_font(font).pair("D", "R") == 0
    assert assert_kerned(big, "DRAFT", font, size) == 1
