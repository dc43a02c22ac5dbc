"""Text → items: the boxes, glue and penalties of one paragraph of styled runs.

- **Spaces** become glue of the font's space width, stretching by ``stretch`` and
  shrinking by ``shrink`` of it (TeX's 1/2 and 1/3); no-break spaces become tied glue
  (a narrow one does not stretch). Line separators force a line break.
- **Break opportunities** inside a word are those of Unicode line breaking (UAX #14, from
  ``uniseg``): after a hyphen or dash (a flagged penalty: the line ends with the hyphen of
  the text), after a slash ("and/or"), at a zero-width space.
- **Hyphenation points** from the language's dictionary (``layout.hyphenation``) are
  flagged penalties with the hyphen's width, used from the breaker's second pass on; in a
  German compound those inside an element cost ``element_penalty``, more than its joints
  ("Friedens-gespräche" before "Friedensgesprä-che"), and any other point leaving few
  letters on a side costs more (:func:`point_penalty`: "экс-", "не-"; a joint's "Gas-"
  is a word). Soft hyphens (U+00AD) are the only points of a word that has them.
- **Language rules** (``rules``) tie spaces and drop opportunities.
- **Over-long pieces**: a piece between break opportunities wider than ``measure`` (less a
  hyphen, which may be drawn after it) gets
  emergency breaks — after ``/ . - _ ? & =`` first (URLs), then between grapheme clusters
  — and a tied group wider than ``measure`` gets its ties back as emergency breaks, so the
  breaker can always keep every line within its measure.

uniseg is exact but slow (about 0.1 ms per character: a 2 MB paragraph would take
minutes), so it sees only what needs it: a word of plain letters, digits and the usual
punctuation (:data:`_PLAIN_WORD`, checked against uniseg by the tests) has no break
opportunity inside; other words up to :data:`UAX_WORD_LIMIT` characters go through
uniseg, remembered per word and per shape (each run of letters or digits shortened: URLs
of one pattern are asked once); longer ones have none but the emergency breaks. A space
is a break opportunity unless a character next to it needs a look (an opening bracket or
quote before it, a closing one or "!" after it…), which uniseg decides on the few
characters around, remembered per pair. What one report may ask in all is bounded by its
allowance (``linebreak.allowance``, :attr:`Setting.uax`). Each distinct word is made
into items once and repeated (:data:`WORDS_REMEMBERED`), so a long paragraph costs little
more per word than its tuples.
With a :class:`Memo` (``Setting.memo``) all of this is remembered from one paragraph to the
next as well: a report's paragraphs share most of their words.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple, TypeVar

from reportlab.pdfbase.pdfmetrics import stringWidth
from uniseg.graphemecluster import (
    GraphemeClusterBreak,
    grapheme_cluster_boundaries,
    grapheme_cluster_break,
)
from uniseg.linebreak import line_break, line_break_boundaries

from lagebericht.layout.font_kerning import kerning_of_font
from lagebericht.layout.hyphenation import Hyphenator, WordHyphenator
from lagebericht.layout.kerning import NO_KERNING, Kerning
from lagebericht.layout.linebreak.items import (
    FILL,
    INFINITY,
    Box,
    Glue,
    Item,
    Penalty,
    Tier,
    cyclic_gc_paused,
)
from lagebericht.layout.linebreak.rules import forbidden_starts

UAX_WORD_LIMIT = 256  # longer words are left to the emergency breaks
HYPHENATE_WORD_LIMIT = 64  # longer words are not given to the dictionary
SOFT_HYPHEN = "\u00ad"
HYPHEN = "-"
URL_BREAKS = frozenset("/.-_?&=")
# the text's own hyphens and dashes: a line ending after one ends "hyphenated" (TeX)
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2e3a\u2e3b")

# Letters (Latin, Greek, Cyrillic), digits, and punctuation that UAX #14 never breaks
# around inside a word: no opportunity anywhere in such a word.
_LETTER = (
    "A-Za-z0-9\u00b5\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"  # Latin
    "\u0370-\u0373\u0376\u0377\u037b-\u037d\u0386\u0388-\u03ff"  # Greek
    "\u0400-\u0482\u048a-\u052f"  # Cyrillic
)
# Possessive (*+): the three classes share characters (", ', . …), and a long word of
# them that is not plain would make the engine try every way of dividing it between them,
# in time cubic in its length. Taking each part's longest run matches the same words: what
# follows the longest run of one part is still a run of the parts after it.
_LEAD = "[(\\[«„‚\"']*+"  # opening brackets and quotes: no break after them
_TRAIL = "[.,:;!?)\\]»“”’‘\"']*+"  # closing punctuation: no break before it
_PLAIN_WORD = re.compile(rf"{_LEAD}[{_LETTER}.,:;'’\"]*+{_TRAIL}")
# Words joined by hyphens ("China-Russia", "19-jährige"): a break after each hyphen
# (UAX #14 LB21, LB31), none before a digit (LB25: "COVID-19").
_NOT_DIGIT = _LETTER.replace("0-9", "")
_COMPOUND = re.compile(rf"{_LEAD}[{_LETTER}]+(?:-[{_NOT_DIGIT}][{_LETTER}]*)+{_TRAIL}")
_SPACES = " \t\u2000-\u2006\u2008-\u200a\u205f\u3000"  # break after them
_NO_BREAK_SPACES = "\u00a0\u2007\u202f"
_NEWLINES = "\n\r\u2028\u2029\x0b\x0c\x85"
# Runs of letters (Latin, Greek, Cyrillic: UAX #14's AL) or of digits (NU), which UAX #14
# answers alike whatever the letters and their number beyond a few (``_shaped``).
# (Three code points of the Greek block are unassigned: East Asian wide to uniseg.)
_RUN = re.compile(f"(?:(?![\u038b\u038d\u03a2])[{_NOT_DIGIT}])+|[0-9]+")
_RUN_KEPT = 3
_SEP = f"{_SPACES}{_NO_BREAK_SPACES}{_NEWLINES}"  # whatever separates two words
_SEPARATOR = re.compile(f"[{_SEP}]")
# A word as the builder makes it (what lies between spaces): the unit kerning acts in.
WORD = re.compile(f"[^{_SEP}]+")
# For ``uax_demand``: a word neither plain nor a compound, and the spaces (any separator)
# between two words where either neighbour is not a letter or digit — but a word's last
# character . , ; : ! ? or - (IS, EX, HY: never a look before a space).
_ODD_WORD = re.compile(
    rf"(?<![^{_SEP}])(?!(?:{_PLAIN_WORD.pattern}|{_COMPOUND.pattern})(?![^{_SEP}]))[^{_SEP}]+"
)
_ODD_SPACE = re.compile(
    rf"(?<=[^{_SEP}{_LETTER}.,;:!?\-])[{_SEP}]+(?=[^{_SEP}])"
    rf"|(?<=[^{_SEP}])[{_SEP}]+(?=[^{_SEP}{_LETTER}])"
)
OTHER_SPACE = re.compile(f"[{_SPACES.replace(' ', '')}{_NO_BREAK_SPACES}{_NEWLINES}]")
_TOKENS = re.compile(
    rf"(?P<space>[{_SPACES}]+)|(?P<nobreak>[{_NO_BREAK_SPACES}]+)"
    rf"|(?P<newline>\r\n|[{_NEWLINES}])|(?P<word>{WORD.pattern})"
)
# UAX #14 classes that can forbid a break at a space: before it (OP "(", a Pi quote "«",
# B2 "—", ZW) or after it (CL, CP, EX "!", IS, SY "/", WJ, NS, B2, a Pf quote).
_LOOK_BEFORE = frozenset({"OP", "QU", "B2", "ZW", "CL", "CP"})
_LOOK_AFTER = frozenset({"CL", "CP", "EX", "IS", "SY", "WJ", "NS", "B2", "QU", "GL", "CM", "ZWJ"})


class Run(NamedTuple):
    """A stretch of text in one font and size."""

    text: str
    font: str  # a name registered with reportlab
    size: float


class Fragment(NamedTuple):
    """What an item draws: ``text`` set in run ``run``'s font, from ``start`` in the
    run's text (a hyphen added at a break has the offset of the point it breaks at)."""

    run: int
    start: int
    text: str


