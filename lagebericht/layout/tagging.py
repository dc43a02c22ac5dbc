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
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import Any, TypeVar

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from lagebericht.layout.structure import Element, StructureTree

# The attribute a flowable's structure element (or artifact kind) is kept in.
ATTRIBUTE = "structure_role"
_CONTINUES = "structure_continues"


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


def carry_tag(whole: Flowable, parts: Sequence[Flowable]) -> list[Flowable]:
    """``parts`` of ``whole`` (split by its class) tagged as ``whole`` where they have no
    tag of their own; all but the first continue it."""
    role = tag_of(whole)
    if role is not None:
        for index, part in enumerate(parts):
            if tag_of(part) is None:
                tag(part, role)
                vars(part)[_CONTINUES] = index > 0 or continues(whole)
    return list(parts)


def continues(flowable: Flowable) -> bool:
    """Is ``flowable`` the rest of a block split at the end of a page or column?"""
    return bool(vars(flowable).get(_CONTINUES, False))


def structure_of(canv: Canvas) -> StructureTree | None:
    """The structure tree the canvas records marks for (None: draw no marks)."""
    tree = getattr(canv, "structure", None)
    return tree if isinstance(tree, StructureTree) else None


def begin(canv: Canvas, role: Tag | None) -> None:
    """Open marked content for ``role`` (nothing for None, or inside other marks: one
    level of marks only, the outer one owns what is drawn)."""
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
    piece = tree.content(canv.getPageNumber() - 1, role)
    canv.addLiteral(f"/{role.role} <</MCID {piece.mcid}>> BDC")
    tree.open.append(role)


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
def marked(canv: Canvas, role: Tag | None) -> Iterator[None]:
    """Everything drawn inside is content of ``role``."""
    begin(canv, role)
    try:
        yield
    finally:
        end(canv)


def draw(flowable: Flowable, canv: Canvas, x: float, y: float) -> None:
    """``flowable.drawOn`` inside the marks of its tag."""
    with marked(canv, tag_of(flowable)):
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
        with marked(canvas, role):
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
        begin(canv, role)
    elif event in ("endBG", "endLines", "endCell"):
        end(canv)


__all__ = [
    "ATTRIBUTE",
    "Artifact",
    "Tag",
    "begin",
    "carry_tag",
    "draw",
    "end",
    "mark_table",
    "marked",
    "placing",
    "structure_of",
    "tag",
    "tag_of",
]
