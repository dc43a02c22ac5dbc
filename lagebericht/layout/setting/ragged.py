"""Items for ragged-right setting: the same words and break points, but the room a line
lacks goes to its end instead of into its spaces.

Knuth and Plass's construction (1981, "ragged-right"): every place a line may end gets
a stretchable glue of :data:`RAGGED_EMS` ems before it, cancelled by a glue of negative
stretch after it when the line does not end there. So every line has the same stretch,
at its end; interword spaces keep their width; and the breaker, still optimising the
whole paragraph, makes the line ends as even as the words allow — rather than keeping
the breaks found for justified lines, which may leave a line half empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from lagebericht.layout.linebreak.builder import Fragment
from lagebericht.layout.linebreak.items import FILL, INFINITY, Box, Glue, Item, Penalty

RAGGED_EMS = 3.0  # the stretch at a line's end, in ems of the paragraph's largest font


def ragged_items(items: Sequence[Item[Fragment]], em: float) -> list[Item[Fragment]]:
    """``items`` rebuilt for ragged-right lines; payloads of the originals are kept, the
    added items have none (they draw nothing)."""
    stretch = RAGGED_EMS * em
    out: list[Item[Fragment]] = []
    previous: Item[Fragment] | None = None
    for item in items:
        if isinstance(item, Glue) and isinstance(previous, Box) and item.stretch != FILL:
            # An interword space: a line may end here, its room at the end.
            out += [Glue(0.0, stretch), Penalty(0.0, 0.0)]
            out.append(Glue(item.width, -stretch, 0.0, item.payload))
        elif isinstance(item, Penalty) and -INFINITY < item.cost < INFINITY:
            # A hyphenation point or another break inside a word: no break at the glue.
            out += [Penalty(0.0, INFINITY), Glue(0.0, stretch), item, Glue(0.0, -stretch)]
        elif isinstance(item, Glue) and item.stretch != FILL:
            out.append(Glue(item.width, 0.0, 0.0, item.payload))  # a tie: a fixed space
        else:
            out.append(item)
        previous = item
    return out
