"""Each language rule marks where a line must not start ("|" before such a position)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebericht.layout.linebreak import rules
from tests.in_time import finishes_within


def marked(rule: rules.Rule, text: str, language: str) -> str:
    forbidden = set(rule(text, language))
    return "".join(("|" if i in forbidden else "") + ch for i, ch in enumerate(text))


@pytest.mark.parametrize("language", ["ru", "kk", "pl", "cs", "sk", "sl"])
def test_one_letter_word_binds_to_the_next(language: str) -> None:
    assert marked(rules.one_letter_words, "был в Москве и с ней", language) == (
        "был в |Москве и |с |ней"
    )


def test_one_letter_words_may_end_a_line_in_german_and_english() -> None:
    assert marked(rules.one_letter_words, "Plan A ist gut", "de") == "Plan A ist gut"
    assert marked(rules.one_letter_words, "a plan", "en-GB") == "a plan"


def test_digit_groups() -> None:
    assert marked(rules.digit_groups, "700 000 und 1 234 567 aber 2019 100", "de") == (
        "700 |000 und 1 |234 |567 aber 2019 100"
    )


def test_numbers_and_units() -> None:
    text = "40 Prozent, 40 %, 5 km, 2024 г., € 5, § 3 und 5 Kinder"
    assert marked(rules.numbers_and_units, text, "de") == (
        "40 |Prozent, 40 |%, 5 |km, 2024 |г., € |5, § |3 und 5 Kinder"
    )


def test_licences() -> None:
    assert marked(rules.licences, "under CC BY-SA 4.0 now", "en") == (
        "under C|C| |B|Y|-|S|A| |4|.|0 now"
    )
    assert marked(rules.licences, "or CC0 1.0 or CC BY 4.0", "en") == (
        "or C|C|0| |1|.|0 or C|C| |B|Y| |4|.|0"
    )


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "de",
            "700 000 Hektar, 10 Uhr, 5 Grad, 3 Tonnen",
            "700 000 |Hektar, 10 |Uhr, 5 |Grad, 3 |Tonnen",
        ),
        ("de", "40 Prozentpunkte, 5 US-Dollar", "40 |Prozentpunkte, 5 |US-Dollar"),
        ("en", "700 hectares at 10 p.m.", "700 |hectares at 10 |p.m."),
        ("ru", "700 гектаров и 5 тонн", "700 |гектаров и 5 |тонн"),
    ],
)
def test_more_units(language: str, text: str, expected: str) -> None:
    assert marked(rules.numbers_and_units, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("de", "am 20. März 2019 da", "am 20. |März |2019 da"),
        ("en", "on 5 July 2024 and July 5, 2024", "on 5 |July |2024 and July |5, |2024"),
        ("ru", "5 июля 2024 г.", "5 |июля |2024 г."),
        ("kk", "5 шілде 2024", "5 |шілде |2024"),
        ("de", "im März 2019", "im März |2019"),
    ],
)
def test_dates(language: str, text: str, expected: str) -> None:
    assert marked(rules.dates, text, language) == expected


def test_initials() -> None:
    assert marked(rules.initials, "A. B. Muster, nicht a. muster", "de") == (
        "A. |B. |Muster, nicht a. muster"
    )
    assert marked(rules.initials, "А.Б. Иванов und J.R.R. Tolkien, z.B. hier", "de") == (
        "А.Б. |Иванов und J.R.R. |Tolkien, z.B. hier"
    )


def test_a_spaced_dash_does_not_start_a_line() -> None:
    assert marked(rules.dashes, "Wort – Wort — x-y", "de") == "Wort |– Wort |— x-y"


def test_all_rules_together() -> None:
    assert rules.forbidden_starts("в 5 км", "ru") == {2, 4}


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        (rules.digit_groups, "700\u2009000", "700\u2009|000"),
        (rules.numbers_and_units, "5. km", "5. |km"),
        (rules.numbers_and_units, "40 %", "40 |%"),
        (rules.numbers_and_units, "€ 5", "€ |5"),
        (rules.dates, "Juli\u202f2024", "Juli\u202f|2024"),
        (rules.licences, "CC0", "C|C|0"),
        (rules.dashes, "Wort — Wort", "Wort |— Wort"),
    ],
)
def test_a_rule_that_looks_first_for_what_its_matches_hold_misses_none(
    rule: rules.Rule, text: str, expected: str
) -> None:
    """A rule skips a text without what every match holds (a digit next to a space, "CC",
    a dash): texts holding no more than that are still marked."""
    assert marked(rule, text, "de") == expected


# --- time linear in the text ---------------------------------------------------------------

NUMBER_TEXT = st.lists(
    st.sampled_from(["1", "23", ".", ",", " ", "\u00a0", "kg", "%", "a", "x1", "Mio.", "-"]),
    max_size=30,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(NUMBER_TEXT)
def test_numbers_are_found_as_by_the_patterns_that_scanned_every_digit(text: str) -> None:
    # As first written: a number could begin at every digit, and was scanned to its end.
    every_digit = re.compile(rf"\d[\d.,]*{rules._SPACE}")
    to_its_end = re.compile(rules._NUMBER_UNIT.pattern.replace("{0,63}+", "*"))
    assert bool(rules._NUMBER_SPACE.search(text)) == bool(every_digit.search(text))
    found = list(rules._after_spaces(rules._NUMBER_UNIT, text))
    assert found == list(rules._after_spaces(to_its_end, text))


def test_a_long_run_of_digits_is_read_in_time_linear_in_it() -> None:
    # Scanned from each of its digits, 200,000 characters took hours.
    script = (
        "from lagebericht.layout.linebreak import rules\n"
        "for run in ('1,' * 100_000, '1.' * 100_000, '1' * 200_000):\n"
        "    for tail in ('', ' ', ' x', ' kg'):\n"
        "        rules.forbidden_starts('Pi ' + run + tail, 'de')\n"
    )
    finishes_within(60, script)
