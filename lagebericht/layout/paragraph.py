"""Body paragraphs broken into lines the way a typesetter wants them.

reportlab's line breaker is greedy and hyphenates whenever a word overflows and a head of
it fits, so justified German text easily ends three or more lines in a row with a hyphen,
and a paragraph can end on a line holding nothing but the tail of its last word.
:class:`BodyParagraph` keeps reportlab's algorithm and its data structures (so drawing,
splitting across pages and the footnote machinery see ordinary reportlab lines) and only
takes away hyphenation where it breaks these rules:

1. at most :data:`MAX_HYPHENATED_RUN` consecutive lines end in an inserted hyphen;
2. the last line is never just the tail of a word hyphenated on the line before.

Rule 1 is decided while reportlab breaks: the dictionary it is given refuses to split a
word on a line that follows two hyphenated ones. Rule 2 (and anything the first pass
could not see, such as soft hyphens typed by the author) is checked on the finished
lines; the lines from the fault on are broken again with hyphenation refused there.
A word wider than the whole line is hyphenated all the same: refusing would make
reportlab cut it without any hyphen, or — for the tail of a word it has hyphenated once —
not at all, drawing it past the margin. Such a word is offered only heads that can fit a
line (the dictionary's, then a cut anywhere), so a 10,000-letter word is broken in time
proportional to its length, and its lines are exempt from the rules above.

The first part made by ``split`` keeps the lines it was given: reportlab breaks it again
when the frame wraps it, from words rejoined at the page break, and a head rejoined from
several lines (a word longer than a line) would be set as one line past the margin.

Breaking again from reportlab's own fragment words (a second ``wrap``, a ``split`` part)
also keeps a hyphen of the text that ended a line ("Kassym-" / "Schomart"), which plain
reportlab 5.1 drops on rejoining when the paragraph has markup.
"""

from __future__ import annotations

import copy
import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyphen
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import (
    _FK_BREAK,
    Paragraph,
    _HSFrag,
    _InjectedFrag,
    _processed_frags,
    _SHYStr,
    _SHYWord,
    _split_blParaSimple,
    _SplitFrag,
    _SplitFragH,
    _SplitFragHY,
    _SplitWord,
    _SplitWordEnd,
    _SplitWordHY,
)

from lagebericht.layout.hyphenation import Hyphenator, WordHyphenator

MAX_HYPHENATED_RUN = 2  # consecutive lines that may end in an inserted hyphen
# Letters beyond a line's reach given to the dictionary with a long word's head: its
# patterns look a few letters ahead, so the breaks within reach come out as for the word.
LONG_WORD_LOOKAHEAD = 16
MIN_PIECE = 2  # letters on each side of a forced cut
_RUN = tuple(range(1, MAX_HYPHENATED_RUN + 1))  # distances of the lines before

Pair = tuple[str, str]


class LineEnd(enum.Enum):
    """How a laid-out line ends."""

    PLAIN = "plain"  # a whole word, an explicit hyphen of the text, or a forced split
    HYPHENATED = "hyphenated"  # a word split by the dictionary, with an inserted hyphen
    SOFT_HYPHEN = "soft"  # a word split at a soft hyphen of the text: shown, not preventable


@dataclass(frozen=True)
class _Rulings:
    """Lines of one paragraph exempted from the usual hyphenation decision."""

    refused: frozenset[int] = frozenset()  # their overflowing word must not be hyphenated
    allowed: frozenset[int] = frozenset()  # their word may be, whatever the rules

    def refuse(self, line: int) -> _Rulings:
        if line in self.allowed:
            return self
        return _Rulings(self.refused | {line}, self.allowed)

    def allow(self, line: int) -> _Rulings:
        return _Rulings(self.refused - {line}, self.allowed | {line})

    def from_line(self, start: int) -> _Rulings:
        """The rulings for a paragraph made of the lines from ``start`` on."""
        return _Rulings(
            frozenset(i - start for i in self.refused if i >= start),
            frozenset(i - start for i in self.allowed if i >= start),
        )