@dataclass(frozen=True)
class Setting:
    """How the builder turns text into items."""

    language: str = "en"
    hyphenate: Hyphenator | None = None  # layout.hyphenation.hyphenator_for(language)
    nohyphen: frozenset[str] = frozenset()  # words never hyphenated (compared casefolded)
    stretch: float = 1 / 2  # of a space's width
    shrink: float = 1 / 3
    hyphen_penalty: float = 50  # TeX's \hyphenpenalty
    explicit_hyphen_penalty: float = 50  # TeX's \exhyphenpenalty: after "-" or a dash
    break_penalty: float = 50  # other opportunities inside a word ("and/|or")
    url_penalty: float = 100  # emergency break after / . - _ ? & = in an over-long piece
    cut_penalty: float = 500  # emergency break between grapheme clusters
    tie_penalty: float = 1000  # a rule's tie given back in a group wider than the line
    cuts_per_line: int = 12  # grapheme cuts are this fine: few break points per line
    # a dictionary point inside an element of a compound ("Friedensgesprä-che"): dearer
    # than one at its joint ("Friedens-gespräche", hyphen_penalty), so the breaker takes
    # the joint unless the lines are clearly better without it
    element_penalty: float = 150
    # A point near a word's edge ("экс-тремизм", "не-обходимо") makes a fragment hard to
    # read: its penalty grows by this share for each letter short of ``fragment_letters``
    # on either side (Typst's 15 % a letter of 5; 0: TeX's flat penalty). Not a compound's
    # joint, whose parts are words ("Gas-preise").
    short_fragment_cost: float = 0.0
    fragment_letters: int = 5
    # Pair kerning from the fonts' own tables (``layout.kerning``): a word's width is as
    # kerned, across its hyphenation points too; the drawing applies the same pairs.
    kern: bool = False
    # uniseg asked for words and spaces that need UAX #14's look and for the grapheme
    # clusters of pieces cut as an emergency; False once a report's allowance is spent
    # (``linebreak.allowance``): such a word has no break opportunity inside but the
    # emergency breaks (clusters by a simple rule), such a space is one.
    uax: bool = True
    # What the builder learns, kept for the next paragraphs (see :class:`Memo`); not part
    # of how items are made, so settings alike with different memos are equal.
    memo: Memo | None = field(default=None, compare=False, repr=False)


