"""Balanced headings and titles: line breaks that give lines of similar length.

A heading set ragged-right by reportlab fills each line greedily and may leave a single
word on its last line. :func:`balanced_markup` chooses the breaks itself — the fewest
lines the heading needs, the last line holding at least two words, and the least sum of
squared slack (so the lines come out of similar length) — and writes them into the
paragraph markup as explicit ``<br/>``. Headings are not hyphenated, so breaks are only
at ordinary spaces; a no-break space (a typographic tie) holds its words together.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

_TAG = re.compile(r"(<[^>]*>)")
_SPACE = re.compile(r"[ \t\r\n]+")
_LINE_BREAK = re.compile(r"<br\b", re.IGNORECASE)
MIN_LAST_LINE_WORDS = 2  # a heading of at least three words never ends on a single word


@dataclass(frozen=True)
class _Gap:
    """A run of spaces between two words: where it sits in the markup's pieces."""

    piece: int
    start: int
    end: int


def balanced_markup(markup: str, style: ParagraphStyle, width: float) -> str:
    """``markup`` with ``<br/>`` where a balanced heading breaks in ``width``.

    Unchanged when it fits on one line, already holds explicit line breaks, has a word
    wider than ``width`` (reportlab's own emergency breaking applies) or when reportlab,
    given the chosen breaks, would set it differently (measuring mismatch: keep its own).
    """
    if _LINE_BREAK.search(markup):
        return markup
    pieces = _TAG.split(markup)
    widths, gaps = _words(pieces, style)
    space = stringWidth(" ", style.fontName, style.fontSize)
    breaks = choose_breaks(widths, space, width)
    if breaks is None:
        return markup
    for index in sorted(breaks, reverse=True):
        gap = gaps[index]
        text = pieces[gap.piece]
        pieces[gap.piece] = text[: gap.start] + "<br/>" + text[gap.end :]
    result = "".join(pieces)
    lines = _set_lines(result, style, width)
    return result if lines == len(breaks) + 1 else markup


def choose_breaks(widths: Sequence[float], space: float, width: float) -> list[int] | None:
    """The words after which the lines end (0-based), or None to leave the breaking to
    reportlab: one line suffices or a word alone is wider than ``width``.

    Keeps the fewest lines a greedy fill needs and minimises the sum of squared slack;
    the last line holds two words unless they do not fit on a line together.
    """
    if not widths or max(widths) > width:
        return None
    fewest = _greedy_lines(widths, space, width)
    if fewest == 1:
        return None
    last_words = MIN_LAST_LINE_WORDS if len(widths) > MIN_LAST_LINE_WORDS else 1
    breaks = _least_slack(widths, space, width, fewest, last_words)
    # Without the rule for the last line there is always a solution: the greedy fill.
    return breaks if breaks is not None else _least_slack(widths, space, width, fewest, 1)


def _words(pieces: list[str], style: ParagraphStyle) -> tuple[list[float], list[_Gap]]:
    """The width of each word (in the style's font, tags ignored) and the gaps between."""
    widths: list[float] = []
    gaps: list[_Gap] = []
    current: list[str] = []  # text of the word being read

    def close_word() -> None:
        widths.append(stringWidth("".join(current), style.fontName, style.fontSize))
        current.clear()

    for number, piece in enumerate(pieces):
        if number % 2:  # a tag: no width, never a break
            continue
        position = 0
        for space in _SPACE.finditer(piece):
            current.append(html.unescape(piece[position : space.start()]))
            if "".join(current):
                close_word()
                gaps.append(_Gap(number, space.start(), space.end()))
            position = space.end()
        current.append(html.unescape(piece[position:]))
    if "".join(current):
        close_word()
    elif gaps:
        gaps.pop()  # trailing spaces end no line
    return widths, gaps


def _line_width(widths: Sequence[float], space: float, first: int, end: int) -> float:
    return sum(widths[first:end]) + space * (end - first - 1)


def _greedy_lines(widths: Sequence[float], space: float, width: float) -> int:
    lines, first = 1, 0
    for end in range(1, len(widths) + 1):
        if _line_width(widths, space, first, end) > width:
            lines, first = lines + 1, end - 1
    return lines


def _least_slack(
    widths: Sequence[float], space: float, width: float, lines: int, last_words: int
) -> list[int] | None:
    """Breaks into exactly ``lines`` lines, the last of at least ``last_words`` words,
    with the least sum of squared slack; None if there are none."""
    count = len(widths)
    inf = float("inf")
    # cost[k][j]: least cost of setting words[:j] in k lines; back[k][j]: where line k starts.
    cost = [[inf] * (count + 1) for _ in range(lines + 1)]
    back = [[0] * (count + 1) for _ in range(lines + 1)]
    cost[0][0] = 0.0
    for k in range(1, lines + 1):
        for end in range(1, count + 1):
            for first in range(end - 1, -1, -1):
                line = _line_width(widths, space, first, end)
                if line > width:
                    break
                if k == lines and end == count and end - first < last_words:
                    continue
                total = cost[k - 1][first] + (width - line) ** 2
                if total < cost[k][end]:
                    cost[k][end], back[k][end] = total, first
    if cost[lines][count] == inf:
        return None
    breaks: list[int] = []
    end = count
    for k in range(lines, 1, -1):
        end = back[k][end]
        breaks.append(end - 1)
    return sorted(breaks)


def _set_lines(markup: str, style: ParagraphStyle, width: float) -> int:
    """How many lines reportlab sets ``markup`` in."""
    paragraph = Paragraph(markup, style)
    paragraph.wrap(width, 1e6)
    return len(paragraph.blPara.lines)