def _long_word_pairs(dictionary: Hyphenator, word: str, reach: int) -> Iterator[Pair]:
    """Splits of a word longer than a line whose head has at most ``reach`` letters.

    The dictionary sees only the head's neighbourhood (a long word's tail would make
    every line cost the whole word); after its splits, a cut after any letter, so that
    some head always fits and the word is never drawn past the margin.
    """
    window = word[: reach + LONG_WORD_LOOKAHEAD]
    rest = word[len(window) :]
    for head, tail in dictionary(window):
        if len(head) <= reach:
            yield head, tail + rest
    for cut in range(min(reach, len(word) - MIN_PIECE), MIN_PIECE - 1, -1):
        yield word[:cut], word[cut:]


def _reach_of(font: str, size: float, width: float) -> Callable[[str], int]:
    """``word → letters of it that fit in width`` (``len(word)`` when all of it does)."""

    def reach(word: str) -> int:
        if stringWidth(word, font, size) <= width:
            return len(word)
        total = 0.0
        for i, letter in enumerate(word):
            total += stringWidth(letter, font, size)
            if total > width:
                return i
        return len(word)

    return reach


@dataclass
class _Breaking:
    """What one run of reportlab's line breaker has done so far."""

    dictionary: Hyphenator
    rulings: _Rulings
    reach: Callable[[str], int]  # letters of a word that fit on a line
    line: int = 0  # the line being filled
    hyphenated: set[int] = field(default_factory=set)
    refusals: set[int] = field(default_factory=set)  # lines where a hyphenation was refused
    forced: set[int] = field(default_factory=set)  # lines cutting a word longer than a line
    # The dictionary's walk for the current line. reportlab walks the pairs (longest head
    # first) and stops at the first head that fits; so a walk that ends before the pairs
    # run out means reportlab split the word there, after ``head``.
    walking: bool = False
    head: str | None = None
    exhausted: bool = False

    def pairs(self, word: str) -> Iterator[Pair]:
        """The hyphenator reportlab calls for the word overflowing the current line."""
        line = self.line
        reach = self.reach(word)
        if reach < len(word):
            self.forced.add(line)
            return self._walk(_long_word_pairs(self.dictionary, word, reach))
        hyphenated = self.hyphenated
        after_run = all(line - k in hyphenated for k in _RUN)
        rulings = self.rulings
        if (after_run or line in rulings.refused) and line not in rulings.allowed:
            self.refusals.add(line)
            self.walking = False
            return iter(())
        return self._walk(self.dictionary(word))

    def _walk(self, pairs: Iterator[Pair]) -> Iterator[Pair]:
        self.walking, self.head, self.exhausted = True, None, False
        return self._follow(pairs)

    def _follow(self, pairs: Iterator[Pair]) -> Iterator[Pair]:
        # A generator: reportlab's loop resumes it without a Python-level ``__next__``.
        for pair in pairs:
            self.head = pair[0]
            yield pair
        self.exhausted = True

    def line_ended(self) -> None:
        if self.walking and self._inserted_hyphen():
            self.hyphenated.add(self.line)
        self.walking = False
        self.line += 1

    def _inserted_hyphen(self) -> bool:
        # reportlab adds '-' unless the head already ends in a (soft) hyphen of the text.
        head = self.head
        return not self.exhausted and bool(head) and head[-1] not in "-\xad"  # type: ignore[index]


def _dictionary_of(style: Any) -> Hyphenator | None:
    """The style's hyphenator, resolved the way reportlab resolves ``hyphenationLang``."""
    value = getattr(style, "hyphenationLang", "")
    if isinstance(value, str):
        lang = value.strip()
        return pyphen.Pyphen(lang=lang).iterate if lang else None
    return value if callable(value) else None


# Word types that always end a line plainly: a whole word of one style, a fragment word.
_PLAIN_WORDS = frozenset({str, list, _HSFrag})


