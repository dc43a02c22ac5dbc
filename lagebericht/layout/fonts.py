"""The embedded font family: Source Sans Pro TTFs shipped by the ``font-source-sans-pro`` package.

Never the machine's fonts and never a base-14 font: every glyph the PDF shows, bullets
included, comes from these files and is embedded as a subset.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import font_source_sans_pro
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont


@dataclass(frozen=True)
class FontFamily:
    """Registered reportlab font names of one family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


_FILES = {
    "regular": "SourceSansPro-Regular.ttf",
    "bold": "SourceSansPro-Bold.ttf",
    "italic": "SourceSansPro-It.ttf",
    "bold_italic": "SourceSansPro-BoldIt.ttf",
}


def font_directory() -> Path:
    return Path(font_source_sans_pro.__file__).resolve().parent / "files"


@cache
def source_sans() -> FontFamily:
    """Register the family once per process (reportlab's font registry is process-wide)."""
    names = {style: f"LB-SourceSansPro-{style}" for style in _FILES}
    for style, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(names[style], str(font_directory() / file)))
    # <b>/<i> inside paragraphs pick the family's faces through this mapping.
    regular = names["regular"]
    addMapping(regular, 0, 0, regular)
    addMapping(regular, 1, 0, names["bold"])
    addMapping(regular, 0, 1, names["italic"])
    addMapping(regular, 1, 1, names["bold_italic"])
    return FontFamily(**names)
