"""What is drawn around the body on each page: header block rules, running header, footer."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from lagebericht.layout.canvas import PageTotalCanvas
from lagebericht.layout.fonts import FontFamily
from lagebericht.layout.theme import Theme
from lagebericht.text.labels import page_of


@dataclass(frozen=True)
class PageTexts:
    """The plain strings printed on every page (already typeset, not markup)."""

    running_header: str
    publisher: str
    language: str
    classification: str | None = None  # distribution marking, printed on every page
    watermark: str | None = None  # DRAFT/ENTWURF across every page of a draft


@dataclass(frozen=True)
class PageDecorator:
    """Draws header and footer of a page; one instance per build."""

    theme: Theme
    fonts: FontFamily
    texts: PageTexts

    def first_page(self, canv: Canvas) -> None:
        t = self.theme
        self.watermark(canv)
        # The brand bar along the top edge of page 1.
        canv.saveState()
        canv.setFillColor(HexColor(t.brand))
        canv.rect(0, t.page_height - 6, t.page_width, 6, stroke=0, fill=1)
        canv.setFillColor(HexColor(t.accent))
        canv.rect(t.margin_left, t.page_height - 6, 28, 6, stroke=0, fill=1)
        canv.restoreState()
        self.footer(canv)

    def later_page(self, canv: Canvas) -> None:
        t = self.theme
        self.watermark(canv)
        canv.saveState()
        y = t.page_height - t.header_offset
        canv.setFont(self.fonts.regular, t.small_size)
        canv.setFillColor(HexColor(t.muted))
        canv.drawString(t.margin_left, y, _fit(self.texts.running_header, self, t.frame_width))
        canv.setStrokeColor(HexColor(t.rule))
        canv.setLineWidth(0.5)
        canv.line(t.margin_left, y - 4, t.page_width - t.margin_right, y - 4)
        canv.restoreState()
        self.footer(canv)

    def watermark(self, canv: Canvas) -> None:
        """The diagonal DRAFT/ENTWURF mark, drawn first so the text stays on top of it."""
        word = self.texts.watermark
        if not word:
            return
        t = self.theme
        canv.saveState()
        canv.translate(t.page_width / 2, t.page_height / 2)
        canv.rotate(55)
        canv.setFillColor(HexColor("#e3e7eb"))
        size = 110.0
        canv.setFont(self.fonts.bold, size)
        canv.drawCentredString(0, -size * 0.35, word)
        canv.restoreState()

    def footer(self, canv: Canvas) -> None:
        t = self.theme
        y = t.footer_offset
        canv.saveState()
        canv.setStrokeColor(HexColor(t.rule))
        canv.setLineWidth(0.5)
        canv.line(t.margin_left, y + 10, t.page_width - t.margin_right, y + 10)
        canv.setFont(self.fonts.regular, t.small_size)
        canv.setFillColor(HexColor(t.muted))
        canv.drawString(t.margin_left, y, self.texts.publisher)
        if self.texts.classification:
            canv.setFont(self.fonts.bold, t.small_size)
            canv.setFillColor(HexColor(t.accent))
            canv.drawCentredString(t.page_width / 2, y, self.texts.classification)
        canv.restoreState()
        if isinstance(canv, PageTotalCanvas):
            canv.draw_page_number()

    def page_number(self, canv: Canvas, page: int, total: int) -> None:
        """Painter of the page-number forms (see :mod:`lagebericht.layout.canvas`)."""
        t = self.theme
        canv.setFont(self.fonts.regular, t.small_size)
        canv.setFillColor(HexColor(t.muted))
        canv.drawRightString(
            t.page_width - t.margin_right,
            t.footer_offset,
            page_of(self.texts.language, page, total),
        )


def _fit(text: str, deco: PageDecorator, width: float) -> str:
    """Shorten ``text`` with an ellipsis so the running header stays on one line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = deco.theme.small_size
    font = deco.fonts.regular
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
