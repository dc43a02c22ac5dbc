"""The quality of a PDF's line breaking, read from the body lines on its pages.

A body line is a row of characters in the body size (10.5 pt in the default theme) whose
baseline they share, inside a body column; smaller characters raised on it (footnote
markers) belong to it. Title block, headings, lead, footnotes, tables, running header and
footer are in other sizes and so left out.

Per line:

- **justified**: it reaches its column's right edge within :data:`EDGE_TOLERANCE` (or an
  edge that at least :data:`MIN_EDGE_LINES` lines share a little inside it, like the right
  indent of a block quote) — every line of a justified paragraph but its last;
- **hyphenated**: ending in a hyphen after a letter, justified or ragged-right (a ragged
  paragraph's hyphens are hyphens all the same). A hyphen of the text ("Kassym-" /
  "Schomart") counts like an inserted one, for every setter alike: on the page both look
  the same;
- **word spaces**: the gaps between its words (from the end of one word's last glyph
  advance to the start of the next word), the list marker's gap left out; its
  **looseness** is their average over the font's normal space at the body size;
- **overfull**: it ends more than :data:`OVERFULL_TOLERANCE` right of its column's edge.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.pdfbase.ttfonts import TTFont

from lagebericht.theme import Theme

MM = 72 / 25.4
EDGE_TOLERANCE = 1.0  # pt: a line ending this close to the edge reaches it
OVERFULL_TOLERANCE = 0.5  # pt beyond the edge
SIZE_TOLERANCE = 0.05  # pt: characters of the body size
MIN_EDGE_LINES = 3  # lines ending at the same point inside the column make an edge there
INNER_EDGE_RANGE = 60.0  # pt: how far inside the column such an edge may lie
LOOSE = 1.6
VERY_LOOSE = 2.0
HYPHENS = frozenset("-\u00ad\u2010\u2011")
MARKERS = frozenset("•‣◦▪–")  # bullets of list items (lagebericht: • and –)
_SPACES = frozenset(" \t\n\u00a0")
_MARKER_GAP = 2.5  # × normal space: a number before a gap this wide is a list number


@dataclass(frozen=True)
class Geometry:
    """Where the body columns lie and what a normal word space is."""

    margin_left: float
    margin_right: float
    """pt from the page's left and right edges."""
    columns: int
    column_gap: float
    body_size: float
    space: float
    """Width of the font's space at the body size, pt."""

    @classmethod
    def of(cls, theme: Theme) -> Geometry:
        face = TTFont("TypoSpace", str(theme.font_paths["regular"]))
        return cls(
            margin_left=theme.page.margin_left * MM,
            margin_right=theme.page.margin_right * MM,
            columns=theme.columns,
            column_gap=theme.column_gap * MM,
            body_size=theme.sizes.body,
            space=face.stringWidth(" ", theme.sizes.body),
        )

    def spans(self, page_width: float) -> list[tuple[float, float]]:
        """Left and right edge of each column on a page ``page_width`` wide."""
        left, right = self.margin_left, page_width - self.margin_right
        width = (right - left - (self.columns - 1) * self.column_gap) / self.columns
        return [
            (left + i * (width + self.column_gap), left + i * (width + self.column_gap) + width)
            for i in range(self.columns)
        ]


@dataclass(frozen=True)
class Line:
    """One body line."""

    page: int
    """1-based."""
    column: int
    """0-based."""
    baseline: float
    """Distance from the page's top, pt."""
    x0: float
    x1: float
    right: float
    """Its column's right edge."""
    text: str
    gaps: tuple[float, ...]
    """Its word spaces, pt."""
    justified: bool
    hyphenated: bool
    looseness: float | None
    """Average word space over the normal space; ``None`` unless justified with a gap."""

    @property
    def overfull(self) -> float:
        """pt beyond the column's edge (0 if none)."""
        return max(0.0, self.x1 - self.right)