_TIE = Penalty(0.0, INFINITY)  # before a glue: no break there (items are immutable: shared)
_Cut = tuple[float, bool, Tier, float, str]  # cost, flagged, tier, width, text drawn
# One item of a word as made once and repeated for each later occurrence: is it a box,
# width, cost, flagged, tier, offset of its fragment in the word, text drawn.
_Part = tuple[bool, float, float, bool, Tier, int, str]
# Each distinct word is made into items once and remembered (up to this many words: a
# text of ever new words is no faster for remembering them, and memory stays bounded).
WORDS_REMEMBERED = 65536
REMEMBERED_WORD_LIMIT = 64  # longer words are rarely repeated: not remembered
MEMO_ENTRIES = 65536  # each table of a Memo holds at most this many answers
MEMO_SCOPES = 16  # and its words are kept for at most this many settings and measures

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


def _bounded(table: dict[_K, _V], limit: int | None = None) -> dict[_K, _V]:
    """``table``, emptied first when full: a memo never grows beyond ``limit``
    (:data:`MEMO_ENTRIES`)."""
    if len(table) >= (MEMO_ENTRIES if limit is None else limit):
        table.clear()
    return table


class Memo:
    """What the builder finds out, kept from one paragraph to the next (the paragraphs of
    a report, and the reports of a batch, share most of their words): string widths per
    font and size, UAX #14's answers, and the items of each word per setting and measure.

    Owned by whoever sets the paragraphs (``layout.setting`` keeps one per process) and
    handed in through :attr:`Setting.memo`; every table is bounded (:data:`MEMO_ENTRIES`),
    and the words of all settings together too (:data:`WORDS_REMEMBERED`). Only answers
    that depend on nothing but their key are kept, so items built with a memo are those
    built without one, whatever was set with it before.
    """

    def __init__(self) -> None:
        self.widths: dict[tuple[str, str, float], float] = {}
        self.kerned_widths: dict[tuple[str, str, float], float] = {}
        # a word's kerning pairs (positions in it, thousandths of an em), per font
        self.kerns: dict[str, dict[str, tuple[tuple[int, float], ...]]] = {}
        self.classes: dict[str, str] = {}  # a character's UAX #14 class
        self.inner: dict[str, tuple[int, ...]] = {}  # UAX #14's breaks inside a word
        self.space_opens: dict[tuple[tuple[str, str, str], ...], bool] = {}
        self.quiet_before: dict[str, bool] = {}
        self.quiet_after: dict[str, bool] = {}
        # a word's items, per setting (names aside) and measure: see _Builder.build
        self.words: dict[Hashable, dict[Hashable, tuple[_Part, ...]]] = {}
        self.remembered = 0  # words remembered since the words were last forgotten

    def words_for(self, scope: Hashable) -> dict[Hashable, tuple[_Part, ...]]:
        words = self.words.get(scope)
        if words is None:
            words = _bounded(self.words, MEMO_SCOPES)[scope] = {}
        return words

    def remember(
        self, words: dict[Hashable, tuple[_Part, ...]], key: Hashable, parts: tuple[_Part, ...]
    ) -> None:
        """Remember a word's ``parts`` under ``key`` in ``words`` (of :meth:`words_for`):
        past :data:`WORDS_REMEMBERED` words in all settings together, all are forgotten
        first (each setting's table emptied, not dropped: a builder holds on to its own)."""
        if self.remembered >= WORDS_REMEMBERED:
            for known in self.words.values():
                known.clear()
            words.clear()
            self.remembered = 0
        words[key] = parts
        self.remembered += 1


def build_items(runs: Sequence[Run], measure: float, setting: Setting) -> list[Item[Fragment]]:
    """The items of a paragraph made of ``runs``, for lines no narrower than ``measure``;
    they end with the paragraph's fill and forced break, as the breaker wants them."""
    with cyclic_gc_paused():
        return _Builder(runs, measure, setting).build()


