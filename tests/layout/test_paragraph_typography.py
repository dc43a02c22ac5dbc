"""Line breaking of body paragraphs: hyphens as a typesetter allows them.

Each test first shows that plain reportlab breaks the rule for the text and widths used
(so the test means something), then that ``BodyParagraph`` never does. Lines are read
from the paragraph's own line structure (``blPara``) after ``wrap``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from lagebericht.layout.footnotes import references_in
from lagebericht.layout.hyphenation import MIN_WORD_LENGTH, hyphenator_for, nohyphen_words
from lagebericht.layout.paragraph import BodyParagraph, LineEnd, line_ends
from lagebericht.theme import load_theme

FONT = "LB-Test-Roboto"
SIZE, LEADING = 10.5, 14.5
WIDTHS = range(140, 300, 3)  # narrow columns (every word fits): many hyphens

GERMAN = (
    "Die Außenhandelsbeziehungen und die Infrastrukturentwicklung prägen die "
    "Zusammenarbeit; die Sicherheitsinteressen der Mitgliedstaaten verlangen eine "
    "gemeinsame Kommandostruktur, Katastrophenschutzübungen und Grenzschutzabkommen. "
    "Die Wirtschaftsbeziehungen zur Volksrepublik, die Energiepartnerschaften und die "
    "Verkehrsinfrastruktur bestimmen die Entwicklungszusammenarbeit der Organisation."
)
ENGLISH = (
    "The internationalisation of telecommunications infrastructure and the responsibilities "
    "of intergovernmental organisations require comprehensive institutionalisation, "
    "counterterrorism cooperation and interoperability between representatives of "
    "neighbouring administrations, notwithstanding considerable disagreements about "
    "implementation and accountability."
)
RUSSIAN = (
    "Межгосударственные взаимоотношения и инфраструктурные преобразования определяют "
    "сотрудничество Шанхайской организации; интересы национальной безопасности требуют "
    "согласованной командной структуры, антитеррористических учений и пограничного "
    "взаимодействия, а экономические отношения и энергетическое партнёрство "
    "определяют развитие транспортной инфраструктуры организации."
)
KAZAKH = (
    "Қазақстан Республикасының сыртқы саясаты Шанхай ынтымақтастық ұйымының "
    "қауіпсіздік тұжырымдамасына және көпжақты ынтымақтастыққа негізделген, "
    "экономикалық байланыстар мен инфрақұрылымдық жобалар өңірлік дамуды айқындайды."
)
TEXTS = {"de": GERMAN, "en": ENGLISH, "ru": RUSSIAN}


@pytest.fixture(scope="module", autouse=True)
def _font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        regular = load_theme().font_paths["regular"]
        pdfmetrics.registerFont(TTFont(FONT, str(regular)))


def body_style(language: str, **overrides: Any) -> ParagraphStyle:
    """Like the layout's body style: justified, hyphenated by language, no widows/orphans."""
    style = ParagraphStyle(
        f"body-{language}",
        fontName=FONT,
        fontSize=SIZE,
        leading=LEADING,
        alignment=TA_JUSTIFY,
        allowWidows=0,
        allowOrphans=0,
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        **{"hyphenationLang": hyphenator_for(language) or "", **overrides},
    )
    style.hyphenationMinWordLength = MIN_WORD_LENGTH
    return style


def wrapped(cls: type[Paragraph], text: str, style: ParagraphStyle, width: float) -> Any:
    paragraph = cls(text, style)
    paragraph.wrap(width, 1e6)
    return paragraph


def longest_run(paragraph: Paragraph) -> int:
    """Most consecutive lines ending in an inserted hyphen."""
    longest = run = 0
    for end in line_ends(paragraph):
        run = 0 if end is LineEnd.PLAIN else run + 1
        longest = max(longest, run)
    return longest