@dataclass(frozen=True)
class Summary:
    """The figures of one PDF."""

    pages: int
    lines: int
    justified: int
    hyphenated: int
    longest_run: int
    """Most consecutive lines ending in a hyphen."""
    loose: int
    """Justified lines looser than :data:`LOOSE`."""
    very_loose: int
    """... than :data:`VERY_LOOSE`."""
    worst: Line | None
    overfull: int
    page_end_hyphens: int
    """Pages whose last body line ends in a hyphen."""

    @property
    def hyphen_share(self) -> float:
        """Share of body lines ending in a hyphen, in percent."""
        return 100.0 * self.hyphenated / self.lines if self.lines else 0.0

    @property
    def worst_ratio(self) -> float:
        looseness = self.worst.looseness if self.worst else None
        return looseness or 0.0


@dataclass
class _Row:
    """Characters of one body line while it is collected."""

    page: int
    column: int
    y: float  # PDF baseline (from the bottom)
    top: float
    chars: list[dict[str, Any]]


def body_lines(pdf: Path | bytes, geometry: Geometry) -> tuple[list[Line], int]:
    """The body lines of ``pdf`` in reading order, and its number of pages."""
    import pdfplumber  # the test extra; not a dependency of lagebericht

    source: Any = BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    rows: list[_Row] = []
    rights: dict[tuple[int, int], float] = {}
    with pdfplumber.open(source) as document:
        pages = len(document.pages)
        for number, page in enumerate(document.pages, start=1):
            spans = geometry.spans(float(page.width))
            rights.update({(number, index): right for index, (_, right) in enumerate(spans)})
            rows += _page_rows(number, page.chars, spans, geometry)
    drafts = [_draft(row, rights[row.page, row.column], geometry) for row in rows]
    edges = _inner_edges(drafts)
    lines = [_finish(draft, edges, geometry) for draft in drafts]
    return lines, pages


def _page_rows(
    number: int,
    chars: Sequence[dict[str, Any]],
    spans: Sequence[tuple[float, float]],
    geometry: Geometry,
) -> list[_Row]:
    def column(x: float) -> int | None:
        for index, (left, right) in enumerate(spans):
            if left - EDGE_TOLERANCE <= x < right + geometry.column_gap / 2:
                return index
        return None

    rows: dict[tuple[int, float], _Row] = {}
    small: list[dict[str, Any]] = []
    for char in chars:
        if abs(float(char["size"]) - geometry.body_size) <= SIZE_TOLERANCE:
            index = column(float(char["x0"]))
            if index is None:
                continue
            y = round(float(char["matrix"][5]), 1)
            row = rows.setdefault((index, y), _Row(number, index, y, float(char["top"]), []))
            row.chars.append(char)
        elif float(char["size"]) < geometry.body_size:
            small.append(char)
    # Raised small characters (footnote markers) sit on the body line below them.
    for char in small:
        y = float(char["matrix"][5])
        for row in rows.values():
            if (
                row.y - 0.3 * geometry.body_size <= y <= row.y + 0.6 * geometry.body_size
                and column(float(char["x0"])) == row.column
            ):
                row.chars.append(char)
                break
    return sorted(rows.values(), key=lambda r: (r.column, -r.y))


@dataclass(frozen=True)
class _Draft:
    row: _Row
    right: float
    x0: float
    x1: float
    text: str
    gaps: tuple[float, ...]


def _draft(row: _Row, right: float, geometry: Geometry) -> _Draft:
    chars = sorted(row.chars, key=lambda c: float(c["x0"]))
    while chars and not chars[-1]["text"].strip():
        chars.pop()
    while chars and not chars[0]["text"].strip():
        chars.pop(0)
    words = _words(chars, geometry)
    gaps = [float(b[0]["x0"]) - float(a[-1]["x1"]) for a, b in itertools.pairwise(words)]
    if gaps and _is_marker(words[0], gaps, geometry):
        gaps = gaps[1:]
    text = " ".join("".join(c["text"] for c in word) for word in words)
    return _Draft(
        row=row,
        right=right,
        x0=float(chars[0]["x0"]) if chars else 0.0,
        x1=float(chars[-1]["x1"]) if chars else 0.0,
        text=text,
        gaps=tuple(gaps),
    )


