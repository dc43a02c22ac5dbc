"""The kerning of a font registered with reportlab, by its registered name.

The line builder and the drawing know a run's font by the name reportlab registered it
under (``layout.fonts``); the pairs come from the font's own file (``layout.kerning``).
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from lagebericht.layout.kerning import NO_KERNING, Kerning, kerning_of


@functools.cache  # reportlab's registry is process-wide, and a name keeps its file
def kerning_of_font(name: str) -> Kerning:
    """The pair kerning of the registered font ``name``; none for a font not read from a
    TrueType file (reportlab's standard fonts)."""
    face = getattr(pdfmetrics.getFont(name), "face", None)
    filename = getattr(face, "filename", None)
    if not isinstance(filename, str) or not filename.lower().endswith((".ttf", ".otf", ".ttc")):
        return NO_KERNING
    return kerning_of(Path(filename))
