"""Block structure of a report body."""

from __future__ import annotations

from pathlib import Path
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

    sublist: BulletList | NumberedList | None = None
    """A list nested under the item (indented below it), printed after its text."""

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


class NumberedList(Frozen):
    """A numbered list (``1.`` or ``1)`` items); items may open with a bold lead-in too."""

    kind: Literal["numbered_list"] = "numbered_list"
    items: tuple[BulletItem, ...]
    """The items, in order."""
    start: int = 1
    """Number of the first item, as written."""
    line: int
    """1-based source line of the first item."""


Alignment = Literal["left", "center", "right"]
Cell = tuple[Inline, ...]


class Table(Frozen):
    """A Markdown table: a header row, body rows, and the alignment of each column."""

    kind: Literal["table"] = "table"
    header: tuple[Cell, ...]
    """The header cells (printed in bold, repeated after a page break)."""
    rows: tuple[tuple[Cell, ...], ...]
    """Body rows, each with as many cells as the header (missing cells are empty)."""
    align: tuple[Alignment | None, ...]
    """Alignment of each column from the separator row (``:--``, ``:-:``, ``--:``);
    ``None`` where none is written: numbers are then right-aligned, text left."""
    line: int
    """1-based source line of the header row."""
    caption: tuple[Inline, ...] = ()
    """The caption after "Table 1: ", written as a paragraph ``: caption`` (or ``Table:
    caption``) right before or after the table; empty: the table has none."""
    number: int | None = None
    """Table number, 1, 2, 3… among the tables with a caption, in order of appearance."""


class Figure(Frozen):
    """A paragraph that is only an image, ``![caption](file.png "credit")``, optionally
    followed by a line ``Alt: what the image shows`` (or ``Alt: decorative``)."""

    kind: Literal["figure"] = "figure"
    file: Path
    """The image file, resolved (checked to lie inside the content tree)."""
    image_format: Literal["png", "jpeg", "svg"]
    """Format found by reading the file (not by its name)."""
    caption: tuple[Inline, ...]
    """The caption after "Figure 1: " (the Markdown image's own alt text)."""
    credit: str | None = None
    """Source or credit line (the image title), e.g. ``ITU Pictures / flickr / CC BY 2.0``."""
    alt_text: str | None = None
    """What the image shows, for readers who cannot see it (the ``Alt:`` line), as plain
    text; ``None`` when not given or when the image is decorative."""
    decorative: bool = False
    """The image only decorates (``Alt: decorative``), so it needs no alternative text."""
    number: int
    """Figure number, 1, 2, 3… in order of appearance."""
    line: int
    """1-based source line of the image."""


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


Block = Annotated[
    Paragraph | BulletList | NumberedList | BlockQuote | Table | Figure | Section,
    Field(discriminator="kind"),
]


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


BulletItem.model_rebuild()
Section.model_rebuild()
