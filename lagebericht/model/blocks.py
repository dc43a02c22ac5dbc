"""Block structure of a report body."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from lagebericht.model.base import Frozen
from lagebericht.model.inline import Inline


class Paragraph(Frozen):
    """A paragraph of running text."""

    kind: Literal["paragraph"] = "paragraph"
    content: tuple[Inline, ...]
    """The paragraph's inline runs."""
    line: int
    """1-based line of the source file where the paragraph starts."""


class BulletItem(Frozen):
    """One bullet item. With a ``lead`` it is a *bullet argument*: ``- **Lead:** argument``."""

    lead: tuple[Inline, ...] = ()
    """The bold lead-in without its ``**`` (``Divergent Security Interests:``); empty if none."""
    content: tuple[Inline, ...]
    """The item's text after the lead-in (leading space removed)."""
    line: int
    """1-based source line of the item."""

    @property
    def is_argument(self) -> bool:
        """True for a bullet argument (an item that opens with a bold lead-in)."""
        return bool(self.lead)


class BulletList(Frozen):
    """A bullet list (``-`` or ``*`` items)."""

    kind: Literal["bullet_list"] = "bullet_list"
    items: tuple[BulletItem, ...]
    """The items, in order."""
    line: int
    """1-based source line of the first item."""


class BlockQuote(Frozen):
    """A ``>`` block quote."""

    kind: Literal["block_quote"] = "block_quote"
    paragraphs: tuple[Paragraph, ...]
    """The quoted paragraphs."""
    line: int
    """1-based source line of the quote."""


class Heading(Frozen):
    """A ``##`` or ``###`` heading."""

    kind: Literal["heading"] = "heading"
    level: Literal[2, 3]
    """2 for a section (``##``), 3 for a subsection (``###``)."""
    content: tuple[Inline, ...]
    """The heading text."""
    line: int
    """1-based source line of the heading."""


class Section(Frozen):
    """A heading and everything up to the next heading of the same or a higher level."""

    kind: Literal["section"] = "section"
    heading: Heading
    """The section's heading."""
    blocks: tuple[Block, ...]
    """Its content, including ``###`` subsections of a ``##`` section."""


Block = Annotated[Paragraph | BulletList | BlockQuote | Section, Field(discriminator="kind")]


class Footnote(Frozen):
    """A footnote definition ``[^id]: text`` (continuation lines indented)."""

    label: str
    """The id written in the source."""
    number: int
    """Printed number: position of its first reference (1, 2, 3…)."""
    paragraphs: tuple[tuple[Inline, ...], ...]
    """The note's text: one tuple of inline runs per paragraph."""
    line: int
    """1-based source line of the definition."""


Section.model_rebuild()
