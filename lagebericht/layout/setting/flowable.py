"""The Platypus flowable of a paragraph set by lagebericht's own engine.

:class:`TextFlowable` takes the same arguments as reportlab's ``Paragraph`` (markup, a
``ParagraphStyle``, ``bulletText``) and keeps what the layout relies on: ``wrap`` and
``split`` across pages and columns, reportlab's widow and orphan rules
(``allowWidows``/``allowOrphans`` of the style), a bullet or note number in the first
line's indent, first-line and left/right indents, the style's alignment, and
:meth:`TextFlowable.footnote_references` for the footnote frame — each split part
names only the notes referenced in its own lines.

A part made by ``split`` keeps the lines the whole paragraph was broken into (optimal
for the whole, not re-broken from the page break) as long as it is wrapped at the same
width; the line that ends a page does not end in a hyphen when the paragraph can be
broken without one there (the breaker's per-line demerits).
"""

from __future__ import annotations

import functools
import math
from dataclasses import replace
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.platypus import Flowable

from lagebericht.layout.hyphenation import WordHyphenator
from lagebericht.layout.linebreak.allowance import Allowance
from lagebericht.layout.linebreak.builder import Memo, Setting
from lagebericht.layout.setting.draw import draw_bullet, draw_lines
from lagebericht.layout.setting.inline import Span, footnotes_in, spans_of
from lagebericht.layout.setting.lines import LineSetting, SetLine, set_lines, widest_word
from lagebericht.layout.tagging import inner, label_of
from lagebericht.problems import Code

_FUZZ = 1e-6
# Typst's: its line breaker weighs a hyphen at 135 inside the square of a line's cost,
# as the line breaker's parameters have it here (setting.lines.PARAMETERS).
HYPHEN_PENALTY = 135.0
# A point inside an element of a German compound: dearer than one at its joint (inside
# the square a surcharge weighs less than beside it, so it is larger than TeX's would be).
ELEMENT_PENALTY = 200.0
# Either penalty grows by this share for each letter short of FRAGMENT_LETTERS on either
# side of the point (Typst's 15 % of 5): fewer lines end in "экс-" or "не-".
SHORT_FRAGMENT_COST = 0.15
FRAGMENT_LETTERS = 5
# A paragraph (or the rest of one) longer than this keeps a hyphen at a page's end: breaking
# it again for each page would make a giant paragraph's time grow with its square.
MAX_LINES_BROKEN_AGAIN = 200


