"""True footnotes: each note sits at the bottom of the page that references it.

The body frame reserves room for the notes of every flowable it places: before a
paragraph with footnote references is added, the frame's bottom is raised by the height
of the notes it brings (plus the separator rule for the page's first note); when the
paragraph must be split, it is split so that the part on this page *and* its notes fit.
At the end of the page the collected notes are drawn into the reserved band.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph

_ANCHOR = re.compile(r"#fn-(\d+)$")

SEPARATOR_SPACE = 10.0  # between body and the rule above the notes
SEPARATOR_GAP = 4.0  # between that rule and the first note
SEPARATOR_LENGTH = 60.0


@dataclass
class FootnoteLedger:
    """Per-build state: the note flowables by number and which are placed already."""

    notes: Mapping[int, Paragraph]
    width: float
    rule_color: str = "#9aa7b3"
    placed: set[int] = field(default_factory=set)
    _heights: dict[int, float] = field(default_factory=dict)

    def height(self, number: int) -> float:
        if number not in self._heights:
            note = self.notes[number]
            _, h = note.wrap(self.width, 1e6)
            self._heights[number] = h + note.getSpaceAfter()
        return self._heights[number]


def references_in(flowable: Flowable) -> tuple[int, ...]:
    """Footnote numbers referenced by a paragraph (or a split part of one), in order."""
    if not isinstance(flowable, Paragraph):
        return ()
    found: list[int] = []
    # A split part only knows its lines; an unsplit paragraph knows its fragments.
    bl_para = getattr(flowable, "blPara", None)
    if bl_para is not None and getattr(bl_para, "kind", 0) == 1:
        # Lines of plain text are (width, words) tuples and cannot hold links.
        frags: Iterable[object] = (w for line in bl_para.lines for w in getattr(line, "words", ()))
    else:
        frags = flowable.frags
    for frag in frags:
        for link in getattr(frag, "link", None) or ():
            match = _ANCHOR.match(str(link[1]))
            if match and int(match.group(1)) not in found:
                found.append(int(match.group(1)))
    return tuple(found)


class FootnoteFrame(Frame):  # type: ignore[misc]
    """A body frame that keeps a band at its bottom for the notes of its page."""

    _y1p: float  # reportlab's bottom limit of the frame (bottom + padding), raised for notes

    def __init__(self, *args: object, ledger: FootnoteLedger, **kwargs: object) -> None:
        self.ledger = ledger
        self.page_notes: list[int] = []
        super().__init__(*args, **kwargs)

    # reportlab calls _reset at the start of every page of this frame.
    def _reset(self) -> None:
        super()._reset()
        self._geom()  # restores _y1p, which _add_notes raised on the previous page
        self.page_notes = []

    def _pending(self, flowable: Flowable) -> list[int]:
        placed = self.ledger.placed
        return [n for n in references_in(flowable) if n not in placed and n in self.ledger.notes]

    def _band(self, numbers: Iterable[int]) -> float:
        """Extra height the notes ``numbers`` would take on this page."""
        numbers = list(numbers)
        if not numbers:
            return 0.0
        extra = sum(self.ledger.height(n) for n in numbers)
        if not self.page_notes:
            extra += SEPARATOR_SPACE + SEPARATOR_GAP
        return extra

    def _add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        numbers = self._pending(flowable)
        if not numbers:
            return int(super()._add(flowable, canv, trySplit))
        saved: float = self._y1p
        self._y1p = saved + self._band(numbers)
        if self._y1p >= self._y or not super()._add(flowable, canv, trySplit):
            self._y1p = saved
            return 0
        self.page_notes.extend(numbers)
        self.ledger.placed.update(numbers)
        return 1

    add = _add

    def split(self, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        numbers = self._pending(flowable)
        if not numbers:
            return list(super().split(flowable, canv))
        # Split leaving room for all its notes, then for only the notes the first part
        # really carries, as long as that still leaves room for them.
        saved: float = self._y1p
        reserve = self._band(numbers)
        best: list[Flowable] = []
        try:
            for _ in range(4):
                self._y1p = saved + reserve
                parts = list(super().split(flowable, canv)) if self._y1p < self._y else []
                if not parts:
                    break
                needed = self._band(self._pending(parts[0]))
                if needed > reserve:
                    break
                best = parts
                if needed == reserve:
                    break
                reserve = needed
        finally:
            self._y1p = saved
        return best

    def draw_notes(self, canv: Canvas) -> None:
        """Draw this page's notes into the band reserved at the frame's bottom."""
        if not self.page_notes:
            return
        x = self._x1 + self._leftPadding
        top = self._y1 + self._bottomPadding + sum(self.ledger.height(n) for n in self.page_notes)
        rule_y = top + SEPARATOR_GAP
        canv.saveState()
        canv.setStrokeColor(HexColor(self.ledger.rule_color))
        canv.setLineWidth(0.5)
        canv.line(x, rule_y, x + SEPARATOR_LENGTH, rule_y)
        canv.restoreState()
        y = top
        for number in self.page_notes:
            note = self.ledger.notes[number]
            _, h = note.wrap(self.ledger.width, 1e6)
            y -= h
            note.drawOn(canv, x, y)
            y -= note.getSpaceAfter()
