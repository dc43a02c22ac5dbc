"""Validation of tables, figures, numbered and nested lists: blocks, lines and errors."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from lagebericht.model import BulletList, Figure, FootnoteRef, NumberedList, Section, Table
from lagebericht.problems import InputError, Problem
from lagebericht.validate import read_report
from lagebericht.validate.body import parse_body

Write = Callable[..., Path]


def problems_of(path: Path) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        read_report(path)
    return caught.value.problems


def test_table_cells_alignment_and_line() -> None:
    body = parse_body(
        Path("r.md"),
        "Text\n\n| Land | Wert | x |\n|:--|--:|:-:|\n| a[^n] | 1 |\n\n[^n]: Note\n",
        10,
    )
    assert body.problems == ()
    table = body.blocks[1]
    assert isinstance(table, Table)
    assert table.line == 12
    assert table.align == ("left", "right", "center")
    assert len(table.rows) == 1 and len(table.rows[0]) == 3  # the missing cell is empty
    assert table.rows[0][2] == ()
    assert isinstance(table.rows[0][0][-1], FootnoteRef)
    assert body.footnotes[0].number == 1


def test_table_without_alignment_has_none() -> None:
    table = parse_body(Path("r.md"), "| a | b |\n|---|---|\n| 1 | 2 |\n", 1).blocks[0]
    assert isinstance(table, Table) and table.align == (None, None)


def test_numbered_list_keeps_its_start_and_lead_ins() -> None:
    body = parse_body(Path("r.md"), "3. **Erstens:** eins\n4. zwei\n", 1)
    block = body.blocks[0]
    assert isinstance(block, NumberedList)
    assert block.start == 3
    assert block.items[0].is_argument and not block.items[1].is_argument


def test_nested_lists_two_and_three_levels() -> None:
    body = parse_body(Path("r.md"), "- a\n  - b\n    1. c\n- d\n", 1)
    assert body.problems == ()
    outer = body.blocks[0]
    assert isinstance(outer, BulletList)
    inner = outer.items[0].sublist
    assert isinstance(inner, BulletList) and inner.items[0].line == 2
    assert isinstance(inner.items[0].sublist, NumberedList)
    assert outer.items[1].sublist is None


def test_fourth_level_is_refused_with_its_line() -> None:
    found = parse_body(Path("r.md"), "- a\n  - b\n    - c\n      - d\n", 5).problems
    assert [(p.line, p.message.split(";")[0]) for p in found] == [
        (8, "a bullet or numbered list can be nested at most 3 levels deep")
    ]


def test_bullet_arguments_inside_sections() -> None:
    body = parse_body(Path("r.md"), "## A\n\n- **Lead:** text\n", 1)
    section = body.blocks[0]
    assert isinstance(section, Section)
    items = section.blocks[0]
    assert isinstance(items, BulletList) and items.items[0].is_argument


def test_figure_is_numbered_with_caption_and_credit(write: Write, tree: Path) -> None:
    path = write(
        '![Karte *Ili*](bilder/karte.png)\n\n## B\n\n![Foto](bilder/foto.jpg "ITU / CC BY 2.0")\n'
        "\n![Grafik](bilder/grafik.svg)\n"
    )
    body = read_report(path).report.body
    first, section = body
    assert isinstance(first, Figure) and isinstance(section, Section)
    second, third = section.blocks
    assert isinstance(second, Figure) and isinstance(third, Figure)
    assert [f.number for f in (first, second, third)] == [1, 2, 3]
    assert [f.image_format for f in (first, second, third)] == ["png", "jpeg", "svg"]
    assert first.credit is None and second.credit == "ITU / CC BY 2.0"
    assert first.file == (tree / "bilder" / "karte.png").resolve()


@pytest.mark.parametrize(
    ("src", "message"),
    [
        ("/etc/hostname", "not an absolute path"),
        ("../../../etc/hostname", "lies outside the content folder"),
        ("https://example.org/a.png", "not addresses"),
        ("fehlt.png", "no such file"),
        ("kaputt.png", "not a readable PNG, JPEG or SVG image"),
        ("kaputt.svg", "SVG"),
        ("bilder", "is not a file"),
        ("link.png", "lies outside the content folder"),
    ],
)
def test_bad_figure_files_are_located(write: Write, tree: Path, src: str, message: str) -> None:
    (tree / "kaputt.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    (tree / "kaputt.svg").write_text("<svg><g></svg", encoding="utf-8")
    os.symlink("/etc/hostname", tree / "link.png")
    found = problems_of(write(f"Text\n\n![Bild]({src})\n"))
    assert len(found) == 1, found
    assert (found[0].line, found[0].column) == (10, 1)
    assert message in found[0].message


def test_symlink_inside_the_tree_is_fine(write: Write, tree: Path) -> None:
    os.symlink(tree / "bilder" / "foto.jpg", tree / "alias.jpg")
    assert read_report(write("![Foto](alias.jpg)\n")).report.body[0].kind == "figure"


def test_truncated_jpeg_is_an_error(write: Write, tree: Path) -> None:
    data = (tree / "bilder" / "foto.jpg").read_bytes()
    (tree / "halb.jpg").write_bytes(data[: len(data) // 3])
    found = problems_of(write("![Foto](halb.jpg)\n"))
    assert "damaged" in found[0].message or "not a readable" in found[0].message


def test_figure_needs_a_caption(write: Write) -> None:
    found = problems_of(write("![](bilder/foto.jpg)\n"))
    assert found[0].message.startswith("the figure has no caption")


def test_image_inside_text_is_refused(write: Write) -> None:
    found = problems_of(write("Siehe ![Foto](bilder/foto.jpg) hier.\n"))
    assert (found[0].line, found[0].column) == (8, 7)
    assert found[0].message.startswith("an image must stand alone as a figure")
