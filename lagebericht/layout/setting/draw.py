"""Set lines → PDF operators, through reportlab's public canvas API only."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from lagebericht.layout.reportlab_adapter import show_kerned
from lagebericht.layout.setting.lines import SetLine
from lagebericht.layout.structure import Element
from lagebericht.layout.tagging import InlineMarks

_SAME_POINT = 1e-6
LINK_DROP = 1 / 8  # a link's box reaches this share of the font size below the baseline


def draw_lines(
    canv: Canvas, lines: Sequence[SetLine], origins: Sequence[tuple[float, float]], style: Any
) -> None:
    """Draw ``lines``, line ``i`` starting at ``origins[i]`` (x, baseline y)."""
    canv.saveState()
    tx = canv.beginText()
    font: tuple[str, float] | None = None
    color: Any = None
    rise = 0.0
    space = 0.0
    links: list[tuple[str, float, float, float, Element | None]] = []  # target, x0, x1, y
    marks = InlineMarks(canv)  # a link's text is its Link's content, and so on
    for line, (x0, y) in zip(lines, origins, strict=True):
        end = -math.inf  # where the text drawn so far on this line ends
        for piece in line.pieces:
            look = piece.look
            if (switched := marks.switch(tx, look.link, look.lang)) is not None:
                tx, font, end = switched, None, -math.inf  # a new text object
            if not abs(piece.x - end) <= _SAME_POINT:  # else the current point is there
                tx.setTextOrigin(x0 + piece.x, y)
            end = piece.x + piece.width
            if (look.font, look.size) != font:
                font = (look.font, look.size)
                tx.setFont(look.font, look.size)
            if look.color != color:
                color = look.color
                tx.setFillColor(color)
            if look.rise != rise:
                rise = look.rise
                tx.setRise(rise)
            if piece.word_space != space:
                space = piece.word_space
                tx.setWordSpace(space)
            if piece.kerns:
                show_kerned(tx, piece.text, piece.kerns)
            else:
                tx.textOut(piece.text)
            if look.link:
                start, stop = x0 + piece.x, x0 + piece.x + piece.width
                if links and links[-1][0] == look.link and links[-1][3:] == (y, marks.link):
                    links[-1] = (look.link, links[-1][1], stop, y, marks.link)
                else:
                    links.append((look.link, start, stop, y, marks.link))
    tx = marks.switch(tx, None) or tx
    canv.drawText(tx)
    canv.restoreState()
    size, leading = style.fontSize, style.leading
    for target, start, stop, y, link in links:
        bottom = y - size * LINK_DROP
        rect = (start, bottom, stop, bottom + leading)
        marks.annotate(link)
        if target.startswith("#"):
            canv.linkRect("", target[1:], rect, relative=1)
        else:
            canv.linkURL(target, rect, relative=1)


def draw_bullet(canv: Canvas, text: str, baseline: float, style: Any) -> None:
    """A list item's marker or a note's number in the indent of the first line, placed
    as reportlab places ``bulletText`` (``bulletIndent``, ``bulletAnchor``,
    ``bulletOffsetY``)."""
    font, size = style.bulletFontName, style.bulletFontSize
    anchor = getattr(style, "bulletAnchor", "start")
    width = 0.0 if anchor == "start" else stringWidth(text, font, size)
    if anchor == "middle":
        width /= 2
    tx = canv.beginText(style.bulletIndent - width, baseline + getattr(style, "bulletOffsetY", 0))
    tx.setFont(font, size)
    tx.setFillColor(getattr(style, "bulletColor", None) or style.textColor)
    tx.textOut(text)
    canv.drawText(tx)
