"""A canvas that can print "Page 2 of 4" in one layout pass, and dates its PDF.

Each page draws a form XObject named after its number; the forms are defined when the
canvas is saved, once the total page count is known. reportlab allows a form to be used
before it is defined.

The same device keeps text extraction in reading order. Programs that extract text
(pypdf, pdf.js) follow the content stream, not the structure tree, so the running head,
the footer and the footnotes are drawn into forms of their page (:meth:`page_form`).
The furniture is shown where the page's first block begins, the notes where the first
block after a footnote reference begins (:meth:`block_starts`; at the page's end when
there is none): a sentence continued from the page before or onto the next is not cut
by them, and they are not glued to the text. Where they appear on the page is the same.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from lagebericht.layout.reportlab_adapter import page_operators, set_creation_moment
from lagebericht.layout.structure import StructureTree, note_number
from lagebericht.layout.tagging import Artifact, marked

Rect = tuple[float, float, float, float]

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


# The forms of each page, in the order they are shown: furniture, then the notes.
PAGE_FORMS = ("furniture", "notes")


def page_form_name(kind: str, page: int) -> str:
    return f"lb-{kind}-{page}"


class PageTotalCanvas(Canvas):  # type: ignore[misc]
    """Canvas whose ``save`` first fills in every page's page-number form.

    ``created``: the Info /CreationDate and /ModDate. reportlab's invariant mode (needed
    for identical bytes) would write 2000-01-01 instead. ``trim``: a print-shop PDF, whose
    pages are drawn in the coordinates of the trimmed page (shifted by the slug).
    ``structure``: the tree whose marked content the layout draws (see
    :mod:`lagebericht.layout.tagging`); every link annotation the canvas makes is
    recorded in it.
    """

    def __init__(
        self,
        *args: Any,
        created: dt.datetime | None = None,
        trim: Trim | None = None,
        structure: StructureTree | None = None,
        **kwargs: Any,
    ) -> None:
        self._painters: list[tuple[int, PageNumberPainter]] = []
        self._trim = trim
        self._forms: list[str] = []  # this page's forms (none: drawn straight on it)
        self._waiting: dict[str, str] = {}  # those not yet shown, by kind
        self._referenced = False  # a footnote reference was drawn on this page
        self._defined: set[str] = set()
        self._in_form = False
        self._deferred: list[Callable[[], None]] = []  # links drawn inside the form
        self.structure = structure
        super().__init__(*args, **kwargs)
        if created is not None:
            set_creation_moment(self, created)
        self._shift()

    def _shift(self) -> None:
        # Through translate, not the page's preamble: link rectangles are placed with
        # the canvas's matrix, so they move with the text.
        if self._trim is not None and self._trim.slug:
            self.translate(self._trim.slug, self._trim.slug)
        self._untouched = list(page_operators(self))  # a page with only the shift is still empty

    def _crop_marks(self, trim: Trim) -> None:
        """A mark in line with each trim edge at each corner, outside the bleed."""
        near, far = trim.bleed, trim.slug
        w, h = trim.width, trim.height
        with marked(self, Artifact.PRINTER_MARKS):
            self._draw_crop_marks(near, far, w, h)

    def _draw_crop_marks(self, near: float, far: float, w: float, h: float) -> None:
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

    # Each of the three link methods adds one annotation to the page: recorded in the
    # structure, and made after the form when drawn inside one (reportlab allows no
    # annotation in a form), at the same place on the page.
    def linkAbsolute(
        self, contents: str, destinationname: str, Rect: Rect | None = None, **kw: Any
    ) -> None:
        make = functools.partial(super().linkAbsolute, contents, destinationname, **kw)
        self._annotate(destinationname, make, Rect, relative=False)

    def linkRect(
        self,
        contents: str,
        destinationname: str,
        Rect: Rect | None = None,
        addtopage: int = 1,
        name: str | None = None,
        relative: int = 1,
        **kw: Any,
    ) -> None:
        # relative=0: the rectangle is made absolute first.
        make = functools.partial(
            super().linkRect,
            contents,
            destinationname,
            addtopage=addtopage,
            name=name,
            relative=0,
            **kw,
        )
        self._annotate(destinationname, make, Rect, bool(relative))

    def linkURL(self, url: str, rect: Rect, relative: int = 0, **kw: Any) -> None:
        make = functools.partial(super().linkURL, url, relative=0, **kw)
        self._annotate(url, make, rect, bool(relative))

    def _annotate(
        self, target: str, make: Callable[..., Any], rect: Rect | None, relative: bool
    ) -> None:
        if rect is not None and relative:
            corners = [self.absolutePosition(x, y) for x in rect[::2] for y in rect[1::2]]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            rect = (min(xs), min(ys), max(xs), max(ys))
        structure = self.structure
        owner = structure.owner if structure is not None else None
        link = None
        if structure is not None:
            link, structure.link = structure.link, None
        page = self.getPageNumber() - 1

        def create() -> None:
            if structure is not None:
                structure.annotation(page, target, owner, link)
            make(rect)

        if self._in_form:
            self._deferred.append(create)
        else:
            self._referenced = self._referenced or note_number(target) is not None
            create()

    def page_form(self, kind: str, draw: Callable[[], None]) -> None:
        """``draw`` into this page's form of ``kind`` (one of :data:`PAGE_FORMS`), shown
        where the page's first block begins. Marked content inside is numbered in the
        form's own MCIDs."""
        page = self.getPageNumber()
        name = page_form_name(kind, page)
        if not self._forms:
            self._forms = [page_form_name(k, page) for k in PAGE_FORMS]
            self._waiting = dict(zip(PAGE_FORMS, self._forms, strict=True))
        self._defined.add(name)
        self.beginForm(name)
        self._in_form = True
        if self.structure is not None:
            self.structure.form = name
        try:
            draw()
        finally:
            if self.structure is not None:
                self.structure.form = None
            self._in_form = False
            self.endForm()
        deferred, self._deferred = self._deferred, []
        for create in deferred:
            create()

    def block_starts(self, ending: bool = False) -> None:
        """A block (not the rest of one from the page before) begins here (``ending``:
        the page ends): show the page's forms that wait for it."""
        for kind, name in list(self._waiting.items()):
            if ending or self._referenced or kind != "notes":
                self.doForm(name)
                del self._waiting[kind]

    def showPage(self) -> None:
        self.block_starts(ending=True)
        for kind, name in zip(PAGE_FORMS, self._forms, strict=False):
            if name not in self._defined:  # a form shown must exist (a page without notes)
                self.page_form(kind, lambda: None)
        self._forms = []
        self._referenced = False
        if self._trim is not None and self._trim.crop_marks:
            self._crop_marks(self._trim)
        super().showPage()
        self._shift()  # the next page starts with a fresh graphics state

    def draw_page_number(self, painter: PageNumberPainter) -> None:
        """Place this page's page-number form; ``painter`` draws its content at save time."""
        page = self.getPageNumber()
        self._painters.append((page, painter))
        with marked(self, Artifact.FOOTER):
            self.doForm(form_name(page))

    def save(self) -> None:
        operators = page_operators(self)
        if operators == self._untouched:
            operators.clear()  # else reportlab would add the empty page after the last
        total = self.getPageNumber() - 1  # save() comes after the last showPage()
        for page, painter in self._painters:
            self.beginForm(form_name(page))
            painter(self, page, total)
            self.endForm()
        super().save()
