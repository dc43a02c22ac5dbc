"""How much of uniseg's time a report's paragraphs may take.

uniseg answers UAX #14 exactly but at some 50 µs a character, so the builder asks it only
for words and spaces that need a look, once per shape (``builder._shaped``). Text can
still be made of nothing else — thousands of distinct words of punctuation and letters —
and would take minutes. So each report has an :class:`Allowance`: its first
:data:`FREE_CHARACTERS` characters of paragraphs are set as they are; after them each
paragraph is charged what it would newly ask uniseg (``builder.uax_demand``), and one that
the rest of :data:`UAX_CHARACTERS` cannot pay is set without asking (``Setting.uax``
False: no break opportunity inside such words but the emergency breaks, their grapheme
clusters told by a simple rule, a break at every space). A report's paragraphs are
admitted in the order the layout sets them, the same in every build, and what they are
charged does not depend on what the process remembers, so a report is set the same
whatever was built before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebericht.layout.linebreak.builder import uax_demand

FREE_CHARACTERS = 16_384
"""Paragraph text of a report set without counting (some 6 pages): at most about 1.3 s of
uniseg even if every character needed it."""
UAX_CHARACTERS = 16_384
"""What the report's later paragraphs may newly ask uniseg, in characters: as much again.
A report's ordinary text asks a few hundred (words in quotes, with dashes or slashes)."""


@dataclass
class Allowance:
    """One report's allowance (made with its styles, ``layout.styles``)."""

    free: int = FREE_CHARACTERS
    left: int = UAX_CHARACTERS
    asked: set[str] = field(default_factory=set)

    def admit(self, text: str) -> bool:
        """Whether the paragraph ``text`` is set asking uniseg (and its cost charged)."""
        if len(text) <= self.free:
            self.free -= len(text)
            return True
        self.free = 0
        demand = uax_demand(text) - self.asked
        cost = sum(map(len, demand))
        if cost > self.left:
            return False
        self.left -= cost
        self.asked |= demand
        return True
