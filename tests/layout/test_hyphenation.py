"""Which words may be hyphenated, by language."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebericht.layout import hyphenation
from lagebericht.layout.hyphenation import (
    compound_joints,
    compound_words,
    hyphenator_for,
    may_hyphenate,
    names_in,
    nohyphen_words,
    sentence_positions,
)


def breaks(language: str, word: str) -> list[tuple[str, str]]:
    hyphenate = hyphenator_for(language)
    assert hyphenate is not None
    return list(hyphenate(word))


def test_dictionaries_by_language() -> None:
    assert ("Zusammen", "arbeit") in breaks("de", "Zusammenarbeit")
    assert breaks("en", "cooperation")
    assert breaks("ru", "сотрудничество")
    assert hyphenator_for("kk") is None  # no dictionary: set without hyphenation


def test_fragments_as_short_as_the_languages_typesetting_allows() -> None:
    # Two letters before a point at least, and after it three, but two in German and
    # Russian (TeX's hyph-utf8, Typst's hypher).
    assert ("особен", "но") in breaks("ru", "особенно")
    assert ("gemeinsa", "me") in breaks("de", "gemeinsame")
    assert ("securi", "ty") not in breaks("en", "security")
    assert ("secur", "ity") in breaks("en", "security")
    assert hyphenation.conventional_minima("de-AT") == (2, 2)
    assert hyphenation.conventional_minima("en-US") == (2, 3)


def test_names_too_hyphenates_the_paragraphs_names() -> None:
    russian = hyphenator_for("ru")
    assert russian is not None
    within = russian.within("Президент Токаев ответил.")
    assert within.has_names()
    assert list(within("Токаев")) == []
    assert list(within.names_too()("Токаев"))
    assert not russian.within("Президент ответил ШОС.").has_names()  # "ШОС": too short


def test_short_words_are_never_hyphenated() -> None:
    assert breaks("de", "Räume") == []  # five letters
    assert breaks("en", "water.") == []  # punctuation does not count
    assert breaks("de", "Länder")  # six letters may be


def test_words_with_a_hyphen_break_only_there() -> None:
    assert breaks("en", "Intra-Regional") == []
    assert breaks("ru", "Касым-Жомарт") == []


def test_names_stay_whole_except_in_german() -> None:
    assert breaks("en", "Guterres") == []
    assert breaks("ru", "Тоқаевтың") == []
    assert breaks("de", "Infrastruktur")  # German nouns are capitalised


def test_words_tied_by_a_no_break_space_break_in_the_last_one() -> None:
    pairs = breaks("ru", "и\u00a0геополитической")
    assert pairs and all(head.startswith("и\u00a0гео") for head, _ in pairs)


def test_a_capitalised_word_starting_its_sentence_may_be_hyphenated() -> None:
    assert may_hyphenate("Universal", "en", 0, frozenset())
    assert not may_hyphenate("Guterres", "en", 3, frozenset())
    assert not may_hyphenate("Andrés,", "es", 1, frozenset())
    assert not may_hyphenate("Guterres", "en", None, frozenset())  # position unknown
    assert may_hyphenate("Infrastruktur", "de", 4, frozenset())  # a German noun
    assert may_hyphenate("declarations", "en", 2, frozenset())


def test_nohyphen_words_match_casefolded_whole_words_and_compound_parts() -> None:
    words = nohyphen_words(["Andrés", "Kassym-Schomart"], ["TOKAJEW"])
    assert not may_hyphenate("ANDRÉS", "de", 0, words)
    assert may_hyphenate("Tokajews", "de", 0, words)  # another word
    assert not may_hyphenate("„Tokajew“", "de", 2, words)
    assert not may_hyphenate("Tokajew’s", "en", 0, words)  # possessive of the word
    assert not may_hyphenate("Schomart", "de", 2, words)  # a part of a listed compound
    assert not may_hyphenate("Andrés-Plan", "de", 2, words)  # a compound with a listed part
    assert may_hyphenate("Andrésplan", "de", 2, words)  # not the word


def test_sentence_positions() -> None:
    text = "Mr. Guterres met Gen. Smith. «Then» they left! Why? A. Guterres"
    words = text.split(" ")
    assert sentence_positions(words) == [0, 1, 2, 3, 4, 0, 1, 2, 0, 0, 1]


def test_names_in_a_text_are_its_capitalised_words_not_starting_a_sentence() -> None:
    text = "Guterres spoke. Universal rules, said Guterres, bind Andrés’s office."
    assert names_in(text, "en") == frozenset({"Guterres", "Andrés"})
    assert names_in(text, "de") == frozenset()  # German capitalises its nouns


def test_within_a_paragraph_a_name_stays_whole_even_where_it_starts_a_sentence() -> None:
    hyphenate = hyphenator_for("en")
    assert hyphenate is not None
    paragraph = hyphenate.within("Guterres spoke. Universal rules, said Guterres, apply.")
    assert list(paragraph("Universal"))  # only ever starts a sentence: a plain word
    assert list(paragraph("Guterres")) == []
    assert list(hyphenate("Universal")) == []  # without the text: taken for a name


def test_nohyphen_lists_in_german() -> None:
    hyphenate = hyphenator_for("de", nohyphen_words(["Andrés", "guterres"]))
    assert hyphenate is not None
    assert list(hyphenate("Andrés")) == [] and list(hyphenate("Guterres")) == []
    assert list(hyphenate("Generalsekretär"))
    plain = hyphenator_for("de")
    assert plain is not None and list(plain("Guterres"))  # German: a capital tells nothing


# --- compounds -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "joints"),
    [
        ("Friedensgespräche", {8}),  # Friedens|gespräche: a known word and a linking "s"
        ("Gegengewicht", {5}),  # not Gegenge|wicht, where the dictionary's list has one
        ("Mitgliedstaaten", {8}),
        ("Sicherheitsrat", {11}),
        ("Erdgaspipeline", {3, 6}),
        ("Wirtschaftsbeziehungen", {11}),  # not Wirt|schafts: -schaft is a suffix
        ("Bevölkerung", set()),
        ("Zucker", set()),
    ],
)
def test_compound_joints_by_the_dictionarys_word_list(word: str, joints: set[int]) -> None:
    assert compound_joints("de")(word) == joints


def test_only_german_has_a_word_list() -> None:
    assert len(compound_words("de")) > 60_000
    assert compound_words("en") == frozenset()
    assert compound_joints("ru")("Миротворчество") == frozenset()


def marked(word: str) -> str:
    hyphenate = hyphenator_for("de")
    assert hyphenate is not None
    points = dict(hyphenate.points(word))
    return "".join(
        ("=" if points.get(i) else "-" if i in points else "") + ch for i, ch in enumerate(word)
    )


def test_points_tell_joints_from_points_inside_an_element() -> None:
    assert marked("Friedensgespräche") == "Frie-dens=ge-sprä-che"
    assert marked("Gegengewicht") == "Ge-gen=ge-wicht"
    assert marked("„Friedensgespräche“,") == "„Frie-dens=ge-sprä-che“,"


def test_no_point_one_letter_from_a_joint() -> None:
    # pyphen's merged levels give "Zusamme-narbeit", "Zusammena-rbeit", "Mitglieds-taaten"
    assert marked("Zusammenarbeit") == "Zu-sam-men=ar-beit"
    assert marked("Mitgliedstaaten") == "Mit-glied=staa-ten"


def test_points_follow_the_rules_of_the_pairs() -> None:
    hyphenate = hyphenator_for("de", nohyphen_words(["Friedensgespräche"]))
    assert hyphenate is not None
    assert hyphenate.points("Friedensgespräche") == ()
    assert hyphenate.points("China-Russland") == ()
    english = hyphenator_for("en")
    assert english is not None
    assert english.points("Guterres") == ()  # a name
    assert [p for p, _ in english.points("cooperation")] == sorted(
        (len(head) for head, _ in english("cooperation")), reverse=True
    )


def test_the_word_list_is_the_first_of_two_levels(tmp_path: Path) -> None:
    two = tmp_path / "hyph_two.dic"
    two.write_text("UTF-8\nLEFTHYPHENMIN 2\nfriedens1\nge1spräch\n\nNEXTLEVEL\n.a1b\n1na\n")
    assert hyphenation._read_word_list(two) == {"friedens", "gespräch"}
    one = tmp_path / "hyph_one.dic"
    one.write_text("UTF-8\n.a1b\n1na\nab3c\n")
    assert hyphenation._read_word_list(one) == frozenset()
