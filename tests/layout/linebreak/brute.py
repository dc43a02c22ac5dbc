"""A brute-force line breaker for small item lists: every set of breaks is tried.

Written from the definitions in ``knuth_plass``'s docstring, independently of its
algorithm, to check that the total-fit breaker finds the least demerits in each pass.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any

from lagebericht.layout.linebreak.items import INFINITY, Box, Glue, Item, Penalty, Tier
from lagebericht.layout.linebreak.knuth_plass import (
    INF_BAD,
    RELAXED_RULE_DEMERITS,
    Parameters,
    Pass,
)


def _legal(items: Sequence[Item[Any]], tier: int) -> list[int]:
    legal = []
    for i, item in enumerate(items):
        glue_break = isinstance(item, Glue) and i and isinstance(items[i - 1], Box)
        if glue_break or (isinstance(item, Penalty) and item.cost < INFINITY and item.tier <= tier):
            legal.append(i)
    return legal


def _forced(item: Item[Any]) -> bool:
    return isinstance(item, Penalty) and item.cost <= -INFINITY


def _start_after(items: Sequence[Item[Any]], b: int) -> int:
    j = b + 1
    while j < len(items):
        item = items[j]
        if isinstance(item, Box) or (isinstance(item, Penalty) and item.cost <= -INFINITY):
            return j
        j += 1
    return j


def _line(
    items: Sequence[Item[Any]],
    s: int,
    b: int,
    measure: float,
    threshold: float,
    bg: float,
    beyond: float = 1.0,
) -> tuple[float, int] | None:
    """(badness, fitness) of the line from s to the break b, or None if infeasible."""
    if s > b:
        return None
    natural = stretch = shrink = 0.0
    fill = False
    for item in items[s:b]:
        if isinstance(item, Box):
            natural += item.width
        elif isinstance(item, Glue):
            natural += item.width
            shrink += item.shrink
            if item.stretch == math.inf:
                fill = True
            else:
                stretch += item.stretch
    brk = items[b]
    if isinstance(brk, Penalty):
        natural += brk.width
    r_max = math.inf if threshold >= INF_BAD else (threshold / 100) ** (1 / 3)
    if natural > measure:
        if shrink <= 0 or (natural - measure) / shrink > min(1.0, r_max):
            return None
        bad = 100 * ((natural - measure) / shrink) ** 3
        return bad, 3 if bad > 12 else 2
    if natural < measure and not fill:
        st = stretch + bg
        if st <= 0:
            if r_max < math.inf:
                return None
            bad = INF_BAD
        else:
            r = (measure - natural) / st
            if r > r_max:
                return None
            weighed = 1 + (r - 1) * beyond if r > 1 else r  # Typst's ratio beyond the stretch
            bad = min(100 * weighed**3, INF_BAD)
        return bad, 0 if bad > 99 else 1 if bad > 12 else 2
    return 0.0, 2


def least_demerits(
    items: Sequence[Item[Any]],
    widths: Sequence[float],
    p: Parameters,
    which: Pass,
    hooks: Mapping[int, float] | None = None,
) -> float | None:
    """The least total demerits of one pass, or None if it finds no way through."""
    hooks = hooks or {}
    threshold, tier, bg = {
        Pass.FIRST: (p.pretolerance, Tier.ALWAYS, 0.0),
        Pass.SECOND: (p.tolerance, Tier.HYPHENATION, 0.0),
        Pass.EMERGENCY: (p.tolerance, Tier.EMERGENCY, p.emergency_stretch),
        Pass.RESCUE: (INF_BAD, Tier.EMERGENCY, p.emergency_stretch),
    }[which]
    relaxed = which is Pass.RESCUE
    legal = _legal(items, tier)
    end = len(items) - 1
    forced = [b for b in legal if _forced(items[b])]
    optional = [b for b in legal if b not in forced]
    last_glue = max((b for b in legal if isinstance(items[b], Glue)), default=-1)
    best: float | None = None
    for k in range(len(optional) + 1):
        for chosen in itertools.combinations(optional, k):
            breaks = sorted({*chosen, *forced, end})
            total = 0.0
            s, fit_before, run = 0, 2, 0
            prev_break = -1
            for number, b in enumerate(breaks):
                measure = widths[min(number, len(widths) - 1)]
                line = _line(items, s, b, measure, threshold, bg, p.beyond_stretch)
                if line is None:
                    total = math.inf
                    break
                bad, fit = line
                item = items[b]
                cost = item.cost if isinstance(item, Penalty) else 0.0
                flagged = isinstance(item, Penalty) and item.flagged
                if cost > 0 and p.penalty_in_square:
                    d = (p.line_penalty + bad + cost) ** 2
                elif cost > 0:
                    d = (p.line_penalty + bad) ** 2 + cost**2
                else:
                    d = (p.line_penalty + bad) ** 2
                if 0 > cost > -INFINITY:
                    d -= cost**2
                if flagged:
                    hook = hooks.get(number, 0.0)
                    if hook == math.inf:
                        if not relaxed:
                            total = math.inf
                            break
                        hook = RELAXED_RULE_DEMERITS
                    d += hook
                    if run >= p.max_hyphenated_lines:
                        if not relaxed:
                            total = math.inf
                            break
                        d += RELAXED_RULE_DEMERITS
                    elif run:
                        d += p.double_hyphen_demerits
                if b == end and run:
                    d += p.final_hyphen_demerits
                    if prev_break > last_glue:
                        d += p.fragment_demerits
                if abs(fit - fit_before) > 1:
                    d += p.adj_demerits
                total += d
                run = min(run + 1, p.max_hyphenated_lines) if flagged else 0
                fit_before = fit
                prev_break = b
                s = _start_after(items, b)
            if total < math.inf and (best is None or total < best):
                best = total
    return best
