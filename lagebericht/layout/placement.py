"""Where floats go, and how a two-column body ends: the document template's part of it.

Floats (:mod:`lagebericht.layout.floats`) wait in one queue, in source order, so that
"Abbildung 1, 2, 3" also follow each other on the pages:

- A float is set where it is referenced if nothing waits before it and it fits there;
  otherwise it joins the queue and the text goes on filling the column.
- At the top of each column the queue's first floats are set (the first always, further
  ones while floats take at most :data:`MAX_TOP_SHARE` of the column); a float taller
  than a whole column is shrunk to fit.
- With two columns a *wide* float goes to the top of a page, where it is set in a band
  across both columns (with the next ones, as long as a few lines of the columns stay
  below them, :data:`MIN_BAND_COLUMN_LINES`) and the columns start below: the top of
  its own page if that page was still nearly empty where it was met
  (:data:`EARLY_SHARE`; found in one measuring pass, set in the next), else of the next.
- :class:`FlushFloats` at the end of the body places what still waits; in two columns
  :class:`EndColumns` then ends the columns, and the wide floats still waiting and the
  closing block follow across the full width.

Balancing the last page's columns needs to know how much text that page has, so a
two-column report is laid out at least twice: once to measure (:class:`ColumnsEnded` stops that
pass where the columns end) and once with the columns of the last page shortened to
half of it (:class:`Balance`); if the text does not fit in the shortened columns
(:class:`Misfit`), a little taller ones are tried.
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable, Frame
from reportlab.platypus.doctemplate import LayoutError

from lagebericht.layout.columns import BodyArea, ColumnFrame
from lagebericht.layout.floats import EndColumns, Float, FlushFloats, stacked_height
from lagebericht.layout.footnotes import (
    SEPARATOR_GAP,
    SEPARATOR_SPACE,
    FootnoteLedger,
    references_in,
)
from lagebericht.layout.reportlab_adapter import (
    count_placed_flowable,
    forget_postponed,
    frame_at_top,
    frame_available_width,
    frame_cursor,
    frame_limit,
    pending_flowables,
    was_postponed,
)
from lagebericht.problems import Code

MAX_TOP_SHARE = 0.7  # of a column that floats at its top may take, after the first
MIN_BAND_COLUMN_LINES = 4  # lines of text the floats across the columns leave below them
TAIL_GAP = 0.5  # body lines between balanced columns and the full-width frame below them
BALANCE_STEPS = (0, 1, 2, 4)  # extra lines tried when the balanced columns are too short
MIN_SHRINK = 0.75  # a float in a short frame is shrunk to no less than this to stay there
STORY_WINDOW = 256  # flowables of the story in reportlab's list at once (at least)
EARLY_SHARE = 0.25  # of a column: a page whose first column holds no more text than this
# when a wide float is met is still empty enough to take the float at its top


@dataclass(frozen=True)
class ColumnsEnd:
    """The measures of the last page of a two-column body (first pass)."""

    page: int
    used: tuple[float, ...]  # height each column takes: text and its notes
    height: float  # the columns' full height on that page
    waiting: float  # height of the wide floats still waiting
    band: tuple[int, ...] = ()
    """The waiting floats (:attr:`Float.ordinal`) when all are wide: the band that may
    go to the top of this page instead of below the columns."""
    notes: bool = False
    """Notes stand at the foot of this page's columns."""
    early: tuple[tuple[int, int], ...] = ()
    """(page, float) of the wide floats met while their page was still empty enough to
    take them at its top (:data:`EARLY_SHARE`): the next pass sets them there."""

    def balanced(self, line: float, below: float) -> list[float]:
        """Column heights to try, shortest first: half the text, then a line or more
        taller; only those that leave ``below`` points for what follows the columns."""
        half = math.ceil(sum(self.used) / len(self.used)) + 1.0
        room = self.height - TAIL_GAP * line - below
        return [h for h in (half + n * line for n in BALANCE_STEPS) if h <= room]

    def holds(self, height: float) -> bool:
        """Is there ``height`` left in the last column, unbalanced?"""
        return self.height - self.used[-1] >= height


