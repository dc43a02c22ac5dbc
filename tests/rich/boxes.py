"""What is drawn where on a built page: words, images and vector shapes as boxes.

The default theme's text block on A4: 25 mm margins top, bottom and left, 20 mm right;
with two columns a 7 mm gap between them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.28, 841.89
LEFT, RIGHT = 25 * MM, PAGE_W - 20 * MM
TOP, BOTTOM = 25 * MM, PAGE_H - 25 * MM
HEIGHT = BOTTOM - TOP
GAP = 7 * MM
COLUMN = (RIGHT - LEFT - GAP) / 2
MIDDLE = LEFT + COLUMN + GAP / 2  # centre of the gap between two columns
LINE = 14.5  # body leading


@dataclass(frozen=True)
class Box:
    kind: str  # "word", "image" or "shape"
    top: float
    bottom: float
    x0: float
    x1: float
    text: str = ""
    size: float = 0.0


def boxes(pdf: bytes, everywhere: bool = False) -> list[list[Box]]:
    """Per page, everything drawn inside the text block (no running header or footer),
    or ``everywhere`` on the page."""
    pages: list[list[Box]] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            found = [
                Box(
                    "word",
                    float(w["top"]),
                    float(w["bottom"]),
                    float(w["x0"]),
                    float(w["x1"]),
                    str(w["text"]),
                    float(w["size"]),
                )
                for w in page.extract_words(extra_attrs=["size"])
            ]
            found += [
                Box("image", float(i["top"]), float(i["bottom"]), float(i["x0"]), float(i["x1"]))
                for i in page.images
            ]
            found += [
                Box("shape", float(s["top"]), float(s["bottom"]), float(s["x0"]), float(s["x1"]))
                for s in (*page.rects, *page.curves, *page.lines)
            ]
            inside = [b for b in found if b.top >= TOP - 2 and b.bottom <= BOTTOM + 2]
            pages.append(found if everywhere else inside)
    return pages


def find(pages: list[list[Box]], text: str) -> tuple[int, Box]:
    """The first word starting with ``text``: its page index and box."""
    for index, page in enumerate(pages):
        for box in page:
            if box.kind == "word" and box.text.startswith(text):
                return index, box
    raise AssertionError(f"{text!r} is on no page")


def largest_gap(page: list[Box], x0: float, x1: float, to_bottom: bool = True) -> float:
    """The tallest empty stretch of the text block between ``x0`` and ``x1`` (from its top,
    between things drawn, and to its bottom unless ``to_bottom`` is False)."""
    spans = sorted((b.top, b.bottom) for b in page if b.x1 > x0 + 1 and b.x0 < x1 - 1)
    gap, reached = 0.0, TOP
    for top, bottom in spans:
        gap = max(gap, top - reached)
        reached = max(reached, bottom)
    if to_bottom:
        gap = max(gap, BOTTOM - reached)
    return gap
