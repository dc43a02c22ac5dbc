"""Lists as a publications office measures them (issue 15, points 2 and 6): the text of a
numbered item's first line starts where its wrapped lines hang and is justified to the
right margin; a list is set off by equal space before and after it."""

from __future__ import annotations

import io
import itertools

import pdfplumber
import pytest

from lagebericht.layout import render_pdf
from lagebericht.model import BulletItem, BulletList, NumberedList, Paragraph, Report, Text
from lagebericht.theme import load_theme
from tests.layout.factories import para, report, text
from tests.pdf_inspect import number

MM = 72 / 25.4
RIGHT = 595.2756 - 20 * MM
ITEM = (
    "The member states have varying security priorities and the organisation lacks a "
    "unified command structure and any rapid response capability of its own, which "
    "limits its ability to respond to crises in the region. "
)


def _items(count: int, words: str = ITEM) -> tuple[BulletItem, ...]:
    return tuple(BulletItem(content=(Text(text=words * 2),), line=1) for _ in range(count))


def _lines(pdf: bytes) -> list[list[dict[str, object]]]:
    """The body-size words of page 1, line by line."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        words = [
            w
            for w in doc.pages[0].extract_words(extra_attrs=["size"])
            if abs(number(w, "size") - 10.5) < 0.1
        ]
    lines: dict[int, list[dict[str, object]]] = {}
    for word in words:
        lines.setdefault(round(number(word, "top")), []).append(word)
    return [sorted(line, key=lambda w: number(w, "x0")) for _, line in sorted(lines.items())]


def _render(*blocks: Paragraph | BulletList | NumberedList) -> bytes:
    document: Report = report((para(text("Intro.")),)).model_copy(update={"body": blocks})
    return render_pdf(document, load_theme())


@pytest.mark.parametrize("start", [1, 8])  # 8: the numbers 8. to 11., of two widths
def test_numbered_item_text_hangs_exactly_and_fills_its_first_line(start: int) -> None:
    pdf = _render(NumberedList(items=_items(4), start=start, line=1))
    lines = _lines(pdf)
    labels = {f"{n}." for n in range(start, start + 4)}
    firsts = [i for i, line in enumerate(lines) if line[0]["text"] in labels]
    assert len(firsts) == 4
    hang = {round(number(lines[i + 1][0], "x0"), 2) for i in firsts}
    assert len(hang) == 1  # every item's wrapped lines at one indent
    (indent,) = hang
    ends = {round(number(lines[i][0], "x1"), 1) for i in firsts}
    assert len(ends) == 1  # "9." and "10." end at the same point
    for i in firsts:
        first, wrapped = lines[i], lines[i + 1]
        assert number(first[1], "x0") == pytest.approx(indent, abs=0.05)
        # Justified: the first line runs to the right margin as the next one does.
        assert number(first[-1], "x1") == pytest.approx(RIGHT, abs=0.3)
        assert number(wrapped[-1], "x1") == pytest.approx(RIGHT, abs=0.3)


def test_bullet_item_text_hangs_exactly() -> None:
    pdf = _render(BulletList(items=_items(2), line=1))
    lines = _lines(pdf)
    firsts = [i for i, line in enumerate(lines) if line[0]["text"] == "•"]
    for i in firsts:
        assert number(lines[i][1], "x0") == pytest.approx(number(lines[i + 1][0], "x0"), abs=0.05)
        assert number(lines[i][-1], "x1") == pytest.approx(RIGHT, abs=0.3)


def _gaps(pdf: bytes) -> list[float]:
    """The distance from each body line's baseline to the next one's, on page 1."""
    lines = _lines(pdf)
    bottoms = [max(number(w, "bottom") for w in line) for line in lines]
    return [round(b - a, 2) for a, b in itertools.pairwise(bottoms)]


@pytest.mark.parametrize("nested", [False, True])
def test_a_list_has_equal_space_before_and_after_it(nested: bool) -> None:
    short = "Short item."
    items = tuple(BulletItem(content=(Text(text=short),), line=1) for _ in range(3))
    if nested:  # the list ends with the last line of a nested list
        sub = BulletList(items=items[:2], line=1)
        items = (*items[:2], items[2].model_copy(update={"sublist": sub}))
    pdf = _render(
        para(text("One line before.")),
        BulletList(items=items, line=1),
        para(text("One line after.")),
    )
    gaps = _gaps(pdf)
    leading = 14.5
    before, after = gaps[0], gaps[-1]
    between = gaps[1]
    assert before == pytest.approx(after, abs=0.05)
    assert between < before and before - leading >= 1.5 * (between - leading)
