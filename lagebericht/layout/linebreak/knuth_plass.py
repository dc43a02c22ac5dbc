"""Total-fit line breaking: TeX's algorithm (Knuth & Plass 1981; TeX §813–890).

Every legal break of the paragraph is a node of a shortest-path problem: a line from one
break to the next costs *demerits*, and the breaks chosen are those with the least total
over the whole paragraph. The breaks still able to start a line are kept *active*; each new
break is tried as the end of a line from each of them.

A line of natural width ``L`` set to width ``T`` has the adjustment ratio
``r = (T − L) / stretch`` (or ``/ shrink`` when too wide), its badness is ``100·|r|³``
(at most 10000) and a line is feasible when its badness is within the pass's tolerance
and ``r ≥ −1``. Its demerits are ``(line_penalty + badness)² ± penalty²`` (plus the
penalty's square when positive, minus when negative, nothing for a forced break).

With two parameters of our own the cost is Typst's instead (``typst-layout``,
``inline/linebreak.rs``): ``beyond_stretch`` < 1 makes a line stretched past its stretch
(``r > 1``) cost less — its badness is that of ``1 + (r − 1)·beyond_stretch`` (Typst
measures the extra stretch of each space in half ems: a space of a quarter em stretching
by half its width gives 0.25) — and ``penalty_in_square`` weighs a positive penalty
inside the square, ``(line_penalty + badness + penalty)²``: a hyphen and a loose line
are traded against each other, not a hyphen against the square of a loose line.
Feasibility stays TeX's, judged by ``r`` itself. On top of either cost:

- ``double_hyphen_demerits`` when it and the line before both end in a flagged penalty;
- ``final_hyphen_demerits`` when the second-to-last line ends in one, and
  ``fragment_demerits`` on top when the last line is only the rest of that word;
- ``adj_demerits`` when its fitness class (very loose, loose, decent, tight) is more
  than one away from the line before's;
- the caller's ``hyphen_line_demerits[i]`` when line ``i`` (0 = first) ends flagged.

Never more than ``max_hyphenated_lines`` lines in a row end flagged: a further one is
infeasible (outside the rescue pass, see below). An active node is kept per (position,
line class, fitness class, consecutive flagged lines): the future of a node depends on
exactly these. Line classes tell lines apart only as far as their widths (or the
caller's per-line demerits) differ; with a ``looseness`` every line number is its own
class, as in TeX.

The passes, each tried when the one before found no way through the paragraph:

1. ``pretolerance`` without the hyphenation dictionary's points (skipped when negative);
2. ``tolerance`` with them;
3. ``tolerance`` with ``emergency_stretch`` added to every line's stretch for the badness
   (not for setting it), and the :data:`~.items.Tier.EMERGENCY` breaks the item builder
   put inside over-long words and ties;
4. the rescue pass: any line not wider than its measure is feasible, and the hard rules
   (flagged lines in a row, ``math.inf`` per-line demerits) only cost
   :data:`RELAXED_RULE_DEMERITS`.

The rescue pass finds a way whenever every unbreakable run of items fits its line —
which the item builder guarantees; otherwise :class:`Overfull` is raised.

Time is linear in the number of items: the active nodes of a line class are kept in the
order of their positions, and since widths, stretch and shrink only grow along the
paragraph, the nodes too wide for a break are a prefix of that order (dropped for good)
and the nodes too loose for it a suffix (not visited). So each break visits only the
nodes that can end a line there, plus one; the nodes of one position share the measuring
of the line from there. This needs ``shrink ≤ width`` for every glue (as TeX's interword
glue has) and no negative widths.
"""

from __future__ import annotations

import bisect
import enum
import math
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from lagebericht.layout.linebreak.items import (
    INFINITY,
    Box,
    Glue,
    Item,
    Penalty,
    Tier,
    cyclic_gc_paused,
)

INF_BAD = 10000  # the badness of a line that cannot stretch enough (TeX's inf_bad)
RELAXED_RULE_DEMERITS = 1e12  # a hard rule broken in the rescue pass

VERY_LOOSE, LOOSE, DECENT, TIGHT = 0, 1, 2, 3  # TeX's fitness classes
_FLAGGED = 4  # added to a break's tier in the prepared breaks