class _Builder:
    def __init__(self, runs: Sequence[Run], measure: float, setting: Setting) -> None:
        if not runs:
            raise ValueError("a paragraph needs at least one run (its text may be empty)")
        self.runs = runs
        self.measure = measure
        self.s = setting
        self.text = "".join(run.text for run in runs)
        self.run_starts: list[int] = []
        offset = 0
        for run in runs:
            self.run_starts.append(offset)
            offset += len(run.text)
        self.forbidden = forbidden_starts(self.text, setting.language)
        self.items: list[Item[Fragment]] = []
        self.hyphen_points: dict[str, tuple[tuple[int, bool], ...]] = {}
        self._last_run = 0
        self.tied = False  # a space is tied (see _give_back_ties)
        self.glues: dict[tuple[str, int], tuple[float, float, float]] = {}
        memo = setting.memo or Memo()  # without one, what is learnt lasts this paragraph
        self.memo = memo
        self.faces = [(run.font, run.size) for run in runs]
        self.kernings: list[Kerning] = [
            kerning_of_font(run.font) if setting.kern else NO_KERNING for run in runs
        ]
        self.widths = memo.kerned_widths if setting.kern else memo.widths
        self.classes = memo.classes
        self.inner = memo.inner
        self.space_opens = memo.space_opens
        self.quiet_before = memo.quiet_before  # no UAX #14 look needed at a space after it
        self.quiet_after = memo.quiet_after  # nor at a space before it
        # Positions inside words where a rule forbids a line to start: a word holding one
        # is not made from what is remembered of the same word elsewhere.
        self.inside = sorted(
            p
            for p in self.forbidden
            if 0 < p < len(self.text) and not _SEPARATOR.match(self.text, p - 1)
        )
        # A piece may end a line with a hyphen drawn after it: it must fit with the hyphen.
        hyphen = max(self._width(HYPHEN, run) for run in range(len(runs)))
        self.room = measure - hyphen
        # A word's items depend on the setting, the measure (emergency breaks) and, through
        # the hyphenator, on whether the paragraph has the word as a name: the last is in
        # each word's key (see build), the rest in the scope.
        hyphenate = setting.hyphenate
        self.names_of: WordHyphenator | None = None
        if isinstance(hyphenate, WordHyphenator):
            self.names_of = hyphenate
            scope: Hashable | None = (
                replace(setting, hyphenate=replace(hyphenate, names=None), memo=None),
                measure,
                self.room,
            )
        elif hyphenate is None:
            scope = (replace(setting, memo=None), measure, self.room)
        else:  # any other callable: its answers are not known to depend on the word only
            scope = None
        self.words = memo.words_for(scope) if scope is not None else {}

    # --- measuring -------------------------------------------------------------------------

    def _run_at(self, position: int) -> int:
        starts = self.run_starts
        if len(starts) == 1:
            return 0
        # runs are few and positions come in order: a short walk from the last answer
        index = self._last_run
        if starts[index] > position:
            index = 0
        while index + 1 < len(starts) and starts[index + 1] <= position:
            index += 1
        self._last_run = index
        return index

    def _width(self, text: str, run: int) -> float:
        """The width of ``text`` (no space in it) in run ``run``, kerned."""
        font, size = self.faces[run]
        key = (text, font, size)
        width = self.widths.get(key)
        if width is None:
            width = stringWidth(text, font, size)
            kerning = self.kernings[run]
            if kerning is not NO_KERNING:
                width += kerning.total(text) * size / 1000
            _bounded(self.widths)[key] = width
        return width

    def _fragment(self, start: int, stop: int) -> tuple[Fragment, float]:
        """The fragment of text[start:stop] (within one run), soft hyphens left out."""
        run = self._run_at(start)
        text = self.text[start:stop]
        if SOFT_HYPHEN in text:
            text = text.replace(SOFT_HYPHEN, "")
        return Fragment(run, start - self.run_starts[run], text), self._width(text, run)

    # --- building --------------------------------------------------------------------------

    def build(self) -> list[Item[Fragment]]:
        # One loop over the tokens with local state: it runs for every word and space of
        # every paragraph. A word made before in the same run (and face) is repeated from
        # what is remembered of it; a space whose neighbours need no UAX #14 look is
        # decided by the remembered answers for its two neighbours; the rest goes through
        # the methods below.
        text = self.text
        items = self.items
        append = items.append
        new = tuple.__new__  # the items' own constructors, less their Python-level call
        starts = self.run_starts
        last_run = len(starts) - 1
        inside = self.inside
        forbidden = self.forbidden
        words = self.words
        faces = self.faces
        glues = self.glues
        quiet_before = self.quiet_before
        quiet_after = self.quiet_after
        name_position = None if self.names_of is None else self.names_of.name_position
        bisect_right = bisect.bisect_right
        # the run of the current token, and where the next run starts (tokens come in order)
        run = 0
        run_start = starts[0]
        next_start = starts[1] if last_run else len(text) + 1
        font, size = faces[0]
        previous_start = previous_stop = -1  # the last word, if no line break since
        pending_space: tuple[int, int, bool, int] | None = None  # start, stop, breaking, run
        for match in _TOKENS.finditer(text):
            kind = match.lastgroup
            start, stop = match.span()
            if start >= next_start:
                while run < last_run and starts[run + 1] <= start:
                    run += 1
                run_start = starts[run]
                next_start = starts[run + 1] if run < last_run else len(text) + 1
                font, size = faces[run]
            if kind != "word":
                if kind == "newline":
                    pending_space = None
                    self._end_line(start, forced_empty=previous_start < 0)
                    previous_start = -1
                elif pending_space is None:
                    pending_space = (start, stop, kind == "space", run)
                else:  # spaces of both kinds in a row: one glue, tied if any is
                    first_start, _, breaking, space_run = pending_space
                    pending_space = (first_start, stop, breaking and kind == "space", space_run)
                continue
            if pending_space is not None:
                if previous_start >= 0:
                    space_start, space_stop, breaking, space_run = pending_space
                    chars = text[space_start:space_stop]
                    glue = glues.get((chars, space_run))
                    if glue is None:
                        glue = self._glue(chars, space_run, breaking)
                    if (
                        not breaking
                        or space_stop in forbidden
                        or not (
                            (
                                quiet_before.get(text[space_start - 1])
                                and quiet_after.get(text[start])
                            )
                            or self._space_breaks((previous_start, previous_stop), (start, stop))
                        )
                    ):
                        append(_TIE)
                        self.tied = True
                    fragment = new(Fragment, (space_run, space_start - starts[space_run], chars))
                    append(new(Glue, (glue[0], glue[1], glue[2], fragment)))
                pending_space = None
            previous_start, previous_stop = start, stop
            if stop > next_start or (
                inside and (at := bisect_right(inside, start)) < len(inside) and inside[at] < stop
            ):  # across runs, or a rule binds inside it: made anew
                self._make_word(start, text[start:stop])
                continue
            word = text[start:stop]
            key = (word, font, size, None if name_position is None else name_position(word))
            parts = words.get(key)
            if parts is None:
                self._remember_word(start, word, key, start - run_start)
                continue
            base = start - run_start
            if len(parts) == 1:
                append(new(Box, (parts[0][1], new(Fragment, (run, base, parts[0][6])))))
                continue
            for box, width, cost, flagged, tier, offset, piece in parts:
                fragment = new(Fragment, (run, base + offset, piece))
                if box:
                    append(new(Box, (width, fragment)))
                else:
                    append(new(Penalty, (width, cost, flagged, tier, fragment)))
        if previous_start >= 0 or not items:  # else it ends with a line break
            self._end_line(len(text), forced_empty=not items)
        if self.tied:  # else no group can hold a tie to give back
            self._give_back_ties()
        return items

    def _end_line(self, position: int, forced_empty: bool) -> None:
        run = self._run_at(max(0, min(position, len(self.text) - 1))) if self.text else 0
        if forced_empty:  # a line with nothing on it still needs a box to be a line
            self.items.append(Box(0.0, Fragment(run, 0, "")))
        self.items += [Penalty(0.0, INFINITY), Glue(0.0, FILL, 0.0), Penalty(0.0, -INFINITY)]

    def _glue(self, chars: str, run: int, breaking: bool) -> tuple[float, float, float]:
        """Width, stretch and shrink of the spaces ``chars`` in run ``run`` (remembered)."""
        s = self.s
        font, size = self.faces[run]
        width = stringWidth(chars, font, size)  # spaces are not kerned
        if not breaking and ("\u202f" in chars or "\u2007" in chars):
            glue = (width, 0.0, 0.0)  # a narrow or figure space: fixed
        else:
            glue = (width, width * s.stretch, width * s.shrink)
        self.glues[(chars, run)] = glue
        return glue

    def _class(self, ch: str) -> str:
        cls = self.classes.get(ch)
        if cls is None:
            cls = _bounded(self.classes)[ch] = str(line_break(ch))
        return cls

    def _space_breaks(self, before: tuple[int, int], after: tuple[int, int]) -> bool:
        """Whether UAX #14 allows a break at the spaces between two words."""
        text = self.text
        last, first = text[before[1] - 1], text[after[0]]
        quiet = self.quiet_before.get(last)
        if quiet is None:
            quiet = _bounded(self.quiet_before)[last] = self._class(last) not in _LOOK_BEFORE
        if quiet:
            quiet = self.quiet_after.get(first)
            if quiet is None:
                quiet = _bounded(self.quiet_after)[first] = self._class(first) not in _LOOK_AFTER
            if quiet:
                return True
        if not self.s.uax:
            return True
        left = text[max(before[0], before[1] - 2) : before[1]]
        right = text[after[0] : min(after[1], after[0] + 2)]
        # UAX #14 decides by the characters' classes, general categories (quotes) and
        # East Asian widths: pairs alike in these are decided alike
        key = tuple(
            (self._class(ch), unicodedata.category(ch), unicodedata.east_asian_width(ch))
            for ch in f"{left}|{right}"
        )
        opens = self.space_opens.get(key)
        if opens is None:
            sample = f"{left} {right}"
            opens = _bounded(self.space_opens)[key] = len(left) + 1 in set(
                line_break_boundaries(sample)
            )
        return opens

    def _inner_breaks(self, word: str) -> tuple[int, ...]:
        """UAX #14's break opportunities inside a word (offsets into it)."""
        if len(word) > UAX_WORD_LIMIT or _PLAIN_WORD.fullmatch(word):
            return ()
        if _COMPOUND.fullmatch(word):
            return tuple(i + 1 for i, ch in enumerate(word) if ch == "-")
        if not self.s.uax:
            return ()
        known = self.inner.get(word)
        if known is None:
            shape, offsets = _shaped(word)
            found = self.inner.get(shape)
            if found is None:  # a shape's breaks are those of the shape as a word
                found = _bounded(self.inner)[shape] = _uax_inner(shape)
            mapped = tuple(offsets[b] for b in found)
            known = _bounded(self.inner)[word] = (
                mapped if -1 not in mapped else _uax_inner(word)  # -1: inside a run (never)
            )
        return known

    def _hyphenation(self, word: str) -> tuple[tuple[int, bool], ...]:
        """The dictionary's points in a word (offsets, and whether each is at a compound's
        joint), none for a word on the list."""
        hyphenate = self.s.hyphenate
        if hyphenate is None or len(word) > HYPHENATE_WORD_LIMIT:
            return ()
        known = self.hyphen_points.get(word)
        if known is None:
            letters = word.strip(".,;:!?()[]«»„“”‚‘’\"'").casefold()
            if letters in self.s.nohyphen:
                known = ()
            elif isinstance(hyphenate, WordHyphenator):
                known = hyphenate.points(word)
            else:
                known = tuple((len(head), False) for head, _ in hyphenate(word))
            self.hyphen_points[word] = known
        return known

    def _remember_word(self, start: int, word: str, key: Hashable, base: int) -> None:
        """Make the items of a word met for the first time in its run and face, and
        remember them under ``key`` (offsets from ``base``, the word's start in its run)."""
        items = self.items
        mark = len(items)
        self._make_word(start, word)
        if len(word) <= REMEMBERED_WORD_LIMIT:
            self.memo.remember(self.words, key, tuple(_part(item, base) for item in items[mark:]))

    def _make_word(self, start: int, word: str) -> None:
        s = self.s
        forbidden = self.forbidden
        cuts: dict[int, _Cut] = {}
        soft = SOFT_HYPHEN in word
        for offset in self._inner_breaks(word):
            if start + offset in forbidden or word[offset - 1] == SOFT_HYPHEN:
                continue
            hyphen = word[offset - 1] in _HYPHENS
            cost = s.explicit_hyphen_penalty if hyphen else s.break_penalty
            cuts[offset] = (cost, hyphen, Tier.ALWAYS, 0.0, "")
        # A word with soft hyphens breaks only there (and at UAX #14's opportunities); else
        # each piece between those is hyphenated on its own.
        points: list[tuple[int, Tier, float]] = []
        if soft:
            points = [
                (i + 1, Tier.ALWAYS, s.hyphen_penalty)
                for i, ch in enumerate(word)
                if ch == SOFT_HYPHEN
            ]
        else:
            bounds = [0, *sorted(cuts), len(word)]
            for a, b in itertools.pairwise(bounds):
                found = self._hyphenation(word[a:b])
                inner = s.element_penalty if any(joint for _, joint in found) else s.hyphen_penalty
                # a compound's joint keeps its cost: "Gas-", "Land-" are words, not fragments
                points += [
                    (
                        a + p,
                        Tier.HYPHENATION,
                        s.hyphen_penalty if joint else point_penalty(inner, word, a + p, s),
                    )
                    for p, joint in found
                ]
        for point, tier, cost in points:
            if 0 < point < len(word) and start + point not in forbidden:
                width = self._width(HYPHEN, self._run_at(start + point))
                cuts[point] = (cost, True, tier, width, HYPHEN)
        for offset in range(1, len(word)) if len(self.runs) > 1 else ():
            if start + offset in self.run_starts and offset not in cuts:
                cuts[offset] = (INFINITY, False, Tier.ALWAYS, 0.0, "")  # a box per run
        mark = len(self.items)
        if self._emit(start, word, cuts):  # a piece wider than the line: again, with cuts
            del self.items[mark:]
            self._emergency_cuts(start, word, cuts)
            self._emit(start, word, cuts)

    def _emit(self, start: int, word: str, cuts: dict[int, _Cut]) -> bool:
        """Append the word's items; whether a piece between breaks is wider than the line.

        The kerning between two pieces of the word goes with the first piece, and is
        taken back by the penalty between them: a line ending there has the pair of the
        piece's last letter and the hyphen instead (nothing, without a hyphen)."""
        items = self.items
        offsets = [*sorted(cuts), len(word)] if cuts else [len(word)]
        # A piece of soft hyphens alone is empty once they are left out, and the pair
        # across it would be measured nowhere: the break before it goes (the one after
        # it is at the same place), unless it starts a run.
        offsets = [
            offset
            for offset, after in zip(offsets, [*offsets[1:], len(word)], strict=True)
            if after == offset
            or word[offset:after].strip(SOFT_HYPHEN)
            or start + offset in self.run_starts
            or cuts[offset][0] >= INFINITY
        ]
        pieces: list[tuple[Fragment, float]] = []
        previous = 0
        for offset in offsets:
            pieces.append(self._fragment(start + previous, start + offset))
            previous = offset
        unit = 0.0
        too_wide = False
        for index, (fragment, width) in enumerate(pieces):
            offset = offsets[index]
            penalty: Penalty[Fragment] | None = None
            end = 0.0  # what a line ending at the penalty adds beyond the piece's kerned width
            if offset < len(word):
                cost, flagged, tier, pwidth, drawn = cuts[offset]
                if cost < INFINITY:  # else a run change only: boxes side by side
                    run = self._run_at(start + offset)
                    kerning = self.kernings[fragment.run]
                    if kerning is not NO_KERNING and fragment.text:
                        scale = self.faces[fragment.run][1] / 1000
                        last = fragment.text[-1]
                        following = pieces[index + 1][0]
                        cross = 0.0
                        if following.text and following.run == fragment.run:
                            cross = kerning.pair(last, following.text[0]) * scale
                        before = kerning.pair(last, drawn[0]) * scale if drawn else 0.0
                        width += cross
                        end = (before if run == fragment.run else 0.0) - cross
                    payload = Fragment(run, start + offset - self.run_starts[run], drawn)
                    penalty = Penalty(pwidth + end, cost, flagged, tier, payload)
            items.append(Box(width, fragment))
            unit += width
            if unit + max(0.0, end) > self.room:
                too_wide = True
            if penalty is not None:
                items.append(penalty)
                unit = 0.0
        return too_wide

    def _emergency_cuts(self, start: int, word: str, cuts: dict[int, _Cut]) -> None:
        """Emergency breaks in every piece between breaks that is wider than the line."""
        room = self.room
        breaks = sorted(offset for offset, cut in cuts.items() if cut[0] < INFINITY)
        bounds = [0, *breaks, len(word)]
        for a, b in itertools.pairwise(bounds):
            if self._span_width(start + a, start + b) <= room:
                continue
            s = self.s
            url = [a + i + 1 for i, ch in enumerate(word[a : b - 1]) if ch in URL_BREAKS]
            for offset in url:
                if offset not in cuts or cuts[offset][0] >= INFINITY:
                    cuts[offset] = (s.url_penalty, False, Tier.EMERGENCY, 0.0, "")
            pieces = [a, *url, b]
            for c, d in itertools.pairwise(pieces):
                if self._span_width(start + c, start + d) > room:
                    for offset in self._grapheme_cuts(start, word, c, d):
                        if offset not in cuts or cuts[offset][0] >= INFINITY:
                            cuts[offset] = (s.cut_penalty, False, Tier.EMERGENCY, 0.0, "")

    def _span_width(self, start: int, stop: int) -> float:
        total = 0.0
        position = start
        while position < stop:
            run = self._run_at(position)
            end = min(stop, self.run_starts[run] + len(self.runs[run].text))
            total += self._fragment(position, end)[1]
            position = end
        return total

    def _grapheme_cuts(self, start: int, word: str, a: int, b: int) -> Iterator[int]:
        """Cuts between grapheme clusters of word[a:b], each piece at most a
        ``cuts_per_line``-th of the line (at least one cluster)."""
        limit = self.measure / max(1, self.s.cuts_per_line)
        width = 0.0
        previous = a
        for boundary in _graphemes(word, a, b, self.s.uax):
            if boundary == a:
                continue
            run = self._run_at(start + previous)
            cluster = self._width(word[previous:boundary].replace(SOFT_HYPHEN, ""), run)
            if width and width + cluster > limit:
                yield previous
                width = 0.0
            width += cluster
            previous = boundary

    def _give_back_ties(self) -> None:
        """A group of items without a break wider than the line: its ties become
        emergency breaks."""
        items = self.items
        width = 0.0
        ties: list[int] = []
        after_box = False
        room = self.room
        for i, item in enumerate(items):
            kind = type(item)  # the builder makes these three classes only
            if kind is Box:
                width += item.width
                after_box = True
                continue
            if kind is Glue:
                if after_box:
                    if width > room:
                        self._give_back(ties)
                    width = 0.0
                    ties = []
                else:
                    width += item.width
                after_box = False
                continue
            after_box = False
            if item.cost < INFINITY:  # type: ignore[union-attr]
                if width > room:
                    self._give_back(ties)
                width = 0.0
                ties = []
            else:
                following = items[i + 1] if i + 1 < len(items) else None
                if isinstance(following, Glue) and following.stretch != FILL:
                    ties.append(i)
        if width > room:
            self._give_back(ties)

    def _give_back(self, ties: list[int]) -> None:
        for i in ties:
            self.items[i] = Penalty(0.0, self.s.tie_penalty, False, Tier.EMERGENCY)


