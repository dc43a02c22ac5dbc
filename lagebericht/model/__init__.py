"""The content models: frozen pydantic v2 types, documented field by field.

``front_matter`` is the contract authors write against; ``report`` is what validation
produces from it plus the parsed body (``blocks``, ``inline``).
"""

from lagebericht.model.blocks import (
    Block,
    BlockQuote,
    BulletItem,
    BulletList,
    Figure,
    Footnote,
    Heading,
    NumberedList,
    Paragraph,
    Section,
    Table,
)
from lagebericht.model.front_matter import FrontMatter
from lagebericht.model.inline import Emphasis, FootnoteRef, Inline, LineBreak, Link, Strong, Text
from lagebericht.model.report import Office, Person, Report

__all__ = [
    "Block",
    "BlockQuote",
    "BulletItem",
    "BulletList",
    "Emphasis",
    "Figure",
    "Footnote",
    "FootnoteRef",
    "FrontMatter",
    "Heading",
    "Inline",
    "LineBreak",
    "Link",
    "NumberedList",
    "Office",
    "Paragraph",
    "Person",
    "Report",
    "Section",
    "Strong",
    "Table",
    "Text",
]
