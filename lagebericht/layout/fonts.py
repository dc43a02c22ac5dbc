"""The theme's embedded font family, registered with reportlab once per process.

Never the machine's fonts and never a base-14 font: every glyph the PDF shows, bullets
included, comes from the theme's TTF files (in the theme's folder or a Python package) and
is embedded as a subset. The default theme ships Roboto 2.138 in its ``fonts/`` folder
rather than Source Sans Pro: the italics of Source Sans Pro 2.020 have no Cyrillic at all,
so Russian or Kazakh italics would print as empty boxes.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from lagebericht.problems import Code, InputError, Problem
from lagebericht.theme import Theme


@dataclass(frozen=True)
class FontFamily:
    """Registered reportlab font names of one family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


def family_of(theme: Theme) -> FontFamily:
    """The theme's family, registered on first use."""
    p = theme.font_paths
    return _register(p["regular"], p["bold"], p["italic"], p["bold_italic"])


class _Font(TTFont):  # type: ignore[misc]
    """reportlab's TTF font, answering its face's ascent and descent itself.

    ``pdfmetrics.getAscentDescent`` asks the font first and falls back to its face only
    after an AttributeError, raised and caught for every line reportlab sets. The values
    are the same.
    """

    @property
    def ascent(self) -> float:
        return float(self.face.ascent)

    @property
    def descent(self) -> float:
        return float(self.face.descent)


@cache
def _register(regular: Path, bold: Path, italic: Path, bold_italic: Path) -> FontFamily:
    # reportlab's font registry is process-wide: name fonts after their files so two
    # themes with different files never share a name.
    def name(path: Path) -> str:
        digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:8]
        return f"LB-{path.stem}-{digest}"

    family = FontFamily(name(regular), name(bold), name(italic), name(bold_italic))
    for font_name, path in zip(
        (family.regular, family.bold, family.italic, family.bold_italic),
        (regular, bold, italic, bold_italic),
        strict=True,
    ):
        try:
            font = _Font(font_name, str(path))
        except (TTFError, struct.error) as error:
            # A damaged file the theme's check (``theme.font_files``) lets through.
            message = f"the font file cannot be used ({error}); replace it"
            raise InputError([Problem(path, None, None, message, code=Code.THEME)]) from None
        pdfmetrics.registerFont(font)
    # <b>/<i> inside paragraphs pick the family's faces through this mapping.
    addMapping(family.regular, 0, 0, family.regular)
    addMapping(family.regular, 1, 0, family.bold)
    addMapping(family.regular, 0, 1, family.italic)
    addMapping(family.regular, 1, 1, family.bold_italic)
    return family
