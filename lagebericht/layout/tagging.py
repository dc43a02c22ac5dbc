"""Marked content: what is drawn for a structure element, and what is an artifact.

reportlab has no tagging API. Every flowable that draws real content carries its
structure element (:func:`tag`); whoever draws it — a frame, a float, a table cell, the
footnote band — wraps the drawing in ``/Role <</MCID n>> BDC … EMC`` through
:func:`marked`, and the element records the page and MCID (see
:mod:`lagebericht.layout.structure`). Running heads, rules, stripes and the like are
drawn inside ``/Artifact … BDC … EMC``. The marks go into the page's content stream with
the canvas's public ``addLiteral``; a canvas without a structure tree (a measuring pass)
gets none.

Split parts of a flowable are made by its class, without the tag: the frame that splits
(:func:`carry_tag`) and the footnote band give the parts the whole's element.

Content of another element drawn inside a flowable's — a list item's marker (Lbl), a
link's text (Link), words in another language (Span) — gets marked content of its own
(:func:`enter`, :func:`leave`, :class:`InlineMarks`). Sequences with an MCID must not
nest (PDF/UA), so the flowable's sequence ends before it and the flowable's element
continues with a new MCID after it; an element may own several. Marks are never written
inside a text object they do not wholly contain: marks and BT/ET nest properly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import Any, TypeVar

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from lagebericht.layout.structure import Element, StructureTree

# The attribute a flowable's structure element (or artifact kind) is kept in.
ATTRIBUTE = "structure_role"
_CONTINUES = "structure_continues"
_LABEL = "structure_label"  # the Lbl element of a flowable's bullet or note number


class Artifact(Enum):
    """Kinds of artifact, as their BDC property lists (ISO 32000-1, 14.8.2.2)."""

    HEADER = "<</Type /Pagination /Subtype /Header>>"
    FOOTER = "<</Type /Pagination /Subtype /Footer>>"
    WATERMARK = "<</Type /Pagination /Subtype /Watermark>>"
    PAGINATION = "<</Type /Pagination>>"  # a table's header row repeated on a later page
    LAYOUT = "<</Type /Layout>>"  # rules, brand band, logo, table stripes
    PRINTER_MARKS = "<</Type /Page>>"  # crop marks of a print-shop PDF


Tag = Element | Artifact
F = TypeVar("F", bound=Flowable)


def tag(flowable: F, role: Tag | None) -> F:
    """``flowable`` marked as content of ``role`` whenever it is drawn."""
    # Into the instance's dictionary: a Drawing refuses attributes it does not know.
    vars(flowable)[ATTRIBUTE] = role
    return flowable


def tag_of(flowable: object) -> Tag | None:
    """The element or artifact kind a flowable (or a table cell's list) is drawn as."""
    if isinstance(flowable, list | tuple):
        return next((t for f in flowable if (t := tag_of(f)) is not None), None)
    role = getattr(flowable, ATTRIBUTE, None)
    return role if isinstance(role, Element | Artifact) else None


def label(flowable: F, element: Element | None) -> F:
    """``flowable`` whose marker (a list item's bullet or number, a note's number) is
    drawn as content of ``element``, an Lbl: the flowable draws it first, inside
    :func:`inner` for ``element``; the marks of the flowable begin as the label's. Or
    whose text begins in another language, ``element`` a Span with its /Lang
    (:class:`InlineMarks` goes on from there)."""
    vars(flowable)[_LABEL] = element
    return flowable


def label_of(flowable: object) -> Element | None:
    """The element a flowable (or a table cell's list) draws its first content for (see
    :func:`label`), if any."""
    if isinstance(flowable, list | tuple):
        return label_of(flowable[0]) if flowable else None
    element = getattr(flowable, _LABEL, None)
    return element if isinstance(element, Element) else None


def carry_tag(whole: Flowable, parts: Sequence[Flowable]) -> list[Flowable]:
    """``parts`` of ``whole`` (split by its class) tagged as ``whole`` where they have no
    tag of their own, with its marker's label; all but the first continue it."""
    role = tag_of(whole)
    if role is not None:
        for index, part in enumerate(parts):
            if tag_of(part) is None:
                tag(part, role)
                label(part, label_of(whole) if index == 0 else None)  # drawn by the first
                vars(part)[_CONTINUES] = index > 0 or continues(whole)
    return list(parts)


def continues(flowable: Flowable) -> bool:
    """Is ``flowable`` the rest of a block split at the end of a page or column?"""
    return bool(vars(flowable).get(_CONTINUES, False))


def structure_of(canv: Canvas) -> StructureTree | None:
    """The structure tree the canvas records marks for (None: draw no marks)."""
    tree = getattr(canv, "structure", None)
    return tree if isinstance(tree, StructureTree) else None


def begin(canv: Canvas, role: Tag | None, first: Element | None = None) -> None:
    """Open marked content for ``role`` (nothing for None, or inside other marks: one
    level of marks only, the outer one owns what is drawn). ``first``: the element whose
    content is drawn first inside ``role``'s (a :func:`label`): the marks begin as its,
    and :func:`leave` goes on with ``role``'s."""
    tree = structure_of(canv)
    if tree is None:
        return
    emitted = role is not None and not any(tree.marks)
    tree.marks.append(emitted)
    if not emitted:
        return
    if isinstance(role, Artifact):
        canv.addLiteral(f"/Artifact {role.value} BDC")
        return
    assert isinstance(role, Element)
    tree.open.append(role)
    if first is not None:
        tree.open.append(first)
    _sequence(canv, tree, first or role)


def end(canv: Canvas) -> None:
    """Close what the matching :func:`begin` opened."""
    tree = structure_of(canv)
    if tree is None:
        return
    if tree.marks.pop():
        canv.addLiteral("EMC")
        if tree.open and not any(tree.marks):
            tree.open.clear()


@contextmanager
def marked(canv: Canvas, role: Tag | None, first: Element | None = None) -> Iterator[None]:
    """Everything drawn inside is content of ``role`` (see :func:`begin` for ``first``)."""
    begin(canv, role, first)
    try:
        yield
    finally:
        end(canv)


def _sequence(canv: Canvas, tree: StructureTree, element: Element) -> None:
    piece = tree.content(canv.getPageNumber() - 1, element)
    canv.addLiteral(f"/{element.role} <</MCID {piece.mcid}>> BDC")


def enter(canv: Canvas, element: Element | None) -> bool:
    """Content of ``element`` begins inside the content of the element being drawn (an
    Lbl, a Link): that one's sequence ends here. False (and nothing written) when none
    is being drawn — an artifact, a measuring pass — or ``element`` is None."""
    tree = structure_of(canv)
    if tree is None or element is None or not tree.open:
        return False
    if tree.open[-1] is element:  # its marks began with the flowable's (begin's first)
        return True
    canv.addLiteral("EMC")
    _sequence(canv, tree, element)
    tree.open.append(element)
    return True


def leave(canv: Canvas) -> None:
    """Back from what :func:`enter` began to the element around it, with a new MCID."""
    tree = structure_of(canv)
    assert tree is not None and len(tree.open) > 1
    tree.open.pop()
    canv.addLiteral("EMC")
    _sequence(canv, tree, tree.open[-1])


@contextmanager
def inner(canv: Canvas, element: Element | None) -> Iterator[None]:
    """Everything drawn inside is content of ``element`` (see :func:`enter`)."""
    entered = enter(canv, element)
    try:
        yield
    finally:
        if entered:
            leave(canv)


class InlineMarks:
    """The text of the links in one text object drawn as content of their Link elements,
    and words in another language than the paragraph's as content of a Span with that
    /Lang (children of the element being drawn); the annotations made for the links
    given to their elements. Inactive where no element is being drawn."""

    def __init__(self, canv: Canvas) -> None:
        tree = structure_of(canv)
        self.canv = canv
        self.tree = tree if tree is not None and tree.open else None
        # What the text drawn now is: linked to ``target``, in ``lang`` (None: neither).
        self.target: str | None = None
        self.lang: str | None = None
        self.link: Element | None = None  # the Link whose text is being drawn
        opened = self.tree.open[-1] if self.tree is not None else None
        if opened is not None and opened.role == "Span":  # the marks began as its (label)
            self.lang = opened.lang

    def switch(
        self, tx: PDFTextObject, target: str | None, lang: str | None = None
    ) -> PDFTextObject | None:
        """Before text linked to ``target`` (None: not linked) and in language ``lang``
        (None: the paragraph's) is drawn into ``tx``: where a link or such a span begins
        or ends, ``tx`` is drawn and a new text object to go on with returned (its font is
        not set yet); else None."""
        # Asked for every piece of text drawn: no tuple made for the common answer.
        if self.tree is None or (target == self.target and lang == self.lang):
            return None
        self.canv.drawText(tx)
        if self.target is not None or self.lang is not None:
            leave(self.canv)
            self.link = None
        if target is not None or lang is not None:
            element = self.tree.owner.child("Link" if target is not None else "Span", lang=lang)
            self.link = element if target is not None else None
            enter(self.canv, element)
        self.target, self.lang = target, lang
        return self.canv.beginText()

    def annotate(self, link: Element | None) -> None:
        """The next annotation the canvas makes is for ``link`` (its text drawn)."""
        if self.tree is not None:
            self.tree.link = link


def draw(flowable: Flowable, canv: Canvas, x: float, y: float) -> None:
    """``flowable.drawOn`` inside the marks of its tag."""
    with marked(canv, tag_of(flowable), label_of(flowable)):
        flowable.drawOn(canv, x, y)


def placing(flowable: Flowable, canv: Canvas, add: Callable[[], int]) -> int:
    """Run a frame's ``add`` of ``flowable``: if it draws the flowable, the drawing is
    marked. The frame decides inside whether it fits; so the flowable's ``drawOn`` is
    wrapped while the frame adds it."""
    role = tag_of(flowable)
    if role is None or structure_of(canv) is None:
        return add()
    draw_on = flowable.drawOn

    def marked_draw_on(canvas: Canvas, *args: Any, **kwargs: Any) -> None:
        block_starts = getattr(canvas, "block_starts", None)
        if callable(block_starts) and not continues(flowable):
            block_starts()
        with marked(canvas, role, label_of(flowable)):
            draw_on(canvas, *args, **kwargs)

    attributes = vars(flowable)
    attributes["drawOn"] = marked_draw_on
    try:
        return add()
    finally:
        del attributes["drawOn"]


def mark_table(table: Flowable, event: str, *args: Any) -> None:
    """reportlab's table drawing callback (``renderCB``): stripes and rules are
    artifacts, each cell is content of its flowable's tag; a header row drawn again at
    the top of a later page is a pagination artifact."""
    canv = table.canv
    if event in ("startBG", "startLines"):
        begin(canv, Artifact.LAYOUT)
    elif event == "startCell":
        role = tag_of(args[2])
        if isinstance(role, Element) and role.drawn:
            role = Artifact.PAGINATION
        begin(canv, role, label_of(args[2]) if isinstance(role, Element) else None)
    elif event in ("endBG", "endLines", "endCell"):
        end(canv)


__all__ = [
    "ATTRIBUTE",
    "Artifact",
    "InlineMarks",
    "Tag",
    "begin",
    "carry_tag",
    "draw",
    "end",
    "enter",
    "inner",
    "label",
    "label_of",
    "leave",
    "mark_table",
    "marked",
    "placing",
    "structure_of",
    "tag",
    "tag_of",
]
