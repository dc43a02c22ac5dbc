"""Text → items, and the items broken into lines: the properties the issue asks for."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from uniseg.graphemecluster import grapheme_cluster_boundaries
from uniseg.linebreak import line_break, line_break_boundaries

from lagebericht.layout import hyphenation
from lagebericht.layout.hyphenation import hyphenator_for, nohyphen_words
from lagebericht.layout.linebreak import builder
from lagebericht.layout.linebreak.builder import Fragment, Run, Setting, build_items
from lagebericht.layout.linebreak.items import INFINITY, Box, Glue, Item, Penalty, Tier
from lagebericht.layout.linebreak.knuth_plass import Breaking, Parameters, break_lines
from tests.in_time import finishes_within

SIZE = 10.0


def items_of(text: str, font: str, measure: float = 400, **setting: object) -> list[Item[Fragment]]:
    return build_items([Run(text, font, SIZE)], measure, Setting(**setting))  # type: ignore[arg-type]


def line_texts(items: list[Item[Fragment]], result: Breaking) -> list[str]:
    texts = []
    for line in result.lines:
        text = ""
        for item in items[line.start : line.stop]:
            if isinstance(item, Box):
                text += item.payload.text if item.payload else ""
            elif isinstance(item, Glue) and item.payload:
                text += " "
        end = items[line.stop]
        if isinstance(end, Penalty) and end.payload:
            text += end.payload.text
        texts.append(text)
    return texts


def set_width(items: list[Item[Fragment]], result: Breaking, index: int) -> float:
    line = result.lines[index]
    width = 0.0
    for item in items[line.start : line.stop]:
        if isinstance(item, Box):
            width += item.width
        elif isinstance(item, Glue) and item.stretch != float("inf"):
            give = item.stretch if line.ratio >= 0 else item.shrink
            width += item.width + line.ratio * give
    end = items[line.stop]
    return width + (end.width if isinstance(end, Penalty) else 0.0)


# --- the fast paths agree with uniseg --------------------------------------------------------


def test_plain_letters_are_what_uax14_calls_alphabetic_or_numeric() -> None:
    letters = re.compile(f"[{builder._LETTER}]")
    odd = [
        hex(code)
        for code in range(0x530)
        if letters.fullmatch(chr(code)) and str(line_break(chr(code))) not in {"AL", "NU", "XX"}
    ]
    assert odd == []


BACKTRACKING = "a9Ж\"'.,:;!?()[]«»„‚“”’‘/-"


@settings(max_examples=1000, deadline=None)
@given(st.text(BACKTRACKING, max_size=10))
def test_a_plain_word_is_what_it_was_before_its_parts_took_their_longest_runs(
    word: str,
) -> None:
    trying_every_division = re.compile(builder._PLAIN_WORD.pattern.replace("*+", "*"))
    found = builder._PLAIN_WORD.fullmatch(word) is not None
    assert found == (trying_every_division.fullmatch(word) is not None)


def test_a_long_word_of_quotes_is_told_not_plain_at_once() -> None:
    # Without possessive runs the engine takes time cubic in the word's length: hours for
    # this one.
    script = (
        "from lagebericht.layout.linebreak import builder\n"
        "assert builder._PLAIN_WORD.fullmatch('\"' * 20000 + '/') is None\n"
        "assert builder._COMPOUND.fullmatch(\"'\" * 20000 + '/') is None\n"
    )
    finishes_within(30, script)


def test_letters_stand_for_each_other_in_uax14() -> None:
    """What ``_shaped`` relies on: every letter of a run is AL (XX is taken as AL), never
    a quote or East Asian wide, and every digit NU."""
    letters = re.compile(builder._RUN.pattern.split("|")[0])
    odd = [
        hex(code)
        for code in range(0x530)
        if letters.fullmatch(chr(code))
        and (
            str(line_break(chr(code))) not in {"AL", "XX"}
            or unicodedata.category(chr(code)) in {"Pi", "Pf"}
            or unicodedata.east_asian_width(chr(code)) in {"F", "W", "H"}
        )
    ]
    assert odd == []
    assert {str(line_break(d)) for d in "0123456789"} == {"NU"}


ALPHABET = "aZäß9Жж.,:;!?()«»„“”'\"-/–— "


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=14))
def test_breaks_inside_words_as_uniseg_finds_them(text: str) -> None:
    for word in text.split():
        expected = {b for b in line_break_boundaries(word) if 0 < b < len(word)}
        found = set(
            builder._Builder([Run(word, "Helvetica", SIZE)], 100, Setting())._inner_breaks(word)
        )
        assert found == expected, word


# Runs of letters and digits of any length between the characters of URLs, numbers
# and scripts whose UAX #14 rules look around them: the word's breaks are found through
# its shape (``_shaped``), each run shortened to three.
OTHERS = ":/.-_?&=%#~+@$€()[]{}'\"“”«»‘’–—…·!,;Жжאב漢\u0301\u200d\u00ad\u2060\U0001f1e9\U0001f600"
RUN_OR_OTHER = st.one_of(
    st.text("aBzäßéØλΩЖжёї", min_size=1, max_size=8),
    st.text("0379", min_size=1, max_size=8),
    st.sampled_from(OTHERS),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(RUN_OR_OTHER, min_size=1, max_size=12).map("".join))
def test_a_word_breaks_where_its_shape_does_as_uniseg_finds_them(word: str) -> None:
    expected = tuple(b for b in line_break_boundaries(word) if 0 < b < len(word))
    shape, _ = builder._shaped(word)
    assert len(shape) <= len(word)
    found = builder._Builder([Run(word, "Helvetica", SIZE)], 100, Setting())._inner_breaks(word)
    if builder._PLAIN_WORD.fullmatch(word) or builder._COMPOUND.fullmatch(word):
        return  # the other fast paths, tested above
    assert found == expected, (word, shape)


def test_urls_of_one_pattern_ask_uniseg_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def counted(text: str) -> list[int]:
        asked.append(text)
        return list(line_break_boundaries(text))

    monkeypatch.setattr(builder, "line_break_boundaries", counted)
    urls = [
        f"https://www.example.org/{'ab' * (2 + i % 30)}/page?id={1000 + i}&lang=en"
        for i in range(200)
    ]
    b = builder._Builder([Run(" ".join(urls), "Helvetica", SIZE)], 100, Setting())
    found = {url: b._inner_breaks(url) for url in urls}
    assert asked == ["aaa://aaa.aaa.aaa/aaa/aaa?aa=000&aaa=aa"]
    for url in urls[::40]:
        assert found[url] == tuple(x for x in line_break_boundaries(url) if 0 < x < len(url))


# Characters of every Grapheme_Cluster_Break, and the Other ones that join with them (an
# emoji after a ZWJ, an Indic consonant after a virama).
CLUSTER_PARTS = (
    "ab(){}“”,;:!/.Жж漢क"  # Other
    "\u0301\u0308\u094d\u200c\ufe0f\U0001f3fb"  # Extend (a virama, ZWNJ, VS16, a skin tone)
    "\u200d\U0001f600\U0001f1e9\U0001f1ea"  # ZWJ, an emoji, regional indicators
    "\u0903\u0600\u00ad\r\n\u1100\u1161\u11a8\uac00"  # SpacingMark, Prepend, Control…
)


@settings(max_examples=600, deadline=None)
@given(st.text(CLUSTER_PARTS, min_size=1, max_size=16))
def test_grapheme_clusters_as_uniseg_finds_them(piece: str) -> None:
    expected = list(grapheme_cluster_boundaries(piece))
    assert list(builder._graphemes(piece, 0, len(piece), ask=True)) == expected


def test_characters_each_a_cluster_of_their_own_ask_uniseg_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused(piece: str) -> list[int]:
        raise AssertionError(f"uniseg asked for {piece!r}")

    monkeypatch.setattr(builder, "grapheme_cluster_boundaries", refused)
    piece = "a(b}“c!d;" * 20
    assert list(builder._graphemes(piece, 0, len(piece), ask=True)) == list(range(181))
    marked = "x\u0301y"  # a mark joins its letter: not each alone, and uniseg may not be asked
    assert list(builder._graphemes(marked, 0, 3, ask=False)) == [0, 2, 3]


@settings(max_examples=300, deadline=None)
@given(
    st.text(ALPHABET.replace(" ", ""), min_size=1, max_size=4),
    st.text(ALPHABET.replace(" ", ""), min_size=1, max_size=4),
)
def test_breaks_at_spaces_as_uniseg_finds_them(left: str, right: str) -> None:
    text = f"{left} {right}"
    expected = len(left) + 1 in set(line_break_boundaries(text))
    b = builder._Builder([Run(text, "Helvetica", SIZE)], 100, Setting())
    assert b._space_breaks((0, len(left)), (len(left) + 1, len(text))) == expected


# --- items ------------------------------------------------------------------------------------


def test_spaces_are_glue_that_stretches_by_half_and_shrinks_by_a_third(font: str) -> None:
    items = items_of("ab cd", font)
    glue = next(item for item in items if isinstance(item, Glue))
    assert glue.stretch == glue.width / 2 and glue.shrink == glue.width / 3
    assert [type(item).__name__ for item in items] == [
        "Box",
        "Glue",
        "Box",
        "Penalty",
        "Glue",
        "Penalty",
    ]
    assert items[-1].cost == -INFINITY  # type: ignore[union-attr]


def test_dictionary_points_are_flagged_penalties_of_the_second_pass(font: str) -> None:
    items = items_of("Zusammenarbeit", font, language="de", hyphenate=hyphenator_for("de"))
    points = [
        item
        for item in items
        if isinstance(item, Penalty) and item.cost < INFINITY and item.cost > -INFINITY
    ]
    assert points and all(p.flagged and p.tier is Tier.HYPHENATION and p.width > 0 for p in points)
    assert (
        "".join(i.payload.text for i in items if isinstance(i, Box) and i.payload)
        == "Zusammenarbeit"
    )


def test_a_word_on_the_nohyphen_list_is_not_hyphenated(font: str) -> None:
    items = items_of(
        "Zusammenarbeit",
        font,
        language="de",
        hyphenate=hyphenator_for("de"),
        nohyphen=frozenset({"zusammenarbeit"}),
    )
    assert sum(isinstance(item, Box) for item in items) == 1


def test_the_theme_and_report_lists_serve_the_builder_too(font: str) -> None:
    # nohyphen_words gives the set Setting.nohyphen wants, compound parts included.
    items = items_of(
        "Kassym-Schomart Generalsekretär",
        font,
        language="de",
        hyphenate=hyphenator_for("de"),
        nohyphen=nohyphen_words(["Kassym-Schomart"], ["GENERALSEKRETÄR"]),
    )
    assert [i.payload.text for i in items if isinstance(i, Box) and i.payload] == [
        "Kassym-",
        "Schomart",
        "Generalsekretär",
    ]


def test_soft_hyphens_are_the_only_points_of_their_word_and_are_not_drawn(font: str) -> None:
    items = items_of("Zusam\u00admen\u00adarbeit", font, hyphenate=hyphenator_for("de"))
    points = [i for i in items if isinstance(i, Penalty) and -INFINITY < i.cost < INFINITY]
    assert len(points) == 2 and all(p.tier is Tier.ALWAYS and p.flagged for p in points)
    assert [i.payload.text for i in items if isinstance(i, Box) and i.payload] == [
        "Zusam",
        "men",
        "arbeit",
    ]


def test_an_explicit_hyphen_is_a_flagged_break_that_draws_nothing_more(font: str) -> None:
    items = items_of("China-Russia", font)
    (point,) = [i for i in items if isinstance(i, Penalty) and -INFINITY < i.cost < INFINITY]
    assert point.flagged and point.width == 0 and point.tier is Tier.ALWAYS


def test_a_rule_ties_the_space(font: str) -> None:
    items = items_of("был в Москве", font, language="ru")
    kinds = [
        type(item).__name__ + ("!" if isinstance(item, Penalty) and item.cost >= INFINITY else "")
        for item in items
    ]
    assert kinds[:6] == ["Box", "Glue", "Box", "Penalty!", "Glue", "Box"]


def test_a_no_break_space_is_tied_glue(font: str) -> None:
    items = items_of("40\u00a0km", font)
    assert isinstance(items[1], Penalty) and items[1].cost >= INFINITY
    assert isinstance(items[2], Glue)


def test_a_line_separator_forces_a_break(font: str) -> None:
    items = items_of("eins\nzwei", font)
    result = break_lines(items, [400])
    assert line_texts(items, result) == ["eins", "zwei"]


def test_an_over_long_url_breaks_after_its_slashes_first(font: str) -> None:
    url = "https://example.org/" + "/".join(["segment"] * 12)
    items = items_of(url, font, measure=120)
    result = break_lines(items, [120])
    texts = line_texts(items, result)
    assert "".join(texts) == url
    assert all(text.endswith("/") for text in texts[:-1])
    assert all(set_width(items, result, i) <= 120 + 1e-6 for i in range(len(texts)))


def test_an_over_long_tie_is_given_back(font: str) -> None:
    items = items_of("CC BY-SA 4.0", font, measure=30)
    result = break_lines(items, [30])
    assert len(result.lines) > 1
    assert all(set_width(items, result, i) <= 30 + 1e-6 for i in range(len(result.lines)))


# --- properties of whole paragraphs ----------------------------------------------------------

LATIN = "abcdefghijklmnopqrstuvwxyzäöüß"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
word = st.one_of(
    st.text(LATIN, min_size=1, max_size=12),
    st.text(CYRILLIC, min_size=1, max_size=12),
    st.text(LATIN + CYRILLIC, min_size=40, max_size=400),  # over-long
    st.builds(
        lambda a, b: f"https://{a}.org/{b}/x?y=1&z=2",
        st.text(LATIN, min_size=1, max_size=20),
        st.text(LATIN, min_size=1, max_size=60),
    ),
    st.builds(lambda n: f"{n:,}".replace(",", " "), st.integers(0, 10**9)),
    st.sampled_from(
        ["в", "и", "с", "%", "km", "CC BY-SA 4.0", "China-Russia", "A.", "20. März 2019", "—"]
    ),
    # mixed scripts in one word, combining marks, joiners, soft hyphens, punctuation
    st.text(LATIN + CYRILLIC + "αβγδΩ\u0301\u200d\u00ad-–/.,:;!?()«»„“", min_size=1, max_size=30),
    # tied groups and German compounds
    st.sampled_from(
        [
            "в\u00a0Москве",
            "5\u202f%",
            "Friedensgespräche",
            "Sicherheitszusammenarbeit",
            "„Gegengewicht“,",
        ]
    ),
)


def words_of(text: str) -> list[str]:
    return text.replace("\u00ad", "").split()


def test_a_piece_that_fits_only_without_its_hyphen_is_cut(font: str) -> None:
    # "baaaaaaasbz" is 59.4 pt at 10 pt, 62.2 pt with the hyphen after it (found by the
    # property test below): a measure of 60 pt must still be kept.
    text = "https://a.org/aabaaaaaaasbzab/x?y=1&z=2"
    items = build_items([Run(text, font, SIZE)], 60.0, Setting("de", hyphenator_for("de")))
    result = break_lines(items, [60.0], Parameters(emergency_stretch=2 * SIZE))
    assert all(set_width(items, result, i) <= 60.0 for i in range(len(result.lines)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(word, min_size=1, max_size=40),
    st.sampled_from(["de", "en", "ru", "kk"]),
    st.sampled_from([60.0, 150.0, 300.0]),
)
def test_every_word_in_order_and_no_line_wider_than_its_measure(
    font: str, words: list[str], language: str, measure: float
) -> None:
    text = " ".join(words)
    items = build_items(
        [Run(text, font, SIZE)], measure, Setting(language, hyphenator_for(language))
    )
    result = break_lines(items, [measure], Parameters(emergency_stretch=2 * SIZE))
    for i in range(len(result.lines)):
        assert set_width(items, result, i) <= measure + 1e-6
    drawn = [
        item.payload.text
        for line in result.lines
        for item in items[line.start : line.stop]
        if isinstance(item, Box) and item.payload
    ]
    assert "".join(drawn) == "".join(words_of(text))  # every letter, in order, once


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.sampled_from(list("вискоуаяВИСК"))),
            st.text(CYRILLIC, min_size=2, max_size=12),
            st.sampled_from(["", ",", ".", ";"]),
        ),
        min_size=1,
        max_size=60,
    ),
    st.sampled_from(["ru", "kk"]),
    st.sampled_from([150.0, 200.0, 300.0]),
)
def test_no_line_ends_in_a_one_letter_word(
    font: str, phrases: list[tuple[str | None, str, str]], language: str, measure: float
) -> None:
    text = " ".join(f"{one} {word}{mark}" if one else word + mark for one, word, mark in phrases)
    items = build_items(
        [Run(text, font, SIZE)], measure, Setting(language, hyphenator_for(language))
    )
    result = break_lines(items, [measure], Parameters(emergency_stretch=2 * SIZE))
    for line in line_texts(items, result)[:-1]:
        assert len(line.split()[-1]) > 1 or line.endswith("-"), line


# --- words made once and repeated --------------------------------------------------------------


def test_a_repeated_word_gets_the_items_it_gets_when_made_afresh(
    font: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "Zusammenarbeit China-Russland, https://example.org/a/b Zusammenarbeit CC BY-SA 4.0 "
        "China-Russland, Zusammen\u00adarbeit https://example.org/a/b CC"
    )
    runs = [Run(text[:60], font, SIZE), Run(text[60:], "Helvetica", 9)]
    setting = Setting("de", hyphenator_for("de"))
    remembered = build_items(runs, 80, setting)
    again = "Zusammenarbeit und Zusammenarbeit, Friedensgespräche und Friedensgespräche"
    remembered_again = build_items([Run(again, font, SIZE)], 80, setting)
    monkeypatch.setattr(  # every word made afresh, none remembered
        builder._Builder,
        "_remember_word",
        lambda self, start, word, key, base: self._make_word(start, word),
    )
    assert build_items(runs, 80, setting) == remembered
    assert build_items([Run(again, font, SIZE)], 80, setting) == remembered_again


def test_the_words_remembered_are_bounded(font: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(builder, "WORDS_REMEMBERED", 3)
    text = "eins zwei drei vier fünf eins sechs " + "x" * 65
    made = builder._Builder([Run(text, font, SIZE)], 400, Setting())
    made.build()
    assert len(made.words) <= 3
    assert ("x" * 65, 0) not in made.words  # a long word is rarely repeated: not kept


# --- compounds ---------------------------------------------------------------------------------


def test_a_compounds_joint_costs_less_than_a_point_inside_an_element(font: str) -> None:
    items = items_of(
        "Friedensgespräche Bevölkerung", font, language="de", hyphenate=hyphenator_for("de")
    )
    costs = {
        item.payload.start: item.cost
        for item in items
        if isinstance(item, Penalty) and item.payload and item.flagged
    }
    setting = Setting()
    assert costs[8] == setting.hyphen_penalty  # Friedens-|gespräche
    assert costs[4] == costs[10] == costs[14] == setting.element_penalty  # Frie-, -ge-, -sprä-
    assert setting.element_penalty > setting.hyphen_penalty
    # a word that is no compound: its points cost what any hyphen does
    assert costs[len("Friedensgespräche ") + 2] == setting.hyphen_penalty  # Be-|völkerung


COMPOUNDS = (
    "Die Delegationen setzten am Montag in Astana die Friedensgespräche fort, und das "
    "Gegengewicht der Mitgliedstaaten blieb bei den Verhandlungen über die Handelsbeziehungen "
    "und die Sicherheitszusammenarbeit ein Thema der Regionalorganisation."
)


def breaks_inside_elements(font: str, setting: Setting) -> int:
    """Over a range of measures: lines ending inside an element of a compound."""
    joints = hyphenation.compound_joints("de")
    count = 0
    for measure in range(200, 470, 3):
        items = build_items([Run(COMPOUNDS, font, SIZE)], measure, setting)
        for line in break_lines(items, [measure]).lines:
            end = items[line.stop]
            if line.hyphenated and isinstance(end, Penalty) and end.payload and end.payload.text:
                at = end.payload.start
                start = COMPOUNDS.rfind(" ", 0, at) + 1
                word = re.split(r"[ ,.]", COMPOUNDS[start:])[0]
                found = joints(word)
                count += bool(found) and at - start not in found
    return count


def test_lines_end_at_a_compounds_joint_rather_than_inside_an_element(font: str) -> None:
    dearer = Setting("de", hyphenator_for("de"))
    alike = Setting("de", hyphenator_for("de"), element_penalty=dearer.hyphen_penalty)
    assert breaks_inside_elements(font, dearer) < breaks_inside_elements(font, alike)


# --- short fragments ---------------------------------------------------------------------------

SHORT = Setting("ru", hyphenator_for("ru"), short_fragment_cost=0.15)


@pytest.mark.parametrize(
    ("word", "point", "letters_short"),
    [
        ("экстремизмом", 3, 2),  # экс-|тремизмом: 3 letters before
        ("несогласованным", 2, 3),  # не-|согласованным
        ("учения", 3, 4),  # уче-|ния: 3 on either side
        ("сотрудничество", 7, 0),  # сотруд-|ничество
        ("(экстремизмом,", 4, 2),  # brackets and commas are no letters
        ("и\u00a0экстремизмом", 5, 2),  # nor is a word tied before
    ],
)
def test_a_point_costs_more_for_each_letter_short_of_five_on_either_side(
    word: str, point: int, letters_short: int
) -> None:
    cost = builder.point_penalty(300, word, point, SHORT)
    assert cost == pytest.approx(300 * (1 + 0.15 * letters_short))
    assert builder.point_penalty(300, word, point, Setting()) == 300  # TeX's: flat


def test_the_builder_gives_each_dictionary_point_its_cost_by_position(font: str) -> None:
    items = build_items([Run("экстремизмом учения", font, SIZE)], 400, SHORT)
    costs = {
        item.payload.start: item.cost
        for item in items
        if isinstance(item, Penalty) and item.payload and item.tier is Tier.HYPHENATION
    }
    base = SHORT.hyphen_penalty
    # экс-тре-миз-мом, уче-ния
    assert costs == {
        3: pytest.approx(base * 1.3),
        6: base,  # six letters on either side
        9: pytest.approx(base * 1.3),
        len("экстремизмом ") + 3: pytest.approx(base * 1.6),
    }


def test_a_soft_hyphen_keeps_the_flat_penalty(font: str) -> None:
    items = build_items([Run("экс\u00adтремизмом", font, SIZE)], 400, SHORT)
    costs = [item.cost for item in items if isinstance(item, Penalty) and item.flagged]
    assert costs == [SHORT.hyphen_penalty]


RUSSIAN = (
    "Одной из главных тем заседания ШОС стали региональная безопасность и борьба с "
    "терроризмом. Государства-члены подтвердили приверженность борьбе с терроризмом, "
    "экстремизмом и сепаратизмом. Столь разные приоритеты могут вести к раздробленным и "
    "несогласованным действиям. Несмотря на регулярные совместные военные учения, у ШОС нет "
    "единой командной структуры. Хотя ШОС остаётся важной площадкой, её эффективность "
    "сдерживается недостаточной координацией и внешним влиянием."
)


def letters_short_at_line_ends(font: str, setting: Setting) -> int:
    """Over a range of measures: the letters short of five beside each line's hyphen."""
    short = 0
    for measure in range(200, 470, 3):
        items = build_items([Run(RUSSIAN, font, SIZE)], measure, setting)
        for line in break_lines(items, [measure]).lines:
            end = items[line.stop]
            if isinstance(end, Penalty) and end.tier is Tier.HYPHENATION and end.payload:
                at = end.payload.start
                before = re.search(r"\w*$", RUSSIAN[:at])
                after = re.match(r"\w*", RUSSIAN[at:])
                assert before is not None and after is not None
                short += max(0, 5 - len(before.group())) + max(0, 5 - len(after.group()))
    return short


def test_lines_end_in_short_fragments_less_often(font: str) -> None:
    flat = Setting("ru", hyphenator_for("ru"), hyphen_penalty=300)
    dearer = replace(flat, short_fragment_cost=0.15)
    assert letters_short_at_line_ends(font, dearer) < letters_short_at_line_ends(font, flat)


def test_a_compounds_joint_keeps_its_cost_however_short_its_element(font: str) -> None:
    setting = Setting("de", hyphenator_for("de"), short_fragment_cost=0.15)
    items = build_items([Run("Gaspreise Landwirtschaft", font, SIZE)], 400, setting)
    costs = {
        item.payload.start: item.cost
        for item in items
        if isinstance(item, Penalty) and item.payload and item.tier is Tier.HYPHENATION
    }
    at = len("Gaspreise ")
    assert costs[3] == costs[at + 4] == setting.hyphen_penalty  # Gas-|preise, Land-|wirtschaft
    # Landwirt-|schaft: inside an element, six letters after, five before
    assert costs[at + 8] == setting.element_penalty
