"""The paragraph flowable set by lagebericht's own line breaker (``layout.setting``).

Lines are read from the flowable's set lines (``TextFlowable.lines``) and from PDFs
drawn with it: within their measure, every word in order, hyphens as a typesetter allows
them, split parts with their own footnotes, reportlab's widow and orphan rules, no hyphen
on the line that ends a page where the paragraph can do without.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from lagebericht.layout.fonts import family_of
from lagebericht.layout.setting.flowable import TextFlowable
from lagebericht.layout.setting.inline import in_language, spans_of
from lagebericht.layout.setting.lines import lines_text
from lagebericht.layout.styles import make_styles
from lagebericht.theme import load_theme

GERMAN = (
    "Die Außenhandelsbeziehungen und die Infrastrukturentwicklung prägen die "
    "Zusammenarbeit; die Sicherheitsinteressen der Mitgliedstaaten verlangen eine "
    "gemeinsame Kommandostruktur, Katastrophenschutzübungen und Grenzschutzabkommen. "
    "Die Wirtschaftsbeziehungen zur Volksrepublik, die Energiepartnerschaften und die "
    "Verkehrsinfrastruktur bestimmen die Entwicklungszusammenarbeit der Organisation."
)
RUSSIAN = (
    "Межгосударственные взаимоотношения и инфраструктурные преобразования определяют "
    "сотрудничество Шанхайской организации; интересы национальной безопасности требуют "
    "согласованной командной структуры, антитеррористических учений и пограничного "
    "взаимодействия, а экономические отношения и энергетическое партнёрство "
    "определяют развитие транспортной инфраструктуры организации в регионе."
)
LETTERS = "".join(chr(ord("a") + i % 26) for i in range(3_000))
URL = "https://example.org/" + "/".join(f"segment{i}?q={i}&x=y" for i in range(40))
WIDTHS = range(140, 300, 7)


def note_ref(number: int) -> str:
    return f'<a href="#fn-{number}"><super>{number}</super></a>'


def styles(language: str) -> Any:
    theme = load_theme()
    return make_styles(theme, family_of(theme), language)


def body(language: str = "de", **overrides: Any) -> ParagraphStyle:
    base = styles(language).body
    return ParagraphStyle(f"test-{language}", parent=base, **overrides) if overrides else base


def set_at(text: str, style: ParagraphStyle, width: float, bullet: str | None = None) -> Any:
    flowable = TextFlowable(text, style, bulletText=bullet)
    flowable.wrap(width, 1e6)
    return flowable


def measure(style: ParagraphStyle, width: float, first: bool) -> float:
    indent = style.firstLineIndent if first else 0.0
    return float(width - style.leftIndent - style.rightIndent - indent)


def words(text: str) -> list[str]:
    """The words of a text without hyphens (inserted ones come out, so must the text's)."""
    return re.sub(r"[-\u00ad]", "", text).split()


def set_words(flowable: Any, width: float) -> list[str]:
    texts = lines_text(flowable.lines(width))
    joined = ""
    for text, line in zip(texts, flowable.lines(width), strict=True):
        joined += text if line.in_word else text + " "
    return words(joined)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(LETTERS, id="one-long-word"),
        pytest.param("Vor " + LETTERS + " nach.", id="between-words"),
        pytest.param("<b>Lead:</b> " + LETTERS, id="markup"),
        pytest.param("Siehe " + URL + " für alles.", id="url"),
        pytest.param(GERMAN, id="german"),
    ],
)
def test_every_line_stays_within_its_measure_and_keeps_every_word(text: str) -> None:
    style = body("de", leftIndent=14, bulletIndent=2)
    for width in WIDTHS[::3]:
        flowable = set_at(text, style, width, bullet="•")
        lines = flowable.lines(width)
        for i, line in enumerate(lines):
            assert line.width <= measure(style, width, i == 0) + 0.01, (width, i)
        plain = re.sub(r"<[^>]+>", "", text)
        assert set_words(flowable, width) == words(plain)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(LETTERS, id="one-long-word"),
        pytest.param("Vor " + LETTERS + " nach.", id="between-words"),
        pytest.param("Siehe " + URL + " für alles.", id="url"),
        pytest.param(GERMAN, id="german"),
        pytest.param("Kurz", id="one-word"),
        pytest.param("Eins<br/>zwei drei vier fünf sechs sieben acht neun", id="line-break"),
    ],
)
def test_a_balanced_heading_stays_within_its_measure_and_keeps_every_word(text: str) -> None:
    style = styles("de").heading2
    for width in WIDTHS[::3]:
        flowable = TextFlowable(text, style, balanced=True)
        flowable.wrap(width, 1e6)
        lines = flowable.lines(width)
        assert all(line.width <= width + 0.01 for line in lines), width
        assert set_words(flowable, width) == words(text.replace("<br/>", " "))
        if len(lines) > 1 and " " in text and not any(line.in_word for line in lines):
            assert len(lines_text(lines)[-1].split()) >= 2, (width, lines_text(lines))