@dataclass(frozen=True)
class Parameters:
    """TeX's paragraph parameters (its plain format's values), and two of our own."""

    pretolerance: float = 100  # the first pass's tolerance; negative: no first pass
    tolerance: float = 200
    emergency_stretch: float = 0.0  # pt added to each line's stretch in the third pass
    line_penalty: float = 10
    adj_demerits: float = 10000
    double_hyphen_demerits: float = 10000
    final_hyphen_demerits: float = 5000
    # ours: the last line is just the rest of a word hyphenated on the line before
    fragment_demerits: float = 50000
    looseness: int = 0  # lines more (positive) or fewer than the optimum, if it can
    max_hyphenated_lines: int = 2  # consecutive lines ending flagged; never more
    # Typst's cost (see the module's docstring); 1 and False are TeX's
    beyond_stretch: float = 1.0
    penalty_in_square: bool = False


class Pass(enum.IntEnum):
    """The pass that found the breaks (see the module's docstring)."""

    FIRST = 1
    SECOND = 2
    EMERGENCY = 3
    RESCUE = 4


class Line(NamedTuple):
    """One line: the items ``items[start:stop]`` set with ``ratio``.

    ``stop`` is the index of the item the line breaks at (a glue, not drawn, or a penalty,
    whose width — a hyphen — ends the line). Glue and penalties at ``start`` after a break
    are already skipped. Each glue of the line is set to ``width + ratio·stretch`` (ratio
    ≥ 0) or ``width + ratio·shrink`` (ratio < 0); a line that cannot stretch (or has fill
    glue) has ratio 0 and is left short. In the emergency and rescue passes ``ratio`` may
    exceed the tolerance: the caller decides how far to stretch.
    """

    start: int
    stop: int
    ratio: float
    hyphenated: bool  # breaks at a flagged penalty


class Breaking(NamedTuple):
    """The chosen lines, their total demerits, the pass that found them, and the work
    done: visits to active positions over all passes (linear in the paragraph; the tests
    check it)."""

    lines: tuple[Line, ...]
    demerits: float
    found_in: Pass
    visits: int


class Overfull(ValueError):
    """Some run of items without a break opportunity is wider than its line."""

    def __init__(self, index: int) -> None:
        super().__init__(
            f"item {index}: no way to keep every line within its measure "
            "(an unbreakable run is wider than the line)"
        )
        self.index = index


LineWidths = Sequence[float]  # width of line i: widths[min(i, len(widths) - 1)]


def break_lines(
    items: Sequence[Item[Any]],
    widths: LineWidths,
    parameters: Parameters = Parameters(),
    hyphen_line_demerits: Mapping[int, float] | None = None,
) -> Breaking:
    """The total-fit breaks of ``items`` (which must end with a forced break) into lines
    of ``widths``; ``hyphen_line_demerits``: extra demerits for ending line ``i`` (0 =
    first) with a flagged penalty, ``math.inf`` to forbid it (e.g. a page's last line)."""
    if not widths:
        raise ValueError("no line widths given")
    if not items or not _is_forced(items[-1]):
        raise ValueError("the items must end with a forced break (a penalty ≤ -INFINITY)")
    with cyclic_gc_paused():
        return _break_lines(items, widths, parameters, dict(hyphen_line_demerits or {}))


def _break_lines(
    items: Sequence[Item[Any]], widths: LineWidths, parameters: Parameters, hooks: dict[int, float]
) -> Breaking:
    paragraph = _Prepared(items)
    p = parameters
    passes: list[tuple[Pass, float, int, float]] = []
    if p.pretolerance >= 0:
        passes.append((Pass.FIRST, p.pretolerance, Tier.ALWAYS, 0.0))
    passes.append((Pass.SECOND, p.tolerance, Tier.HYPHENATION, 0.0))
    if p.emergency_stretch > 0 or paragraph.has_emergency:
        passes.append((Pass.EMERGENCY, p.tolerance, Tier.EMERGENCY, p.emergency_stretch))
    passes.append((Pass.RESCUE, INF_BAD, Tier.EMERGENCY, p.emergency_stretch))
    visits = 0
    chosen: tuple[float, _Passive, int] | None = None
    chosen_pass = Pass.RESCUE
    dead_at = len(items) - 1
    for which, threshold, tier, background in passes:
        run = _Run(paragraph, widths, p, hooks, threshold, tier, background, which)
        finals = run.finals()
        visits += run.visits
        if not finals:
            dead_at = run.dead_at
            continue
        best, reached = _select(finals, p.looseness)
        chosen, chosen_pass = best, which
        if reached:
            break
    if chosen is None:
        raise Overfull(dead_at)
    demerits, last, _ = chosen
    return Breaking(paragraph.lines(last, widths), demerits, chosen_pass, visits)


def _is_forced(item: Item[Any]) -> bool:
    return isinstance(item, Penalty) and item.cost <= -INFINITY


