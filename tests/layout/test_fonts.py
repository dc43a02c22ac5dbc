"""The body font family draws every letter the offices write, in all four styles."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from lagebericht.layout.fonts import font_files

KAZAKH = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
TURKISH = "ÇçĞğİıÖöŞşÜü"
GERMAN = "ÄäÖöÜüß"
PUNCTUATION = "„“”‚‘’«»–—…•·€§"


@pytest.mark.parametrize("style", ["regular", "bold", "italic", "bold_italic"])
def test_style_covers_latin_cyrillic_kazakh_turkish(style: str) -> None:
    cmap = TTFont(f"coverage-{style}", str(font_files()[style])).face.charToGlyph
    missing = [c for c in KAZAKH + RUSSIAN + TURKISH + GERMAN + PUNCTUATION if ord(c) not in cmap]
    assert not missing, f"{style} cannot draw {missing}"
