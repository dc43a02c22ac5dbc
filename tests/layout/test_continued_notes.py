"""A note continued on the next page: at least two lines on each page, and a rule across
the whole text width above the continuation (issue 15, point 6)."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from lagebericht.layout import render_pdf
from lagebericht.layout.fonts import family_of
from lagebericht.layout.footnotes import FootnoteLedger
from lagebericht.layout.setting.flowable import TextFlowable
from lagebericht.layout.styles import make_styles
from lagebericht.theme import load_theme
from tests.layout.factories import FILLER, note, para, ref, report, text

MM = 72 / 25.4
BOTTOM = 841.89 - 25 * MM
TEXT_WIDTH = 595.2756 - 45 * MM
NOTE_SIZE = 8.0


def _pdf(words: int) -> bytes:
    long_note = note(1, "A long note about the sources and the figures. " * 40)
    body = (
        para(text(FILLER * 7)),
        para(text(" ".join(["word"] * words))),
        para(text(FILLER[:120]), ref(1), text(" and the end.")),
        para(text(FILLER * 6)),
    )
    return render_pdf(report(body, (long_note,)), load_theme())


def _note_lines(page: pdfplumber.page.Page) -> int:
    words = page.extract_words(extra_attrs=["size"])
    tops = {round(float(w["top"])) for w in words if abs(float(w["size"]) - NOTE_SIZE) < 0.1}
    return len({t for t in tops if t < BOTTOM + 2})


def _rules(page: pdfplumber.page.Page) -> list[float]:
    """Lengths of the note separator rules of a page (below the body, above the footer)."""
    return [
        float(line["x1"] - line["x0"])
        for line in page.lines
        if BOTTOM - 300 < float(line["top"]) < BOTTOM and abs(line["y0"] - line["y1"]) < 0.01
    ]


@pytest.mark.parametrize("words", range(330, 480, 30))
def test_a_continued_note_keeps_two_lines_on_each_page(words: int) -> None:
    with pdfplumber.open(io.BytesIO(_pdf(words))) as doc:
        first, second = _note_lines(doc.pages[0]), _note_lines(doc.pages[1])
    assert first + second > 0
    assert first == 0 or first >= 2
    assert second == 0 or second >= 2


@pytest.mark.parametrize("lines", [3, 5, 8])
def test_a_note_split_one_line_short_leaves_two_lines_for_the_next_page(lines: int) -> None:
    theme = load_theme()
    styles = make_styles(theme, family_of(theme), "en")
    width = 300.0
    words = "A long note about the sources and the figures of the report. " * 30
    paragraph = TextFlowable(words, styles.note)
    leading = styles.note.leading
    # Cut the text to ``lines`` lines at this width.
    while paragraph.wrap(width, 1e6)[1] > lines * leading + 0.01:
        words = words.rsplit(" ", 2)[0] + " "
        paragraph = TextFlowable(words, styles.note)
    assert round(paragraph.wrap(width, 1e6)[1] / leading) == lines
    ledger = FootnoteLedger(notes={}, width=width, line_height=leading)
    # Room for all but the last line: that line must not go over alone.
    split = ledger.split(paragraph, (lines - 1) * leading + styles.note.spaceAfter)
    if split is None:
        assert lines < 4  # a 3-line note cannot be split 2 + 2: it moves whole
        return
    first, rest = split
    assert round(first.height / leading) >= 2
    (rest_part,) = rest
    assert round(rest_part.wrap(width, 1e6)[1] / leading) >= 2


def test_the_continuation_has_a_rule_across_the_text_width() -> None:
    with pdfplumber.open(io.BytesIO(_pdf(330))) as doc:
        assert _note_lines(doc.pages[0]) >= 2 and _note_lines(doc.pages[1]) >= 2
        assert _rules(doc.pages[0]) == [pytest.approx(60.0, abs=0.1)]
        assert _rules(doc.pages[1]) == [pytest.approx(TEXT_WIDTH, abs=0.1)]


def _fill_pdf(words: int) -> bytes:
    """A paragraph whose last line references a 15-line note, near the foot of page 1."""
    long_note = note(1, "A long note about sources and the figures, with more detail. " * 22)
    body = (
        para(text(FILLER * 5)),
        para(text(" ".join(["word"] * words))),
        para(text(FILLER * 3), ref(1), text(" end.")),
        para(text(FILLER * 6)),
    )
    return render_pdf(report(body, (long_note,)), load_theme())


@pytest.mark.parametrize("words", [500, 540])
def test_a_paragraph_with_a_long_note_is_split_rather_than_moved(words: int) -> None:
    # The paragraph's first lines carry no reference: they fill page 1 and need no room
    # for the note, which goes with the reference to page 2.
    with pdfplumber.open(io.BytesIO(_fill_pdf(words))) as doc:
        page = doc.pages[0]
        body = [w for w in page.extract_words(extra_attrs=["size"]) if float(w["size"]) > 10]
        empty = BOTTOM - max(float(w["bottom"]) for w in body)
        assert empty < 2 * 14.5
        assert "end." not in [w["text"] for w in body]
        texts = doc.pages[1].extract_text()
    assert "end." in texts and "A long note" in texts
