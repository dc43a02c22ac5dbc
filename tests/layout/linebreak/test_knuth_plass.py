"""The total-fit breaker on hand-built item lists."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebericht.layout.linebreak.items import FILL, INFINITY, Box, Glue, Item, Penalty, Tier
from lagebericht.layout.linebreak.knuth_plass import (
    Breaking,
    Overfull,
    Parameters,
    Pass,
    break_lines,
)
from tests.layout.linebreak.brute import least_demerits

END: list[Item[Any]] = [Penalty(0, INFINITY), Glue(0, FILL, 0), Penalty(0, -INFINITY)]


def words(*lengths: float, space: float = 3.0) -> list[Item[Any]]:
    items: list[Item[Any]] = []
    for i, length in enumerate(lengths):
        if i:
            items.append(Glue(space, space / 2, space / 3))
        items.append(Box(length))
    return [*items, *END]


def texts(result: Breaking, items: list[Item[Any]]) -> list[list[float]]:
    return [
        [item.width for item in items[line.start : line.stop] if isinstance(item, Box)]
        for line in result.lines
    ]


# --- hand-checked cases -------------------------------------------------------------------


def test_one_line_when_everything_fits() -> None:
    items = words(10, 10, 10)
    result = break_lines(items, [100])
    assert [(line.start, line.stop) for line in result.lines] == [(0, len(items) - 1)]
    assert result.found_in is Pass.FIRST
    assert result.demerits == pytest.approx((10 + 0) ** 2)


def test_total_fit_balances_where_first_fit_would_not() -> None:
    # Lines of 30: "20 6" is 29 wide (r = 2/3), "10 12" 25 (r = 10/3, too loose in the
    # first pass, feasible in the second)
    items = words(20, 6, 10, 12)
    result = break_lines(items, [30])
    assert texts(result, items) == [[20, 6], [10, 12]]
    best = least_demerits(items, [30], Parameters(), result.found_in)
    assert result.demerits == pytest.approx(best)


def test_first_line_may_have_its_own_width() -> None:
    items = words(10, 10, 10, 10)
    result = break_lines(items, [21, 100])  # only one word fits the first line
    assert texts(result, items) == [[10], [10, 10, 10]]


def test_a_penalty_forbids_a_break_and_a_negative_one_forces_it() -> None:
    tied = words(10, 10, 10)
    tied.insert(1, Penalty(0, INFINITY))  # "10~10 10": no break after the first word
    result = break_lines(tied, [25], Parameters(tolerance=10000))
    assert texts(result, tied)[0] == [10, 10]
    forced = words(10, 10, 10)
    forced[1:1] = [Penalty(0, INFINITY), Glue(0, FILL, 0), Penalty(0, -INFINITY)]
    result = break_lines(forced, [100])
    assert texts(result, forced) == [[10], [10, 10]]


def syllables(count: int, width: float = 9.0) -> list[Item[Any]]:
    """Words of two syllables with a hyphenation point, lines just too short for one word
    and a half: every line wants to end with a hyphen."""
    items: list[Item[Any]] = []
    for i in range(count):
        if i:
            items.append(Glue(3, 1.5, 1))
        items += [Box(width), Penalty(1, 50, True, Tier.HYPHENATION), Box(width)]
    return [*items, *END]


def runs_of_flagged(result: Breaking) -> int:
    longest = run = 0
    for line in result.lines:
        run = run + 1 if line.hyphenated else 0
        longest = max(longest, run)
    return longest


def test_never_three_hyphenated_lines_in_a_row() -> None:
    # Lines of one and a half words (the first line 31, then 43 wide) all want to end with
    # a hyphen: left alone the breaker hyphenates six lines in a row.
    items = syllables(12)
    widths = [31.0, 43.0]
    unlimited = Parameters(tolerance=10000, max_hyphenated_lines=10)
    assert runs_of_flagged(break_lines(items, widths, unlimited)) == 6
    result = break_lines(items, widths, Parameters(tolerance=10000))
    assert result.found_in is Pass.SECOND
    assert runs_of_flagged(result) == 2
    few = syllables(5)  # few enough breaks for the brute force
    best = least_demerits(few, widths, Parameters(tolerance=10000), Pass.SECOND)
    assert break_lines(few, widths, Parameters(tolerance=10000)).demerits == pytest.approx(best)
    one = break_lines(items, widths, Parameters(tolerance=10000, max_hyphenated_lines=1))
    assert runs_of_flagged(one) == 1


def test_a_per_line_cost_keeps_a_hyphen_off_a_chosen_line() -> None:
    items = syllables(6)
    plain = break_lines(items, [31], Parameters(tolerance=10000))
    hyphenated = [i for i, line in enumerate(plain.lines) if line.hyphenated]
    assert hyphenated
    forbidden = {hyphenated[0]: math.inf}
    result = break_lines(items, [31], Parameters(tolerance=10000), forbidden)
    assert not result.lines[hyphenated[0]].hyphenated


def test_first_pass_ignores_dictionary_points_and_the_second_uses_them() -> None:
    items = syllables(4)
    result = break_lines(items, [31])
    assert result.found_in is Pass.SECOND
    assert any(line.hyphenated for line in result.lines)
    no_hyphens = break_lines(words(18, 18, 18), [40])
    assert no_hyphens.found_in is Pass.FIRST


def test_looseness_sets_one_line_more_when_it_can() -> None:
    items = words(*([10] * 12))
    tight = break_lines(items, [60], Parameters(tolerance=10000))
    loose = break_lines(items, [60], Parameters(tolerance=10000, looseness=1))
    assert len(loose.lines) == len(tight.lines) + 1


def test_an_emergency_break_is_taken_only_when_nothing_else_fits() -> None:
    items: list[Item[Any]] = [
        Box(10),
        Glue(3, 1.5, 1),
        Box(20),
        Penalty(0, 0, tier=Tier.EMERGENCY),
        Box(20),
        *END,
    ]
    result = break_lines(items, [25])
    assert result.found_in in (Pass.EMERGENCY, Pass.RESCUE)
    assert all(
        sum(i.width for i in items[line.start : line.stop] if isinstance(i, Box)) <= 25
        for line in result.lines
    )
    wide = break_lines(items, [60])
    assert wide.found_in is Pass.FIRST and len(wide.lines) == 1


def test_a_box_wider_than_the_line_is_an_error_naming_the_item() -> None:
    with pytest.raises(Overfull, match="item"):
        break_lines(words(10, 50, 10), [30])


def test_items_must_end_with_a_forced_break() -> None:
    with pytest.raises(ValueError, match="forced break"):
        break_lines([Box(10)], [30])


def test_the_last_line_is_not_a_word_fragment_when_it_can_be_helped() -> None:
    # "9 9-9": hyphenating the last word leaves "9" alone on the last line.
    items: list[Item[Any]] = [
        Box(9),
        Glue(3, 1.5, 1),
        Box(9),
        Glue(3, 1.5, 1),
        Box(9),
        Penalty(1, 50, True, Tier.HYPHENATION),
        Box(9),
        *END,
    ]
    result = break_lines(items, [30], Parameters(tolerance=10000))
    assert not result.lines[-2].hyphenated


def test_typsts_cost_weighs_a_loose_line_less_and_a_hyphen_inside_the_square() -> None:
    # "40 40" in 86: stretched by 3 with 1.5 of stretch, r = 2 (spaces at 2x). TeX's
    # badness is 800; beyond the stretch Typst's ratio grows by a quarter: 1.25, 195.3.
    items = words(40, 40, 10)
    tex = break_lines(items, [86], Parameters(tolerance=800, adj_demerits=0))
    typst = break_lines(items, [86], Parameters(tolerance=800, adj_demerits=0, beyond_stretch=0.25))
    assert texts(tex, items) == texts(typst, items) == [[40, 40], [10]]
    assert tex.demerits == pytest.approx((10 + 800) ** 2 + 10**2)
    assert typst.demerits == pytest.approx((10 + 100 * 1.25**3) ** 2 + 10**2)
    # A line ending at a hyphen of penalty 50, set at its natural width: (10 + 50)² for
    # Typst, 10² + 50² for TeX; the last line (a word's rest) costs the same in both.
    hyphenated: list[Item[Any]] = [Box(40), Glue(3, 1.5, 1), Box(40), Penalty(0, 50, True)]
    hyphenated += [Box(10), *END]
    beside = break_lines(hyphenated, [83], Parameters(pretolerance=-1))
    inside = break_lines(hyphenated, [83], Parameters(pretolerance=-1, penalty_in_square=True))
    assert [line.hyphenated for line in inside.lines] == [True, False]
    assert inside.demerits - beside.demerits == pytest.approx((10 + 50) ** 2 - 10**2 - 50**2)


# --- against the brute force ---------------------------------------------------------------


@st.composite
def paragraphs(draw: st.DrawFn) -> tuple[list[Item[Any]], list[float], Parameters]:
    items: list[Item[Any]] = [Box(draw(st.integers(1, 20)))]
    for _ in range(draw(st.integers(0, 9))):
        kind = draw(st.sampled_from(["glue", "glue", "penalty", "penalty", "tie", "forced"]))
        if kind == "glue":
            width = draw(st.integers(2, 6))
            items.append(Glue(width, draw(st.integers(0, 4)), draw(st.integers(0, width))))
        elif kind == "penalty":
            items.append(
                Penalty(
                    draw(st.integers(0, 3)),
                    draw(st.integers(-300, 300)),
                    draw(st.booleans()),
                    draw(st.sampled_from(list(Tier))),
                )
            )
        elif kind == "tie":
            items += [Penalty(0, INFINITY), Glue(3, 1.5, 1)]
        else:
            items += [Penalty(0, INFINITY), Glue(0, FILL, 0), Penalty(0, -INFINITY)]
        items.append(Box(draw(st.integers(1, 20))))
    items += END
    widths = draw(st.lists(st.integers(20, 70).map(float), min_size=1, max_size=3))
    parameters = Parameters(
        pretolerance=draw(st.sampled_from([-1, 50, 100])),
        tolerance=draw(st.sampled_from([200, 1000, 10000])),
        emergency_stretch=draw(st.sampled_from([0.0, 10.0])),
        adj_demerits=draw(st.sampled_from([0, 10000])),
        double_hyphen_demerits=draw(st.sampled_from([0, 10000])),
        max_hyphenated_lines=draw(st.integers(1, 2)),
        beyond_stretch=draw(st.sampled_from([1.0, 0.25])),
        penalty_in_square=draw(st.booleans()),
    )
    return items, widths, parameters


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs(), st.dictionaries(st.integers(0, 3), st.sampled_from([500.0, math.inf])))
def test_least_demerits_as_the_brute_force_finds(
    paragraph: tuple[list[Item[Any]], list[float], Parameters], hooks: dict[int, float]
) -> None:
    items, widths, parameters = paragraph
    passes = [p for p in Pass if p is not Pass.FIRST or parameters.pretolerance >= 0]
    expected = [(p, least_demerits(items, widths, parameters, p, hooks)) for p in passes]
    feasible = [(p, d) for p, d in expected if d is not None]
    try:
        result = break_lines(items, widths, parameters, hooks)
    except Overfull:
        assert not feasible
        return
    assert feasible
    which, demerits = feasible[0]
    if which is Pass.EMERGENCY and result.found_in is Pass.SECOND:
        pass  # the third pass is skipped when it could not differ from the second
    assert result.found_in == which or (which is Pass.SECOND and result.found_in is Pass.EMERGENCY)
    assert result.demerits == pytest.approx(demerits, rel=1e-9)


# --- time ---------------------------------------------------------------------------------


def test_work_grows_linearly_with_the_paragraph() -> None:
    def visits(count: int) -> int:
        lengths = [(7 * i) % 23 + 8 for i in range(count)]
        return break_lines(words(*lengths), [200.0]).visits

    small, large = visits(2000), visits(8000)
    assert large < 4.4 * small
