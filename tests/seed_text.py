"""The reference report (the seed) as the words a built PDF must contain.

The seed (``tests/data/seed-astana-2024-07-05.txt``) is a plain-text extraction of the real
Astana report of 5 July 2024, with extraction damage (see tests/data/README.md).
``load_seed`` undoes exactly that damage and nothing else, so tests can compare the words of
a built PDF with the author's words, in order.

Comparison is on normalised words (``normalise_word``): typography (quotes, dashes, soft
hyphens, hyphenation at line ends) must not make a correct PDF fail.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

# A copy kept in the repository (provenance in tests/data/README.md): the suite reads
# nothing outside the repository.
SEED_PATH = Path(__file__).resolve().parent / "data" / "seed-astana-2024-07-05.txt"

# The extraction merged this bullet item into the paragraph before it.
MERGED_LEAD = "Belt and Road Initiative (BRI) Synergies:"
# The footnote marker as extracted: U+00B9 after "member states" and before the note text.
FOOTNOTE_MARK = "\u00b9"
# Bullet markers of the extraction: a PDF bullet glyph (private use U+F0B7) or "- ".
_BULLET_PREFIXES = ("\uf0b7", "- ")
# Characters that end a line-broken word fragment: hyphen, soft hyphen, U+2010, U+2011.
_LINE_END_HYPHENS = ("-", "\u00ad", "\u2010", "\u2011")


@dataclass(frozen=True)
class SeedBlock:
    """One body block of the restored seed: a paragraph, or a bullet item with a lead-in."""

    kind: Literal["paragraph", "item"]
    text: str
    """The block's text; for an item, lead-in included (``Divergent … Interests: The …``)."""
    lead: str | None = None
    """The bold lead-in of an item, colon included (``Divergent Security Interests:``)."""


@dataclass(frozen=True)
class SeedReport:
    """The seed with its extraction damage undone."""

    label: str
    """Report-type label of the header (``Lagebericht``)."""
    office_line: str
    """Office line of the header, umlaut restored (``Auslandsbüro Kasachstan (Astana)``)."""
    title: str
    """Title line, as written."""
    blocks: tuple[SeedBlock, ...]
    """Body blocks in document order (the footnote text is not among them)."""
    footnote: str
    """Text of the only footnote, without its number."""
    footnote_italics: tuple[str, ...]
    """Phrases of the footnote set in italics (``*observer status*`` in the seed)."""
    footnote_ref_after: int
    """Index in ``body_words()`` of the word the footnote reference follows (``states``)."""

    def body_words(self) -> list[str]:
        """All normalised body words in document order."""
        return [w for block in self.blocks for w in words(block.text)]

    def block_spans(self) -> list[tuple[int, int]]:
        """Per block, the ``[start, end)`` range of its words in ``body_words()``."""
        spans: list[tuple[int, int]] = []
        start = 0
        for block in self.blocks:
            end = start + len(words(block.text))
            spans.append((start, end))
            start = end
        return spans

    def footnote_words(self) -> list[str]:
        """Normalised words of the footnote text."""
        return words(self.footnote)

    @property
    def leads(self) -> list[str]:
        """The nine bold lead-ins, in order."""
        return [b.lead for b in self.blocks if b.lead is not None]


def normalise_word(word: str) -> str:
    """A word reduced to what typography cannot change: lowercase letters and digits.

    Drops quotes (“”„«»’' vs ASCII), dashes, hyphens (also inside compounds, so a compound
    broken at its hyphen compares equal), soft hyphens and other punctuation; keeps
    letters with diacritics (``auslandsbüro`` stays distinct from ``auslandsburo``).
    """
    word = unicodedata.normalize("NFKC", word).casefold()
    return "".join(c for c in word if unicodedata.category(c)[0] in "LNM")


def words(text: str) -> list[str]:
    """Normalised words of running text; words split by a hyphen at a line end are joined."""
    return [w for w in (normalise_word(t) for t in _tokens_joined_at_line_ends(text)) if w]


def _tokens_joined_at_line_ends(text: str) -> list[str]:
    tokens: list[str] = []
    glue = False
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if glue and tokens:
            tokens[-1] += parts.pop(0)
        tokens.extend(parts)
        glue = bool(tokens) and tokens[-1].endswith(_LINE_END_HYPHENS)
    return tokens


def ends_with_line_hyphen(token: str) -> bool:
    """True if a token at a line end may be the first part of a hyphenated word."""
    return token.endswith(_LINE_END_HYPHENS)


@dataclass(frozen=True)
class FoundWord:
    """A word found in a document, in reading order."""

    norm: str
    """Normalised text (``normalise_word``); never empty."""
    line_end_hyphen: bool = False
    """Last word of its line and ends with a hyphen: may continue on the next line."""


@dataclass(frozen=True)
class Match:
    """Where each expected word was found."""

    spans: tuple[tuple[int, int] | None, ...]
    """Per expected word, the first and last index into the found words (two indices for a
    word hyphenated across lines); ``None`` if it was not found in order."""
    searched_from: tuple[int, ...]
    """Per expected word, the index of the found word where its search began."""

    @property
    def missing(self) -> list[int]:
        """Indices of the expected words that were not found in order."""
        return [k for k, span in enumerate(self.spans) if span is None]


