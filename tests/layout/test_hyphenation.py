"""Which words may be hyphenated, by language."""

from __future__ import annotations

from lagebericht.layout.hyphenation import (
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