# A break chosen on the way to a node: (item index, flagged, the break before, lines so far).
_Passive = tuple[int, bool, Any, int]


class _Prepared:
    """Prefix sums of width, stretch, shrink and fill over the items, the legal breaks,
    and where a line starts after each break; kept in arrays (8 bytes a number, not a
    float object each: a long paragraph has a million items)."""

    def __init__(self, items: Sequence[Item[Any]]) -> None:
        n = len(items)
        widths = array("d", bytes(8 * (n + 1)))
        stretch = array("d", bytes(8 * (n + 1)))
        shrink = array("d", bytes(8 * (n + 1)))
        fills = array("q", bytes(8 * (n + 1)))
        # legal breaks: index, cost, width, and tier + 4 if flagged
        at = array("q")
        costs = array("d")
        pwidths = array("d")
        kinds = array("b")
        anchors = array("q")  # the first box of each run of boxes, and forced breaks
        w = y = z = 0.0
        f = 0
        after_box = False
        last_glue_break = -1
        has_emergency = False
        inf = math.inf
        for i, item in enumerate(items):
            kind: type = type(item)
            if kind is not Box and kind is not Glue and kind is not Penalty:  # a subclass
                kind = Box if isinstance(item, Box) else Glue if isinstance(item, Glue) else Penalty
            if kind is Box:
                w += item.width
                if not after_box:
                    anchors.append(i)
                after_box = True
            elif kind is Glue:
                if after_box:
                    at.append(i)
                    costs.append(0.0)
                    pwidths.append(0.0)
                    kinds.append(Tier.ALWAYS)
                    last_glue_break = i
                w += item.width
                if item.stretch == inf:  # type: ignore[union-attr]
                    f += 1
                else:
                    y += item.stretch  # type: ignore[union-attr]
                z += item.shrink  # type: ignore[union-attr]
                after_box = False
            else:
                cost = item.cost  # type: ignore[union-attr]
                if cost < INFINITY:
                    at.append(i)
                    costs.append(cost)
                    pwidths.append(item.width)
                    kinds.append(item.tier + (_FLAGGED if item.flagged else 0))  # type: ignore[union-attr]
                    has_emergency = has_emergency or item.tier >= Tier.EMERGENCY  # type: ignore[union-attr]
                    if cost <= -INFINITY:
                        anchors.append(i)
                after_box = False
            widths[i + 1] = w
            stretch[i + 1] = y
            shrink[i + 1] = z
            fills[i + 1] = f
        self.n = n
        self.items = items
        self.widths, self.stretch, self.shrink, self.fills = widths, stretch, shrink, fills
        self.breaks = (at, costs, pwidths, kinds)
        self.anchors = anchors
        self.last_glue_break = last_glue_break
        self.has_emergency = has_emergency

    def lines(self, last: _Passive, widths: LineWidths) -> tuple[Line, ...]:
        chain: list[tuple[int, bool]] = []
        node: _Passive | None = last
        while node is not None:
            chain.append((node[0], node[1]))
            node = node[2]
        chain.reverse()
        lines: list[Line] = []
        start = 0
        n_widths = len(widths)
        for number, (stop, flagged) in enumerate(chain):
            measure = widths[min(number, n_widths - 1)]
            lines.append(Line(start, stop, self._ratio(start, stop, measure), flagged))
            start = self.start_after(stop)
        return tuple(lines)

    def start_after(self, index: int) -> int:
        """Where a line starts after a break at ``index``: the next box or forced break."""
        anchors = self.anchors
        at = bisect.bisect_right(anchors, index)
        return anchors[at] if at < len(anchors) else self.n

    def _ratio(self, start: int, stop: int, measure: float) -> float:
        natural = self.widths[stop] - self.widths[start] + self._penalty_width(stop)
        if natural < measure:
            if self.fills[stop] != self.fills[start]:
                return 0.0
            stretch = self.stretch[stop] - self.stretch[start]
            return (measure - natural) / stretch if stretch > 0 else 0.0
        shrink = self.shrink[stop] - self.shrink[start]
        return (measure - natural) / shrink if natural > measure and shrink > 0 else 0.0

    def _penalty_width(self, index: int) -> float:
        item = self.items[index]
        return item.width if isinstance(item, Penalty) else 0.0


def _select(
    finals: list[tuple[float, _Passive, int]], looseness: int
) -> tuple[tuple[float, _Passive, int], bool]:
    """The final node to take, and whether it achieved the looseness asked for."""
    best = min(finals, key=lambda final: final[0])
    if looseness == 0:
        return best, True
    optimum = best[2]

    def rank(final: tuple[float, _Passive, int]) -> tuple[int, float]:
        diff = final[2] - optimum
        within = 0 <= diff <= looseness if looseness > 0 else looseness <= diff <= 0
        return (abs(looseness - diff) if within else 1 << 30, final[0])

    chosen = min(finals, key=rank)
    return chosen, chosen[2] - optimum == looseness


