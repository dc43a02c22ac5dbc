"""Bullet and numbered lists, nested: each level indented by one step, its own marker.

Level 1 takes the brand-coloured bullet "•", level 2 an en dash, level 3 "•" again; the
text of every item hangs at its level's indent. Numbers are set right-aligned against
the text ("9." and "10." end at the same point), the indent wide enough for the widest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from lagebericht.layout.paragraph import BodyParagraph
from lagebericht.layout.structure import Element
from lagebericht.layout.styles import BULLET_INDENT
from lagebericht.layout.tagging import tag
from lagebericht.model import BulletItem, BulletList, Inline, NumberedList

MARKERS = ("•", "–", "•")
NUMBER_GAP = 4.0  # between a number's full stop and the item text


@dataclass(frozen=True)
class ListBuilder:
    """Lays out the lists of one report in the style of its bullet items."""

    bullet: ParagraphStyle
    markup: Callable[[tuple[Inline, ...]], str]

    def flowables(
        self,
        block: BulletList | NumberedList,
        indent: float = 0.0,
        level: int = 0,
        parent: Element | None = None,
    ) -> Iterator[Flowable]:
        """The items of ``block`` at nesting ``level`` (0 = top), text hanging at ``indent``;
        tagged as a list (L, LI, LBody; a nested list inside its item's LBody) under
        ``parent``, if given."""
        element = parent.child("L") if parent is not None else None
        if isinstance(block, NumberedList):
            labels = [f"{block.start + i}." for i in range(len(block.items))]
            font, size = self.bullet.fontName, self.bullet.fontSize
            widest = max(stringWidth(t, font, size) for t in labels)
            step = max(BULLET_INDENT, widest + NUMBER_GAP)
            style = self._style(indent, step, f"numbered-{level}", anchored=True)
        else:
            labels = [MARKERS[min(level, len(MARKERS) - 1)]] * len(block.items)
            style = self._style(indent, BULLET_INDENT, f"bullet-{level}", anchored=False)
            step = BULLET_INDENT
        for item, label in zip(block.items, labels, strict=True):
            body = element.child("LI").child("LBody") if element is not None else None
            yield tag(BodyParagraph(self._text(item), style, bulletText=label), body)
            if item.sublist is not None:
                yield from self.flowables(item.sublist, indent + step, level + 1, body)

    def _style(self, indent: float, step: float, name: str, anchored: bool) -> ParagraphStyle:
        nested = indent > 0
        return ParagraphStyle(
            name,
            parent=self.bullet,
            leftIndent=indent + step,
            # A number ends NUMBER_GAP before the text; a bullet sits 2 pt into the indent.
            bulletIndent=indent + step - NUMBER_GAP if anchored else indent + 2,
            bulletAnchor="end" if anchored else "start",
            spaceAfter=self.bullet.spaceAfter * (0.5 if nested else 1.0),
        )

    def _text(self, item: BulletItem) -> str:
        text = self.markup(item.content)
        if item.lead:
            text = f"<b>{self.markup(item.lead)}</b> {text}"
        return text
