"""The item model of the line breaker: boxes, glue and penalties (Knuth & Plass 1981).

A paragraph is a sequence of items. A :class:`Box` is material of fixed width (a word or
a piece of one); :class:`Glue` is space that can stretch and shrink (an interword space);
a :class:`Penalty` is a place where a line may end at a cost (a hyphenation point, an
explicit hyphen, the paragraph's end). A line may end

- at a glue that follows a box (the glue itself is not drawn), or
- at a penalty whose cost is below :data:`INFINITY` (its width, e.g. a hyphen's, is drawn
  at the end of that line; a penalty not broken at is not drawn at all).

Glue and penalties right after a break are discarded up to the next box or forced break.

The items are named tuples: immutable, without a per-instance dictionary and cheap to
make — a long paragraph has a million of them. Each carries an opaque ``payload`` that the
breaker never looks at: what the caller needs to draw the item (e.g. a run and its text).
"""

from __future__ import annotations

import contextlib
import enum
import gc
import math
from collections.abc import Iterator
from typing import Generic, NamedTuple, TypeVar

INFINITY = 10000  # as TeX: a penalty ≥ this forbids a break, ≤ −this forces one
FILL = math.inf  # the stretch of a glue that fills any space (TeX's \hfil)

P = TypeVar("P")


class Tier(enum.IntEnum):
    """From which pass of the breaker on a penalty is a break opportunity."""

    ALWAYS = 0  # every pass: explicit hyphens, soft hyphens, break opportunities of the text
    HYPHENATION = 1  # from the second pass on: points found by the hyphenation dictionary
    EMERGENCY = 2  # only when nothing else keeps every line within its measure


class Box(NamedTuple, Generic[P]):
    """Material of fixed ``width`` (a word or a piece of one)."""

    width: float
    payload: P | None = None


class Glue(NamedTuple, Generic[P]):
    """Space of natural ``width`` that can grow by ``stretch`` and shrink by ``shrink``.

    ``stretch`` may be :data:`FILL`. The breaker assumes ``0 <= shrink <= width`` (TeX's
    interword glue has a third of its width): it lets a line that is too wide at one break
    be dropped for all later ones.
    """

    width: float
    stretch: float = 0.0
    shrink: float = 0.0
    payload: P | None = None


class Penalty(NamedTuple, Generic[P]):
    """A possible line end costing ``cost`` (≥ :data:`INFINITY`: never, ≤ −INFINITY: forced).

    ``width`` is drawn only if the line ends here (a hyphen). ``flagged`` marks a hyphen
    break: two flagged lines in a row cost extra and three are not allowed. ``tier`` tells
    from which pass on the penalty is a break at all (:class:`Tier`).
    """

    width: float
    cost: float
    flagged: bool = False
    tier: Tier = Tier.ALWAYS
    payload: P | None = None


Item = Box[P] | Glue[P] | Penalty[P]


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the items of a paragraph (or the
    breaker's nodes) are made: they hold no reference cycles, and each collection would
    walk all of the millions made so far — work that grows with the square of the
    paragraph. Reference counting still frees what is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
