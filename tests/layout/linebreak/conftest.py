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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # As in tests/hostile: `pytest -q` leaves the heavy tests out unless given `-m slow`.
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if "slow" in item.keywords and "linebreak" in str(item.path):
            item.add_marker(skip)
