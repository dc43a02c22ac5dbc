"""The builder's memo (``builder.Memo``): what one paragraph learns serves the next, and
items built with it are those built without."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from lagebericht.layout.hyphenation import WordHyphenator, hyphenator_for
from lagebericht.layout.linebreak import builder
from lagebericht.layout.linebreak.builder import Fragment, Memo, Run, Setting, build_items
from lagebericht.layout.linebreak.items import Item

SIZE = 10.0
# Names (capitalised words inside a sentence), sentence starts, hyphens, URLs, quotes,
# soft hyphens, tied spaces and a word wider than the narrow measure.
PARAGRAPHS = {
    "en": [
        "Guterres met the delegation. Guterres spoke about cooperation (bilateral) and/or "
        "multilateral frameworks, “notwithstanding” the China-Russia partnership.",
        "Cooperation continued; notwithstanding everything, Guterres was absent from "
        "https://example.org/a/very/long/path/to/some/document?with=query&and=more.",
        "Multilateral cooperation: Understanding everything — notwithstanding.",
    ],
    "de": [
        "Die Friedensgespräche der Mitgliedstaaten über Zusammenarbeit und Wasserwirtschaft.",
        "Zusammenarbeit, Wasserwirtschaft und Friedensgespräche: 700\u00a0000 Hektar, "
        "rund 40\u00a0Prozent, Donaudampfschifffahrtsgesellschaftskapitän.",
    ],
    "ru": [
        "Сотрудничество в области безопасности и экономического взаимодействия.",
        "Безопасность и сотрудничество: в вопросах региональной безопасности.",
    ],
}


def items(
    texts: list[str], font: str, language: str, measure: float, memo: Memo | None
) -> list[list[Item[Fragment]]]:
    hyphenator = hyphenator_for(language)
    assert hyphenator is not None
    made = []
    for text in texts:
        setting = Setting(language=language, hyphenate=hyphenator.within(text), memo=memo)
        made.append(build_items([Run(text, font, SIZE)], measure, setting))
        # the fallback of a paragraph too loose: names hyphenated too
        names_too = replace(setting, hyphenate=replace(hyphenator, names=frozenset()))
        made.append(build_items([Run(text, font, SIZE)], measure, names_too))
    return made


@pytest.mark.parametrize("language", sorted(PARAGRAPHS))
@pytest.mark.parametrize("measure", [400.0, 60.0])
def test_items_made_with_a_shared_memo_are_those_made_without(
    font: str, language: str, measure: float
) -> None:
    texts = PARAGRAPHS[language] * 2
    shared = Memo()
    assert items(texts, font, language, measure, shared) == items(
        texts, font, language, measure, None
    )
    assert shared.words  # and the memo was used


def test_a_word_is_made_into_items_once_per_memo(font: str) -> None:
    hyphenator = hyphenator_for("en")
    assert hyphenator is not None
    dictionary = hyphenator.dictionary
    asked: list[str] = []

    class Counting:
        def iterate(self, word: str) -> Iterator[tuple[str, str]]:
            asked.append(word)
            found: Iterator[tuple[str, str]] = dictionary.iterate(word)
            return found

    counting = WordHyphenator("en", Counting())
    memo = Memo()
    for text in ["the cooperation continued", "cooperation, and cooperation again"]:
        setting = Setting(language="en", hyphenate=counting.within(text), memo=memo)
        build_items([Run(text, font, SIZE)], 400.0, setting)
    assert asked.count("cooperation") == 1
    assert asked.count("cooperation,") == 1


def test_the_memo_stays_bounded(font: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(builder, "MEMO_ENTRIES", 8)
    monkeypatch.setattr(builder, "WORDS_REMEMBERED", 8)
    memo = Memo()
    text = " ".join(f"word{i}" for i in range(100))
    build_items([Run(text, font, SIZE)], 400.0, Setting(memo=memo))
    assert 0 < len(memo.widths) <= 8
    assert all(0 < len(words) <= 8 for words in memo.words.values())


def test_the_styles_of_a_report_share_one_memo() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from lagebericht.layout.setting.flowable import TextFlowable, memo_of

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=14)
    first = TextFlowable("Cooperation and security.", body)
    second = TextFlowable("Security and cooperation.", bullet)
    first.wrap(200, 100)
    second.wrap(200, 100)
    assert memo_of(bullet) is memo_of(body)
    known = {key[0] for words in memo_of(body).words.values() for key in words}  # type: ignore[index]
    assert {"Cooperation", "cooperation."} <= known  # both paragraphs' words
    assert memo_of(ParagraphStyle("other")) is not memo_of(body)


def test_name_position_is_all_a_hyphenator_knows_of_its_paragraph() -> None:
    hyphenator = hyphenator_for("en")
    assert hyphenator is not None
    within = hyphenator.within("The delegation met Guterres. Delegation members agreed.")
    assert hyphenator.name_position("Guterres") is None  # no paragraph: not known
    assert within.name_position("Guterres.") == 1
    assert within.name_position("Delegation") == 0  # only ever starts a sentence
    assert within.name_position("delegation") == 0
    assert within.name_position("и\u00a0Guterres") == 1  # the last of tied words
    for word in ("Guterres", "Delegation", "delegation"):
        position = within.name_position(word)
        fresh = replace(hyphenator, names=frozenset({"Guterres"}) if position else frozenset())
        assert list(within(word)) == list(fresh(word))