def _end_of_word(word: object) -> LineEnd:
    """How a line ends whose last word is ``word`` (a ``str`` or a fragment word)."""
    if type(word) in _PLAIN_WORDS:
        return LineEnd.PLAIN
    if isinstance(word, _SHYStr | _SHYWord):
        # Split at a soft hyphen: the head carries the hyphen (one-style paragraphs) or
        # is of a head class (paragraphs with markup).
        split = word.endswith("-") if isinstance(word, str) else isinstance(word, _SplitFragHY)
        return LineEnd.SOFT_HYPHEN if split else LineEnd.PLAIN
    hyphenated = isinstance(word, _SplitWordHY | _SplitFragHY)
    return LineEnd.HYPHENATED if hyphenated else LineEnd.PLAIN


def _completes_word(word: object) -> bool:
    """Does a line ending in ``word`` end on a word boundary (no part of a word follows)?"""
    if isinstance(word, str):
        return not isinstance(word, _SplitWord | _SHYStr) or isinstance(word, _SplitWordEnd)
    # A split fragment word is complete only as the last part, the one a space follows.
    return not isinstance(word, _SplitFrag) or isinstance(word, _HSFrag)


def _forced_piece(word: object) -> bool:
    """Is ``word`` the first piece of a word wider than a line, cut without a hyphen?"""
    return type(word) in (_SplitWord, _SplitFrag)


def _keep_text_hyphens(frags: list[Any]) -> None:
    """Keep the hyphen of a word like "Kassym-Schomart" split after it when re-broken.

    Breaking again from reportlab's fragment words (a second ``wrap``, a ``split`` part)
    rejoins split words; where head and tail share one style object it strips every
    trailing '-' of the head, so "Kassym-" + "Schomart" became "KassymSchomart". A tail
    with its own copy of the style is appended instead, hyphen kept.
    """
    head: Any = None
    for word in frags:
        if isinstance(word, _InjectedFrag):
            continue
        if head is not None and isinstance(word, _SplitFrag) and word[1][0] is head[-1][0]:
            word[1] = (word[1][0].clone(), word[1][1])
        text_hyphen = not isinstance(word, _SplitFragHY) and word[-1][1].endswith("-")
        head = word if isinstance(word, _SplitFragH) and text_hyphen else None


def _simple(bl_para: Any) -> bool:
    """Lines of ``(space, words)`` pairs (one style) rather than ``FragLine`` objects."""
    lines = bl_para.lines
    return bool(bl_para.kind == 0 or (lines and isinstance(lines[0], tuple)))


def _last_words(paragraph: Paragraph, bl_para: Any) -> list[object]:
    """The last word of each line: a ``str``, or a fragment word with markup."""
    lines = bl_para.lines
    if _simple(bl_para):
        return [words[-1] if words else "" for _, words in lines]
    # Line i holds the fragment words frags[sFW(i):sFW(i+1)] (after breaking, ``frags``
    # is reportlab's list of fragment words), line breaks injected by hyphenation included.
    words = paragraph.frags
    last: list[object] = []
    for stop in [line.sFW for line in lines[1:]] + [len(words)]:
        i = stop - 1
        while i >= 0 and isinstance(words[i], _InjectedFrag):
            i -= 1
        last.append(words[i] if i >= 0 else "")
    return last


def line_ends(paragraph: Paragraph, bl_para: Any = None) -> list[LineEnd]:
    """How each line of a wrapped reportlab paragraph (or of its ``bl_para``) ends."""
    bl_para = paragraph.blPara if bl_para is None else bl_para
    return [_end_of_word(word) for word in _last_words(paragraph, bl_para)]


def _joined(head: frozenset[int], rest: frozenset[int], start: int) -> frozenset[int]:
    """Line numbers of a paragraph's lines before ``start`` and of ``rest`` broken from it."""
    return frozenset({i for i in head if i < start} | {i + start for i in rest})


def _overflows(line: Any) -> bool:
    """Does a laid-out line reach past its width (a word too long for it, left whole)?"""
    spare = line[0] if isinstance(line, tuple) else line.extraSpace
    return bool(spare < -0.01)


def _word_count(line: Any) -> int:
    """Words on a laid-out line (a ``(space, words)`` pair, or a ``FragLine``)."""
    return len(line[1]) if isinstance(line, tuple) else int(line.wordCount)


