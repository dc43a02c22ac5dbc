"""The embedded font family: Roboto TTFs shipped by the ``font-roboto`` package.

Never the machine's fonts and never a base-14 font: every glyph the PDF shows, bullets
included, comes from these files and is embedded as a subset. Roboto rather than Source
Sans Pro: the italics of ``font-source-sans-pro`` (Source Sans Pro 2.020) have no Cyrillic
at all, so Russian or Kazakh italics would print as empty boxes; Roboto covers Latin,
Cyrillic with the Kazakh letters and Turkish in all four styles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import font_roboto
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
    "regular": "Roboto-Regular.ttf",
    "bold": "Roboto-Bold.ttf",
    "italic": "Roboto-Italic.ttf",
    "bold_italic": "Roboto-BoldItalic.ttf",
}


def font_files() -> dict[str, Path]:
    """The TTF file of each style."""
    return {style: font_directory() / file for style, file in _FILES.items()}


def font_directory() -> Path:
    return Path(font_roboto.__file__).resolve().parent / "files"


@cache
def body_family() -> FontFamily:
    """Register the family once per process (reportlab's font registry is process-wide)."""
    names = {style: f"LB-Roboto-{style}" for style in _FILES}
    for style, path in font_files().items():
        pdfmetrics.registerFont(TTFont(names[style], str(path)))
    # <b>/<i> inside paragraphs pick the family's faces through this mapping.
    regular = names["regular"]
    addMapping(regular, 0, 0, regular)
    addMapping(regular, 1, 0, names["bold"])
    addMapping(regular, 0, 1, names["italic"])
    addMapping(regular, 1, 1, names["bold_italic"])
    return FontFamily(**names)
