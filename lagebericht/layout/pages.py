"""What is drawn around the body on each page: brand bar, running header, footer, markings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from lagebericht.layout.canvas import PageTotalCanvas
from lagebericht.layout.fonts import FontFamily
from lagebericht.layout.geometry import Geometry
from lagebericht.layout.kerned_text import Align, draw_kerned, kerned_width
from lagebericht.layout.tagging import Artifact, marked
from lagebericht.text.labels import page_of
from lagebericht.theme import Theme
from lagebericht.theme.model import Labels


@dataclass(frozen=True)
class PageTexts:
    """The plain strings printed on every page (already typeset, not markup)."""

    running_header: str
    publisher: str
    office: str
    labels: Labels
    classification: str | None = None  # distribution marking, printed on every page
    watermark: str | None = None  # DRAFT/ENTWURF across every page of a draft


@dataclass(frozen=True)
class PageDecorator:
    """Draws the furniture of a page; one instance per build."""

    theme: Theme
    geometry: Geometry
    fonts: FontFamily
    texts: PageTexts

    def first_page(self, canv: Canvas) -> None:
        self.watermark(canv)
        _furniture(canv, lambda: self._first_page(canv))

    def later_page(self, canv: Canvas) -> None:
        self.watermark(canv)
        _furniture(canv, lambda: self._later_page(canv))

    def _first_page(self, canv: Canvas) -> None:
        g, colours = self.geometry, self.theme.colours
        # The brand bar along the top edge of page 1, with the accent at the text edge;
        # for a print shop both run on into the bleed beyond the edge.
        with marked(canv, Artifact.LAYOUT):
            canv.saveState()
            canv.setFillColor(HexColor(colours.brand))
            bar = 6 + g.bleed
            canv.rect(
                -g.bleed, g.page_height - 6, g.page_width + 2 * g.bleed, bar, stroke=0, fill=1
            )
            canv.setFillColor(HexColor(colours.accent))
            canv.rect(g.margin_left, g.page_height - 6, 28, bar, stroke=0, fill=1)
            canv.restoreState()
        self.top_marking(canv)
        self.footer(canv)

    def _later_page(self, canv: Canvas) -> None:
        g, t = self.geometry, self.theme
        with marked(canv, Artifact.HEADER):
            canv.saveState()
            y = g.page_height - g.header_offset
            canv.setFillColor(HexColor(t.colours.muted))
            header = self._shortened(self.texts.running_header, self.fonts.regular, g.frame_width)
            draw_kerned(canv, g.margin_left, y, header, self.fonts.regular, t.sizes.small)
            canv.setStrokeColor(HexColor(t.colours.rule))
            canv.setLineWidth(0.5)
            canv.line(g.margin_left, y - 4, g.page_width - g.margin_right, y - 4)
            canv.restoreState()
        self.top_marking(canv)
        self.footer(canv)

    def top_marking(self, canv: Canvas) -> None:
        """The distribution marking centred at the top of the page, if the theme wants it."""
        text, t = self.texts.classification, self.theme
        if not text or not t.classification.top:
            return
        g = self.geometry
        with marked(canv, Artifact.HEADER):
            canv.saveState()
            canv.setFillColor(HexColor(t.colours.accent))
            y = g.page_height - t.pt(t.classification.top_offset)
            shortened = self._shortened(text, self.fonts.bold, g.frame_width)
            draw_kerned(
                canv, g.page_width / 2, y, shortened, self.fonts.bold, t.sizes.small, "centre"
            )
            canv.restoreState()

    def watermark(self, canv: Canvas) -> None:
        """The diagonal DRAFT/ENTWURF mark, drawn first so the text stays on top of it."""
        if self.texts.watermark:
            with marked(canv, Artifact.WATERMARK):
                self._watermark(canv, self.texts.watermark)

    def _watermark(self, canv: Canvas, word: str) -> None:
        g = self.geometry
        size = 110.0
        # Shrink long words so the mark stays on the page's diagonal.
        diagonal = (g.page_width**2 + g.page_height**2) ** 0.5 * 0.7
        size = min(size, size * diagonal / kerned_width(word, self.fonts.bold, size))
        canv.saveState()
        canv.translate(g.page_width / 2, g.page_height / 2)
        canv.rotate(55)
        canv.setFillColor(HexColor(self.theme.colours.watermark))
        draw_kerned(canv, 0, -size * 0.35, word, self.fonts.bold, size, "centre")
        canv.restoreState()

    def footer(self, canv: Canvas) -> None:
        with marked(canv, Artifact.FOOTER):
            self._footer(canv)

    def _footer(self, canv: Canvas) -> None:
        g, t = self.geometry, self.theme
        y = g.footer_offset
        canv.saveState()
        canv.setStrokeColor(HexColor(t.colours.rule))
        canv.setLineWidth(0.5)
        canv.line(g.margin_left, y + 10, g.page_width - g.margin_right, y + 10)
        slots: tuple[tuple[str | None, float, Align], ...] = (
            (t.footer.left, g.margin_left, "left"),
            (t.footer.centre, g.page_width / 2, "centre"),
            (t.footer.right, g.page_width - g.margin_right, "right"),
        )
        texts = [self._footer_text(item) for item, _, _ in slots]
        fonts = [self._footer_font(item) for item, _, _ in slots]
        widths = [
            kerned_width(text, font, t.sizes.small) if text else 0.0
            for text, font in zip(texts, fonts, strict=True)
        ]
        rooms = footer_rooms(widths, g.frame_width)
        for (item, x, align), text, font, room in zip(slots, texts, fonts, rooms, strict=True):
            if item == "page":
                # Filled in at the end, when the total is known (see layout/canvas.py).
                if isinstance(canv, PageTotalCanvas):
                    canv.draw_page_number(_PageNumber(self, x, align))
                continue
            if not text:
                continue
            marking = item == "classification"
            canv.setFillColor(HexColor(t.colours.accent if marking else t.colours.muted))
            draw_kerned(canv, x, y, self._shortened(text, font, room), font, t.sizes.small, align)
        canv.restoreState()

    def _footer_text(self, item: str | None) -> str | None:
        """What a footer slot shows; for the page number, the widest it is likely to be."""
        if item == "page":
            return page_of(self.texts.labels, 999, 999)
        return {
            "publisher": self.texts.publisher,
            "office": self.texts.office,
            "classification": self.texts.classification,
        }.get(item or "")

    def _shortened(self, text: str, font: str, room: float) -> str:
        """A line of the page's small type within ``room``: shortened at a word boundary
        if it is too long (the running header, the markings, the footer's texts)."""
        size = self.theme.sizes.small
        return shorten_at_word(text, room, lambda value: kerned_width(value, font, size))

    def _footer_font(self, item: str | None) -> str:
        return self.fonts.bold if item == "classification" else self.fonts.regular


def _furniture(canv: Canvas, draw: Callable[[], None]) -> None:
    """Head, footer and brand band into the page's furniture form, which the text shows
    where the page's first block begins (see layout/canvas.py); the watermark stays
    first, under the text."""
    if isinstance(canv, PageTotalCanvas):
        canv.page_form("furniture", draw)
    else:
        draw()


FOOTER_GAP = 12.0  # pt kept free between the texts of the footer's slots


def footer_rooms(widths: list[float], frame: float) -> list[float]:
    """The widths the footer's left, centre and right texts may take (a text wider than
    its room is shortened): all they need when they fit; else a centre text keeps the
    middle third at least and the sides share what is left."""
    left, centre, right = widths
    if centre:
        side = frame / 3 - FOOTER_GAP
        wider = max(min(left, side), min(right, side))
        middle = frame - 2 * (wider + FOOTER_GAP) if wider else frame
        return [side, middle, side]
    sides = frame - FOOTER_GAP
    if left + right <= sides:
        return [sides, 0.0, sides]
    half = sides / 2
    if left <= half:
        return [left, 0.0, sides - left]
    if right <= half:
        return [sides - right, 0.0, right]
    return [half, 0.0, half]


# Separators and punctuation that make no sense right before the ellipsis ("Astana · …").
_TRAILING = " \u00a0·•–—-,;:/|"


def shorten_at_word(text: str, width: float, measure: Callable[[str], float]) -> str:
    """``text`` if it fits ``width``, else its longest run of whole words that fits with
    an ellipsis after it. Only when not even the first word fits is that word cut."""
    if measure(text) <= width:
        return text
    # Word boundaries are ordinary spaces; a no-break space (a typographic tie) holds.
    words = text.split(" ")
    for count in range(len(words) - 1, 0, -1):
        head = " ".join(words[:count]).rstrip(_TRAILING)
        if head and measure(head + "…") <= width:
            return head + "…"
    first = words[0]
    while first and measure(first + "…") > width:
        first = first[:-1]
    return first + "…"


@dataclass(frozen=True)
class _PageNumber:
    """Paints "Page n of N" at a footer slot once the total is known."""

    deco: PageDecorator
    x: float
    align: Align

    def __call__(self, canv: Canvas, page: int, total: int) -> None:
        t = self.deco.theme
        canv.setFillColor(HexColor(t.colours.muted))
        text = page_of(self.deco.texts.labels, page, total)
        y = self.deco.geometry.footer_offset
        draw_kerned(canv, self.x, y, text, self.deco.fonts.regular, t.sizes.small, self.align)
