"""Inline runs: the text inside a paragraph, heading, bullet item or footnote."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from lagebericht.model.base import Frozen


class Text(Frozen):
    """Plain text, exactly as written (never interpreted as markup by the layout)."""

    kind: Literal["text"] = "text"
    text: str
    """The characters of the run."""


class Emphasis(Frozen):
    """``*italic*`` text."""

    kind: Literal["emphasis"] = "emphasis"
    children: tuple[Inline, ...]
    """The emphasised runs."""


class Strong(Frozen):
    """``**bold**`` text."""

    kind: Literal["strong"] = "strong"
    children: tuple[Inline, ...]
    """The bold runs."""


class Link(Frozen):
    """``[text](href)``: a live link in the PDF."""

    kind: Literal["link"] = "link"
    href: str
    """Target address (http, https or mailto)."""
    children: tuple[Inline, ...]
    """The linked runs."""


class FootnoteRef(Frozen):
    """``[^id]``: a reference to a footnote, printed as a superscript number."""

    kind: Literal["footnote_ref"] = "footnote_ref"
    label: str
    """The id written in the source (``member-states`` in ``[^member-states]``)."""
    number: int
    """Printed number: 1, 2, 3… in order of first reference."""


class LineBreak(Frozen):
    """A hard line break (two trailing spaces or a backslash at the end of a line)."""

    kind: Literal["line_break"] = "line_break"


Inline = Annotated[
    Text | Emphasis | Strong | Link | FootnoteRef | LineBreak, Field(discriminator="kind")
]

Text.model_rebuild()
Emphasis.model_rebuild()
Strong.model_rebuild()
Link.model_rebuild()
