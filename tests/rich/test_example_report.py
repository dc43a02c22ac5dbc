"""The example report content/2024-09/astana-wasser.md builds in one and in two columns."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from lagebericht.layout import render_pdf
from lagebericht.model import BlockQuote, BulletList, Figure, NumberedList, Section, Table
from lagebericht.theme import Theme
from lagebericht.validate import read_report
from tests.pdf_inspect import BASE14, fonts, page_texts
from tests.rich.boxes import HEIGHT, LEFT, MIDDLE, RIGHT, boxes, largest_gap
from tests.rich.conftest import two_columns

EXAMPLE = Path(__file__).parents[2] / "content" / "2024-09" / "astana-wasser.md"


def _kinds(blocks: tuple[object, ...]) -> set[type]:
    found: set[type] = set()
    for block in blocks:
        found.add(type(block))
        if isinstance(block, Section):
            found |= _kinds(block.blocks)
        if isinstance(block, BulletList) and any(i.sublist for i in block.items):
            found.add(tuple)  # marks a nested list
    return found


def test_example_uses_every_rich_block() -> None:
    valid = read_report(EXAMPLE)
    assert valid.warnings == ()
    kinds = _kinds(valid.report.body)
    assert {Table, Figure, BlockQuote, NumberedList, BulletList, tuple} <= kinds
    formats = {
        b.image_format
        for s in valid.report.body
        if isinstance(s, Section)
        for b in s.blocks
        if isinstance(b, Figure)
    }
    assert formats == {"png", "jpeg", "svg"}


def test_example_asks_for_the_built_in_two_column_theme() -> None:
    from lagebericht.project import Project
    from lagebericht.theme_choice import ThemeChooser

    choice = ThemeChooser.for_project(Project(EXAMPLE.parents[2])).choose_for(EXAMPLE)
    assert choice.problems == ()
    assert choice.theme is not None
    assert (choice.theme.name, choice.theme.columns) == ("auslandsbuero-zweispaltig", 2)


@pytest.mark.parametrize("theme", [None, two_columns()], ids=["one-column", "two-columns"])
def test_example_builds_with_notes_on_the_page_of_their_reference(theme: Theme | None) -> None:
    pdf = render_pdf(read_report(EXAMPLE).report, theme)
    texts = page_texts(pdf)
    assert all(f.embedded and not BASE14.match(f.name.lstrip("/")) for f in fonts(pdf))
    for label in ("Abbildung 1:", "Abbildung 2:", "Abbildung 3:"):
        assert sum(label in t for t in texts) == 1
    # Note 2 belongs to the Buchtarma row of the table (capacity 49,6): same page.
    page = next(i for i, t in enumerate(texts) if "Buchtarma-Stausee ist der größte" in t)
    assert "49,6" in texts[page]


@pytest.mark.parametrize("theme", [None, two_columns()], ids=["one-column", "two-columns"])
def test_example_pages_are_filled_and_figures_follow_in_order(theme: Theme | None) -> None:
    pages = boxes(render_pdf(read_report(EXAMPLE).report, theme))
    numbers = [
        (index, box.top, int(after.text.rstrip(":")))
        for index, page in enumerate(pages)
        for box, after in itertools.pairwise(page)
        if box.text == "Abbildung" and abs(after.top - box.top) < 1 and after.text[:-1].isdigit()
    ]
    assert [n for *_, n in sorted(numbers)] == [1, 2, 3]
    columns = [(LEFT, RIGHT)] if theme is None else [(LEFT, MIDDLE), (MIDDLE, RIGHT)]
    for index, page in enumerate(pages[:-1]):
        for x0, x1 in columns:
            gap = largest_gap(page, x0, x1)
            assert gap < 0.2 * HEIGHT, f"page {index + 1}: {gap:.0f} pt empty"
