"""Items for ragged-right and balanced setting: the same words and break points, but the
room a line lacks goes to its end instead of into its spaces.

Knuth and Plass's construction (1981, "ragged-right"): every place a line may end gets
a stretchable glue of :data:`RAGGED_EMS` ems before it, cancelled by a glue of negative
stretch after it when the line does not end there. So every line has the same stretch,
at its end; interword spaces keep their width; and the breaker, still optimising the
whole paragraph, makes the line ends as even as the words allow — rather than keeping
the breaks found for justified lines, which may leave a line half empty.

Headings and titles are *balanced* (:func:`balanced_items`): the last line is judged like
the others (no fill at the paragraph's end), each line may stretch by the whole measure
(so every line is feasible and its badness grows with the cube of its slack), and the
break before the last word costs :data:`LAST_WORD_PENALTY`. With
:data:`BALANCED_PARAMETERS`' line penalty the fewest lines win first, then a last line of
two words or more, then even line ends.
"""

from __future__ import annotations

from collections.abc import Sequence

from lagebericht.layout.linebreak.builder import Fragment
from lagebericht.layout.linebreak.items import FILL, INFINITY, Box, Glue, Item, Penalty
from lagebericht.layout.linebreak.knuth_plass import Parameters

RAGGED_EMS = 3.0  # the stretch at a line's end, in ems of the paragraph's largest font
# A line's demerits are at least this squared (1e8): more than what evening out the ends
# of a dozen lines can save (each line's badness is at most 100, worth 2e6), so a balanced
# heading keeps the fewest lines.
BALANCED_PARAMETERS = Parameters(
    pretolerance=100, tolerance=100, line_penalty=10_000, adj_demerits=0
)
# Squared (2.5e7): dearer than evening out a dozen lines, cheaper than a line more.
LAST_WORD_PENALTY = 5000.0


def ragged_items(items: Sequence[Item[Fragment]], em: float) -> list[Item[Fragment]]:
    """``items`` rebuilt for ragged-right lines; payloads of the originals are kept, the
    added items have none (they draw nothing)."""
    return _ragged(items, RAGGED_EMS * em)[0]


def balanced_items(items: Sequence[Item[Fragment]], measure: float) -> list[Item[Fragment]]:
    """``items`` rebuilt for a balanced heading in lines of ``measure`` (see the module's
    docstring)."""
    out, spaces = _ragged(items, measure)
    for index, item in enumerate(out):
        if isinstance(item, Glue) and item.stretch == FILL:
            out[index] = Glue(0.0, measure)  # a line that ends the text is balanced too
    if spaces:
        out[spaces[-1]] = Penalty(0.0, LAST_WORD_PENALTY)
    return out


def _ragged(
    items: Sequence[Item[Fragment]], stretch: float
) -> tuple[list[Item[Fragment]], list[int]]:
    """The ragged items, and where in them a line may end at an interword space."""
    out: list[Item[Fragment]] = []
    spaces: list[int] = []
    previous: Item[Fragment] | None = None
    for item in items:
        if isinstance(item, Glue) and isinstance(previous, Box) and item.stretch != FILL:
            # An interword space: a line may end here, its room at the end.
            out.append(Glue(0.0, stretch))
            spaces.append(len(out))
            out.append(Penalty(0.0, 0.0))
            out.append(Glue(item.width, -stretch, 0.0, item.payload))
        elif isinstance(item, Penalty) and -INFINITY < item.cost < INFINITY:
            # A hyphenation point or another break inside a word: no break at the glue.
            out += [Penalty(0.0, INFINITY), Glue(0.0, stretch), item, Glue(0.0, -stretch)]
        elif isinstance(item, Glue) and item.stretch != FILL:
            out.append(Glue(item.width, 0.0, 0.0, item.payload))  # a tie: a fixed space
        else:
            out.append(item)
        previous = item
    return out, spaces