def line_texts(paragraph: Any) -> list[str]:
    # A split's first part keeps its lines as made: (space, words) pairs for one style.
    return [
        " ".join(line[1]) if isinstance(line, tuple) else "".join(f.text for f in line.words)
        for line in paragraph.blPara.lines
    ]


def ends_with_lone_tail(paragraph: Any) -> bool:
    """Is the last line only the tail of a word hyphenated on the line before?"""
    ends = line_ends(paragraph)
    last = line_texts(paragraph)[-1]
    return len(ends) >= 2 and ends[-2] is LineEnd.HYPHENATED and " " not in last.strip()


def hyphenated_words(paragraph: Any) -> list[str]:
    """The words split by an inserted hyphen, rejoined and without punctuation."""
    texts = line_texts(paragraph)
    found = []
    for i, end in enumerate(line_ends(paragraph)):
        if end is LineEnd.HYPHENATED:
            word = texts[i].split()[-1][:-1] + texts[i + 1].split()[0]
            found.append(re.sub(r"\W", "", word))
    return found


def running_text(paragraph: Any) -> str:
    """The paragraph's words as set, inserted hyphens taken out again."""
    out = []
    for text, end in zip(line_texts(paragraph), line_ends(paragraph), strict=True):
        out.append(text[:-1] if end is not LineEnd.PLAIN else text + " ")
    return " ".join("".join(out).split())


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_never_three_hyphenated_lines_in_a_row(language: str) -> None:
    style = body_style(language)
    text = TEXTS[language]
    plain = [longest_run(wrapped(Paragraph, text, style, w)) for w in WIDTHS]
    assert max(plain) >= 3, "plain reportlab should hyphenate 3 lines in a row here"
    for width in WIDTHS:
        body = wrapped(BodyParagraph, text, style, width)
        assert longest_run(body) <= 2, f"width {width}: {line_texts(body)}"
        assert running_text(body) == " ".join(text.split())


def test_the_rule_holds_with_markup_and_footnote_references() -> None:
    # Several fragments (italics, superscript links) take reportlab's other breaking path.
    words = GERMAN.split()
    marked = " ".join(
        f'{w}<a href="#fn-{i}"><super>{i}</super></a>'
        if i % 7 == 3
        else f"<i>{w}</i>"
        if i % 5 == 0
        else w
        for i, w in enumerate(words)
    )
    style = body_style("de")
    plain = [longest_run(wrapped(Paragraph, marked, style, w)) for w in WIDTHS]
    assert max(plain) >= 3
    references = [i for i in range(len(words)) if i % 7 == 3]
    for width in WIDTHS:
        body = wrapped(BodyParagraph, marked, style, width)
        assert body.blPara.kind == 1
        assert longest_run(body) <= 2, f"width {width}: {line_texts(body)}"
        assert list(references_in(body)) == references


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_last_line_is_more_than_the_tail_of_a_hyphenated_word(language: str) -> None:
    style = body_style(language)
    # Cutting the text word by word moves its last word across many line ends.
    words = TEXTS[language].split()
    texts = [" ".join(words[:n]) for n in range(12, len(words) + 1)]
    cases = [(t, w) for t in texts for w in WIDTHS[::3]]
    plain = [ends_with_lone_tail(wrapped(Paragraph, t, style, w)) for t, w in cases]
    assert any(plain), "plain reportlab should leave a lone word tail on a last line here"
    for text, width in cases:
        body = wrapped(BodyParagraph, text, style, width)
        # A last word wider than the line must be hyphenated all the same (and is not cut
        # without a hyphen: the running text is intact).
        if stringWidth(text.split()[-1], FONT, SIZE) <= width:
            assert not ends_with_lone_tail(body), f"width {width}: {line_texts(body)[-2:]}"
        assert longest_run(body) <= 2
        assert running_text(body) == text


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_unchanged_where_reportlab_keeps_the_rules(language: str) -> None:
    # Hyphenation is only taken away where a rule is broken: elsewhere lines are identical.
    style = body_style(language)
    text = TEXTS[language]
    for width in WIDTHS:
        plain = wrapped(Paragraph, text, style, width)
        if longest_run(plain) <= 2 and not ends_with_lone_tail(plain):
            assert line_texts(wrapped(BodyParagraph, text, style, width)) == line_texts(plain)