class TextFlowable(Flowable):  # type: ignore[misc]
    """A paragraph of styled text (see the module's docstring)."""

    source_line: int | None = None  # of the Markdown block it sets: errors name it
    # What to say when no page can take it: the text always splits, so its notes.
    unplaceable = (
        "the footnotes referenced here do not fit on the page of their reference: "
        "a line's notes must begin on its page, and only the last of them may go on "
        "to the next; shorten the notes or reference them from different lines",
        Code.FOOTNOTE,
    )

    def __init__(
        self, text: str, style: Any, bulletText: str | None = None, *, balanced: bool = False
    ) -> None:
        super().__init__()
        self.style = style
        self.bulletText = bulletText
        # A heading or title: balanced lines, never hyphenated (``setting.ragged``).
        self.balanced = balanced
        self.spans: list[Span] = spans_of(text, style)
        self.text = "".join(span.text for span in self.spans)
        self._whole_text = self.text  # the paragraph's, for telling names (parts share it)
        self._continued = False  # a split's later part: no first-line indent, no bullet
        # Lines given by the paragraph this part was split from, at a width (its key), and what to
        # subtract from their ``start`` for a position in this part's text (not rewritten
        # per part: a long paragraph's rest holds thousands of lines, split on every page).
        self._preset: tuple[float, list[SetLine], int] | None = None
        self._broken: dict[float, list[SetLine]] = {}
        self._setting: LineSetting | None = None
        self.width = self.height = 0.0

    # --- what the layout asks -----------------------------------------------------------

    def footnote_references(self) -> tuple[int, ...]:
        """The footnotes this paragraph (or part) references, in order."""
        return footnotes_in(self.spans)

    def getPlainText(self, identify: object = None) -> str:
        """The text; ``identify`` is reportlab's (``Flowable.identity`` names a flowable
        that cannot be placed with it), and changes nothing here."""
        return self.text

    def minWidth(self) -> float:
        style = self.style
        indents = float(style.leftIndent + style.rightIndent)
        return widest_word(self.spans, self._line_setting().setting) + indents

    def getActualLineWidths0(self) -> list[float]:
        """The drawn width of each line at the last ``wrap``."""
        return [line.width for line in self._lines(self.width)]

    def lines(self, width: float) -> list[SetLine]:
        """The lines of the paragraph wrapped to ``width``."""
        return self._lines(width)

    # --- Flowable -------------------------------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self._lines(availWidth)) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if not self.spans or availWidth < _FUZZ or availHeight < _FUZZ:
            return []
        style = self.style
        lines = self._lines(availWidth)
        preset = self._preset
        offset = preset[2] if preset is not None and preset[1] is lines else 0
        fit = int(availHeight / style.leading)
        count = len(lines)
        orphans = getattr(style, "allowOrphans", 0)
        widows = getattr(style, "allowWidows", 1)
        if (not orphans and fit <= 1) or fit == 0:
            return []
        if count <= fit:
            return [self]
        if not widows and count == fit + 1:
            if (orphans and count == 3) or count > 3:
                fit -= 1  # the widow's line goes with the one before
            else:
                return []
        if lines[fit - 1].hyphenated and count <= MAX_LINES_BROKEN_AGAIN:
            again = self._without_hyphen_at(availWidth, fit, lines, widows)
            if again is not lines:
                lines, offset = again, 0
        at = lines[fit].start - offset
        first = self._part(0, at, availWidth, lines[:fit], offset)
        rest = self._part(at, len(self.text), availWidth, lines[fit:], offset)
        rest._continued = True
        rest.bulletText = None
        return [first, rest]

    def draw(self) -> None:
        style = self.style
        lines = self._lines(self.width)
        widths = self._widths(self.width)
        alignment = style.alignment
        y = self.height - style.fontSize
        origins: list[tuple[float, float]] = []
        for i, line in enumerate(lines):
            first = i == 0 and not self._continued
            x = style.leftIndent + (style.firstLineIndent if first else 0.0)
            measure = widths[min(i, len(widths) - 1)]
            if alignment == TA_CENTER:
                x += (measure - line.width) / 2
            elif alignment == TA_RIGHT:
                x += measure - line.width
            origins.append((x, y - i * style.leading))
        canv = self.canv
        canv.saveState()
        if self.bulletText and not self._continued:
            with inner(canv, label_of(self)):  # the marker: its Lbl's content
                draw_bullet(canv, self.bulletText, y, style)
        draw_lines(canv, lines, origins, style)
        canv.restoreState()

    # --- breaking -------------------------------------------------------------------------

    def _widths(self, width: float) -> list[float]:
        style = self.style
        content = width - style.leftIndent - style.rightIndent
        if self._continued:
            return [content]
        return [content - style.firstLineIndent, content]

    def _line_setting(self) -> LineSetting:
        if self._setting is None:
            style = self.style
            words = style.hyphenationLang
            hyphenator = words if isinstance(words, WordHyphenator) else None
            language = getattr(style, "language", None) or (
                hyphenator.language if hyphenator else "en"
            )
            if self.balanced:
                hyphenator = None
            allowance = getattr(style, "uax_allowance", None)
            uax = allowance.admit(self._whole_text) if isinstance(allowance, Allowance) else True
            setting = Setting(
                language=language,
                hyphenate=hyphenator.within(self._whole_text) if hyphenator else None,
                nohyphen=hyphenator.nohyphen if hyphenator else frozenset(),
                hyphen_penalty=HYPHEN_PENALTY,
                element_penalty=ELEMENT_PENALTY,
                short_fragment_cost=SHORT_FRAGMENT_COST,
                fragment_letters=FRAGMENT_LETTERS,
                kern=True,
                uax=uax,
                memo=shared_memo(),
            )
            fallback = _names_too(hyphenator) if hyphenator is not None else None
            justify = style.alignment == TA_JUSTIFY and not self.balanced
            self._setting = LineSetting(setting, justify, fallback=fallback, balanced=self.balanced)
        return self._setting

    def _lines(self, width: float) -> list[SetLine]:
        key = _width_key(width)
        preset = self._preset
        if preset is not None and preset[0] == key:
            return preset[1]
        lines = self._broken.get(key)
        if lines is None:
            lines = self._broken[key] = set_lines(
                self.spans, self._widths(width), self._line_setting()
            )
        return lines

    def _without_hyphen_at(
        self, width: float, line: int, lines: list[SetLine], widows: int
    ) -> list[SetLine]:
        """The paragraph broken again so that line ``line - 1`` (a page's last) does not end
        in a hyphen — if the breaker finds such a way that still needs a line ``line``
        (and two, without widows) and keeps a justified paragraph justified; else
        ``lines`` as they are."""
        setting = self._line_setting()
        hooks = {line - 1: math.inf}
        avoiding = replace(setting, hyphen_line_demerits=hooks)
        again = set_lines(self.spans, self._widths(width), avoiding)
        enough = len(again) > line and (widows or len(again) - line >= 2)
        # not at the price of a justified paragraph set ragged-right
        looser = again[0].ragged and not lines[0].ragged
        return again if enough and not looser and not again[line - 1].hyphenated else lines

    def _part(
        self, start: int, stop: int, width: float, lines: list[SetLine], offset: int
    ) -> TextFlowable:
        """The paragraph's text[start:stop] as a flowable with these lines at ``width``
        (their starts ``offset`` beyond positions in this flowable's text)."""
        part = type(self).__new__(type(self))
        Flowable.__init__(part)
        part.style = self.style
        part.bulletText = self.bulletText
        part.balanced = self.balanced
        part.spans = _slice(self.spans, start, stop)
        part.text = self.text[start:stop]
        part._whole_text = self._whole_text
        part._continued = self._continued
        part.source_line = self.source_line
        part._preset = (_width_key(width), lines, offset + start)
        part._broken = {}
        part._setting = self._setting
        part.width = part.height = 0.0
        return part


@functools.lru_cache(maxsize=16)
def _names_too(hyphenator: WordHyphenator) -> WordHyphenator:
    """``hyphenator.names_too()``: the same for every paragraph of a style."""
    return hyphenator.names_too()


def _width_key(width: float) -> float:
    """``width`` as the key of the lines broken for it: the same column's width, computed
    apart (by the story, by a frame, for the next column), may differ in a float's last
    bits, and each difference would break the paragraph again."""
    return round(width, 6)


@functools.cache
def shared_memo() -> Memo:
    """The line builder's memo of every paragraph set in this process: the paragraphs of
    a report share most of their words, and so do the reports of a batch (a worker builds
    many). Its answers depend on nothing but their keys, so a report is set the same
    whatever was set before it; it is bounded (``builder.Memo``)."""
    return Memo()


def _slice(spans: list[Span], start: int, stop: int) -> list[Span]:
    """The spans of text[start:stop]."""
    result: list[Span] = []
    offset = 0
    for span in spans:
        end = offset + len(span.text)
        if end > start and offset < stop:
            result.append(
                Span(span.text[max(start, offset) - offset : min(stop, end) - offset], span.look)
            )
        offset = end
    return result
