"""The default theme's font family draws every letter the offices write, in all four styles."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from lagebericht.theme import load_theme

KAZAKH = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
TURKISH = "ÇçĞğİıÖöŞşÜü"
GERMAN = "ÄäÖöÜüß"
PUNCTUATION = "„“”‚‘’«»–—…•·€§"


@pytest.mark.parametrize("face", ["regular", "bold", "italic", "bold_italic"])
def test_face_covers_latin_cyrillic_kazakh_turkish(face: str) -> None:
    path = load_theme().font_paths[face]
    cmap = TTFont(f"coverage-{face}", str(path)).face.charToGlyph
    missing = [c for c in KAZAKH + RUSSIAN + TURKISH + GERMAN + PUNCTUATION if ord(c) not in cmap]
    assert not missing, f"{face} cannot draw {missing}"
