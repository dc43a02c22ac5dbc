"""The words of a built PDF with their page, position and font (via pdfplumber).

Coordinates are pdfplumber's: points, ``top``/``bottom`` measured down from the top edge
of the page, so a larger ``bottom`` is lower on the page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

from tests.seed_text import FoundWord, ends_with_line_hyphen, normalise_word

Char = dict[str, Any]

# Words split at gaps wider than this (pt). Smaller than a space of 8 pt type, so words
# placed without a space character (justified text) still come apart.
_X_TOLERANCE = 1.5


@dataclass(frozen=True)
class PdfWord:
    """One word as printed: text, place and font."""

    page: int
    """0-based page index."""
    line: int
    """0-based index of its line on the page (among the words of the same selection)."""
    text: str
    norm: str
    """``normalise_word(text)``; may be empty for a bullet glyph or a dash."""
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    """Distance of the baseline (text rise included) from the top of the page."""
    size: float
    fontname: str
    line_end_hyphen: bool
    """Last word of its line and ends with a hyphen."""

    def found(self) -> FoundWord:
        return FoundWord(self.norm, self.line_end_hyphen)

    @property
    def bold(self) -> bool:
        return "Bold" in _style(self.fontname)

    @property
    def italic(self) -> bool:
        return "It" in _style(self.fontname)


def _style(fontname: str) -> str:
    # Drop the subset tag ("ABCDEF+SourceSansPro-It"): a random tag could contain "It".
    return fontname.split("+", 1)[-1]


@dataclass(frozen=True)
class PdfText:
    """All words of a PDF, and the size of its body type."""

    pages: tuple[tuple[PdfWord, ...], ...]
    """Per page, every word, in reading order (lines top to bottom, left to right)."""
    flow: tuple[PdfWord, ...]
    """Words in body-size type or larger, all pages in order: the body text flow without
    footnotes, superscripts and small running headers and footers."""
    body_size: float
    """The most common type size (pt): the size of the body text."""
    chars: tuple[tuple[Char, ...], ...]
    """Per page, pdfplumber's chars (for bullets drawn as glyphs)."""
    shapes: tuple[tuple[tuple[float, float, float, float], ...], ...]
    """Per page, (x0, top, x1, bottom) of drawn curves and rectangles (bullets as shapes)."""
    page_heights: tuple[float, ...]


def read_pdf(path: Path) -> PdfText:
    with pdfplumber.open(path) as pdf:
        sizes: Counter[float] = Counter(
            round(float(c["size"]), 2) for p in pdf.pages for c in p.chars if c["text"].strip()
        )
        body_size = sizes.most_common(1)[0][0]
        descents = _descent_ratios(pdf.pages)
        pages = tuple(_words(p, i, descents, None) for i, p in enumerate(pdf.pages))
        flow = tuple(
            w
            for i, p in enumerate(pdf.pages)
            # Body size or larger: a hair of tolerance for rounding only.
            for w in _words(p, i, descents, lambda c: float(c["size"]) >= body_size - 0.01)
        )
        chars = tuple(tuple(p.chars) for p in pdf.pages)
        shapes = tuple(
            tuple(
                (float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"]))
                for o in (*p.curves, *p.rects)
            )
            for p in pdf.pages
        )
        heights = tuple(float(p.height) for p in pdf.pages)
    return PdfText(pages, flow, body_size, chars, shapes, heights)


def _descent_ratios(pages: list[Any]) -> dict[str, float]:
    """Per font, its descent as a fraction of the type size.

    pdfminer places a char's box at baseline + descent + text rise, and pdfplumber does not
    report the rise (how superscripts are usually raised). With the font's descent known,
    the true baseline follows from the box. The descent is the most common offset of box
    from text-matrix origin, since most text is not raised.
    """
    offsets: dict[str, Counter[float]] = {}
    for page in pages:
        for c in page.chars:
            size = float(c["size"])
            if size > 0:
                ratio = round((float(c["y0"]) - float(c["matrix"][5])) / size, 3)
                offsets.setdefault(str(c["fontname"]), Counter())[ratio] += 1
    return {font: counts.most_common(1)[0][0] for font, counts in offsets.items()}


def _words(
    page: Any, index: int, descents: dict[str, float], keep: Callable[[Char], bool] | None
) -> tuple[PdfWord, ...]:
    if keep is not None:
        page = page.filter(lambda obj: obj.get("object_type") != "char" or keep(obj))
    raw = page.extract_words(
        x_tolerance=_X_TOLERANCE, extra_attrs=["fontname", "size"], return_chars=True
    )
    for w in raw:
        c = w["chars"][0]
        w["baseline"] = float(c["bottom"]) + descents[str(c["fontname"])] * float(c["size"])
    # Group into lines by baseline; a superscript (raised less than half the type size)
    # stays on its line.
    raw.sort(key=lambda w: float(w["baseline"]))
    lines: list[list[dict[str, Any]]] = []
    for w in raw:
        if lines:
            ref = lines[-1][0]
            tolerance = 0.45 * max(float(ref["size"]), float(w["size"]))
            if float(w["baseline"]) - float(ref["baseline"]) <= tolerance:
                lines[-1].append(w)
                continue
        lines.append([w])
    result: list[PdfWord] = []
    for n, line in enumerate(lines):
        line.sort(key=lambda w: float(w["x0"]))
        for k, w in enumerate(line):
            text = str(w["text"])
            result.append(
                PdfWord(
                    page=index,
                    line=n,
                    text=text,
                    norm=normalise_word(text),
                    x0=float(w["x0"]),
                    x1=float(w["x1"]),
                    top=float(w["top"]),
                    bottom=float(w["bottom"]),
                    baseline=float(w["baseline"]),
                    size=float(w["size"]),
                    fontname=str(w["fontname"]),
                    line_end_hyphen=k == len(line) - 1 and ends_with_line_hyphen(text),
                )
            )
    return tuple(result)


def with_text(words: tuple[PdfWord, ...] | list[PdfWord]) -> list[PdfWord]:
    """The words that have letters or digits (drops bullet glyphs and lone dashes)."""
    return [w for w in words if w.norm]
