"""SVG figures with every text in the theme's own fonts.

The file is read by :func:`lagebericht.load.svg.read_svg` (shared with validation), already
measured in the theme's faces; here every string of the drawing is set in them too.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.graphics.shapes import Drawing, Group, String

from lagebericht.layout.fonts import FontFamily


def use_theme_fonts(drawing: Drawing, fonts: FontFamily) -> None:
    """Set every string of ``drawing`` (and its default font) in the theme's family."""
    drawing.initialFontName = fonts.regular
    for string in _strings(drawing):
        name = str(string.fontName).lower()
        bold = any(w in name for w in ("bold", "black", "heavy", "600", "700", "800", "900"))
        italic = "italic" in name or "oblique" in name
        string.fontName = {
            (False, False): fonts.regular,
            (True, False): fonts.bold,
            (False, True): fonts.italic,
            (True, True): fonts.bold_italic,
        }[(bold, italic)]


def _strings(group: Group) -> Iterator[String]:
    for node in getattr(group, "contents", ()):
        if isinstance(node, String):
            yield node
        elif isinstance(node, Group):
            yield from _strings(node)