class _Run:
    """One pass over the paragraph."""

    def __init__(
        self,
        paragraph: _Prepared,
        widths: LineWidths,
        parameters: Parameters,
        hooks: dict[int, float],
        threshold: float,
        tier: int,
        background: float,
        which: Pass,
    ) -> None:
        self.paragraph = paragraph
        self.widths = widths
        self.p = parameters
        self.hooks = hooks
        self.threshold = threshold
        self.tier = tier
        self.background = background
        self.relaxed = which is Pass.RESCUE
        self.visits = 0
        self.dead_at = paragraph.n - 1
        # Lines from ``easy`` on are all alike (same width, no per-line demerits).
        if parameters.looseness:
            self.easy = 1 << 62
        else:
            self.easy = max(len(widths) - 1, max(hooks, default=-1) + 1)

    def finals(self) -> list[tuple[float, _Passive, int]]:
        """Run the pass: the candidates for the paragraph's end, ``[]`` if none."""
        pr = self.paragraph
        p = self.p
        W, Y, Z, F = pr.widths, pr.stretch, pr.shrink, pr.fills
        anchors = pr.anchors
        n_anchors = len(anchors)
        anchor = 0  # the first anchor after the current break
        n = pr.n
        widths = self.widths
        n_widths = len(widths)
        last_width = widths[-1]
        hooks = self.hooks
        easy = self.easy
        max_tier = self.tier
        relaxed = self.relaxed
        background = self.background
        threshold = self.threshold
        # the most a line may stretch, as a share of its stretch
        r_max = math.inf if threshold >= INF_BAD else (max(threshold, 0) / 100) ** (1 / 3)
        q = min(1.0, r_max)  # the most a line may shrink, as a share of its shrink
        line_penalty = p.line_penalty
        beyond = p.beyond_stretch
        in_square = p.penalty_in_square
        adj = p.adj_demerits
        double = p.double_hyphen_demerits
        max_hyph = p.max_hyphenated_lines
        final_hyphen = p.final_hyphen_demerits
        fragment = p.fragment_demerits
        last_glue = pr.last_glue_break
        key_span = 4 * (max_hyph + 1)  # a node's key: line class · span + 4 · run + fitness

        # The active nodes of one position and line class share an entry: (start, W, Y,
        # Z, F at start, ((fitness, flagged lines in a row, demerits, passive), ...)) —
        # a line from there is measured once for all of them. Per line class: the
        # entries in order of position, and the index of the first one still active.
        classes: dict[int, list[tuple[Any, ...]]] = {
            0: [(0, 0.0, 0.0, 0.0, 0, ((DECENT, 0, 0.0, None),))]
        }
        first: dict[int, int] = {0: 0}
        alive = 1
        dropped = 0  # nodes dropped since the lists were last cleaned up
        visits = 0
        finals: list[tuple[float, _Passive, int]] = []

        at, costs, pwidths, kinds = pr.breaks
        for b, cost, pw, kind in zip(at, costs, pwidths, kinds, strict=True):
            flagged = kind >= _FLAGGED
            if kind - (_FLAGGED if flagged else 0) > max_tier:
                continue
            Wb, Yb, Zb, Fb = W[b], Y[b], Z[b], F[b]
            forced = cost <= -INFINITY
            final = b == n - 1
            in_line = 0.0  # the penalty inside the line's square
            if cost > 0:
                if in_square:
                    in_line = cost
                    penalty_demerits = 0.0
                else:
                    penalty_demerits = cost * cost
            elif not forced:
                penalty_demerits = -cost * cost
            else:
                penalty_demerits = 0.0
            line_base = line_penalty + in_line
            best: dict[int, tuple[float, _Passive, int]] = {}
            for cls, nodes in classes.items():
                measure = widths[cls] if cls < n_widths else last_width
                hook = hooks.get(cls, 0.0) if flagged else 0.0
                if hook == math.inf and not relaxed:
                    continue
                if hook == math.inf:
                    hook = RELAXED_RULE_DEMERITS
                cls_key = (cls + 1 if cls < easy else easy) * key_span
                begin = i = first[cls]
                count = len(nodes)
                while i < count:
                    s, w0, y0, z0, f0, variants = nodes[i]
                    i += 1
                    if s > b:
                        break
                    over = Wb - w0 - measure
                    shrink = Zb - z0
                    if over > shrink:  # too wide here and at every later break
                        if first[cls] == i - 1:
                            first[cls] = i
                            alive -= 1
                            dropped += 1
                        continue
                    over += pw
                    if over > 0:
                        if over > q * shrink:
                            continue
                        ratio = over / shrink
                        bad = 100 * ratio * ratio * ratio
                        fit = TIGHT if bad > 12 else DECENT
                    elif over < 0:
                        if Fb != f0:
                            bad = 0.0
                            fit = DECENT
                        else:
                            stretch = Yb - y0 + background
                            if -over > r_max * stretch:  # too loose, and so are the rest
                                break
                            if stretch <= 0:
                                bad = INF_BAD
                            else:
                                ratio = -over / stretch
                                if ratio > 1:
                                    ratio = 1 + (ratio - 1) * beyond
                                bad = 100 * ratio * ratio * ratio
                                if bad > INF_BAD:
                                    bad = INF_BAD
                            fit = VERY_LOOSE if bad > 99 else LOOSE if bad > 12 else DECENT
                    else:
                        bad = 0.0
                        fit = DECENT
                    line_demerits = line_base + bad
                    line_demerits = line_demerits * line_demerits + penalty_demerits + hook
                    for fit0, run, total, passive in variants:
                        demerits = line_demerits
                        if flagged:
                            if run >= max_hyph:
                                if not relaxed:
                                    continue
                                demerits += RELAXED_RULE_DEMERITS
                            elif run:
                                demerits += double
                        if final and run:
                            demerits += final_hyphen
                            if passive[0] > last_glue:
                                demerits += fragment
                        if fit - fit0 > 1 or fit0 - fit > 1:
                            demerits += adj
                        total += demerits
                        # the new node's line class, fitness and flagged lines in a row
                        key = cls_key + fit
                        if flagged:
                            key += 4 * (run + 1 if run < max_hyph else max_hyph)
                        known = best.get(key)
                        if known is None or total <= known[0]:
                            lines = passive[3] + 1 if passive is not None else 1
                            best[key] = (total, (b, flagged, passive, lines), lines)
                visits += i - begin
            if forced:
                classes.clear()
                first.clear()
                alive = 0
            if final:
                finals = list(best.values())
                if not finals:
                    self.dead_at = b
                break
            if best:
                while anchor < n_anchors and anchors[anchor] <= b:
                    anchor += 1
                s = anchors[anchor] if anchor < n_anchors else n
                head = (s, W[s], Y[s], Z[s], F[s])
                if len(best) == 1:
                    ((key, (total, passive, _)),) = best.items()
                    cls, rest = divmod(key, key_span)
                    grouped = {cls: [(rest & 3, rest >> 2, total, passive)]}
                else:
                    grouped = {}
                    for key, (total, passive, _) in _undominated(best, adj, key_span):
                        cls, rest = divmod(key, key_span)
                        grouped.setdefault(cls, []).append((rest & 3, rest >> 2, total, passive))
                for cls, variants in grouped.items():
                    if cls not in classes:
                        classes[cls] = []
                        first[cls] = 0
                    classes[cls].append((*head, tuple(variants)))
                    alive += 1
            if not alive:
                self.dead_at = b
                break
            if dropped < 64:
                continue
            dropped = 0
            # forget the dropped nodes now and then: the lists stay as short as a line
            for cls, start in first.items():
                if start > 64 and start * 2 > len(classes[cls]):
                    del classes[cls][:start]
                    first[cls] = 0
            for cls in [c for c, nodes in classes.items() if first[c] >= len(nodes)]:
                del classes[cls], first[cls]
        self.visits = visits
        return finals


def _undominated(
    best: dict[int, tuple[float, _Passive, int]], adj: float, key_span: int
) -> list[tuple[int, tuple[float, _Passive, int]]]:
    """The candidates worth keeping: a node is dropped when another of its line class
    has no more flagged lines in a row and fewer demerits even after ``adj_demerits``
    (when their fitness differs) — it can never do worse from here on. A key is
    ``line class · key_span + 4 · flagged lines in a row + fitness``."""
    kept: list[tuple[int, tuple[float, _Passive, int]]] = []
    for key, value in sorted(best.items(), key=lambda entry: entry[1][0]):
        cls, rest = divmod(key, key_span)
        total = value[0]
        if not any(
            k // key_span == cls
            and (k % key_span) >> 2 <= rest >> 2
            and v[0] + (adj if k & 3 != rest & 3 else 0) <= total
            for k, v in kept
        ):
            kept.append((key, value))
    return kept