def point_penalty(base: float, word: str, point: int, setting: Setting) -> float:
    """The penalty of a dictionary point at ``point`` in ``word``: ``base``, and
    ``short_fragment_cost`` of it more for each letter short of ``fragment_letters`` on
    either side of the point — counting the letters next to it, so punctuation, a word
    tied before or a compound's hyphen does not lengthen a fragment."""
    short = setting.short_fragment_cost
    if not short:
        return base
    letters = setting.fragment_letters
    before = 0
    while before < letters and before < point and word[point - 1 - before].isalpha():
        before += 1
    after = 0
    while after < letters and point + after < len(word) and word[point + after].isalpha():
        after += 1
    return base * (1 + short * (2 * letters - before - after))


def _part(item: Item[Fragment], base: int) -> _Part:
    """What to remember of an item of a word starting at ``base`` in its run."""
    assert item.payload is not None  # the builder gives every item of a word one
    offset, text = item.payload.start - base, item.payload.text
    if isinstance(item, Penalty):
        return (False, item.width, item.cost, item.flagged, item.tier, offset, text)
    return (True, item.width, 0.0, False, Tier.ALWAYS, offset, text)


def uax_demand(text: str) -> set[str]:
    """What setting ``text`` asks uniseg, at most (its answers remembered aside): the shape
    of each word that needs a look (:func:`_shaped`), the word itself if it holds a
    character not :func:`_alone` (its grapheme clusters), and the characters around each
    space that needs one, as the builder asks them. The regular expressions find those
    words and spaces; the rest of a large report's text is not looked at word by word."""
    demand: set[str] = set()
    for match in _ODD_WORD.finditer(text):
        word = match.group()
        if len(word) <= UAX_WORD_LIMIT:
            demand.add(_shaped(word)[0])
        if not all(map(_alone, word)):  # its grapheme clusters, if cut as an emergency
            demand.add(word)
    for match in _ODD_SPACE.finditer(text):
        before, after = match.span()
        if str(line_break(text[before - 1])) in _LOOK_BEFORE or (
            str(line_break(text[after])) in _LOOK_AFTER
        ):
            left = text[before - 2 : before] if before > 1 else text[:before]
            if _SEPARATOR.match(left):
                left = left[1:]
            right = text[after : after + 2]
            if len(right) > 1 and _SEPARATOR.match(right, 1):
                right = right[:1]
            demand.add(f"{left} {right}")
    return demand


