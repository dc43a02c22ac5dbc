"""A canvas that can print "Page 2 of 4" in one layout pass.

Each page draws a form XObject named after its number; the forms are defined when the
canvas is saved, once the total page count is known. reportlab allows a form to be used
before it is defined.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas

# Draws the page-number text of ``page`` out of ``total`` onto the canvas (inside a form).
PageNumberPainter = Callable[[Canvas, int, int], None]


def form_name(page: int) -> str:
    return f"lb-page-number-{page}"


class PageTotalCanvas(Canvas):  # type: ignore[misc]
    """Canvas whose ``save`` first fills in every page's page-number form."""

    def __init__(self, *args: Any, painter: PageNumberPainter, **kwargs: Any) -> None:
        self._painter = painter
        self._numbered_pages: list[int] = []
        super().__init__(*args, **kwargs)

    def draw_page_number(self) -> None:
        """Place this page's page-number form (content drawn at save time)."""
        page = self.getPageNumber()
        self._numbered_pages.append(page)
        self.doForm(form_name(page))

    def save(self) -> None:
        total = self.getPageNumber() - 1  # save() comes after the last showPage()
        for page in self._numbered_pages:
            self.beginForm(form_name(page))
            self._painter(self, page, total)
            self.endForm()
        super().save()
