"""True footnotes: each note sits at the bottom of the page that references it.

The body frame reserves room for the notes of every flowable it places: before a
paragraph with footnote references is added, the frame's bottom is raised by the height
of the notes it brings (plus the separator rule for the page's first note); when the
paragraph must be split, it is split so that the part on this page *and* its notes fit.
A note too long for the room left is split too: its first lines stay on the page of the
reference, the rest continues under the rule of the next page(s). At the end of each page
the collected note pieces are drawn into the reserved band.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph

from lagebericht.layout.reportlab_adapter import (
    PageHookFrame,
    frame_at_top,
    frame_available_height,
    frame_available_width,
    frame_content_bottom,
    frame_content_left,
    frame_cursor,
    frame_limit,
    restore_frame_limit,
    set_frame_limit,
)
from lagebericht.layout.tagging import Artifact, carry_tag, draw, marked
from lagebericht.text.markup import footnote_anchor

_ANCHOR = re.compile(r"#fn-(\d+)$")

SEPARATOR_SPACE = 10.0  # between body and the rule above the notes
SEPARATOR_GAP = 4.0  # between that rule and the first note
SEPARATOR_LENGTH = 60.0
CONTINUATION_SHARE = 0.5  # at most this part of a page is given to notes carried over
MIN_NOTE_LINES = 2  # a note split over pages keeps at least this many lines on each


@dataclass(frozen=True)
class NotePiece:
    """A note, or the part of one that goes on a page, with its height there."""

    flowable: Flowable
    height: float
    anchor: str | None = None  # link target of the note's reference, on its first piece
    continued: bool = False  # the rest of a note begun on an earlier page


@dataclass
class FootnoteLedger:
    """Per-build state shared by the frames: the notes, which are placed, what carries over."""

    notes: Mapping[int, Flowable]
    width: float
    line_height: float
    rule_color: str = "#9aa7b3"
    placed: set[int] = field(default_factory=set)
    carry: list[Flowable] = field(default_factory=list)
    # The references of each flowable met so far: the frame asks again for every try
    # to place or split it, and walking a long paragraph's fragments is not free.
    _references: weakref.WeakKeyDictionary[Flowable, tuple[int, ...]] = field(
        default_factory=weakref.WeakKeyDictionary
    )

    def references(self, flowable: Flowable) -> tuple[int, ...]:
        """:func:`references_in` ``flowable``, remembered for as long as it lives."""
        found = self._references.get(flowable)
        if found is None:
            found = self._references[flowable] = references_in(flowable)
        return found

    def piece(self, flowable: Flowable, anchor: str | None = None) -> NotePiece:
        _, h = flowable.wrap(self.width, 1e6)
        return NotePiece(flowable, h + flowable.getSpaceAfter(), anchor)

    def note(self, number: int) -> NotePiece:
        return self.piece(self.notes[number], footnote_anchor(number))

    def split(
        self, flowable: Flowable, height: float, anchor: str | None = None
    ) -> tuple[NotePiece, list[Flowable]] | None:
        """The part of a note that fits ``height`` and the rest, or None if no part fits."""
        if height < MIN_NOTE_LINES * self.line_height:
            return None
        # The piece's height counts its space after; leave room for it.
        parts = carry_tag(flowable, flowable.split(self.width, height - flowable.getSpaceAfter()))
        if len(parts) < 2:
            return None
        first = self.piece(parts[0], anchor)
        return (first, list(parts[1:])) if first.height <= height + 0.01 else None


def references_in(flowable: Flowable) -> tuple[int, ...]:
    """Footnote numbers referenced by a paragraph (or a split part of one), in order.

    Any other flowable with references (a table's cells) lists them by a
    ``footnote_references()`` method, so that the frame reserves room for its notes.
    """
    listed = getattr(flowable, "footnote_references", None)
    if callable(listed):
        return tuple(listed())
    if not isinstance(flowable, Paragraph):
        return ()
    found: list[int] = []

    # reportlab keeps fragments in several shapes (plain frags, split parts' nested
    # word lists, laid-out lines); walk them all and collect link targets.
    def walk(item: object, depth: int) -> None:
        for link in getattr(item, "link", None) or ():
            match = _ANCHOR.match(str(link[1]))
            if match and int(match.group(1)) not in found:
                found.append(int(match.group(1)))
        if depth < 4 and isinstance(item, list | tuple):
            for child in item:
                walk(child, depth + 1)
        words = getattr(item, "words", None)
        if depth < 4 and isinstance(words, list):
            walk(words, depth + 1)

    walk(flowable.frags, 0)
    bl_para = getattr(flowable, "blPara", None)
    if bl_para is not None:
        walk(bl_para.lines, 0)
    return tuple(found)


@dataclass(frozen=True)
class _Plan:
    """How the notes of one flowable go on the current page."""

    pieces: list[NotePiece]
    carry: list[Flowable]

    @property
    def height(self) -> float:
        return sum(p.height for p in self.pieces)


class FlushNotes(Flowable):  # type: ignore[misc]
    """Ends the story: adds pages until every carried-over note piece is printed."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


class FootnoteFrame(PageHookFrame):
    """A body frame that keeps a band at its bottom for the notes of its page: its limit
    (:func:`~lagebericht.layout.reportlab_adapter.frame_limit`) is raised for them."""

    def __init__(self, *args: object, ledger: FootnoteLedger, **kwargs: object) -> None:
        self.ledger = ledger
        self.pieces: list[NotePiece] = []
        super().__init__(*args, **kwargs)

    def page_started(self) -> None:
        restore_frame_limit(self)  # placing notes raised it on the previous page
        self.pieces = []
        self._take_carry(CONTINUATION_SHARE * frame_available_height(self))

    @property
    def _band(self) -> float:
        """Height the notes take on this page, separator included."""
        if not self.pieces:
            return 0.0
        return SEPARATOR_SPACE + SEPARATOR_GAP + sum(p.height for p in self.pieces)

    def _bottom(self, plan_height: float) -> float:
        """The frame's bottom limit if notes of ``plan_height`` were added."""
        separator = 0.0 if self.pieces or not plan_height else SEPARATOR_SPACE + SEPARATOR_GAP
        return frame_content_bottom(self) + self._band + separator + plan_height

    def _commit(self, plan: _Plan, numbers: Iterable[int]) -> None:
        self.pieces.extend(plan.pieces)
        self.ledger.carry.extend(plan.carry)
        self.ledger.placed.update(numbers)
        set_frame_limit(self, self._bottom(0.0))

    def _take_carry(self, limit: float) -> None:
        """Place carried-over note pieces, up to a band of ``limit`` points."""
        carry, self.ledger.carry = self.ledger.carry, []
        while carry:
            piece = dataclasses.replace(self.ledger.piece(carry[0]), continued=True)
            room = limit - self._band - (0.0 if self.pieces else SEPARATOR_SPACE + SEPARATOR_GAP)
            if piece.height <= room:
                self._commit(_Plan([piece], []), ())
                carry.pop(0)
                continue
            split = self.ledger.split(carry[0], room)
            if split is not None:
                self._commit(_Plan([dataclasses.replace(split[0], continued=True)], []), ())
                carry[0:1] = split[1]
            break
        self.ledger.carry = carry + self.ledger.carry

    def _pending(self, flowable: Flowable) -> list[int]:
        placed = self.ledger.placed
        return [
            n
            for n in self.ledger.references(flowable)
            if n not in placed and n in self.ledger.notes
        ]

    def _plan(self, numbers: list[int], room: float) -> _Plan | None:
        """Notes of ``numbers`` in at most ``room`` points; only the last one may be split."""
        pieces = [self.ledger.note(n) for n in numbers]
        if sum(p.height for p in pieces) <= room:
            return _Plan(pieces, [])
        head = pieces[:-1]
        last = numbers[-1]
        room -= sum(p.height for p in head)
        split = self.ledger.split(self.ledger.notes[last], room, footnote_anchor(last))
        if split is None:
            return None
        return _Plan([*head, split[0]], split[1])

    def _room(self) -> float:
        """Height left between the cursor and the limit (the notes' band above it)."""
        return frame_cursor(self) - frame_limit(self)

    def _room_for_notes(self, flowable: Flowable, height: float) -> float:
        """Room left for new notes under ``flowable`` of ``height`` at the current position."""
        space_before = 0.0 if frame_at_top(self) else flowable.getSpaceBefore()
        separator = 0.0 if self.pieces else SEPARATOR_SPACE + SEPARATOR_GAP
        return frame_cursor(self) - space_before - height - self._bottom(0.0) - separator

    def place(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        if isinstance(flowable, FlushNotes):
            self._take_carry(frame_cursor(self) - frame_content_bottom(self))
            return 0 if self.ledger.carry else 1
        numbers = self._pending(flowable)
        if not numbers:
            return super().place(flowable, canv, trySplit)
        _, height = flowable.wrap(frame_available_width(self), self._room())
        plan = self._plan(numbers, self._room_for_notes(flowable, height))
        if plan is None:
            return 0
        saved = frame_limit(self)
        set_frame_limit(self, self._bottom(plan.height))
        if not super().place(flowable, canv, trySplit):
            set_frame_limit(self, saved)
            return 0
        self._commit(plan, numbers)
        return 1

    def __deepcopy__(self, memo: dict[int, Any]) -> FootnoteFrame:
        # reportlab deep-copies the current frame to measure a KeepTogether group; the
        # copy shares the build's ledger (every note of the report) instead of copying it.
        clone = copy.copy(self)
        memo[id(self)] = clone
        for name, value in vars(self).items():
            if name != "ledger":
                setattr(clone, name, copy.deepcopy(value, memo))
        return clone

    def split(self, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        if isinstance(flowable, FlushNotes):
            return [PageBreak(), FlushNotes()]
        numbers = self._pending(flowable)
        if not numbers:
            return list(super().split(flowable, canv))
        # Split leaving room for all its notes, then for the first lines of the notes,
        # then for none (a first part that ends before the reference needs no room for
        # its note); as a last resort, the tallest part that fits with its notes.
        saved = frame_limit(self)
        full = sum(self.ledger.note(n).height for n in numbers)
        minimum = MIN_NOTE_LINES * self.ledger.line_height
        try:
            for reserve in (full, minimum, 0.0):
                parts = self._split_reserving(reserve, flowable, canv)
                if parts and self._fits(parts[0]):
                    return parts
            return self._largest_fitting_part(minimum, flowable, canv)
        finally:
            set_frame_limit(self, saved)

    def _split_reserving(self, reserve: float, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        """``flowable`` split to end ``reserve`` points of notes above the bottom."""
        set_frame_limit(self, self._bottom(reserve))
        if frame_limit(self) >= frame_cursor(self):
            return []
        return list(super().split(flowable, canv))

    def _largest_fitting_part(
        self, minimum: float, flowable: Flowable, canv: Canvas
    ) -> list[Flowable]:
        """The split with the tallest first part that fits together with its own notes.

        For a paragraph whose notes outgrow the page: each line brings notes, so the part
        must be shorter than the room less ``minimum``. A larger reserve gives a shorter
        part; search the reserve between "no part at all" and "notes do not fit".
        """
        low, high = minimum, frame_cursor(self) - self._bottom(0.0)
        best: list[Flowable] = []
        while high - low > self.ledger.line_height / 2:
            reserve = (low + high) / 2
            parts = self._split_reserving(reserve, flowable, canv)
            if parts and not self._fits(parts[0]):
                low = reserve  # the part brings too many notes: make it shorter
                continue
            high = reserve  # no part, or one that fits: try a taller one
            best = parts or best
        return best

    def _fits(self, first: Flowable) -> bool:
        """Would :meth:`place` accept this split part with its notes?"""
        numbers = self._pending(first)
        height: float = first.wrap(frame_available_width(self), self._room())[1]
        if not numbers:
            return frame_cursor(self) - height >= frame_limit(self)
        room = self._room_for_notes(first, height)
        return room >= 0 and self._plan(numbers, room) is not None

    def draw_notes(self, canv: Canvas) -> None:
        """Draw this page's notes into the band reserved at the frame's bottom."""
        if not self.pieces:
            return
        x = frame_content_left(self)
        top = frame_content_bottom(self) + sum(p.height for p in self.pieces)
        rule_y = top + SEPARATOR_GAP
        # As in books: notes carried over from the page before sit under a rule across
        # the whole column, new ones under the short rule.
        length = self.ledger.width if self.pieces[0].continued else SEPARATOR_LENGTH
        with marked(canv, Artifact.LAYOUT):
            canv.saveState()
            canv.setStrokeColor(HexColor(self.ledger.rule_color))
            canv.setLineWidth(0.5)
            canv.line(x, rule_y, x + length, rule_y)
            canv.restoreState()
        y = top
        for piece in self.pieces:
            _, h = piece.flowable.wrap(self.ledger.width, 1e6)
            y -= h
            draw(piece.flowable, canv, x, y)
            y -= piece.flowable.getSpaceAfter()

    def mark_notes(self, canv: Canvas) -> None:
        """The link targets of this page's notes (on the page: a form has none)."""
        x = frame_content_left(self)
        y = frame_content_bottom(self) + sum(p.height for p in self.pieces)
        for piece in self.pieces:
            if piece.anchor:
                canv.bookmarkHorizontal(piece.anchor, x, y)
            y -= piece.height