@pytest.mark.parametrize(("language", "text"), [("de", GERMAN), ("ru", RUSSIAN)])
def test_never_three_hyphenated_lines_in_a_row(language: str, text: str) -> None:
    for width in WIDTHS:
        ends = [line.hyphenated for line in set_at(text, body(language), width).lines(width)]
        runs = "".join("h" if end else "." for end in ends)
        assert "hhh" not in runs, (width, runs)


def test_no_russian_line_ends_in_a_one_letter_word() -> None:
    for width in WIDTHS:
        for text in lines_text(set_at(RUSSIAN, body("ru"), width).lines(width)):
            assert not re.search(r"(?:^|\s)[а-яё]$", text.strip()), (width, text)


def test_a_part_names_only_the_notes_referenced_in_its_own_lines() -> None:
    text = f"Anfang{note_ref(1)} {GERMAN} {GERMAN} Ende{note_ref(2)} und Schluss."
    style = body()
    whole = set_at(text, style, 300)
    assert whole.footnote_references() == (1, 2)
    first, rest = whole.split(300, 4 * style.leading)
    assert first.footnote_references() == (1,)
    assert rest.footnote_references() == (2,)
    assert first.wrap(300, 1e6)[1] == pytest.approx(4 * style.leading)
    # The parts keep the lines the whole paragraph was broken into.
    assert (
        lines_text(first.lines(300)) + lines_text(rest.lines(300)) == lines_text(whole.lines(300))
        or whole.lines(300)[3].hyphenated
    )


def test_widows_and_orphans_as_the_style_says() -> None:
    style = body()  # no widows, no orphans
    paragraph = set_at(GERMAN, style, 300)
    count = len(paragraph.lines(300))
    assert count >= 5
    assert paragraph.split(300, 1.5 * style.leading) == []  # one line would be an orphan
    first, rest = paragraph.split(300, (count - 1) * style.leading)
    # one line would be left alone on the next page: it takes a second one with it
    assert len(first.lines(300)) <= count - 2
    assert len(rest.lines(300)) >= 2
    loose = body(allowWidows=1, allowOrphans=1)
    first, _ = set_at(GERMAN, loose, 300).split(300, 1.5 * loose.leading)
    assert len(first.lines(300)) == 1


def test_the_line_that_ends_a_page_does_not_end_in_a_hyphen() -> None:
    style = body()
    text = f"{GERMAN} {GERMAN} {GERMAN}"
    tried = 0
    for width in WIDTHS:
        lines = set_at(text, style, width).lines(width)
        for fit in range(2, len(lines) - 2):
            if not lines[fit - 1].hyphenated:
                continue
            tried += 1
            first, rest = set_at(text, style, width).split(width, fit * style.leading)
            assert not first.lines(width)[-1].hyphenated, (width, fit)
            assert set_words(first, width) + set_words(rest, width) == words(text)
    assert tried > 10  # the unsplit paragraph does end such lines in a hyphen