@pytest.mark.parametrize("markup", [False, True])
def test_split_parts_keep_the_rules_and_their_references(markup: bool) -> None:
    words = (GERMAN + " " + GERMAN).split()
    if markup:
        text = " ".join(
            f'{w}<a href="#fn-{i}"><super>{i}</super></a>' if i % 9 == 4 else w
            for i, w in enumerate(words)
        )
    else:
        text = " ".join(words)
    style = body_style("de")
    width = next(w for w in WIDTHS if longest_run(wrapped(Paragraph, text, style, w)) >= 3)
    whole = wrapped(BodyParagraph, text, style, width)
    lines = line_texts(whole)
    splits = 0
    for n in range(2, len(lines) - 1):
        paragraph = wrapped(BodyParagraph, text, style, width)
        parts = paragraph.split(width, n * LEADING + 1)
        if len(parts) != 2:
            continue
        splits += 1
        first, rest = parts
        assert isinstance(first, BodyParagraph) and isinstance(rest, BodyParagraph)
        planned = line_texts(first)
        first.wrap(width, 1e6)
        rest.wrap(width, 1e6)
        # The first part keeps the lines it was split with; both keep the rules.
        assert line_texts(first) == planned == lines[: len(planned)]
        for part in parts:
            assert longest_run(part) <= 2
            assert not ends_with_lone_tail(part)
        # The first part's last line keeps the hyphen of a word continued on the next page.
        # (running_text drops the hyphen of a line ending hyphenated, not of one ending in
        # reportlab's rejoined "-" word.)
        head, tail = running_text(first), running_text(rest)
        if line_ends(first)[-1] is LineEnd.HYPHENATED:
            joined = head + tail
        else:
            joined = head[:-1] + tail if head.endswith("-") else f"{head} {tail}"
        assert joined == running_text(whole)
        assert references_in(first) + references_in(rest) == references_in(whole)
    assert splits >= 3


def test_rewrapping_gives_the_same_lines() -> None:
    style = body_style("de")
    width = next(w for w in WIDTHS if longest_run(wrapped(Paragraph, GERMAN, style, w)) >= 3)
    body = wrapped(BodyParagraph, GERMAN, style, width)
    first = line_texts(body)
    body.wrap(width, 1e6)
    assert line_texts(body) == first


def test_bullet_item() -> None:
    style = body_style("de", leftIndent=14, bulletIndent=2, bulletFontName=FONT)
    for width in WIDTHS:
        body = BodyParagraph(GERMAN, style, bulletText="•")
        body.wrap(width, 1e6)
        assert longest_run(body) <= 2
        assert not ends_with_lone_tail(body)


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_words_under_six_letters_are_never_hyphenated(language: str) -> None:
    style = body_style(language)
    short = {
        "de": "Die Lage im Land ist seit dem Jahr sehr ruhig, aber nicht klar genug. " * 6,
        "en": "The state of the union is calm but not quite clear for now and then. " * 6,
        "ru": "Это было так, но не везде и не всем: мы шли домой очень тихо. " * 6,
    }[language]
    for width in WIDTHS:
        for cls in (Paragraph, BodyParagraph):
            assert LineEnd.HYPHENATED not in line_ends(wrapped(cls, short, style, width))
        body = wrapped(BodyParagraph, TEXTS[language], style, width)
        assert all(len(word) >= MIN_WORD_LENGTH for word in hyphenated_words(body))


