"""The body's frames: one column, or two below a full-width header on page 1.

With ``columns: 2`` page 1 has a full-width frame exactly as high as the header block
(logo, title, authors, lead) and two column frames below it; later pages have two
columns. Every column is a :class:`FootnoteFrame`, so a note is set at the foot of the
column that references it, in the column's width: the note is always on the page (and
beside the text) of its reference, and carried-over notes continue under the next
column, as in the foundation's printed country reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame
from reportlab.platypus.flowables import _listWrapOn

from lagebericht.layout.footnotes import FootnoteFrame, FootnoteLedger
from lagebericht.layout.geometry import Geometry
from lagebericht.theme import Theme

HEADER_SLACK = 2.0  # points added to the measured header so rounding never pushes it over


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
        _, height = _listWrapOn(list(header), self.geometry.frame_width, canv)
        # The lead's space after separates it from the columns, as from a one-column body.
        after = header[-1].getSpaceAfter() if header else 0.0
        return min(float(height) + after + HEADER_SLACK, self.height / 2)

    def columns_below(self, top: float, ledger: FootnoteLedger, name: str) -> list[FootnoteFrame]:
        """The column frames from ``top`` points below the text block's top to its bottom."""
        g = self.geometry
        return [
            FootnoteFrame(
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
        g = self.geometry
        return Frame(
            g.margin_left,
            g.margin_bottom + g.frame_height - height,
            g.frame_width,
            height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="header",
        )
