"""The theme's character maps read from its TTF files: the tests' reference for what the
build reads from the fonts it registers (``lagebericht.build._registered_cmaps``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont


@cache
def font_cmap(path: Path) -> frozenset[int]:
    """Code points the TTF file at ``path`` has glyphs for (glyph 0 is the empty box)."""
    font = TTFont(f"coverage-{path.name}", str(path))
    return frozenset(code for code, glyph in font.face.charToGlyph.items() if glyph)


def theme_cmaps(font_paths: Mapping[str, Path]) -> dict[str, tuple[str, frozenset[int]]]:
    """``{face: (file name, code points)}`` for the theme's four faces."""
    return {face: (path.name, font_cmap(path)) for face, path in font_paths.items()}
