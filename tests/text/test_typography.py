"""Quotes, dashes, escaping and labels by language."""

from __future__ import annotations

import datetime as dt

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from lagebericht.model import Emphasis, FootnoteRef, Link, Strong, Text
from lagebericht.text.labels import long_date
from lagebericht.text.markup import inline_markup, plain_text
from lagebericht.text.typography import smarten


@pytest.mark.parametrize(
    ("language", "source", "expected"),
    [
        ("en", 'the "three evils", China\'s term', "the “three evils”, China’s term"),
        ("de", "die \"drei Übel\" und 'so'", "die „drei Übel“ und ‚so‘"),
        ("ru", '"три зла" и "Әділет"', "«три зла» и «Әділет»"),
        ("kk", '"Әділетті Қазақстан"', "«Әділетті Қазақстан»"),
        ("de-CH", '"x"', "„x“"),
        ("tr", '"Türkiye"', "“Türkiye”"),
        ("en", "Belarus' accession", "Belarus’ accession"),
        ("en", '("quoted")', "(“quoted”)"),
    ],
)
def test_quotes_by_language(language: str, source: str, expected: str) -> None:
    assert smarten(source, language) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # The space before a spaced dash does not break: the dash never starts a line.
        ("Kazakhstan - Shanghai", "Kazakhstan\u00a0– Shanghai"),
        ("a – b — c", "a\u00a0– b\u00a0— c"),
        ("1990--2024", "1990–2024"),
        ("so---or not", "so—or not"),
        ("China-Russia Axis", "China-Russia Axis"),  # a hyphen in a word stays
        ("Belt-and-Road", "Belt-and-Road"),
    ],
)
def test_dashes(source: str, expected: str) -> None:
    assert smarten(source, "en") == expected


@pytest.mark.parametrize("language", ["ru", "kk", "ru-RU"])
def test_russian_and_kazakh_dash_is_the_spaced_em_dash(language: str) -> None:
    assert smarten("Казахстан - Шанхайская", language) == "Казахстан\u00a0— Шанхайская"
    assert smarten("a – b — c", language) == "a\u00a0— b\u00a0— c"
    assert smarten("2019--2022 и Нұр-Сұлтан", language).startswith("2019–2022")
    assert "Нұр-Сұлтан" in smarten("2019--2022 и Нұр-Сұлтан", language)


@pytest.mark.parametrize(
    ("language", "source", "expected"),
    [
        # A quote after "=" opens: the closing one follows the word.
        ("de", 'size="40" und "x"', "size=„40“ und „x“"),
        ("en", 'size="40"', "size=“40”"),
        ("ru", 'size="40"', "size=«40»"),
        ("en", "key='a'", "key=‘a’"),
        # Nested quotes: a quote right after an opening one opens too.
        ("de", "\"'innen'\"", "„‚innen‘“"),
        ("en", '"Stop."', "“Stop.”"),
    ],
)
def test_quotes_open_and_close_by_both_neighbours(
    language: str, source: str, expected: str
) -> None:
    assert smarten(source, language) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("-13", "\u221213"),
        ("Veränderung -4 % (-0,5)", "Veränderung \u22124 % (\u22120,5)"),
        ("–3 °C", "\u22123 °C"),
        ("2019-2022, COVID-19, Ust-Kamenogorsk", "2019-2022, COVID-19, Ust-Kamenogorsk"),
    ],
)
def test_minus_sign_for_negative_numbers(source: str, expected: str) -> None:
    assert smarten(source, "de") == expected


def test_minus_sign_depends_on_the_run_before() -> None:
    assert smarten("-5", "de", before="x") == "-5"  # "x-5": a hyphen in a word
    assert smarten("-5", "de", before=" ") == "\u22125"


def test_russian_one_letter_words_do_not_end_a_line() -> None:
    assert smarten("встреча в Астане и с ними", "ru") == "встреча в\u00a0Астане и\u00a0с\u00a0ними"
    assert smarten("встреча в Астане", "de") == "встреча в Астане"  # only Slavic languages


def test_narrow_no_break_space_is_kept_unbreakable() -> None:
    # Babel writes "2024\u202fг."; reportlab would break a line at U+202F.
    assert smarten("5 июля 2024\u202fг.", "ru") == "5 июля 2024\u00a0г."


def test_quote_direction_across_inline_runs() -> None:
    runs = (Text(text='the "'), Strong(children=(Text(text="three evils"),)), Text(text='" term'))
    assert inline_markup(runs, "en") == "the “<b>three evils</b>” term"
    assert inline_markup(runs, "de") == "the „<b>three evils</b>“ term"


def test_author_markup_is_escaped_never_interpreted() -> None:
    runs = (Text(text="AT&T <b>x</b> <font color=red>"),)
    assert inline_markup(runs, "en") == "AT&amp;T &lt;b&gt;x&lt;/b&gt; &lt;font color=red&gt;"
    for href in ('https://example.org/?a=1&b="2"', "https://example.org/it's?a=<b>&c='d'"):
        link = Link(href=href, children=(Text(text="site"),))
        # reportlab's own parser reads the link target back unchanged.
        markup = inline_markup((link,), "en")
        paragraph = Paragraph(markup, ParagraphStyle("t", fontName="Courier"))
        assert [frag.link[0][1] for frag in paragraph.frags] == [href]


def test_footnote_marker_is_glued_to_the_word_before_it() -> None:
    # Even when the author left a space, the marker must not start a line.
    runs = (Text(text="member states "), FootnoteRef(label="m", number=1), Text(text=" agreed"))
    assert inline_markup(runs, "en").startswith("member states<a href=")
    assert "<super>1</super></a> agreed" in inline_markup(runs, "en")


def test_plain_text_for_bookmarks() -> None:
    runs = (
        Text(text='A "b" '),
        Emphasis(children=(Text(text="c"),)),
        FootnoteRef(label="x", number=3),
    )
    assert plain_text(runs, "de") == "A „b“ c"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "5. Juli 2024"),
        ("en", "July 5, 2024"),
        ("ru", "5 июля 2024\u202fг."),
        ("en-GB", "5 July 2024"),
        ("en-US", "July 5, 2024"),
        ("en-AU", "5 July 2024"),
    ],
)
def test_dates_by_language(language: str, expected: str) -> None:
    assert long_date(dt.date(2024, 7, 5), language) == expected


@pytest.mark.parametrize(
    ("language", "default", "expected"),
    [
        ("en", "en-GB", "5 July 2024"),  # the theme's choice for plain "en"
        ("en", "en-US", "July 5, 2024"),
        ("en-US", "en-GB", "July 5, 2024"),  # the report's region wins
        ("de", "en-GB", "5. Juli 2024"),  # another language's default does not apply
    ],
)
def test_dates_of_a_plain_language_follow_the_themes_default(
    language: str, default: str, expected: str
) -> None:
    assert long_date(dt.date(2024, 7, 5), language, default) == expected
