"""The body's frames: one column, or two below a full-width header on page 1.

With ``columns: 2`` page 1 has a full-width frame exactly as high as the header block
(logo, title, authors, lead) and two column frames below it; later pages have two
columns. Every column is a :class:`FootnoteFrame`, so a note is set at the foot of the
column that references it, in the column's width: the note is always on the page (and
beside the text) of its reference, and carried-over notes continue under the next
column, as in the foundation's printed country reports.

Pages are shaped one at a time (:meth:`BodyArea.shape`): floats that span both columns
take a band at the top of a page and the columns start below it; on the last page of a
two-column body the columns may be shortened to balance them, with a full-width frame
below them for the closing block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame

from lagebericht.layout.footnotes import (
    SEPARATOR_GAP,
    SEPARATOR_SPACE,
    FootnoteFrame,
    FootnoteLedger,
)
from lagebericht.layout.geometry import Geometry
from lagebericht.layout.reportlab_adapter import (
    PageHookFrame,
    frame_content_bottom,
    frame_content_top,
    frame_cursor,
    frame_limit,
    list_wrap_on,
)
from lagebericht.theme import Theme

HEADER_SLACK = 2.0  # points added to the measured header so rounding never pushes it over


class ColumnFrame(FootnoteFrame):
    """A body column (or the full-width frame of the closing block)."""

    def reserve_notes(self, flowable: Flowable) -> bool:
        """Set the notes ``flowable`` references at this column's foot, as if it were
        placed here: for a float drawn across the columns above. False if no room."""
        numbers = self._pending(flowable)
        if not numbers:
            return True
        separator = 0.0 if self.pieces else SEPARATOR_SPACE + SEPARATOR_GAP
        plan = self._plan(numbers, frame_cursor(self) - self._bottom(0.0) - separator)
        if plan is None:
            return False
        self._commit(plan, numbers)
        return True

    @property
    def top(self) -> float:
        return frame_content_top(self)

    @property
    def used(self) -> float:
        """Height taken on this page: text from the top plus the notes at the foot."""
        return self.top - frame_cursor(self) + frame_limit(self) - frame_content_bottom(self)

    def move_to(self, x: float, y: float, width: float, height: float) -> None:
        """New place on the page; takes effect with the frame's next reset."""
        # reportlab's Frame recomputes its geometry on each of these assignments.
        self.x1, self.y1, self.width, self.height = x, y, width, height


@dataclass(frozen=True)
class BodyArea:
    """The measures the body is set in."""

    geometry: Geometry
    columns: int
    gap: float

    @classmethod
    def of(cls, theme: Theme) -> BodyArea:
        return cls(Geometry.of(theme), theme.columns, theme.pt(theme.column_gap))

    @property
    def column_width(self) -> float:
        """Width of one column (the text block's width with one column)."""
        g = self.geometry
        return (g.frame_width - (self.columns - 1) * self.gap) / self.columns

    @property
    def height(self) -> float:
        return self.geometry.frame_height

    def header_height(self, header: Sequence[Flowable], canv: Canvas) -> float:
        """Height the header flowables take at full width, as a frame would stack them."""
        _, height = list_wrap_on(header, self.geometry.frame_width, canv)
        # The lead's space after separates it from the columns, as from a one-column body.
        after = header[-1].getSpaceAfter() if header else 0.0
        return min(height + after + HEADER_SLACK, self.height / 2)

    def columns_below(self, top: float, ledger: FootnoteLedger, name: str) -> list[ColumnFrame]:
        """The column frames from ``top`` points below the text block's top to its bottom."""
        g = self.geometry
        return [
            ColumnFrame(
                g.margin_left + i * (self.column_width + self.gap),
                g.margin_bottom,
                self.column_width,
                g.frame_height - top,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id=f"{name}-{i + 1}",
                ledger=ledger,
            )
            for i in range(self.columns)
        ]

    def header_frame(self, height: float) -> Frame:
        return self.band(0.0, height, "header")

    def full_width(self, ledger: FootnoteLedger, name: str) -> ColumnFrame:
        """One frame over the whole text block (the closing block after two columns)."""
        (frame,) = BodyArea(self.geometry, 1, 0.0).columns_below(0.0, ledger, name)
        return frame

    def shape(self, columns: Sequence[ColumnFrame], top: float, height: float | None) -> None:
        """Place ``columns`` from ``top`` points below the text block's top, ``height``
        high (None: down to the text block's bottom)."""
        g = self.geometry
        high = g.frame_height - top if height is None else height
        for i, frame in enumerate(columns):
            x = g.margin_left + i * (self.column_width + self.gap)
            frame.move_to(x, g.margin_bottom + g.frame_height - top - high, self.column_width, high)

    def band(self, top: float, height: float, name: str = "band") -> Frame:
        """A full-width frame (floats across the columns, the header block), ``top``
        points below the text block's top."""
        g = self.geometry
        # A PageHookFrame: it marks the tagged content it draws.
        return PageHookFrame(
            g.margin_left,
            g.margin_bottom + g.frame_height - top - height,
            g.frame_width,
            height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )
