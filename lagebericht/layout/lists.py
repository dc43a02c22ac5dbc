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

from lagebericht.layout.setting.flowable import TextFlowable
from lagebericht.layout.structure import Element
from lagebericht.layout.styles import BULLET_INDENT
from lagebericht.layout.tagging import label, tag
from lagebericht.model import BulletItem, BulletList, Inline, NumberedList

MARKERS = ("•", "–", "•")
BULLET_ROOM = 0.6
"""reportlab keeps this share of the bullet font size free after a bullet's (or number's)
end: a marker that ends closer to the text than that pushes the item's first line right
and shortens it (a notch at the right margin). Markers end at least this far off."""


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
        closing: float | None = None,
        parent: Element | None = None,
    ) -> Iterator[Flowable]:
        """The items of ``block`` at nesting ``level`` (0 = top), text hanging at ``indent``;
        ``closing``: the space after the list's last line (None: as between items) — the
        body's paragraph space, so that a list is set off by the same space before and
        after it, more than its items are from each other. Tagged as a list (L, LI with
        the marker's Lbl and an LBody; a nested list inside its item's LBody) under
        ``parent``, if given."""
        element = parent.child("L") if parent is not None else None
        font, size = self.bullet.bulletFontName, self.bullet.bulletFontSize
        gap = self.number_gap
        if isinstance(block, NumberedList):
            labels = [f"{block.start + i}." for i in range(len(block.items))]
            widest = max(stringWidth(t, font, size) for t in labels)
            step = max(BULLET_INDENT, widest + gap)
            # Each number starts where it ends ``gap`` before the text ("9." and "10."
            # end at the same point). Given by its start, not with reportlab's
            # bulletAnchor="end": reportlab measures the room a bullet takes from the
            # start, and would take an end-anchored number for one that much wider.
            starts = [indent + step - gap - stringWidth(t, font, size) for t in labels]
        else:
            labels = [MARKERS[min(level, len(MARKERS) - 1)]] * len(block.items)
            step = BULLET_INDENT
            starts = [indent + 2] * len(labels)  # a bullet sits 2 pt into the indent
        name = f"{'numbered' if isinstance(block, NumberedList) else 'bullet'}-{level}"
        styles: dict[float, ParagraphStyle] = {}
        last = len(block.items) - 1
        for index, (item, text, start) in enumerate(zip(block.items, labels, starts, strict=True)):
            if start not in styles:
                styles[start] = self._style(indent, step, name, start)
            style = styles[start]
            if index == last and item.sublist is None and closing is not None:
                style = ParagraphStyle(f"{name}-last", parent=style, spaceAfter=closing)
            li = element.child("LI") if element is not None else None
            marker = li.child("Lbl") if li is not None else None
            body = li.child("LBody") if li is not None else None
            flowable = TextFlowable(self._text(item), style, bulletText=text)
            flowable.source_line = item.line
            yield label(tag(flowable, body), marker)
            if item.sublist is not None:
                end = closing if index == last else None
                yield from self.flowables(item.sublist, indent + step, level + 1, end, body)

    @property
    def number_gap(self) -> float:
        """Between a number's full stop and the item's text: the least reportlab keeps
        free after a marker (:data:`BULLET_ROOM`), so that the text of the first line
        starts exactly where the wrapped lines hang and runs to the right margin."""
        return BULLET_ROOM * float(self.bullet.bulletFontSize)

    def _style(self, indent: float, step: float, name: str, start: float) -> ParagraphStyle:
        nested = indent > 0
        return ParagraphStyle(
            name,
            parent=self.bullet,
            leftIndent=indent + step,
            bulletIndent=start,
            bulletAnchor="start",
            spaceAfter=self.bullet.spaceAfter * (0.5 if nested else 1.0),
        )

    def _text(self, item: BulletItem) -> str:
        text = self.markup(item.content)
        if item.lead:
            text = f"<b>{self.markup(item.lead)}</b> {text}"
        return text
