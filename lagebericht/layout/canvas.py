"""A canvas that can print "Page 2 of 4" in one layout pass, and dates its PDF.

Each page draws a form XObject named after its number; the forms are defined when the
canvas is saved, once the total page count is known. reportlab allows a form to be used
before it is defined.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from lagebericht.layout.reportlab_adapter import set_creation_moment

# Draws the page-number text of ``page`` out of ``total`` onto the canvas (inside a form).
PageNumberPainter = Callable[[Canvas, int, int], None]


def form_name(page: int) -> str:
    return f"lb-page-number-{page}"


class PageTotalCanvas(Canvas):  # type: ignore[misc]
    """Canvas whose ``save`` first fills in every page's page-number form.

    ``created``: the Info /CreationDate and /ModDate. reportlab's invariant mode (needed
    for identical bytes) would write 2000-01-01 instead.
    """

    def __init__(self, *args: Any, created: dt.datetime | None = None, **kwargs: Any) -> None:
        self._painters: list[tuple[int, PageNumberPainter]] = []
        super().__init__(*args, **kwargs)
        if created is not None:
            set_creation_moment(self, created)

    def draw_page_number(self, painter: PageNumberPainter) -> None:
        """Place this page's page-number form; ``painter`` draws its content at save time."""
        page = self.getPageNumber()
        self._painters.append((page, painter))
        self.doForm(form_name(page))

    def save(self) -> None:
        total = self.getPageNumber() - 1  # save() comes after the last showPage()
        for page, painter in self._painters:
            self.beginForm(form_name(page))
            painter(self, page, total)
            self.endForm()
        super().save()
