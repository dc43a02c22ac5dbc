"""The look of the Auslandsbüro brand: page geometry, colours, type sizes.

Values here are the built-in defaults of the ``auslandsbuero`` theme.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm


@dataclass(frozen=True)
class Theme:
    """Geometry in points, colours as ``#rrggbb``."""

    page_width: float = A4[0]
    page_height: float = A4[1]
    margin_left: float = 25 * mm
    margin_right: float = 20 * mm
    margin_top: float = 25 * mm
    margin_bottom: float = 25 * mm
    header_offset: float = 13 * mm  # baseline of the running header from the page top
    footer_offset: float = 12 * mm  # baseline of the footer from the page bottom

    brand: str = "#0b3b66"  # deep blue: rules, label, headings
    accent: str = "#c8102e"  # the brand's red bar on page 1
    text: str = "#1a1a1a"
    muted: str = "#5f6b76"  # running header, footer, credits
    rule: str = "#9aa7b3"

    body_size: float = 10.5
    body_leading: float = 14.5
    note_size: float = 8.0
    note_leading: float = 10.0
    title_size: float = 20.0
    title_leading: float = 24.0
    heading_size: float = 13.0
    heading3_size: float = 11.5
    small_size: float = 8.0

    publisher: str | None = None  # printed in the footer; the office's name when unset

    @property
    def frame_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def frame_height(self) -> float:
        return self.page_height - self.margin_top - self.margin_bottom


DEFAULT_THEME = Theme()
