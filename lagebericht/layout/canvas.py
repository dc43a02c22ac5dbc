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
from lagebericht.layout.structure import StructureTree
from lagebericht.layout.tagging import Artifact, marked

# Draws the page-number text of ``page`` out of ``total`` onto the canvas (inside a form).
PageNumberPainter = Callable[[Canvas, int, int], None]


def form_name(page: int) -> str:
    return f"lb-page-number-{page}"


class PageTotalCanvas(Canvas):  # type: ignore[misc]
    """Canvas whose ``save`` first fills in every page's page-number form.

    ``created``: the Info /CreationDate and /ModDate. reportlab's invariant mode (needed
    for identical bytes) would write 2000-01-01 instead. ``structure``: the tree whose
    marked content the layout draws (see :mod:`lagebericht.layout.tagging`); every link
    annotation the canvas makes is recorded in it.
    """

    def __init__(
        self,
        *args: Any,
        created: dt.datetime | None = None,
        structure: StructureTree | None = None,
        **kwargs: Any,
    ) -> None:
        self._painters: list[tuple[int, PageNumberPainter]] = []
        self.structure = structure
        super().__init__(*args, **kwargs)
        if created is not None:
            set_creation_moment(self, created)

    # Each of the three link methods adds one annotation to the page.
    def linkAbsolute(self, contents: str, destinationname: str, *args: Any, **kw: Any) -> Any:
        if self.structure is not None:
            self.structure.annotation(self.getPageNumber() - 1, destinationname)
        return super().linkAbsolute(contents, destinationname, *args, **kw)

    def linkRect(self, contents: str, destinationname: str, *args: Any, **kw: Any) -> Any:
        if self.structure is not None:
            self.structure.annotation(self.getPageNumber() - 1, destinationname)
        return super().linkRect(contents, destinationname, *args, **kw)

    def linkURL(self, url: str, *args: Any, **kw: Any) -> Any:
        if self.structure is not None:
            self.structure.annotation(self.getPageNumber() - 1, url)
        return super().linkURL(url, *args, **kw)

    def draw_page_number(self, painter: PageNumberPainter) -> None:
        """Place this page's page-number form; ``painter`` draws its content at save time."""
        page = self.getPageNumber()
        self._painters.append((page, painter))
        with marked(self, Artifact.FOOTER):
            self.doForm(form_name(page))

    def save(self) -> None:
        total = self.getPageNumber() - 1  # save() comes after the last showPage()
        for page, painter in self._painters:
            self.beginForm(form_name(page))
            painter(self, page, total)
            self.endForm()
        super().save()