def _uax_inner(word: str) -> tuple[int, ...]:
    """uniseg's break opportunities inside ``word``."""
    return tuple(b for b in line_break_boundaries(word) if 0 < b < len(word))


def _shaped(word: str) -> tuple[str, list[int]]:
    """``word``'s shape, whose breaks are the word's, and the word's offset of each of
    its offsets (-1 inside a shortened run).

    UAX #14 gives every letter of :data:`_LETTER` the class AL and every digit NU
    (alike in what else its rules look at: none is a quote, East Asian wide or an
    emoji), never breaks inside a run of either (LB28, LB25), and its rules see a run
    only by its class: so each run can stand as a few ``a`` or ``0`` (:data:`_RUN_KEPT`,
    one would do). URLs of one pattern (a list of sources), and words like “absolutely
    or «Пояс–путь», then ask uniseg once, not once each, at some 50 µs a character.
    """
    shape: list[str] = []
    offsets = [0]
    done = 0
    for run in _RUN.finditer(word):
        start, stop = run.span()
        shape.append(word[done:start])
        offsets.extend(range(done + 1, start + 1))
        kept = min(stop - start, _RUN_KEPT)
        shape.append(("a" if word[start].isalpha() else "0") * kept)
        offsets.extend([-1] * (kept - 1))
        offsets.append(stop)
        done = stop
    shape.append(word[done:])
    offsets.extend(range(done + 1, len(word) + 1))
    return "".join(shape), offsets


