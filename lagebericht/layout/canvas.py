"""A canvas that can print "Page 2 of 4" in one layout pass, and dates its PDF.

Each page draws a form XObject named after its number; the forms are defined when the
canvas is saved, once the total page count is known. reportlab allows a form to be used
before it is defined.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from lagebericht.layout.reportlab_adapter import set_creation_moment

# Draws the page-number text of ``page`` out of ``total`` onto the canvas (inside a form).
PageNumberPainter = Callable[[Canvas, int, int], None]


def form_name(page: int) -> str:
    return f"lb-page-number-{page}"


@dataclass(frozen=True)
class Trim:
    """Where a print-shop PDF's page is cut: the page drawn on is ``slug`` larger on
    every side than the trimmed page (``width`` × ``height``); crop marks (if any) run
    from ``bleed`` beyond the trim edge to the page's edge."""

    width: float
    height: float
    slug: float
    bleed: float
    crop_marks: bool


CROP_MARK_WIDTH = 0.25  # points


class PageTotalCanvas(Canvas):  # type: ignore[misc]
    """Canvas whose ``save`` first fills in every page's page-number form.

    ``created``: the Info /CreationDate and /ModDate. reportlab's invariant mode (needed
    for identical bytes) would write 2000-01-01 instead. ``trim``: a print-shop PDF, whose
    pages are drawn in the coordinates of the trimmed page (shifted by the slug).
    """

    def __init__(
        self,
        *args: Any,
        created: dt.datetime | None = None,
        trim: Trim | None = None,
        **kwargs: Any,
    ) -> None:
        self._painters: list[tuple[int, PageNumberPainter]] = []
        self._trim = trim
        super().__init__(*args, **kwargs)
        if created is not None:
            set_creation_moment(self, created)
        self._shift()

    def _shift(self) -> None:
        # Through translate, not the page's preamble: link rectangles are placed with
        # the canvas's matrix, so they move with the text.
        if self._trim is not None and self._trim.slug:
            self.translate(self._trim.slug, self._trim.slug)
        self._untouched = list(self._code)  # a page with only the shift is still empty

    def showPage(self) -> None:
        if self._trim is not None and self._trim.crop_marks:
            self._crop_marks(self._trim)
        super().showPage()
        self._shift()  # the next page starts with a fresh graphics state

    def _crop_marks(self, trim: Trim) -> None:
        """A mark in line with each trim edge at each corner, outside the bleed."""
        near, far = trim.bleed, trim.slug
        w, h = trim.width, trim.height
        self.saveState()
        self.setStrokeColor(black)
        self.setLineWidth(CROP_MARK_WIDTH)
        lines = []
        for x, sx in ((0.0, -1.0), (w, 1.0)):
            for y, sy in ((0.0, -1.0), (h, 1.0)):
                lines.append((x + sx * near, y, x + sx * far, y))  # along the horizontal edge
                lines.append((x, y + sy * near, x, y + sy * far))  # along the vertical edge
        self.lines(lines)
        self.restoreState()

    def draw_page_number(self, painter: PageNumberPainter) -> None:
        """Place this page's page-number form; ``painter`` draws its content at save time."""
        page = self.getPageNumber()
        self._painters.append((page, painter))
        self.doForm(form_name(page))

    def save(self) -> None:
        if self._code == self._untouched:
            self._code.clear()  # else reportlab would add the empty page after the last
        total = self.getPageNumber() - 1  # save() comes after the last showPage()
        for page, painter in self._painters:
            self.beginForm(form_name(page))
            painter(self, page, total)
            self.endForm()
        super().save()
