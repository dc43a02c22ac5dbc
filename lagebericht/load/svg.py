"""SVG files as reportlab drawings (svglib), read without looking at the machine's fonts.

Left alone, svglib maps an SVG's ``font-family`` to reportlab's base-14 fonts (Helvetica,
Times…), tries font files of that name on the machine, or asks fontconfig; none of these
may reach the PDF, and the machine's fonts must not even be looked at. Reading is given
a font map that answers every family with the given faces (bold and italic kept), so text
widths (centred labels) are measured in the fonts that are drawn.

Here, below validation and layout, because both read figures the same way: validation to
prove a file can be drawn, the layout to draw it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple, Protocol

from reportlab.graphics.shapes import Drawing
from svglib.fonts import FontMap
from svglib.svglib import svg2rlg


class SvgError(Exception):
    """The file is not an SVG that can be drawn; the message says why."""


class Faces(Protocol):
    """Font names of one family's four faces (the layout's registered ``FontFamily``)."""

    @property
    def regular(self) -> str: ...
    @property
    def bold(self) -> str: ...
    @property
    def italic(self) -> str: ...
    @property
    def bold_italic(self) -> str: ...


class _FaceNames(NamedTuple):
    regular: str
    bold: str
    italic: str
    bold_italic: str


# Faces by (bold, italic) when only checking that a file can be read: reportlab's built-in
# metrics, never drawn.
_METRICS_ONLY = _FaceNames(
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"
)


class _FamilyFontMap(FontMap):
    """svglib's font lookup answered from one family, without searching the machine."""

    def __init__(self, fonts: Faces) -> None:
        super().__init__()
        self._faces = {
            (False, False): fonts.regular,
            (True, False): fonts.bold,
            (False, True): fonts.italic,
            (True, True): fonts.bold_italic,
        }

    def find_font(
        self, font_name: str, weight: str = "normal", style: str = "normal"
    ) -> tuple[str, bool]:
        weight = str(weight).lower()
        bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
        italic = str(style).lower() in ("italic", "oblique")
        return self._faces[(bold, italic)], True


def read_svg(path: Path, root: Path | None = None, fonts: Faces | None = None) -> Drawing:
    """The SVG at ``path``, its text in ``fonts`` (the theme's registered family; ``None``
    to only check it); references to other files are honoured only inside ``root``."""
    # svglib logs and returns None on a broken file; the caller reports it instead.
    logging.getLogger("svglib.svglib").setLevel(logging.CRITICAL)
    base = str(root if root is not None else path.parent)
    font_map = _FamilyFontMap(fonts or _METRICS_ONLY)
    try:
        drawing = svg2rlg(str(path), external_reference_root=base, font_map=font_map)
    except Exception as error:  # svglib raises lxml, value and recursion errors
        raise SvgError(f"not a readable SVG image ({type(error).__name__})") from None
    if drawing is None:
        raise SvgError("not a readable SVG image")
    if not drawing.width or not drawing.height or drawing.width < 0 or drawing.height < 0:
        raise SvgError("the SVG has no size; give the <svg> element a width and height")
    return drawing