@functools.lru_cache(maxsize=4096)
def _alone(ch: str) -> bool:
    """Whether ``ch`` is a grapheme cluster of its own whatever its neighbours: its
    Grapheme_Cluster_Break is Other, so UAX #29 breaks on both sides (GB999) — what could
    join it (GB9c, GB11) needs a neighbour that is not."""
    return bool(grapheme_cluster_break(ch) == GraphemeClusterBreak.OTHER)


def _graphemes(word: str, a: int, b: int, ask: bool) -> Iterator[int]:
    """Grapheme cluster boundaries of word[a:b] as offsets into word, ``a`` and ``b``
    included: every character's for plain letters and where each character is
    :func:`_alone`; uniseg's for other short pieces if it may be asked (``ask``: the
    report's allowance, ``Setting.uax``), else a simple rule (no cut before a combining
    mark or joiner, nor after a ZWJ)."""
    piece = word[a:b]
    if _PLAIN_WORD.fullmatch(piece) or all(map(_alone, piece)):
        yield from range(a, b + 1)
    elif ask and len(piece) <= UAX_WORD_LIMIT:
        for boundary in grapheme_cluster_boundaries(piece):
            yield a + boundary
    else:
        yield a
        for i in range(1, len(piece)):
            ch = piece[i]
            if unicodedata.category(ch)[0] == "M" or ch in "\u200d\ufe0e\ufe0f":
                continue
            if piece[i - 1] == "\u200d":
                continue
            yield a + i
        yield b
