"""The theme's page geometry in points, as the layout needs it."""

from __future__ import annotations

from dataclasses import dataclass

from lagebericht.theme import Theme


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

    @classmethod
    def of(cls, theme: Theme) -> Geometry:
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
        )

    @property
    def frame_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def frame_height(self) -> float:
        return self.page_height - self.margin_top - self.margin_bottom
