"""The theme's regular Roboto, registered with reportlab for the builder's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "LinebreakTestRoboto"
_FILE = Path(__file__).parents[3] / "templates/auslandsbuero/fonts/Roboto-Regular.ttf"


@pytest.fixture(scope="session")
def font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(_FILE)))
    return FONT