def test_the_rest_keeps_its_lines_in_a_column_a_float_bit_wider() -> None:
    # The two columns of a theme are computed apart: 223.9370078740158 and
    # 223.93700787401582 pt. The rest of a ragged paragraph, broken again at the second,
    # came out justified at the top of the next column.
    style = body()
    width = 223.9370078740158
    paragraph = set_at(GERMAN, style, width)
    lines = paragraph.lines(width)
    first, rest = paragraph.split(width, 3 * style.leading)
    other = width + 3e-14
    rest.wrap(other, 1000)
    assert rest.lines(other)[0] is lines[len(first.lines(width))]


def test_a_width_a_float_bit_apart_is_not_broken_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # The story measures a heading at the column's width before the frame, whose width
    # is computed apart, wraps it: a 1.9 MB heading was broken twice (16.9 s).
    from lagebericht.layout.setting.lines import set_lines as real

    calls: list[float] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1][-1])
        return real(*args, **kwargs)

    monkeypatch.setattr("lagebericht.layout.setting.flowable.set_lines", counted)
    paragraph = TextFlowable(GERMAN, body())
    paragraph.wrap(467.7165354330709, 1e6)
    paragraph.wrap(467.7165354330708, 1e6)
    assert len(calls) == 1
    paragraph.wrap(400, 1e6)
    assert len(calls) == 2


def test_a_paragraph_that_would_stretch_beyond_twice_its_spaces_is_set_ragged() -> None:
    # Kazakh: no hyphenation dictionary; long words in a narrow column.
    text = "Қазақстан Республикасының сыртқы саясаты Шанхай ынтымақтастық ұйымының " * 3
    style = body("kk")
    flowable = set_at(text.strip(), style, 140)
    lines = flowable.lines(140)
    assert all(piece.word_space == 0 for line in lines for piece in line.pieces)
    assert max(line.width for line in lines[:-1]) < 140
    # A paragraph that sets well stays justified.
    text = "The member states have varying security priorities and interests. " * 4
    wide = set_at(text, body("en"), 400).lines(400)
    assert any(piece.word_space > 0 for line in wide for piece in line.pieces)
    assert all(abs(line.width - 400) < 0.01 for line in wide[:-1])


@pytest.mark.parametrize(("width", "ragged"), [(288, True), (348, False)])
def test_beyond_twice_its_spaces_a_paragraph_is_ragged_in_a_narrow_column_only(
    width: float, ragged: bool
) -> None:
    # GERMAN has no justified setting within 2x at 288 pt nor at 348 pt: 27.4 and 33.1
    # ems of 10.5 pt, on either side of the 30 ems of a wide measure, where a paragraph
    # stays justified up to 2.5x.
    style = body()
    lines = set_at(GERMAN, style, width).lines(width)
    assert all(line.ragged == ragged for line in lines)
    space = stringWidth(" ", style.fontName, style.fontSize)
    worst = max((space + piece.word_space) / space for line in lines for piece in line.pieces)
    assert worst == 1.0 if ragged else 2.0 < worst <= 2.5


