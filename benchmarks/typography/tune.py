"""A search over the line breaker's parameters against the targets of issue 13.

    python -m benchmarks.typography.tune [--quick]

Sets Typst's figures once, then for each combination of the flowable's hyphenation
penalties (and their surcharge for short fragments) and the breaker's :class:`Parameters`
builds the de, en and ru seeds (default theme) and the two-column example
(``astana-wasser``) in this process and prints one row: the hyphenated share, justified
lines, paragraphs set ragged-right, lines above 1.6× and 2× loose and the worst line per
edition, and whether every target is met. Meant to be read, not asserted: the chosen
values are written into ``layout/setting/`` by hand (benchmarks/README.md tells the
search).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path

from benchmarks.typography.metrics import Geometry, Summary, measure
from benchmarks.typography.run import (
    ROOT,
    SEEDS,
    SHARE_MARGIN,
    WORST_TARGET,
    lagebericht_pdf,
    typst_pdf,
)
from lagebericht.layout.linebreak.knuth_plass import Parameters
from lagebericht.layout.setting import flowable, lines
from lagebericht.layout.setting.inline import Span
from lagebericht.layout.setting.lines import LineSetting, SetLine
from lagebericht.theme import Theme, load_theme

TWO_COLUMNS = ROOT / "content" / "2024-09" / "astana-wasser.md"
TWO_COLUMN_THEME = "auslandsbuero-zweispaltig"


@dataclass(frozen=True)
class Candidate:
    hyphen_penalty: float
    element_penalty: float
    parameters: Parameters
    short_fragment_cost: float = 0.0

    def label(self) -> str:
        default = Parameters()
        changed = [
            f"{f.name}={getattr(self.parameters, f.name):g}"
            for f in fields(Parameters)
            if getattr(self.parameters, f.name) != getattr(default, f.name)
        ]
        return " ".join(
            [
                f"hyph={self.hyphen_penalty:g}/{self.element_penalty:g}",
                f"short={self.short_fragment_cost:g}",
                *changed,
            ]
        )


# The setting before this search: the penalties of the first search (300, 350 inside a
# compound's element, benchmarks/README.md), no surcharge for short fragments.
TODAY = Candidate(
    flowable.HYPHEN_PENALTY,
    flowable.ELEMENT_PENALTY,
    lines.PARAMETERS,
    flowable.SHORT_FRAGMENT_COST,
)


@contextmanager
def configured(candidate: Candidate) -> Iterator[None]:
    """The flowable's penalties and ``set_lines``' default parameters set to ``candidate``'s
    for the duration."""
    saved = (
        flowable.HYPHEN_PENALTY,
        flowable.ELEMENT_PENALTY,
        flowable.SHORT_FRAGMENT_COST,
        lines.set_lines.__defaults__,
    )
    flowable.HYPHEN_PENALTY = candidate.hyphen_penalty
    flowable.ELEMENT_PENALTY = candidate.element_penalty
    flowable.SHORT_FRAGMENT_COST = candidate.short_fragment_cost
    lines.set_lines.__defaults__ = (candidate.parameters,)
    try:
        yield
    finally:
        (
            flowable.HYPHEN_PENALTY,
            flowable.ELEMENT_PENALTY,
            flowable.SHORT_FRAGMENT_COST,
            lines.set_lines.__defaults__,
        ) = saved


@contextmanager
def ragged_counted() -> Iterator[set[str]]:
    """The texts of the justified paragraphs (or parts) set ragged-right while it lasts."""
    ragged: set[str] = set()
    real = lines.set_lines  # the flowable's, whose defaults `configured` sets

    def counting(
        spans: Sequence[Span],
        widths: Sequence[float],
        how: LineSetting,
        parameters: Parameters | None = None,
    ) -> list[SetLine]:
        set_ = (
            real(spans, widths, how) if parameters is None else real(spans, widths, how, parameters)
        )
        if any(line.ragged for line in set_):
            ragged.add("".join(span.text for span in spans))
        return set_

    namespace = vars(flowable)
    namespace["set_lines"] = counting
    try:
        yield ragged
    finally:
        namespace["set_lines"] = real


@dataclass(frozen=True)
class Figures:
    summary: Summary
    ragged: int  # paragraphs (or parts of one) set ragged-right


def _measure(source: Path, out_dir: Path, theme: Theme) -> Figures:
    with ragged_counted() as ragged:
        pdf = lagebericht_pdf(source, out_dir, theme)
    return Figures(measure(pdf, Geometry.of(theme)), len(ragged))


def evaluate(
    candidate: Candidate, out_dir: Path, theme: Theme, two_columns: Theme
) -> dict[str, Figures]:
    """The figures of the seeds and (as ``"2col"``) of the two-column example."""
    with configured(candidate):
        figures = {edition: _measure(source, out_dir, theme) for edition, source in SEEDS.items()}
        figures["2col"] = _measure(TWO_COLUMNS, out_dir, two_columns)
    return figures


def verdict(
    figures: dict[str, Figures], typst: dict[str, Summary], today: dict[str, Figures]
) -> tuple[bool, str]:
    """Whether every target of issue 13 is met on every seed — with no fewer justified
    lines and no more paragraphs set ragged-right than today's setting (a paragraph set
    ragged-right ends no line in a hyphen, so fewer hyphens bought that way do not count)
    and neither more ragged paragraphs nor more lines above 2× loose in the two columns
    (whose ragged paragraphs' nearly full lines make its count of justified lines vary) —
    and a row of figures."""
    met = True
    cells = []
    for edition in SEEDS:
        ours, reference = figures[edition].summary, typst[edition]
        ok = (
            ours.hyphen_share <= reference.hyphen_share + SHARE_MARGIN
            and ours.loose <= reference.loose
            and ours.worst_ratio <= WORST_TARGET
            and ours.overfull == 0
            and ours.page_end_hyphens == 0
            and ours.justified >= today[edition].summary.justified
            and figures[edition].ragged <= today[edition].ragged
        )
        met = met and ok
        cells.append(
            f"{edition} {ours.hyphen_share:4.1f}% j{ours.justified} r{figures[edition].ragged} "
            f"{ours.loose:2d}/{ours.very_loose} {ours.worst_ratio:.2f}{'' if ok else '!'}"
        )
    wide, ragged = figures["2col"].summary, figures["2col"].ragged
    ok = wide.very_loose <= today["2col"].summary.very_loose and ragged <= today["2col"].ragged
    met = met and ok
    cells.append(
        f"| 2col {wide.hyphen_share:4.1f}% j{wide.justified} r{ragged} "
        f"{wide.loose}/{wide.very_loose} {wide.worst_ratio:.2f}{'' if ok else '!'}"
    )
    return met, "  ".join(cells)


def candidates(quick: bool) -> list[Candidate]:
    """The grid searched (``quick``: a corner of it): the surcharge per letter short of a
    fragment's five, with the penalties and parameters of the first search around it."""
    shorts = [0.15, 0.3] if quick else [0.15, 0.3, 0.5]
    penalties = [300, 350] if quick else [250, 300, 350, 400]
    pretolerances = [800] if quick else [400, 800]
    adjs = [10000] if quick else [10000, 3000]
    return [
        Candidate(
            h,
            h + 50,
            replace(lines.PARAMETERS, pretolerance=pre, adj_demerits=adj),
            short,
        )
        for short, h, pre, adj in itertools.product(shorts, penalties, pretolerances, adjs)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.typography.tune")
    parser.add_argument("--quick", action="store_true", help="a smaller grid")
    args = parser.parse_args(argv)
    theme = load_theme()
    two_columns = load_theme(TWO_COLUMN_THEME)
    geometry = Geometry.of(theme)
    with tempfile.TemporaryDirectory(prefix="tune-") as folder:
        out_dir = Path(folder)
        typst = {e: measure(typst_pdf(s, out_dir, theme), geometry) for e, s in SEEDS.items()}
        print(
            "Typst: "
            + "  ".join(
                f"{e} {t.hyphen_share:.1f}% j{t.justified} {t.loose}/{t.very_loose} "
                f"{t.worst_ratio:.2f}"
                for e, t in typst.items()
            )
        )
        today = evaluate(TODAY, out_dir, theme, two_columns)
        for candidate in [TODAY, *candidates(args.quick)]:
            figures = (
                today if candidate is TODAY else evaluate(candidate, out_dir, theme, two_columns)
            )
            met, row = verdict(figures, typst, today)
            print(f"{'MET ' if met else '    '}{row} | {candidate.label()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