# A hyphenated word may be interrupted by up to this many words (running header and footer
# between the last line of one page and the first of the next).
_MAX_HYPHEN_SKIP = 40


def match_in_order(
    expected: Sequence[str], found: Sequence[FoundWord], window: int | None = None
) -> Match:
    """Find the expected (normalised) words as a subsequence of the found words.

    Each expected word is searched from just after the previous one found, at most
    ``window`` found words ahead (``None``: to the end; the first word always to the end).
    A word not found is recorded as missing and the search goes on with the next one from
    the same place, so one lost word does not hide where all the others are.

    A found word that ends a line with a hyphen may be joined with a later found word (the
    rest of the hyphenated word, possibly after a page's header and footer).
    """
    spans: list[tuple[int, int] | None] = []
    starts: list[int] = []
    i = 0
    for k, want in enumerate(expected):
        starts.append(i)
        stop = len(found) if window is None or k == 0 else min(len(found), i + window)
        hit = next((h for j in range(i, stop) if (h := _hit(want, found, j))), None)
        spans.append(hit)
        if hit is not None:
            i = hit[1] + 1
    return Match(spans=tuple(spans), searched_from=tuple(starts))


def _hit(want: str, found: Sequence[FoundWord], j: int) -> tuple[int, int] | None:
    word = found[j]
    if word.norm == want:
        return (j, j)
    if word.line_end_hyphen and len(want) > len(word.norm) and want.startswith(word.norm):
        rest = want[len(word.norm) :]
        for n in range(j + 1, min(j + 1 + _MAX_HYPHEN_SKIP, len(found))):
            if found[n].norm == rest:
                return (j, n)
    return None


def load_seed(path: Path = SEED_PATH) -> SeedReport:
    """Read the seed and undo its extraction damage (and only that)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    it = iter(enumerate(lines))
    header: list[str] = []
    for _, line in it:
        if line.strip():
            header.append(line.strip())
        if len(header) == 4:
            break
    date_line, label, office_line, title = header
    # The mangled first line is the date (5 July 2024); it lives in the front matter now.
    if "Jul" not in date_line:
        raise ValueError(f"seed: expected the mangled date as first line, got {date_line!r}")
    # "Auslandsburo" lost its umlaut in the extraction.
    office_line = office_line.replace("Auslandsburo", "Auslandsbüro")

    blocks: list[list[str]] = []  # [kind, text]
    kinds: list[Literal["paragraph", "item"]] = []
    footnote: str | None = None
    previous_blank = True
    for _, line in it:
        if not line.strip():
            previous_blank = True
            continue
        if line.startswith(FOOTNOTE_MARK):
            # The note text sat at the page bottom, between two bullet items.
            footnote = line[len(FOOTNOTE_MARK) :].strip()
        elif line.startswith(_BULLET_PREFIXES) or (line.startswith(" ") and previous_blank):
            # A line starting with a space after a blank line was a bullet item too.
            text = line.strip()
            for prefix in _BULLET_PREFIXES:
                text = text.removeprefix(prefix.strip()).strip()
            blocks.append([text])
            kinds.append("item")
        elif previous_blank:
            blocks.append([line.strip()])
            kinds.append("paragraph")
        else:
            # A line broken mid-sentence by the extraction (" United States and NATO, …").
            blocks[-1].append(line.strip())
        previous_blank = False
    if footnote is None:
        raise ValueError("seed: footnote text not found")

    restored: list[SeedBlock] = []
    ref_after: int | None = None
    for kind, parts in zip(kinds, blocks, strict=True):
        text = " ".join(parts)
        if FOOTNOTE_MARK in text:
            before = text.split(FOOTNOTE_MARK, 1)[0]
            ref_after = sum(len(words(b.text)) for b in restored) + len(words(before)) - 1
            text = text.replace(FOOTNOTE_MARK, "")
        if kind == "paragraph" and f" {MERGED_LEAD} " in text:
            head, tail = text.split(f" {MERGED_LEAD} ", 1)
            restored.append(SeedBlock("paragraph", head))
            restored.append(SeedBlock("item", f"{MERGED_LEAD} {tail}", MERGED_LEAD))
        elif kind == "item":
            lead = re.match(r"[^:]+:", text)
            if lead is None or len(lead.group().split()) > 6:
                raise ValueError(f"seed: bullet item without a lead-in: {text[:60]!r}")
            restored.append(SeedBlock("item", text, lead.group()))
        else:
            restored.append(SeedBlock("paragraph", text))
    if ref_after is None:
        raise ValueError("seed: footnote reference not found in the body")
    return SeedReport(
        label=label,
        office_line=office_line,
        title=title,
        blocks=tuple(restored),
        footnote=footnote,
        footnote_italics=tuple(re.findall(r"\*([^*]+)\*", footnote)),
        footnote_ref_after=ref_after,
    )
