"""Headings and titles that wrap are balanced: similar lines, never one word on the last,
set by the paragraph engine (``setting.ragged.balanced_items``): an over-long URL breaks
inside the measure, and a long heading costs time linear in its length."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from lagebericht.layout import render_pdf
from lagebericht.layout.columns import BodyArea
from lagebericht.layout.fonts import family_of
from lagebericht.layout.geometry import Geometry
from lagebericht.layout.linebreak.builder import Run, Setting, build_items
from lagebericht.layout.linebreak.items import FILL, INFINITY, Box, Glue, Item, Penalty
from lagebericht.layout.linebreak.knuth_plass import break_lines
from lagebericht.layout.setting.flowable import TextFlowable
from lagebericht.layout.setting.lines import lines_text
from lagebericht.layout.setting.ragged import BALANCED_PARAMETERS, balanced_items
from lagebericht.layout.styles import make_styles
from lagebericht.theme import Theme, load_theme
from tests.layout.factories import FILLER, para, report, section, text
from tests.pdf_inspect import chars

# Set greedily, each of these leaves its last word alone on the last line (checked below).
TITLE = (
    "The regional security architecture after the withdrawal of the international "
    "forces from Afghanistan"
)
HEADING = "Security cooperation between the member states of the organisation and its neighbours"
HEADING_IN_A_COLUMN = "Water, energy and diplomacy in the basin"


def _lines(pdf: bytes, size: float, bold: bool = True) -> list[tuple[str, float, float]]:
    """Lines of type ``size`` on page 1: text, left and right edge, top to bottom."""
    rows: dict[float, list[dict[str, object]]] = {}
    for char in chars(pdf)[0]:
        weight = "Bold" in str(char["fontname"])
        if abs(float(str(char["size"])) - size) < 0.05 and weight == bold:
            rows.setdefault(round(float(str(char["top"])), 1), []).append(char)
    lines = []
    for _, row in sorted(rows.items()):
        row.sort(key=lambda c: float(str(c["x0"])))
        value = "".join(str(c["text"]) for c in row).strip()
        lines.append((value, float(str(row[0]["x0"])), float(str(row[-1]["x1"]))))
    return lines


def _greedy(value: str, style: ParagraphStyle, width: float) -> list[str]:
    """The lines reportlab sets on its own."""
    paragraph = Paragraph(value, style)
    paragraph.wrap(width, 1e6)
    return [" ".join(line[1]) for line in paragraph.blPara.lines]


def _assert_balanced(lines: list[tuple[str, float, float]], words: str, width: float) -> None:
    assert len(lines) >= 2, lines
    assert " ".join(line for line, _, _ in lines) == words
    assert len(lines[-1][0].split()) >= 2, lines
    for _, left, right in lines:
        assert right - left <= width + 0.5, lines


def _two_columns() -> Theme:
    return load_theme().model_copy(update={"columns": 2})


def test_the_inputs_end_on_a_lone_word_when_set_greedily() -> None:
    theme = load_theme()
    styles = make_styles(theme, family_of(theme), "en")
    width = Geometry.of(theme).frame_width
    column = BodyArea.of(_two_columns()).column_width
    assert len(_greedy(TITLE, styles.title, width)[-1].split()) == 1
    assert len(_greedy(HEADING, styles.heading2, width)[-1].split()) == 1
    assert len(_greedy(HEADING_IN_A_COLUMN, styles.heading2, column)[-1].split()) == 1


def test_title_subtitle_and_heading_are_balanced_in_the_pdf() -> None:
    theme = load_theme()
    body = (section(HEADING, para(text(FILLER))),)
    pdf = render_pdf(report(body, title=TITLE).model_copy(update={"subtitle": HEADING}), theme)
    width = Geometry.of(theme).frame_width
    subtitle_size = make_styles(theme, family_of(theme), "en").subtitle.fontSize
    _assert_balanced(_lines(pdf, subtitle_size, bold=False), HEADING, width)
    title = _lines(pdf, theme.sizes.title)
    _assert_balanced(title, TITLE, width)
    heading = _lines(pdf, theme.sizes.heading2)
    _assert_balanced(heading, HEADING, width)
    # Balanced: the lines of the title differ by less than a third of the measure.
    lengths = [right - left for _, left, right in title]
    assert max(lengths) - min(lengths) < width / 3, title


def test_heading_is_balanced_in_its_column_and_the_title_across_both() -> None:
    theme = _two_columns()
    body = (section(HEADING_IN_A_COLUMN, para(text(FILLER))),)
    pdf = render_pdf(report(body, title=TITLE), theme)
    _assert_balanced(_lines(pdf, theme.sizes.title), TITLE, Geometry.of(theme).frame_width)
    heading = _lines(pdf, theme.sizes.heading2)
    _assert_balanced(heading, HEADING_IN_A_COLUMN, BodyArea.of(theme).column_width)


def test_short_heading_and_title_stay_one_line() -> None:
    theme = load_theme()
    styles = make_styles(theme, family_of(theme), "en")
    width = Geometry.of(theme).frame_width
    heading = TextFlowable("Security &amp; <i>Economy</i>", styles.heading2, balanced=True)
    assert lines_text(heading.lines(width)) == ["Security & Economy"]
    pdf = render_pdf(report((section("Security", para(text(FILLER))),), title="Short"), theme)
    assert [line for line, _, _ in _lines(pdf, theme.sizes.heading2)] == ["Security"]
    assert [line for line, _, _ in _lines(pdf, theme.sizes.title)] == ["Short"]


def test_breaks_only_at_spaces_and_keeps_the_looks() -> None:
    theme = load_theme()
    styles = make_styles(theme, family_of(theme), "en")
    markup = (
        'The <font color="#123456">regional</font> security architecture after the '
        "withdrawal of the <i>international forces</i> from Afghanistan"
    )
    title = TextFlowable(markup, styles.title, balanced=True)
    lines = title.lines(Geometry.of(theme).frame_width)
    assert len(lines) == 3  # as set greedily
    assert " ".join(lines_text(lines)) == TITLE
    assert not any(line.hyphenated or line.in_word for line in lines)
    colours = {piece.look.color.hexval() for line in lines for piece in line.pieces}
    assert "0x123456" in colours


def test_explicit_line_breaks_are_kept_as_written() -> None:
    theme = load_theme()
    styles = make_styles(theme, family_of(theme), "en")
    markup = TITLE.replace(" after", "<br/>after")
    title = TextFlowable(markup, styles.title, balanced=True)
    texts = lines_text(title.lines(Geometry.of(theme).frame_width))
    assert texts[0] == "The regional security architecture"


def test_an_over_long_url_in_a_heading_breaks_inside_the_column() -> None:
    theme = _two_columns()
    url = "https://example.org/" + "/".join(f"segment{i}?q={i}&x=y" for i in range(12))
    pdf = render_pdf(report((section(f"Sources {url}", para(text(FILLER))),)), theme)
    heading = _lines(pdf, theme.sizes.heading2)
    column = BodyArea.of(theme).column_width
    assert len(heading) > 3
    assert "".join(line for line, _, _ in heading) == f"Sources {url}"
    for line, left, right in heading:
        assert right - left <= column + 0.5, line
    # URLs break after their separators where they can
    assert all(line[-1] in "/.-_?&=" for line, _, _ in heading[1:-1]), heading


def test_a_long_heading_costs_work_linear_in_its_length() -> None:
    words = " ".join(f"Wort{i}" for i in range(3000))
    items = build_items([Run(words, "Helvetica-Bold", 14.0)], 480.0, Setting(language="de"))
    breaking = break_lines(balanced_items(items, 480.0), [480.0], BALANCED_PARAMETERS)
    assert breaking.visits < 40 * len(items)  # the old balancing took 10 million steps
    assert len(breaking.lines) > 100


def _breaks(widths: list[float], width: float) -> list[int]:
    """The words (0-based) after which a balanced setting of boxes of ``widths`` breaks."""
    items: list[Item[None]] = []
    for number, box in enumerate(widths):
        if number:
            items.append(Glue(2.0, 1.0, 0.6))
        items.append(Box(box))
    items += [Penalty(0.0, INFINITY), Glue(0.0, FILL), Penalty(0.0, -INFINITY)]
    balanced = balanced_items(items, width)  # type: ignore[arg-type]
    lines = break_lines(balanced, [width], BALANCED_PARAMETERS).lines
    ends = []
    for line in lines[:-1]:
        ends.append(sum(isinstance(item, Box) for item in balanced[: line.stop]) - 1)
    return ends


@pytest.mark.parametrize(
    ("widths", "width", "expected"),
    [
        ([10.0] * 5, 40.0, [[1], [2]]),  # 2 + 3 or 3 + 2 words: the fewest lines
        ([30.0, 30.0, 30.0, 5.0], 70.0, [[1]]),  # never "30 30 | 30 5" → lone last word
        ([30.0, 30.0, 30.0], 70.0, [[0]]),  # two words on the last line
        ([50.0, 50.0], 60.0, [[0]]),  # two words: one each, nothing else possible
        ([10.0, 10.0, 10.0, 10.0, 10.0, 10.0], 40.0, [[2]]),  # 3 + 3 (both fit in 2 lines)
        ([20.0, 20.0, 5.0, 5.0, 5.0], 50.0, [[0]]),  # "20 | 20 5 5 5", not "20 20 5 | 5 5"
        ([10.0, 10.0], 60.0, [[]]),  # fits on one line
        ([10.0] * 12, 40.0, [[2, 5, 8]]),  # four lines of three, not 3 + 3 + 3 + 2 + 1
        ([30.0, 30.0, 30.0, 30.0, 30.0], 70.0, [[0, 2], [1, 2]]),  # three lines, two of two
    ],
)
def test_balanced_breaks(widths: list[float], width: float, expected: list[list[int]]) -> None:
    assert _breaks(widths, width) in expected
