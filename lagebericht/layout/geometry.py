"""The theme's page geometry in points, as the layout needs it."""

from __future__ import annotations

from dataclasses import dataclass

from lagebericht.theme import Theme

CROP_MARK_ROOM = 6.0
"""Millimetres beyond the bleed that hold the crop marks."""


def _slug(theme: Theme) -> float:
    return theme.print.bleed + (CROP_MARK_ROOM if theme.print.crop_marks else 0.0)


@dataclass(frozen=True)
class Geometry:
    """Page and text-block measures in points."""

    page_width: float
    page_height: float
    margin_left: float
    margin_right: float
    margin_top: float
    margin_bottom: float
    header_offset: float
    footer_offset: float
    bleed: float = 0.0
    """Of a print-shop PDF: what runs to the trim edge runs this far beyond it."""
    slug: float = 0.0
    """Room around the trimmed page (bleed, plus the crop marks' room): the page drawn on
    is this much larger on every side, and everything is drawn shifted by it."""

    @classmethod
    def of(cls, theme: Theme, for_print: bool = False) -> Geometry:
        width, height = theme.page_size
        p = theme.page
        return cls(
            page_width=width,
            page_height=height,
            margin_left=theme.pt(p.margin_left),
            margin_right=theme.pt(p.margin_right),
            margin_top=theme.pt(p.margin_top),
            margin_bottom=theme.pt(p.margin_bottom),
            header_offset=theme.pt(p.header_offset),
            footer_offset=theme.pt(p.footer_offset),
            bleed=theme.pt(theme.print.bleed) if for_print else 0.0,
            slug=theme.pt(_slug(theme)) if for_print else 0.0,
        )

    @property
    def media_size(self) -> tuple[float, float]:
        """The size of the PDF's pages: the trimmed page with the slug on every side."""
        return self.page_width + 2 * self.slug, self.page_height + 2 * self.slug

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        """Where the printed sheet is cut, in the coordinates of the PDF page."""
        s = self.slug
        return s, s, s + self.page_width, s + self.page_height

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        """The trim box grown by the bleed."""
        x0, y0, x1, y1 = self.trim_box
        b = self.bleed
        return x0 - b, y0 - b, x1 + b, y1 + b

    @property
    def frame_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def frame_height(self) -> float:
        return self.page_height - self.margin_top - self.margin_bottom
