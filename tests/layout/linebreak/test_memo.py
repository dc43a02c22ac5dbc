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


def test_the_words_of_all_settings_together_stay_bounded(
    font: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One memo serves a whole process: many settings (reports, languages, measures) must
    # not add up to many times the bound.
    monkeypatch.setattr(builder, "WORDS_REMEMBERED", 10)
    memo = Memo()
    for measure in (100.0, 200.0, 300.0, 400.0):
        text = " ".join(f"word{i}x{int(measure)}" for i in range(7))
        build_items([Run(text, font, SIZE)], measure, Setting(memo=memo))
        assert 0 < sum(len(words) for words in memo.words.values()) <= 10
    # forgotten, then remembered again: the items are still those made without a memo
    text = " ".join(f"word{i}x100" for i in range(7))
    assert build_items([Run(text, font, SIZE)], 100.0, Setting(memo=memo)) == build_items(
        [Run(text, font, SIZE)], 100.0, Setting()
    )


def test_every_paragraph_of_a_process_shares_one_memo() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from lagebericht.layout.setting.flowable import TextFlowable, shared_memo

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    other = ParagraphStyle("other", fontName="Helvetica", fontSize=10, leading=12)
    first = TextFlowable("Cooperation and security.", body)
    second = TextFlowable("Security and cooperation.", other)
    first.wrap(200, 100)
    second.wrap(200, 100)
    assert first._line_setting().setting.memo is shared_memo()
    assert second._line_setting().setting.memo is shared_memo()
    known = {key[0] for words in shared_memo().words.values() for key in words}  # type: ignore[index]
    assert {"Cooperation", "cooperation."} <= known  # both paragraphs' words


def test_a_report_is_set_the_same_whatever_was_set_before_it() -> None:
    # A batch worker builds one report after another with the process's memo: a report's
    # PDF must not depend on which reports the worker built before it. The two reports
    # differ in what the memo's keys must tell apart: the list of words never hyphenated
    # (the scope) and the language.
    from lagebericht.layout import render_pdf
    from lagebericht.layout.setting.flowable import shared_memo
    from tests.layout.factories import FILLER, filled

    text = (
        "Die Zusammenarbeit der Mitgliedstaaten in der Wasserwirtschaft und die "
        "Friedensgespräche über Sicherheitszusammenarbeit, Infrastrukturentwicklung und "
        "Energiepartnerschaften. "
    ) * 4
    plain = filled(language="de", text=text)
    listed = filled(
        language="de", text=text, nohyphen=tuple(sorted({w for w in text.split() if len(w) > 7}))
    )
    english = filled(language="en", text=FILLER * 3 + text)

    def alone(report: object) -> bytes:
        shared_memo.cache_clear()
        return render_pdf(report)  # type: ignore[arg-type]

    expected = {name: alone(report) for name, report in [("plain", plain), ("listed", listed)]}
    assert expected["plain"] != expected["listed"]  # the list changes the lines
    shared_memo.cache_clear()
    for report in (english, listed, plain, english, plain, listed):
        name = "plain" if report is plain else "listed" if report is listed else None
        pdf = render_pdf(report)
        if name is not None:
            assert pdf == expected[name], name
    shared_memo.cache_clear()


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