@dataclass(frozen=True)
class Balance:
    """How to end the columns on ``page``: ``height`` high with the closing block below
    them across the full width, or (None) unshortened."""

    page: int
    height: float | None
    band: tuple[int, ...] = ()
    """Wide floats (by :attr:`Float.ordinal`) set in a band at the top of ``page``, above
    the balanced columns: they would otherwise wait for the space below the columns and
    push the columns' notes up to mid-page."""


class ColumnsEnded(Exception):
    """The measuring pass reached the end of the columns."""

    def __init__(self, end: ColumnsEnd) -> None:
        super().__init__(end)
        self.end = end


class Misfit(Exception):
    """The text did not fit in the shortened columns of the last page."""


class Unplaceable(LayoutError):  # type: ignore[misc]
    """reportlab found no page for a flowable of the source's ``line`` with the
    footnotes it references: what to tell the author (``problem``, its code)."""

    def __init__(self, line: int, problem: str, code: Code) -> None:
        super().__init__(problem)
        self.line, self.problem, self.code = line, problem, code


@dataclass
class PageFrames:
    """The frames of one page template: fixed ones (page 1's header) and the columns,
    which start ``top`` points below the text block's top."""

    area: BodyArea
    fixed: list[Frame]
    columns: list[ColumnFrame]
    top: float = 0.0
    bands: bool = False  # wide floats may take the top of these pages

    @property
    def frames(self) -> list[Frame]:
        return [*self.fixed, *self.columns]


class FloatingDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """A document template that places floats and shapes each page's columns."""

    def __init__(
        self,
        buffer: io.BytesIO,
        area: BodyArea,
        ledger: FootnoteLedger,
        line: float,
        header_height: float | None = None,
        balance: Balance | None = None,
        early: Mapping[int, tuple[int, ...]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(buffer, **kwargs)
        self.early = dict(early or {})
        """Page → the wide floats (:attr:`Float.ordinal`) set at its top, though met on it."""
        self.candidates: list[tuple[int, int]] = []
        self.area = area
        self.ledger = ledger
        self.line = line
        self.balance = balance
        self.queue: list[Float] = []
        self.flushed = False  # the body text has ended: wide floats wait for its end
        self.ended = False  # the columns have ended: floats now flow with the closing block
        top = header_height or 0.0
        self.layouts = {
            "first": PageFrames(
                area,
                [area.header_frame(top)] if header_height is not None else [],
                area.columns_below(top, ledger, "first"),
                top,
            ),
            "later": PageFrames(
                area, [], area.columns_below(0.0, ledger, "later"), bands=area.columns > 1
            ),
        }
        self.tail: ColumnFrame | None = None
        self.story: list[Flowable] = []  # reportlab's window of the story (see build)
        self._coming: Iterator[Flowable] = iter(())
        self._next: Flowable | None = None
        self._ordinals = itertools.count()
        if area.columns > 1:
            full = BodyArea(area.geometry, 1, 0.0)
            self.layouts["closing"] = PageFrames(full, [], [full.full_width(ledger, "closing")])
            self.tail = full.full_width(ledger, "tail")

    def build(self, flowables: Iterable[Flowable], *args: Any, **kwargs: Any) -> None:
        # reportlab takes each flowable off the front of its list (``del flowables[0]``),
        # which costs the length of the list: it gets a window of the story, refilled as
        # it goes (see _refill), so that a story of 100,000 list items is not quadratic
        # and its flowables are made, set and dropped a window at a time.
        self._coming = iter(flowables)
        self._next = next(self._coming, None)
        self._ordinals = itertools.count()
        self.story = []
        self._refill()
        super().build(self.story, *args, **kwargs)

    def _refill(self) -> None:
        """Fill reportlab's window of the story from what is still to come. The floats are
        numbered so that each pass knows the same float by its number. The window ends
        with a flowable that is not kept with the next (reportlab's ``keepWithNext``
        group must be whole in it), known only once the next one is made: the story
        marks a paragraph that introduces a table when it makes the table."""
        story = self.story
        if len(story) > STORY_WINDOW // 2 and not story[-1].getKeepWithNext():
            return
        while self._next is not None:
            item = self._take()
            story.append(item)
            if len(story) >= STORY_WINDOW and not item.getKeepWithNext():
                return

    def _whole_story(self) -> list[Flowable]:
        """The window with all the story still to come: for taking a float out of it
        before the text reaches it."""
        while self._next is not None:
            self.story.append(self._take())
        return self.story

    def _take(self) -> Flowable:
        """The next flowable of the story (there must be one), a float numbered."""
        item, self._next = self._next, next(self._coming, None)
        if isinstance(item, Float):
            item.ordinal = next(self._ordinals)
        return item

    # -- pages and frames -------------------------------------------------------------

    def handle_pageBegin(self) -> None:
        layout = self.layouts.get(self.pageTemplate.id)
        band: list[Float] = []
        if layout is not None:
            self._pull_early(self.page + 1)
            band = self._closing_band() or self._band_floats(layout)
            self._shape(layout, self.page + 1, self._band_height(band))
        super().handle_pageBegin()
        if layout is not None and band:
            self._draw_band(layout, band)

    def handle_frameBegin(self, resume: int = 0, pageTopFlowables: Any = None) -> None:
        super().handle_frameBegin(resume, pageTopFlowables)
        frame = self.frame
        if frame is self.tail and not self.ended:
            raise Misfit()  # the text ran out of the shortened columns
        if isinstance(frame, ColumnFrame) and frame is not self.tail and not self.ended:
            self._place_at_top(frame)

    def _shape(self, layout: PageFrames, page: int, band: float) -> None:
        """Place this page's columns (below the band) and, on a balanced last page,
        the full-width frame below them."""
        top = layout.top + band
        height: float | None = None
        frames = layout.frames
        balance = self.balance
        if balance is not None and balance.page == page and balance.height is not None:
            height = balance.height
            g = layout.area.geometry
            rest = g.frame_height - top - height - TAIL_GAP * self.line
            if self.tail is not None and rest > self.line:
                self.tail.move_to(g.margin_left, g.margin_bottom, g.frame_width, rest)
                frames = [*frames, self.tail]
        layout.area.shape(layout.columns, top, height)
        self.pageTemplate.frames = frames

    def _pull_early(self, page: int) -> None:
        """The wide floats to be set at the top of ``page``: out of the story, into the
        queue (after those that already wait, which come first in the text)."""
        wanted = set(self.early.get(page, ()))
        if not wanted:
            return
        story = self._whole_story()
        taken = [f for f in story if isinstance(f, Float) and f.ordinal in wanted]
        story[:] = [f for f in story if not (isinstance(f, Float) and f in taken)]
        self.queue.extend(sorted(taken, key=lambda item: item.ordinal))

    def _note_early(self, item: Float) -> None:
        """Remember a wide float met near the top of a page's first column: the page is
        still empty enough to take it at its top (in the next pass)."""
        layout = self.layouts.get(self.pageTemplate.id)
        frame = self.frame
        if layout is None or not layout.bands or self.flushed or self.balance is not None:
            return
        if not layout.columns or frame is not layout.columns[0]:
            return
        if frame.top - frame_cursor(frame) <= EARLY_SHARE * frame.height:
            self.candidates.append((self.page, item.ordinal))

    def _closing_band(self) -> list[Float]:
        """On the balanced last page, the wide floats that end the body, taken out of the
        queue and the story (the text referencing them may still follow on this page)."""
        balance = self.balance
        if balance is None or balance.page != self.page + 1 or not balance.band:
            return []
        wanted = set(balance.band)
        taken = [item for item in self.queue if item.ordinal in wanted]
        self.queue = [item for item in self.queue if item.ordinal not in wanted]
        story = self._whole_story()
        taken += [f for f in story if isinstance(f, Float) and f.ordinal in wanted]
        story[:] = [f for f in story if not (isinstance(f, Float) and f in taken)]
        return sorted(taken, key=lambda item: item.ordinal)

    def _band_floats(self, layout: PageFrames) -> list[Float]:
        """The wide floats for the top of this page, in order."""
        if not layout.bands or self.flushed:
            return []
        width = self.area.geometry.frame_width
        limit = self.area.height - MIN_BAND_COLUMN_LINES * self.line
        taken: list[Float] = []
        while self.queue and self.queue[0].wide:
            if taken and self._band_need([*taken, self.queue[0]]) > limit:
                break
            item = self.queue.pop(0)
            if not taken and stacked_height([item], width) > limit:
                item = item.shrunk(width, limit - item.getSpaceAfter()) or item
            taken.append(item)
        return taken

    def _band_need(self, band: Sequence[Float]) -> float:
        """Height of ``band`` with the notes it brings to the columns below it."""
        numbers = {n for item in band for n in item.footnote_references()}
        waiting = sorted(n for n in numbers - self.ledger.placed if n in self.ledger.notes)
        notes = [self.ledger.note(n).height for n in waiting]
        separator = SEPARATOR_SPACE + SEPARATOR_GAP if notes else 0.0
        return self._band_height(band) + separator + sum(notes)

    def _band_height(self, band: Sequence[Float]) -> float:
        if not band:
            return 0.0
        return stacked_height(band, self.area.geometry.frame_width) + 1.0

    def _draw_band(self, layout: PageFrames, band: list[Float]) -> None:
        frame = self.area.band(layout.top, self._band_height(band))
        for item in band:
            if not frame.add(item, self.canv, trySplit=1):
                raise AssertionError("a band is measured to hold its floats")
            count_placed_flowable(self)
            # A note referenced across the columns goes to the foot of the first column
            # that has room for it, on this page.
            any(column.reserve_notes(item) for column in layout.columns)

    # -- floats ---------------------------------------------------------------------

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        window = flowables is self.story
        if window:
            self._refill()
        self._handle(flowables)
        if window:
            # reportlab stops when its list is empty: never while the story goes on.
            self._refill()

    def _handle(self, flowables: list[Flowable]) -> None:
        first = flowables[0]
        if isinstance(first, Float):
            del flowables[0]
            if first.forced:
                self._force(first, flowables)
            elif first.wide or self.queue or not self._place(self.frame, first):
                if first.wide:
                    self._note_early(first)
                self._defer(first, flowables)
        elif isinstance(first, FlushFloats):
            del flowables[0]
            self._flush(flowables)
        elif isinstance(first, EndColumns):
            del flowables[0]
            self._end_columns(flowables)
        else:
            if was_postponed(first) and not self._full(self.frame):
                # reportlab gives up on a flowable that fits neither this frame nor the
                # one before; a short column (below a band or header) is no such test.
                forget_postponed(first)
            try:
                super().handle_flowable(flowables)
            except LayoutError as err:
                # A flowable too tall with its notes (it says what to tell the author,
                # ``unplaceable``); anything else is a bug of ours.
                line = getattr(first, "source_line", None)
                say: tuple[str, Code] | None = getattr(first, "unplaceable", None)
                if isinstance(err, Unplaceable) or line is None or say is None:
                    raise
                if not references_in(first):
                    raise
                raise Unplaceable(line, *say) from err

    def _place(self, frame: Frame, item: Float) -> bool:
        """Set ``item`` in ``frame`` (a column) now; False if it does not fit there."""
        if not isinstance(frame, ColumnFrame) or not frame.add(item, self.canv, trySplit=1):
            return False
        count_placed_flowable(self)
        self.afterFlowable(item)
        return True

    def _defer(self, item: Float, flowables: list[Flowable]) -> None:
        frame = self.frame
        if not item.wide and not self.queue and self._alone_at_top(frame):
            self._place_oversized(frame, item, flowables, 0.0)  # waiting cannot help
        else:
            self.queue.append(item)

    def _full(self, frame: Frame) -> bool:
        """Is ``frame`` as tall as the text block (no header, band or balance above)?"""
        return bool(frame.height >= self.area.height - 1.0)

    def _alone_at_top(self, frame: Frame) -> bool:
        """At the top of a full column: a float that does not fit here fits nowhere."""
        return frame_at_top(frame) and self._full(frame)

    def _place_at_top(self, frame: ColumnFrame) -> None:
        limit = MAX_TOP_SHARE * frame.height
        placed = 0
        while self.queue and not self.queue[0].wide:
            item = self.queue[0]
            if placed:
                _, h = item.wrap(frame_available_width(frame), 1e6)
                if frame.top - frame_cursor(frame) + item.getSpaceBefore() + h > limit:
                    break
            if self._place(frame, item):
                self.queue.pop(0)
                placed += 1
                continue
            if not placed and self._full(frame):
                self.queue.pop(0)
                self._place_oversized(frame, item, pending_flowables(self), 0.0)
            break  # a shorter column (below a header or band) waits for a full one

    def _place_oversized(
        self, frame: Frame, item: Float, flowables: list[Flowable], least: float
    ) -> bool:
        """A float at the top of a column that is too tall for it: shrunk to fit (to no
        less than ``least`` of its size). In a full column, as a last resort, its parts
        flow like text. False if it was left as it is."""
        room = frame_cursor(frame) - frame_limit(frame)
        smaller = item.shrunk(frame_available_width(frame), room, least)
        if smaller is not None and self._place(frame, smaller):
            return True
        if self._full(frame):
            flowables[0:0] = item.parts
            return True
        return False

    def _force(self, item: Float, flowables: list[Flowable]) -> None:
        """A float that may wait no longer: here, or at the top of the next frame. In a
        short frame (below the balanced columns) it may be shrunk a little to stay."""
        frame = self.frame
        if self._place(frame, item):
            return
        if frame_at_top(frame):
            least = 0.0 if self._full(frame) else MIN_SHRINK
            if self._place_oversized(frame, item, flowables, least):
                return
        flowables.insert(0, item)
        self.handle_frameEnd()

    def _flush(self, flowables: list[Flowable]) -> None:
        """End of the body text: the floats that wait are set now; with two columns
        the first wide one and all after it wait for the full width below."""
        self.flushed = True
        ready: list[Float] = []
        while self.queue and not self.queue[0].wide:
            item = self.queue.pop(0)
            item.forced = True
            ready.append(item)
        flowables[0:0] = ready

    # -- the end of two columns -------------------------------------------------------

    def _end_columns(self, flowables: list[Flowable]) -> None:
        if self.balance is None:
            raise ColumnsEnded(self._measure())
        if self.page != self.balance.page:
            raise Misfit()
        self.ended = True
        waiting, self.queue = self.queue, []
        for item in waiting:
            item.forced = True
        flowables[0:0] = waiting
        self.handle_nextPageTemplate("closing")
        frames = self.pageTemplate.frames
        if self.tail in frames:
            self.handle_currentFrame(frames.index(self.tail))
        elif self.balance.height is not None or any(item.wide for item in waiting):
            self.handle_pageBreak()
        # Unbalanced, nothing wide waiting: the closing block follows in the column.

    def _measure(self) -> ColumnsEnd:
        layout = self.layouts[self.pageTemplate.id]
        columns = layout.columns
        waiting = self._band_height(self.queue)  # as high as a band of them at the top
        wide = all(item.wide for item in self.queue)
        return ColumnsEnd(
            page=self.page,
            used=tuple(c.used for c in columns),
            height=float(columns[0].height),
            waiting=waiting,
            band=tuple(item.ordinal for item in self.queue) if wide else (),
            notes=any(c.pieces for c in columns),
            early=tuple(self.candidates),
        )
