"""A report's allowance of uniseg's time: ordinary text is set as before, and text made of
nothing but words that need UAX #14's look costs seconds, not minutes."""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from uniseg.graphemecluster import grapheme_cluster_boundaries
from uniseg.linebreak import line_break, line_break_boundaries

from lagebericht.layout import render_pdf, styles
from lagebericht.layout.linebreak import builder
from lagebericht.layout.linebreak.allowance import Allowance
from lagebericht.layout.linebreak.builder import Run, Setting, uax_demand
from lagebericht.layout.setting.flowable import shared_memo
from tests.layout.factories import filled

SOUP = [*"ab(){}“”,;:!", "x\u0301"]  # no URL breaks; a letter and its mark: one cluster


def soup(words: int, seed: int = 1, length: int = 120) -> list[str]:
    """Paragraphs of ten distinct words of letters, marks and punctuation, each needing
    UAX #14's look (no two of one shape) and uniseg's clusters if cut."""
    chance = random.Random(seed)
    made = ["".join(chance.choice(SOUP) for _ in range(length)) for _ in range(words)]
    return [" ".join(made[i : i + 10]) for i in range(0, words, 10)]


def report_of(paragraphs: list[str]) -> object:
    from lagebericht.model import Paragraph, Text

    body = tuple(
        Paragraph(content=(Text(text=text),), line=i + 1) for i, text in enumerate(paragraphs)
    )
    return filled(language="en").model_copy(update={"body": body})


def test_plain_text_asks_uniseg_nothing() -> None:
    assert uax_demand("Plain words, in brackets and „quotes“, set as they are.") == set()
    assert uax_demand("Plain words — a dash") == {"—", "ds —", "— a"}


def test_the_demand_is_the_shapes_and_spaces_the_builder_asks() -> None:
    demand = uax_demand("say “absolutely” and/or 2020–2024 Kasachstan/China «Пояс–путь».")
    assert {"“aaa”", "aaa/aa", "000–000", "aaa/aaa", "«aaa–aaa»."} <= demand
    assert {"ay “a", "y” an"} <= demand  # the spaces next to the quotes


def test_a_word_with_a_mark_is_asked_for_its_grapheme_clusters_too() -> None:
    assert uax_demand("(x\u0301y)!") == {"(a\u0301a)!", "(x\u0301y)!"}
    assert uax_demand("{xy}!") == {"{aa}!"}  # each character a cluster of its own
    long = "x\u0301" * 200  # beyond UAX_WORD_LIMIT: no shape asked, but its clusters
    assert uax_demand(long) == {long}


def demand_word_by_word(text: str) -> set[str]:
    """``uax_demand`` as first written: every word and every pair of words looked at."""
    demand: set[str] = set()
    previous: re.Match[str] | None = None
    for match in builder.WORD.finditer(text):
        word = match.group()
        if not (builder._PLAIN_WORD.fullmatch(word) or builder._COMPOUND.fullmatch(word)):
            if len(word) <= builder.UAX_WORD_LIMIT:
                demand.add(builder._shaped(word)[0])
            if not all(map(builder._alone, word)):
                demand.add(word)
        if previous is not None and (
            str(line_break(text[previous.end() - 1])) in builder._LOOK_BEFORE
            or str(line_break(word[0])) in builder._LOOK_AFTER
        ):
            demand.add(f"{previous.group()[-2:]} {word[:2]}")
        previous = match
    return demand


TEXT_PARTS = st.one_of(
    st.text("aZ9Жλ", min_size=1, max_size=6),
    st.sampled_from([*" \u00a0\n\u2009", *".,;:!?-–—/()[]{}«»„“”‘’'\"…·", "x\u0301", "漢", "、"]),
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(TEXT_PARTS, max_size=24).map("".join))
def test_the_demand_found_by_patterns_is_the_demand_word_by_word(text: str) -> None:
    assert uax_demand(text) == demand_word_by_word(text)


def test_free_text_first_then_what_is_newly_asked_is_charged() -> None:
    allowance = Allowance(free=10, left=12)
    assert allowance.admit("and/or") and allowance.free == 4  # free: not charged
    assert allowance.admit("plain words beyond the free text") and allowance.left == 12
    assert allowance.admit("either/or and/or")  # "aaa/aa" (6) twice: charged once
    assert allowance.left == 6
    assert allowance.admit("this/or and/or") and allowance.left == 6  # asked already
    assert not allowance.admit("2020–2024 here/there")  # 7 + 7 > 6: refused
    assert allowance.left == 6  # and not charged
    assert not allowance.admit("1914–1918")  # "000–000" alone is 7 as well
    assert allowance.admit("x/y") and allowance.left == 3


def test_without_uax_a_word_has_no_opportunity_inside_and_a_space_always_one() -> None:
    text = "and/or !x y"
    asking = builder._Builder([Run(text, "Helvetica", 10)], 100, Setting())
    spared = builder._Builder([Run(text, "Helvetica", 10)], 100, Setting(uax=False))
    assert asking._inner_breaks("and/or") == (4,)
    assert spared._inner_breaks("and/or") == ()
    assert spared._inner_breaks("Kasachstan-China") == (11,)  # a compound needs no look
    assert not asking._space_breaks((0, 6), (7, 9))  # no break before "!"
    assert spared._space_breaks((0, 6), (7, 9))


def test_a_report_of_punctuation_asks_uniseg_within_its_allowance(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def counted(ask: Callable[[str], object]) -> Callable[[str], object]:
        def counting(text: str) -> object:
            asked.append(text)
            return ask(text)

        return counting

    monkeypatch.setattr(builder, "line_break_boundaries", counted(line_break_boundaries))
    clusters = counted(grapheme_cluster_boundaries)
    monkeypatch.setattr(builder, "grapheme_cluster_boundaries", clusters)
    monkeypatch.setattr(styles, "Allowance", functools.partial(Allowance, free=1200, left=1200))
    paragraphs = soup(200, length=240)  # words wider than the line: cut into clusters
    demand = sum(len(shape) for text in paragraphs for shape in uax_demand(text))
    shared_memo.cache_clear()
    try:
        pdf = render_pdf(report_of(paragraphs))  # type: ignore[arg-type]
    finally:
        shared_memo.cache_clear()
    assert pdf.startswith(b"%PDF")
    # free text (at most a word and a space of look per two characters) and the rest
    bound = 3 * 1200 + 1200
    assert sum(map(len, asked)) <= bound < demand / 4


def test_a_report_past_its_allowance_is_set_the_same_every_time() -> None:
    paragraphs = soup(60, seed=2)
    report = report_of(paragraphs)
    other = report_of(soup(60, seed=3))
    with pytest.MonkeyPatch.context() as patch:
        # the allowance pays for the first two paragraphs' words (some 1,240 characters each)
        patch.setattr(styles, "Allowance", functools.partial(Allowance, free=0, left=2600))
        shared_memo.cache_clear()
        alone = render_pdf(report)  # type: ignore[arg-type]
        render_pdf(other)  # type: ignore[arg-type]
        after_another = render_pdf(report)  # type: ignore[arg-type]
    shared_memo.cache_clear()
    assert alone == after_another


def test_each_report_s_styles_share_an_allowance_of_their_own() -> None:
    from lagebericht.layout.fonts import family_of
    from lagebericht.theme import load_theme

    theme = load_theme()
    made = [styles.make_styles(theme, family_of(theme), "en") for _ in range(2)]
    first, second = ({id(style.uax_allowance) for style in vars(s).values()} for s in made)
    assert len(first) == len(second) == 1  # every style of a report: one allowance
    assert first != second  # and another for the next report