def test_kazakh_is_not_hyphenated() -> None:
    assert hyphenator_for("kk") is None
    style = body_style("kk")
    for width in WIDTHS:
        body = wrapped(BodyParagraph, KAZAKH, style, width)
        assert set(line_ends(body)) == {LineEnd.PLAIN}
        assert line_texts(body) == line_texts(wrapped(Paragraph, KAZAKH, style, width))


def test_a_word_wider_than_the_line_is_hyphenated_all_the_same() -> None:
    # Refusing the third hyphen would make reportlab cut the word without any hyphen.
    text = "Sicherheitsinteressen Außenhandelsbeziehungen Infrastrukturentwicklungsprogramme"
    style = body_style("de")
    width = 95
    assert all(stringWidth(word, FONT, SIZE) > width for word in text.split())
    body = wrapped(BodyParagraph, text, style, width)
    assert running_text(body) == text
    assert longest_run(body) >= 3


def test_a_hyphen_of_the_text_survives_breaking_again() -> None:
    # reportlab rejoins "Kassym-" + "Schomart" as "KassymSchomart" when it breaks its own
    # fragment words again (a second wrap, a split part); BodyParagraph keeps the hyphen.
    text = "Der <i>kasachische</i> Präsident Kassym-Schomart Tokajew traf Xi Jinping in Astana."
    style = body_style("de")

    def rewrapped(cls: type[Paragraph], width: float) -> str:
        paragraph = wrapped(cls, text, style, width)
        paragraph.wrap(width, 1e6)
        return running_text(paragraph).replace("- ", "-")

    widths = range(90, 240, 2)  # every word fits a line
    assert any("Kassym-Schomart" not in rewrapped(Paragraph, w) for w in widths)
    for width in widths:
        assert "Kassym-Schomart" in rewrapped(BodyParagraph, width)


NAMES = (
    "The delegation met Secretary-General Guterres and Minister Andrés in Geneva. "
    "Universalisation of the declarations was discussed; Guterres recalled that Andrés "
    "had negotiated with Guterres before. Comprehensive statements followed, and Andrés "
    "thanked Guterres for the hospitality of the administrations."
)


def hyphenated_at_every_width(text: str, style: ParagraphStyle) -> set[str]:
    return {
        w for width in WIDTHS for w in hyphenated_words(wrapped(BodyParagraph, text, style, width))
    }


def test_names_are_never_hyphenated_in_english_sentence_starts_may_be() -> None:
    english = hyphenator_for("en")
    assert english is not None
    found = hyphenated_at_every_width(NAMES, body_style("en"))
    assert not found & {"Guterres", "Andrés"}
    assert {"Universalisation", "Comprehensive"} <= found  # capitalised at a sentence start
    # The same dictionary without the rule for capitals would split the names.
    blind = replace(english, language="de")
    assert {"Guterres", "Andrés"} & hyphenated_at_every_width(
        NAMES, body_style("en", hyphenationLang=blind)
    )


def test_a_split_part_still_knows_the_names_of_its_paragraph() -> None:
    # The second part starts mid-sentence; its first words are not sentence starts.
    style = body_style("en")
    paragraph = BodyParagraph(" ".join([NAMES] * 4), style)
    paragraph.wrap(160, 1e6)
    first, second = paragraph.split(160, 8 * LEADING)
    assert second._text == first._text == paragraph._text
    second.wrap(160, 1e6)
    assert not set(hyphenated_words(second)) & {"Guterres", "Andrés"}


def test_german_nouns_are_hyphenated_and_the_nohyphen_words_are_not() -> None:
    text = NAMES.replace("The delegation", "Die Delegation")
    listed = hyphenator_for("de", nohyphen_words(["Guterres", "andrés"]))
    found = hyphenated_at_every_width(text, body_style("de", hyphenationLang=listed))
    assert not found & {"Guterres", "Andrés"}
    assert found  # other words still are
    plain = hyphenated_at_every_width(text, body_style("de"))
    assert {"Guterres", "Andrés"} & plain  # a German capital does not mark a name