def _words(chars: Sequence[dict[str, Any]], geometry: Geometry) -> list[list[dict[str, Any]]]:
    """The line's words: split at its space characters or, where a PDF writes none, at
    gaps of a third of a space. A no-break space counts as a word space: both setters
    stretch it like any other (it only forbids a break)."""
    words: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    for char in chars:
        if char["text"] in _SPACES:
            if current:
                words.append(current)
            current = []
            continue
        if current and float(char["x0"]) - float(current[-1]["x1"]) > geometry.space / 3:
            words.append(current)
            current = []
        current.append(char)
    if current:
        words.append(current)
    return words


def _is_marker(word: Sequence[dict[str, Any]], gaps: Sequence[float], geometry: Geometry) -> bool:
    text = "".join(c["text"] for c in word)
    if text in MARKERS:
        return True
    numbered = text[:-1].isdigit() and text[-1:] in ".)"
    others = gaps[1:]
    wide = gaps[0] > _MARKER_GAP * geometry.space
    return numbered and wide and (not others or gaps[0] > 1.5 * statistics.median(others))


def _inner_edges(drafts: Iterable[_Draft]) -> dict[int, list[float]]:
    """Per column, right edges that several lines share inside the column (a block
    quote's right indent)."""
    ends: dict[int, list[float]] = {}
    for draft in drafts:
        inside = draft.right - INNER_EDGE_RANGE < draft.x1 < draft.right - EDGE_TOLERANCE
        if inside:
            ends.setdefault(draft.row.column, []).append(draft.x1)
    edges: dict[int, list[float]] = {}
    for column, values in ends.items():
        values.sort()
        for value in values:
            near = [v for v in values if abs(v - value) <= 0.3]
            if len(near) >= MIN_EDGE_LINES and all(
                abs(e - value) > 0.3 for e in edges.get(column, [])
            ):
                edges.setdefault(column, []).append(value)
    return edges


def _finish(draft: _Draft, edges: dict[int, list[float]], geometry: Geometry) -> Line:
    targets = [draft.right, *edges.get(draft.row.column, [])]
    justified = draft.x1 >= draft.right - EDGE_TOLERANCE or any(
        abs(draft.x1 - edge) <= EDGE_TOLERANCE for edge in targets
    )
    text = draft.text
    hyphenated = len(text) >= 2 and text[-1] in HYPHENS and text[-2].isalpha()
    looseness = None
    if justified and draft.gaps:
        looseness = statistics.fmean(draft.gaps) / geometry.space
    return Line(
        page=draft.row.page,
        column=draft.row.column,
        baseline=draft.row.top,
        x0=draft.x0,
        x1=draft.x1,
        right=draft.right,
        text=text,
        gaps=draft.gaps,
        justified=justified,
        hyphenated=hyphenated,
        looseness=looseness,
    )


def summarize(lines: Sequence[Line], pages: int) -> Summary:
    """The figures of a PDF's body ``lines`` (in reading order)."""
    run = longest = 0
    for line in lines:
        run = run + 1 if line.hyphenated else 0
        longest = max(longest, run)
    measured = [line for line in lines if line.looseness is not None]
    worst = max(measured, key=lambda line: line.looseness or 0.0, default=None)
    last_on_page: dict[int, Line] = {}
    for line in lines:  # reading order: the last one seen on a page is its last
        last_on_page[line.page] = line
    return Summary(
        pages=pages,
        lines=len(lines),
        justified=sum(line.justified for line in lines),
        hyphenated=sum(line.hyphenated for line in lines),
        longest_run=longest,
        loose=sum((line.looseness or 0.0) > LOOSE for line in measured),
        very_loose=sum((line.looseness or 0.0) > VERY_LOOSE for line in measured),
        worst=worst,
        overfull=sum(line.overfull > OVERFULL_TOLERANCE for line in lines),
        page_end_hyphens=sum(line.hyphenated for line in last_on_page.values()),
    )


def measure(pdf: Path | bytes, geometry: Geometry) -> Summary:
    """The figures of ``pdf``."""
    lines, pages = body_lines(pdf, geometry)
    return summarize(lines, pages)
