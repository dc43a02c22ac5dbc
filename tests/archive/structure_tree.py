"""A tagged PDF's structure tree read back with pikepdf, and the tree a report should have."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary

from lagebericht.model import (
    Block,
    BlockQuote,
    BulletList,
    Figure,
    NumberedList,
    Paragraph,
    Report,
    Section,
    Table,
)


@dataclass
class Node:
    """A structure element as read back: its role, attributes and kids in order (an MCID
    is an int, a link's annotation its /Contents)."""

    role: str
    alt: str | None = None
    identifier: str | None = None
    scope: str | None = None
    kids: list[Node | int | str] = field(default_factory=list)
    lang: str | None = None
    page: int | None = None
    """0-based index of its /Pg: the page its MCIDs are on."""

    @property
    def links(self) -> list[str]:
        """The /Contents of the annotations this element refers to."""
        return [kid for kid in self.kids if isinstance(kid, str)]

    @property
    def elements(self) -> list[Node]:
        return [kid for kid in self.kids if isinstance(kid, Node)]

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.elements:
            yield from kid.walk()


def _text(obj: pikepdf.Object, key: str) -> str | None:
    value = obj.get(key)
    return None if value is None else str(value)


def _node(obj: pikepdf.Object, pages: dict[tuple[int, int], int]) -> Node:
    attributes = obj.get("/A")
    page = obj.get("/Pg")
    node = Node(
        str(obj.S).lstrip("/"),
        alt=_text(obj, "/Alt"),
        identifier=_text(obj, "/ID"),
        scope=None if attributes is None else _text(attributes, "/Scope"),
        lang=_text(obj, "/Lang"),
        page=None if page is None else pages.get(page.objgen),
    )
    k = obj.get("/K")
    for kid in k if isinstance(k, Array) else ([] if k is None else [k]):
        if isinstance(kid, Dictionary) and kid.get("/Type") in (None, pikepdf.Name.StructElem):
            node.kids.append(_node(kid, pages))
        elif isinstance(kid, Dictionary) and kid.get("/Type") == pikepdf.Name.OBJR:
            node.kids.append(str(kid.Obj.get("/Contents", "")))
        elif isinstance(kid, Dictionary):  # a marked-content reference
            node.kids.append(int(kid.MCID))
        else:
            node.kids.append(int(kid))
    return node


def document(pdf: bytes) -> Node:
    """The Document element of ``pdf``'s structure tree."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        root = doc.Root.StructTreeRoot
        k = root.K
        (top,) = k if isinstance(k, Array) else [k]
        return _node(top, {page.obj.objgen: index for index, page in enumerate(doc.pages)})


def expected_roles(report: Report) -> list[str]:
    """The roles of the Document's children, in the order of the source: the header
    block (label and office, date, title, subtitle, authors, lead), the body's blocks
    (a section's heading, then its blocks), the imprint."""
    roles = ["P", "P", "H1"]
    roles += ["P"] * sum(1 for field in (report.subtitle, report.authors, report.summary) if field)
    roles += list(_block_roles(report.body))
    return [*roles, "Sect"]


def _block_roles(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        match block:
            case Paragraph():
                yield "P"
            case BulletList() | NumberedList():
                yield "L"
            case BlockQuote():
                yield "BlockQuote"
            case Table():
                yield "Table"
            case Figure():
                yield from ("Figure", "Caption")
            case Section(heading=heading, blocks=inner):
                yield f"H{heading.level}"
                yield from _block_roles(inner)


def lists(blocks: tuple[Block, ...]) -> Iterator[BulletList | NumberedList]:
    """The top-level lists of ``blocks`` (sections' included), in order."""
    for block in blocks:
        if isinstance(block, BulletList | NumberedList):
            yield block
        elif isinstance(block, Section):
            yield from lists(block.blocks)
