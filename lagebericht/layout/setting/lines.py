"""Spans → lines: broken by the Knuth-Plass engine, each line's pieces placed.

A *piece* is text in one look drawn from one point; within a piece the interword spaces
of a justified line are widened by the PDF's word spacing (which acts on the space
character only), so a line is a handful of pieces, not one per word. A glue of other
spaces (a no-break space) that must stretch starts a new piece where it ends.

A justified paragraph that the engine can only set with a line stretched beyond
:data:`MAX_STRETCH` times its spaces' width in a narrow column (a long unbreakable word),
beyond :data:`WIDE_MAX_STRETCH` in a measure of :data:`WIDE_MEASURE` ems or more, is set
again with names hyphenated too, if it has any, and if that does not help, ragged-right:
uneven line ends read better than holes. A wide measure allows the looser lines, as
Typst does: a paragraph ragged among justified ones, its short last line on a page read
as its end, shows more than one loose line among many words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from lagebericht.layout.font_kerning import kerning_of_font
from lagebericht.layout.hyphenation import Hyphenator, WordHyphenator
from lagebericht.layout.kerning import NO_KERNING
from lagebericht.layout.linebreak.builder import (
    OTHER_SPACE,
    WORD,
    Fragment,
    Run,
    Setting,
    build_items,
)
from lagebericht.layout.linebreak.items import FILL, INFINITY, Box, Glue, Item, Penalty
from lagebericht.layout.linebreak.knuth_plass import Line, Parameters, break_lines
from lagebericht.layout.setting.inline import Look, Span
from lagebericht.layout.setting.ragged import BALANCED_PARAMETERS, balanced_items, ragged_items

# A justified line's spaces are never set wider than MAX_STRETCH times their width in a
# narrow column, WIDE_MAX_STRETCH in a measure of WIDE_MEASURE ems or more (see the
# module's docstring): the glue stretches by half a space per unit of ratio, so ratio 2
# is twice the space.
MAX_STRETCH = 2.0
WIDE_MAX_STRETCH = 2.5
WIDE_MEASURE = 30.0
_MAX_RATIO = (MAX_STRETCH - 1) / Setting().stretch
_WIDE_MAX_RATIO = (WIDE_MAX_STRETCH - 1) / Setting().stretch
# Typst's cost of a line (knuth_plass's docstring): a space of a quarter em (Roboto's is
# 0.248 em), a hyphen's penalty inside the line's square, no demerits for fitness classes
# apart (Typst has none); TeX's others. A paragraph is first tried without the
# dictionary's hyphens with lines up to 1.63 times their spaces (badness 200; the seeds
# set the same lines as with none, and a third more paragraphs skip the hyphenated pass),
# then hyphenated with lines up to MAX_STRETCH (badness 800, ratio 2) in a narrow column,
# up to WIDE_MAX_STRETCH (2700, ratio 3) in a wide measure. With TeX's cost and
# tolerances a quarter of the lines ended in a hyphen, and with TeX's cost tuned the
# shares stayed above Typst's (benchmarks/README.md, "Tuning the breaker", "Kerning" and
# "Typst's cost of a line" tell the searches).
PARAMETERS = Parameters(
    pretolerance=200,
    tolerance=100 * _MAX_RATIO**3,  # TeX's badness of a line at MAX_STRETCH
    adj_demerits=0,
    beyond_stretch=0.25,
    penalty_in_square=True,
)
WIDE_PARAMETERS = replace(PARAMETERS, tolerance=100 * _WIDE_MAX_RATIO**3)
# TeX's own tolerances: for ragged-right lines, judged by the room left at their end, and
# for a large paragraph (below).
TEX_PARAMETERS = Parameters()
# A paragraph of more items (some 40 pages of text) is set with TeX's tolerances and
# justified whatever its loosest line: the wide tolerances, and breaking it again (with
# names hyphenated, then ragged-right with twice the items), would cost the breaker time
# in proportion to the paragraph's size times the lines it can weigh at each break.
LARGE_PARAGRAPH_ITEMS = 50_000


class Piece(NamedTuple):
    """Text in one look from ``x`` (relative to the line's start), its spaces each
    ``word_space`` wider than the font's."""

    x: float
    text: str
    look: Look
    word_space: float
    width: float  # as drawn, word spacing included
    # kerning: before text[i], this many thousandths of an em (negative: closer)
    kerns: tuple[tuple[int, float], ...] = ()


class SetLine(NamedTuple):
    """One line ready to draw."""

    pieces: tuple[Piece, ...]
    width: float  # as drawn (for centred and right-aligned lines)
    start: int  # offset of its first character in the paragraph's text
    hyphenated: bool  # ends at a hyphenation point or after a hyphen of the text
    in_word: bool  # ends inside a word (hyphenated, or cut as an emergency)
    ragged: bool  # a justified paragraph set ragged-right (see the module's docstring)


@dataclass(frozen=True)
class LineSetting:
    """What the lines of one paragraph are set with, besides its spans."""

    setting: Setting
    justify: bool
    hyphen_line_demerits: Mapping[int, float] | None = None
    # Tried before ragged-right: the setting's with more hyphenation points (names,
    # too); made into a setting only when needed (rarely: a paragraph too loose).
    fallback: Hyphenator | None = None
    # A heading or title: ragged-right, balanced (``ragged.balanced_items``).
    balanced: bool = False


def set_lines(
    spans: Sequence[Span],
    widths: Sequence[float],
    how: LineSetting,
    parameters: Parameters | None = None,
) -> list[SetLine]:
    """The lines of ``spans`` in lines of ``widths`` (the last repeats), broken with
    ``parameters`` or, without, those of the measure (:data:`PARAMETERS`,
    :data:`WIDE_PARAMETERS`)."""
    if not spans:
        return []
    size = max(span.look.size for span in spans)
    wide = min(widths) >= WIDE_MEASURE * size
    if parameters is None:
        parameters = WIDE_PARAMETERS if wide else PARAMETERS
    runs = [Run(span.text, span.look.font, span.look.size) for span in spans]
    starts = [0]
    for span in spans[:-1]:
        starts.append(starts[-1] + len(span.text))
    items = build_items(runs, min(widths), how.setting)
    large = len(items) > LARGE_PARAGRAPH_ITEMS
    if large:
        parameters = TEX_PARAMETERS
    if how.balanced:
        items = balanced_items(items, min(widths))
        parameters = BALANCED_PARAMETERS
    lines: Sequence[Line] = _one_line(items, widths[0], parameters, how.hyphen_line_demerits) or (
        break_lines(items, widths, parameters, how.hyphen_line_demerits).lines
    )
    justify = how.justify and not how.balanced
    limit = _WIDE_MAX_RATIO if wide else _MAX_RATIO
    if justify and not large and _too_loose(lines, limit):
        items, lines, justify = _loose(runs, size, limit, widths, how, parameters, items, lines)
    kernings = _Kernings(how.setting) if how.setting.kern else None
    result: list[SetLine] = []
    for line in lines:
        ratio = line.ratio if justify or line.ratio < 0 else 0.0
        pieces, width = _pieces(items, line.start, line.stop, ratio, spans, kernings)
        end = items[line.stop]
        # A break at a penalty without a payload is at a space (ragged-right's, a tie's).
        in_word = isinstance(end, Penalty) and end.cost > -INFINITY and end.payload is not None
        start = _start(items, line.start, starts)
        ragged = how.justify and not justify
        result.append(SetLine(pieces, width, start, line.hyphenated, in_word, ragged))
    return result


def _loose(
    runs: list[Run],
    size: float,
    limit: float,
    widths: Sequence[float],
    how: LineSetting,
    parameters: Parameters,
    items: list[Item[Fragment]],
    lines: Sequence[Line],
) -> tuple[list[Item[Fragment]], Sequence[Line], bool]:
    """Items, lines and whether justified for a justified paragraph whose ``lines`` have
    a line stretched beyond ``limit`` (see the module's docstring): set again with names
    hyphenated too if it has any and that brings it within, else ragged-right."""
    hyphenate = how.setting.hyphenate
    if how.fallback is not None and isinstance(hyphenate, WordHyphenator) and hyphenate.has_names():
        more = build_items(runs, min(widths), replace(how.setting, hyphenate=how.fallback))
        # without a first pass: without the dictionary's points it is the one that failed
        again = replace(parameters, pretolerance=-1)
        breaking = break_lines(more, widths, again, how.hyphen_line_demerits)
        if not _too_loose(breaking.lines, limit):
            return more, breaking.lines, True
    # Ragged-right, broken anew for it: the justified breaks may leave a line half empty.
    ragged = ragged_items(items, size)
    breaking = break_lines(ragged, widths, TEX_PARAMETERS, how.hyphen_line_demerits)
    return ragged, breaking.lines, False


def _one_line(
    items: Sequence[Item[Fragment]],
    measure: float,
    parameters: Parameters,
    hooks: Mapping[int, float] | None,
) -> tuple[Line] | None:
    """The paragraph as one line, when all of it fits in the first line at its natural
    width: what the breaker finds then (the last line's fill leaves it unstretched, and
    each further line would only add demerits), without its set-up — a report of
    100,000 list items has as many short paragraphs. None when the breaker must look:
    a forced or a rewarded (negative) break inside, looseness or hooks asked for."""
    if hooks or parameters.looseness or parameters.line_penalty <= 0:
        return None
    last = len(items) - 1
    limit = measure - _FIT_MARGIN  # a width at the measure is left to the breaker's sums
    natural = 0.0
    for index in range(last):
        item = items[index]
        if isinstance(item, Penalty):
            if item.cost < 0:
                return None
        else:
            natural += item.width
            if natural > limit:
                return None
    end = items[last]
    if natural + end.width > limit:
        return None
    return (Line(0, last, 0.0, False),)


_FIT_MARGIN = 1e-6


def _too_loose(lines: Sequence[Line], limit: float) -> bool:
    return any(line.ratio > limit for line in lines)


def _start(items: Sequence[Item[Fragment]], index: int, starts: list[int]) -> int:
    # By index: a slice would copy the paragraph's rest for every line.
    for i in range(index, len(items)):
        payload = items[i].payload
        if payload is not None:
            return starts[payload.run] + payload.start
    return starts[-1]


class _Kernings:
    """The kerns of a paragraph's pieces: the pairs of each word (characters between
    spaces), as the builder counts them. A piece is in one look, and so in one run (the
    spans of a paragraph differ in look), and the builder kerns every pair within a run
    but those around a space: inside its fragments and, through the penalty between
    them, across a word's hyphenation points; a line ending there has the pair of the
    last letter and the hyphen, the piece's last two characters. Each word's pairs are
    remembered in the setting's memo: a report's paragraphs share most of their words."""

    def __init__(self, setting: Setting) -> None:
        self.known = setting.memo.kerns if setting.memo is not None else {}

    def of(self, text: str, font: str) -> tuple[tuple[int, float], ...]:
        kerning = kerning_of_font(font)
        if kerning is NO_KERNING:
            return ()
        known = self.known.get(font)
        if known is None or len(known) >= _KERNS_REMEMBERED:
            known = self.known[font] = {}
        adjustments = kerning.adjustments
        kerns: list[tuple[int, float]] = []
        if OTHER_SPACE.search(text) is None:  # spaces only: split, not a regex per word
            at = 0
            for word in text.split(" "):
                found = known.get(word)
                if found is None:
                    found = known[word] = adjustments(word)
                if found:
                    kerns += [(at + i, value) for i, value in found] if at else found
                at += len(word) + 1
        else:
            for match in WORD.finditer(text):
                word = match.group()
                found = known.get(word)
                if found is None:
                    found = known[word] = adjustments(word)
                if found:
                    at = match.start()
                    kerns += [(at + i, value) for i, value in found] if at else found
        return tuple(kerns)


_KERNS_REMEMBERED = 65536


def _pieces(
    items: Sequence[Item[Fragment]],
    start: int,
    stop: int,
    ratio: float,
    spans: Sequence[Span],
    kernings: _Kernings | None = None,
) -> tuple[tuple[Piece, ...], float]:
    """The pieces of the line items[start:stop] stretched by ``ratio``, and its width.

    Text joins the open piece when it is in the same look and either brings no word
    spacing of its own or the same as the piece's (one loop with local state: it runs for
    every item of every line). With ``kernings``, each piece gets its kerns."""
    pieces: list[Piece] = []
    x = 0.0
    # the open piece: start, texts, look, word space (None: not yet known), width
    texts: list[str] | None = None
    open_x = open_width = 0.0
    open_look: Look | None = None
    open_space: float | None = None
    for item in items[start:stop]:
        payload = item.payload
        if payload is None:
            continue  # a penalty not broken at, the paragraph's fill
        text = payload.text
        space: float | None = None
        # the builder and ragged_items make these three classes only
        if type(item) is Box:
            if not text:
                continue
            width = item.width
        elif type(item) is Glue:
            if item.stretch == FILL:
                continue
            extra = ratio * (item.stretch if ratio >= 0 else item.shrink)
            spaces = text.count(" ")
            width = item.width
            if spaces and spaces == len(text):
                width += extra
                space = extra / spaces
            elif extra:  # other spaces: the PDF's word spacing does not widen them
                if texts is not None:
                    pieces.append(
                        _piece(open_x, texts, open_look, open_space, open_width, kernings)
                    )
                    texts = None
                x += extra
                space = 0.0
        else:
            continue
        look = spans[payload.run].look
        if (
            texts is not None
            and (open_look is look or open_look == look)
            and (space is None or open_space is None or abs(open_space - space) < 1e-9)
        ):
            texts.append(text)
            if space is not None:
                open_space = space
            open_width += width
        else:
            if texts is not None:
                pieces.append(_piece(open_x, texts, open_look, open_space, open_width, kernings))
            texts, open_x, open_look, open_space, open_width = [text], x, look, space, width
        x += width
    end = items[stop]
    if isinstance(end, Penalty) and end.payload is not None and end.payload.text:
        look = spans[end.payload.run].look
        if texts is not None and (open_look is look or open_look == look):
            texts.append(end.payload.text)
            open_width += end.width
        else:
            if texts is not None:
                pieces.append(_piece(open_x, texts, open_look, open_space, open_width, kernings))
            texts, open_x, open_look, open_space, open_width = (
                [end.payload.text],
                x,
                look,
                None,
                end.width,
            )
        x += end.width
    elif isinstance(end, Penalty) and end.payload is not None:
        x += end.width  # the kerning into the next fragment, taken back (builder)
        open_width += end.width
    if texts is not None:
        pieces.append(_piece(open_x, texts, open_look, open_space, open_width, kernings))
    return tuple(pieces), x


def _piece(
    x: float,
    texts: list[str],
    look: Look | None,
    space: float | None,
    width: float,
    kernings: _Kernings | None,
) -> Piece:
    assert look is not None  # an open piece has its look
    text = "".join(texts)
    kerns = kernings.of(text, look.font) if kernings is not None else ()
    return Piece(x, text, look, space or 0.0, width, kerns)


def widest_word(spans: Sequence[Span], setting: Setting) -> float:
    """The widest run of boxes between spaces: the narrowest the paragraph can be set
    without breaking inside a word (reportlab's ``minWidth``)."""
    if not spans:
        return 0.0
    runs = [Run(span.text, span.look.font, span.look.size) for span in spans]
    items = build_items(runs, math.inf, setting)
    widest = width = 0.0
    for item in items:
        if isinstance(item, Box):
            width += item.width
        elif isinstance(item, Glue):
            widest, width = max(widest, width), 0.0
    return max(widest, width)


def lines_text(lines: Sequence[SetLine]) -> list[str]:
    """Each line's text as drawn (for tests and diagnostics)."""
    return ["".join(piece.text for piece in line.pieces) for line in lines]