@pytest.mark.parametrize(
    ("text", "breakings"),
    [
        # no name: hyphenating names too would give the same items, so it is not tried
        (
            "counterterrorism responsibilities notwithstanding, intergovernmental "
            "accountability mechanisms remain underdeveloped",
            2,
        ),
        (
            "Counterterrorism responsibilities of Tokayev, Mirziyoyev and Japarov "
            "notwithstanding, accountability remains underdeveloped",
            3,
        ),
    ],
)
def test_a_paragraph_too_loose_tries_names_only_if_it_has_some(
    text: str, breakings: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lagebericht.layout.linebreak.knuth_plass import break_lines as real
    from lagebericht.layout.setting import lines as setting_lines

    calls: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(setting_lines, "break_lines", counted)
    lines = set_at(f"{text} {text}", body("en"), 120).lines(120)
    assert all(line.ragged for line in lines)
    assert len(calls) == breakings  # justified, (names hyphenated too,) ragged-right


def test_a_ragged_paragraph_is_broken_for_ragged_lines() -> None:
    # Its justified breaks, drawn ragged, began with a line half empty at 235 pt.
    text = (
        "Kasachstan bezieht fast die Hälfte seines Oberflächenwassers aus Flüssen, die in "
        "den Nachbarstaaten entspringen. Jede Entscheidung flussaufwärts – ein neuer "
        "Staudamm in Kirgistan, ein Bewässerungskanal in Afghanistan, ein Kraftwerk in "
        "China – wird damit unmittelbar zu einer Frage der nationalen Sicherheit."
    )
    for width in (200, 220, 235, 250):
        flowable = set_at(text, body("de"), width)
        lines = flowable.lines(width)
        assert all(line.ragged for line in lines)
        assert min(line.width for line in lines[:-1]) > 0.8 * width
        assert max(line.width for line in lines) <= width
        assert set_words(flowable, width) == words(text)


def test_alignment_and_indents_place_the_lines() -> None:
    for alignment in (TA_LEFT, TA_CENTER, TA_JUSTIFY):
        style = body(alignment=alignment, firstLineIndent=12, leftIndent=6)
        flowable = set_at(GERMAN, style, 250)
        lines = flowable.lines(250)
        assert lines[0].width <= 250 - 18 + 0.01
        if alignment != TA_JUSTIFY:  # spaces never stretched (a tight line may shrink)
            assert all(piece.word_space <= 0 for line in lines for piece in line.pieces)


def test_markup_is_read_as_the_layout_writes_it() -> None:
    style = body()
    markup = (
        '<b>Fett</b> <i>kursiv</i> <font color="#c8102e">rot</font> '
        '<a href="https://example.org" color="#1f4e79">Link</a>&amp;'
        f"Zeichen{note_ref(3)}<br/>neu"
    )
    spans = spans_of(markup, style)
    text = "".join(span.text for span in spans)
    assert text == "Fett kursiv rot Link&Zeichen3\nneu"
    fonts = {span.text: span.look for span in spans}
    family = family_of(load_theme())
    assert fonts["Fett"].font == family.bold
    assert fonts["kursiv"].font == family.italic
    assert fonts["3"].rise > 0 and fonts["3"].size < style.fontSize
    assert fonts["3"].link == "#fn-3"
    lines = set_at(markup, style, 400).lines(400)
    assert len(lines) == 2  # the forced line break
    with pytest.raises(ValueError, match="unknown tag"):
        spans_of("<blink>x</blink>", style)


def test_words_in_another_language_are_a_span_of_their_own() -> None:
    style = body()
    markup = f"<b>{in_language('Figure 1:', 'en')}</b> Légende" + in_language(" fin", None)
    spans = spans_of(markup, style)
    assert [(span.text, span.look.lang) for span in spans] == [
        ("Figure 1:", "en"),
        (" Légende fin", None),
    ]
    assert spans[0].look.font == family_of(load_theme()).bold
    # Escaped as an attribute: a tag is never the caller's text.
    assert in_language("x", 'a"b') == '<span lang="a&quot;b">x</span>'


def pdf_of(flowables: list[Any]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.bookmarkPage("fn-1")
    y = 800.0
    for flowable in flowables:
        _, height = flowable.wrap(300, 1e6)
        y -= height
        flowable.drawOn(canvas, 72, y)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_drawing_is_byte_identical_for_identical_input() -> None:
    style = body()
    note = styles("de").note
    text = f"Anfang{note_ref(1)} {GERMAN} <b>fett</b> {URL}"

    def make() -> list[Any]:
        return [TextFlowable(text, style), TextFlowable(GERMAN, note, bulletText="1")]

    first, second = pdf_of(make()), pdf_of(make())
    assert first == second
    assert b"/Link" in first


def test_a_compounds_joint_stays_cheaper_than_a_point_inside_an_element() -> None:
    """The flowable's own hyphen penalty (above TeX's) must not undercut the dearer cost
    of a point inside a German compound's element ("Friedensgesprä-che")."""
    setting = TextFlowable(GERMAN, body("de"))._line_setting().setting
    assert setting.element_penalty > setting.hyphen_penalty


def test_a_point_near_a_words_edge_costs_the_flowable_more() -> None:
    """The flowable sets a surcharge for short fragments ("экс-", "не-"), as Typst does."""
    setting = TextFlowable(GERMAN, body("de"))._line_setting().setting
    assert setting.short_fragment_cost > 0
    assert setting.fragment_letters == 5


WIDTH = 250  # a column


def test_a_long_paragraph_is_broken_once_however_many_pages_it_fills(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import lagebericht.layout.setting.flowable as flowable_module
    from lagebericht.layout.setting.lines import set_lines as real

    calls = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("lagebericht.layout.setting.flowable.set_lines", counted)
    text = " ".join([GERMAN] * 100)  # some 750 lines: more than are ever broken again
    flowable = set_at(text, body("de"), WIDTH)
    parts, rest = [], flowable
    while True:
        pieces = rest.split(WIDTH, 40 * rest.style.leading)
        if len(pieces) < 2:
            parts.append(rest)
            break
        parts.append(pieces[0])
        rest = pieces[1]
    assert len(parts) > 15
    # Broken once; again only to avoid a page-end hyphen in the last few pages' worth
    # (the rest of a longer paragraph is not: that would cost its size on every page).
    again = flowable_module.MAX_LINES_BROKEN_AGAIN // 40 + 1
    assert len(calls) <= 1 + again
    joined = ""
    for part in parts:
        for line_text, line in zip(lines_text(part.lines(WIDTH)), part.lines(WIDTH), strict=True):
            joined += line_text if line.in_word else line_text + " "
    assert words(joined) == words(text)


def test_a_large_paragraph_is_broken_once_and_stays_justified(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import lagebericht.layout.setting.lines as lines_module
    from lagebericht.layout.linebreak.knuth_plass import break_lines as real

    # The Kazakh paragraph that is set ragged at 140 pt, counted as large.
    text = "Қазақстан Республикасының сыртқы саясаты Шанхай ынтымақтастық ұйымының " * 3
    monkeypatch.setattr(lines_module, "LARGE_PARAGRAPH_ITEMS", 10)
    calls = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("lagebericht.layout.setting.lines.break_lines", counted)
    lines = set_at(text.strip(), body("kk"), 140).lines(140)
    assert len(calls) == 1
    assert not any(line.ragged for line in lines)
    assert max(line.width for line in lines) <= 140 + 0.01


SHORT_TEXTS = [
    "",
    "Kurz.",
    "Die Mitgliedstaaten",
    "Belarus trat bei — mit 1 000 Stimmen.",
    "Межгосударственные взаимоотношения",
    "Zusammenarbeit<br/>neue Zeile",
    f"Text{note_ref(3)} mit Note",
    "<b>Fett:</b> und <i>kursiv</i> gesetzt",
    URL[:60],
    *(GERMAN[:n] for n in range(10, 200, 13)),
    *(RUSSIAN[:n] for n in range(10, 200, 17)),
]


@pytest.mark.parametrize("width", [40, 90, 140, 233, 420])
@pytest.mark.parametrize("alignment", [TA_JUSTIFY, TA_LEFT])
def test_a_paragraph_on_one_line_is_set_as_the_breaker_sets_it(
    monkeypatch: pytest.MonkeyPatch, width: float, alignment: int
) -> None:
    # Short paragraphs skip the breaker when they fit in their first line: the lines
    # must be the breaker's own, whatever the paragraph and its measure.
    import lagebericht.layout.setting.lines as lines_module

    shortcut = []
    real = lines_module._one_line

    def counted(*args: Any) -> Any:
        found = real(*args)
        shortcut.append(found is not None)
        return found

    def without(*args: Any) -> None:
        return None

    style = body("de", alignment=alignment)
    for text in SHORT_TEXTS:
        monkeypatch.setattr(lines_module, "_one_line", counted)
        fast = TextFlowable(text, style, bulletText="•").lines(width)
        monkeypatch.setattr(lines_module, "_one_line", without)
        slow = TextFlowable(text, style, bulletText="•").lines(width)
        assert fast == slow, text
    assert any(shortcut) and not all(shortcut)
