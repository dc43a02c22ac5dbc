"""Which words may be hyphenated, by language."""

from __future__ import annotations

from lagebericht.layout.hyphenation import hyphenator_for


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
