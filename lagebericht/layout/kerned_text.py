"""A single line of text outside any paragraph — the running head, the footer's texts,
the page number, the markings, the draft watermark — measured and drawn kerned, with the
pairs the paragraphs use (``layout.kerning``): the page's small type and its largest
letters are set as its body is."""

from __future__ import annotations

from typing import Literal

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from lagebericht.layout.font_kerning import kerning_of_font
from lagebericht.layout.reportlab_adapter import show_kerned

Align = Literal["left", "centre", "right"]


def kerned_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in ``font`` at ``size``, kerned."""
    width: float = stringWidth(text, font, size)
    return width + kerning_of_font(font).total(text) * size / 1000


def draw_kerned(
    canv: Canvas, x: float, y: float, text: str, font: str, size: float, align: Align = "left"
) -> None:
    """Draw ``text`` kerned on the baseline ``y``, starting at ``x`` (``left``), centred
    on it or ending at it, in the canvas's fill colour."""
    if align != "left":
        width = kerned_width(text, font, size)
        x -= width / 2 if align == "centre" else width
    tx = canv.beginText(x, y)
    tx.setFont(font, size)
    show_kerned(tx, text, kerning_of_font(font).adjustments(text))
    # Ends the line (T*) as drawString does: text extractors take it as a line's end,
    # and would otherwise run the page number on into the body's next text.
    tx.textLine("")
    canv.drawText(tx)
