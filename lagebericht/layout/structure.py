"""The logical structure of a laid-out report: what a tagged PDF's structure tree holds.

The story builder creates one :class:`Element` per structural unit (heading, paragraph,
list item, table cell, figure…) in the order of the source, so the tree's order is the
reading order whatever page a float lands on. While the pages are drawn, each element
collects the marked-content pieces (page and MCID) drawn for it, and a link element the
annotation it stands for. The write stage turns the tree into the PDF's StructTreeRoot
(:mod:`lagebericht.archive.tagging`). Nothing here knows reportlab.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_NOTE_ANCHOR = re.compile(r"#?fn-(\d+)")


@dataclass(frozen=True, slots=True)
class ContentPiece:
    """Marked content drawn for an element: its page (0-based) and MCID there."""

    page: int
    mcid: int
    form: str | None = None  # drawn inside this form of the page (its own MCIDs)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A link annotation, the ``index``-th annotation created on ``page`` (0-based)."""

    page: int
    index: int
    contents: str  # the description a screen reader gives for the link


@dataclass(eq=False, slots=True)
class Element:
    """One structure element: a standard PDF role and its kids, in reading order (slots:
    a long list has hundreds of thousands of them)."""

    role: str  # Document, H1, P, L, LI, Lbl, LBody, Table, TR, TH, TD, Figure, Caption…
    parent: Element | None = None
    alt: str | None = None  # a Figure's alternative text
    lang: str | None = None  # set where a part's language differs from the document's
    scope: str | None = None  # a TH's /Scope: Column or Row
    note: int | None = None  # a Note's footnote number
    kids: list[Element | ContentPiece | Annotation] = field(default_factory=list)
    drawn: bool = False  # content drawn for it already (a repeated table header row is not)

    def child(self, role: str, **attributes: object) -> Element:
        """A new element under this one, after its kids so far."""
        element = Element(role, self, **attributes)  # type: ignore[arg-type]
        self.kids.append(element)
        return element

    def elements(self) -> Iterator[Element]:
        """This element and every element below it, in reading order."""
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.elements()

    @property
    def has_content(self) -> bool:
        """Does anything below this element reach the page?"""
        return any(not isinstance(kid, Element) or kid.has_content for kid in self.kids)


@dataclass
class StructureTree:
    """The structure of one layout pass and the marking state of its pages."""

    root: Element = field(default_factory=lambda: Element("Document"))
    # Per page (0-based): the next MCID and how many annotations were created.
    _next_mcid: dict[tuple[int, str | None], int] = field(default_factory=dict)
    _annotations: dict[int, int] = field(default_factory=dict)
    notes: dict[int, Element] = field(default_factory=dict)
    note_texts: dict[int, str] = field(default_factory=dict)
    # The elements whose content is being drawn now, innermost last; and for each open
    # mark whether it wrote a BDC (marks inside marks write none).
    open: list[Element] = field(default_factory=list)
    marks: list[bool] = field(default_factory=list)
    form: str | None = None  # the page's form being drawn now, if any
    # The Link element (its text drawn already) the next annotation made is for.
    link: Element | None = None

    def content(self, page: int, element: Element) -> ContentPiece:
        """A new MCID on ``page`` for content drawn for ``element``."""
        key = (page, self.form)
        mcid = self._next_mcid.get(key, 0)
        self._next_mcid[key] = mcid + 1
        piece = ContentPiece(page, mcid, self.form)
        element.kids.append(piece)
        element.drawn = True
        return piece

    @property
    def owner(self) -> Element:
        """The element a link made now belongs to: the innermost open one, else the
        document."""
        return self.open[-1] if self.open else self.root

    def annotation(
        self, page: int, target: str, owner: Element | None = None, link: Element | None = None
    ) -> None:
        """Record the next annotation of ``page``, a link to ``target`` (a URL, or a
        destination's name): in ``link``, the Link element its text was drawn for, else
        in a new Link of the innermost open element (the document's when none is open).
        A footnote's Note follows the first reference to it."""
        index = self._annotations.get(page, 0)
        self._annotations[page] = index + 1
        if link is None:
            link = (owner or self.owner).child("Link")
        owner = link.parent
        assert owner is not None
        number = note_number(target)
        note = self.notes.get(number) if number is not None else None
        contents = target
        if note is not None and number is not None:
            contents = f"{number}: {self.note_texts.get(number, '')}".strip()
        link.kids.append(Annotation(page, index, contents))
        if note is not None and note.parent is None:
            note.parent = owner
            owner.kids.insert(owner.kids.index(link) + 1, note)

    def note(self, number: int, text: str) -> Element:
        """The Note element of footnote ``number`` (plain ``text``): placed in the tree
        after the first link to it, when that is drawn."""
        element = self.notes[number] = Element("Note", note=number)
        self.note_texts[number] = text
        return element

    def annotation_counts(self) -> dict[int, int]:
        """How many annotations each page (0-based) has."""
        return dict(self._annotations)


def note_number(target: str) -> int | None:
    """The footnote a link goes to (``fn-3``: the anchor of note 3), or None."""
    match = _NOTE_ANCHOR.fullmatch(target)
    return int(match.group(1)) if match else None


__all__ = ["Annotation", "ContentPiece", "Element", "StructureTree", "note_number"]