@dataclass(frozen=True)
class _Broken:
    """Lines broken for the widths a paragraph was wrapped to (as given, and as adjusted
    by reportlab for a bullet)."""

    widths: list[float]
    adjusted: list[float]
    bl_para: Any
    widest: float


class BodyParagraph(Paragraph):  # type: ignore[misc]
    """A ``Paragraph`` whose hyphenation keeps to the rules in this module's docstring.

    Same constructor as reportlab's ``Paragraph``; the parts made by ``split`` are
    ``BodyParagraph`` instances too (reportlab builds them from ``self.__class__``), so
    each part on its page is broken by the same rules.
    """

    # reportlab's attributes this class works with.
    style: Any
    frags: Any
    encoding: str

    _breaking: _Breaking | None = None
    _widest: float = 0.0
    _rulings: _Rulings = _Rulings()
    _refusals: frozenset[int] = frozenset()  # lines of the last breaking with a refusal
    _forced: frozenset[int] = frozenset()  # lines of it that cut a word longer than a line
    # The last breaking; a split's first part starts with the lines it was split with.
    _broken: _Broken | None = None
    # The paragraph's text as the hyphenator reads it (names from sentence starts): taken
    # before the first breaking and handed to the parts, which start mid-sentence.
    _text: str | None = None

    # reportlab's breakLines reads ``_width_max`` exactly once for every line it ends
    # (to keep the widest line): the one point where a line end is observable while it
    # breaks, so the dictionary knows which line asks for a hyphen. A wrong count could
    # only misplace refusals; the check of the finished lines still enforces the rules.
    @property
    def _width_max(self) -> float:
        if self._breaking is not None:
            self._breaking.line_ended()
        return self._widest

    @_width_max.setter
    def _width_max(self, value: float) -> None:
        self._widest = value

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, BodyParagraph):
                part._text = self._text
        broken = self._broken
        if len(parts) == 2 and broken is not None and isinstance(parts[0], BodyParagraph):
            lines = copy.copy(broken.bl_para)
            lines.lines = broken.bl_para.lines[: len(parts[0].blPara.lines)]
            parts[0]._broken = _Broken(broken.widths, broken.adjusted, lines, broken.widest)
        return parts

    def breakLines(self, width: float | list[float] | tuple[float, ...]) -> Any:
        widths = list(width) if isinstance(width, list | tuple) else [width]
        # A paragraph is wrapped again at the same width (the footnote frame measures it
        # before the frame places it; keep-with-next groups): its lines are the same.
        kept = self._broken
        if kept is not None and kept.widths == widths:
            if isinstance(width, list):
                width[:] = kept.adjusted
            self._widest = kept.widest
            return kept.bl_para
        bl_para = self._break_lines(width, widths)
        adjusted = list(width) if isinstance(width, list | tuple) else [width]
        self._broken = _Broken(widths, adjusted, bl_para, self._widest)
        return bl_para

    def _break_lines(
        self, width: float | list[float] | tuple[float, ...], widths: list[float]
    ) -> Any:
        dictionary = _dictionary_of(self.style)
        if dictionary is None:
            return super().breakLines(width)
        if isinstance(dictionary, WordHyphenator):
            if self._text is None:
                self._text = self.getPlainText()
            dictionary = dictionary.within(self._text)
        rulings = self._rulings
        # reportlab adjusts the first width for a bullet in place: each run gets a copy.
        used = list(widths)
        bl_para = self._break(used, dictionary, rulings)
        while (fault := self._first_fault(bl_para, rulings)) is not None:
            line, allow = fault
            ruled = rulings.allow(line) if allow else rulings.refuse(line)
            if ruled == rulings:
                break  # nothing left to try, e.g. a soft hyphen typed by the author
            rulings = ruled
            start = self._restart_line(bl_para, line)
            if start:
                bl_para = self._break_rest(bl_para, start, used, rulings)
            else:
                used = list(widths)
                bl_para = self._break(used, dictionary, rulings)
        if isinstance(width, list):
            width[:] = used
        return bl_para

    def _break(self, widths: list[float], dictionary: Hyphenator, rulings: _Rulings) -> Any:
        """One run of reportlab's breaker with the rule-keeping dictionary."""
        style = self.style
        reach = _reach_of(style.fontName, style.fontSize, max(widths))
        breaking = _Breaking(dictionary, rulings, reach)
        # A shallow copy (what copy.copy makes of a style), without copy's generic path.
        ruled = object.__new__(type(style))
        ruled.__dict__.update(vars(style))
        ruled.hyphenationLang = breaking.pairs
        if _processed_frags(self.frags):
            _keep_text_hyphens(self.frags)
        self.style, self._breaking = ruled, breaking
        try:
            return super().breakLines(widths)
        finally:
            self.style, self._breaking = style, None
            self._refusals = frozenset(breaking.refusals)
            self._forced = frozenset(breaking.forced)

    def _break_rest(self, bl_para: Any, start: int, widths: list[float], rulings: _Rulings) -> Any:
        """Break lines ``start``… again, the way ``split`` makes its second part.

        ``start`` follows a line that ends a word and is not hyphenated, so breaking the
        rest on its own gives what breaking the whole paragraph again would give, and only
        the few lines at fault (usually the last two or three) are broken twice.
        """
        lines = bl_para.lines
        if bl_para.kind == 0:
            frags = _split_blParaSimple(bl_para, start, len(lines))
        else:
            frags = self._split_blParaProcessed(bl_para, start, len(lines))
        rest = BodyParagraph(None, self.style, frags=frags, encoding=self.encoding)
        rest._rulings = rulings.from_line(start)
        rest._text = self._text
        rest_para = rest.breakLines(widths[min(start, len(widths) - 1) :])
        if bl_para.kind == 1:
            # Line i holds frags[sFW:next line's sFW]: append the rest's words and shift.
            offset = lines[start].sFW
            self.frags = self.frags[:offset] + rest.frags
            for line in rest_para.lines:
                line.sFW += offset
        bl_para.lines = lines[:start] + rest_para.lines
        self._widest = max(self._widest, rest._widest)
        self._refusals = _joined(self._refusals, rest._refusals, start)
        self._forced = _joined(self._forced, rest._forced, start)
        return bl_para

    def _first_fault(self, bl_para: Any, rulings: _Rulings) -> tuple[int, bool] | None:
        """The first line to break again, and whether to allow (or refuse) its hyphen.

        A hyphen is refused where it breaks a rule; it is allowed again where refusing it
        left a word wider than the line to be cut without any hyphen, or not at all (a
        bold word measured as wider than the regular font's line reach).
        """
        last = _last_words(self, bl_para)
        ends = [_end_of_word(word) for word in last]
        run = 0
        for i, (word, end) in enumerate(zip(last, ends, strict=True)):
            if i in self._refusals and (_forced_piece(word) or _overflows(bl_para.lines[i])):
                return i, True
            if end is LineEnd.PLAIN:
                run = 0
                continue
            exempt = i in rulings.allowed or i in self._forced
            too_many = run >= MAX_HYPHENATED_RUN and not exempt
            if end is LineEnd.HYPHENATED and too_many:
                return i, False
            run += 1
        n = len(ends)
        lone_tail = n >= 2 and _word_count(bl_para.lines[-1]) == 1
        exempt = n - 2 in rulings.allowed or n - 2 in self._forced
        if lone_tail and ends[-2] is LineEnd.HYPHENATED and not exempt:
            return n - 2, False
        return None

    def _restart_line(self, bl_para: Any, fault: int) -> int:
        """The nearest line at or before ``fault`` that starts with a whole word.

        0 (break it all again) if there is none or the one found follows a ``<br/>``.
        """
        last = _last_words(self, bl_para)
        for start in range(fault, 0, -1):
            if _completes_word(last[start - 1]):
                return start if not self._after_break(bl_para, start) else 0
        return 0

    def _after_break(self, bl_para: Any, start: int) -> bool:
        """Does line ``start`` follow an explicit line break (``<br/>``)?"""
        if bl_para.kind == 0:
            return False
        first = self.frags[bl_para.lines[start].sFW]
        return bool(getattr(first[1][0], "_fkind", None) == _FK_BREAK)
