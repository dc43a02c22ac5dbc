"""Tables as a publications office sets them: numbers on their decimal separator,
numbered captions per language, minus signs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lagebericht.model import Paragraph, Table, Text
from lagebericht.validate.body import parse_body
from tests.pdf_inspect import chars, number, page_texts

Build = Callable[..., bytes]


def _x(pdf: bytes, text: str) -> list[tuple[float, float]]:
    """(x0, x1) of each character of ``text`` where it is printed on page 1 (spaces are
    not drawn: ``text`` has none)."""
    page = [c for c in chars(pdf)[0] if str(c["text"]).strip()]
    joined = "".join(str(c["text"]) for c in page)
    at = joined.index(text)
    return [(number(c, "x0"), number(c, "x1")) for c in page[at : at + len(text)]]


@pytest.mark.parametrize(("language", "sep"), [("de", ","), ("ru", ","), ("en", ".")])
def test_numbers_stand_on_the_decimal_separator(build: Build, language: str, sep: str) -> None:
    values = [f"18{sep}6", f"0{sep}65", "3", f"120{sep}125"]
    rows = "".join(f"| Ort {i} | {v} |\n" for i, v in enumerate(values))
    pdf = build(f"| Stausee | Kapazität in Mrd. m³ |\n|---|--:|\n{rows}", language=language)
    separators = [_x(pdf, v)[v.index(sep)][0] for v in values if sep in v]
    assert max(separators) - min(separators) < 0.05, separators
    # A whole number ends where the separator stands.
    assert abs(_x(pdf, "Ort23")[-1][1] - separators[0]) < 0.05


def test_unaligned_number_column_also_on_the_separator(build: Build) -> None:
    rows = "| A | 18,6 % |\n| B | 0,65 % |\n| C | 12 % |\n"
    pdf = build(f"| Ort | Anteil |\n|---|---|\n{rows}")
    commas = [_x(pdf, v)[v.index(",")][0] for v in ("18,6", "0,65")]
    assert abs(commas[0] - commas[1]) < 0.05
    assert abs(_x(pdf, "C12")[-1][1] - commas[0]) < 0.05


def test_a_text_column_stays_as_it_is(build: Build) -> None:
    pdf = build("| Ort | Wert |\n|---|--:|\n| A | 18,6 |\n| B | etwa 0,65 |\n")
    assert abs(_x(pdf, "18,6")[-1][1] - _x(pdf, "0,65")[-1][1]) < 0.05  # right-aligned


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [
        ("de", "Tabelle 1:", "Tabelle 2:"),
        ("en", "Table 1:", "Table 2:"),
        ("ru", "Таблица 1:", "Таблица 2:"),
        ("kk", "Кесте 1:", "Кесте 2:"),
    ],
)
def test_tables_have_numbered_captions_above_them(
    build: Build, language: str, first: str, second: str
) -> None:
    body = (
        ": Füllstände im August\n\n| Stausee | Fluss |\n|---|---|\n| Kapschagai | Ili |\n\n"
        "Text dazwischen.\n\n| Jahr | Menge |\n|---|--:|\n| 2023 | 5 |\n: Abflüsse\n\n"
        "| Ohne | Titel |\n|---|---|\n| x | y |\n"
    )
    text = " ".join(page_texts(build(body, language=language))[0].split())
    assert f"{first} Füllstände im August Stausee Fluss Kapschagai Ili" in text
    assert f"{second} Abflüsse Jahr Menge 2023 5" in text
    assert text.count(first.split()[0]) == 2  # the table without caption has no number


def test_caption_is_not_repeated_on_the_next_page_but_the_header_is(build: Build) -> None:
    rows = "".join(f"| Region {i} | {i} |\n" for i in range(1, 120))
    texts = page_texts(build(f"| Gebiet | Zahl |\n|---|---|\n{rows}\nTable: Regionen\n"))
    assert len(texts) >= 2
    assert "Tabelle 1: Regionen" in texts[0]
    assert "Tabelle" not in texts[1] and "Gebiet Zahl" in texts[1]


def test_negative_numbers_in_cells_get_the_minus_sign(build: Build) -> None:
    pdf = build("| Stausee | Veränderung |\n|---|---|\n| A | -13 |\n| B | -4,5 |\n| C | 2 |\n")
    text = page_texts(pdf)[0]
    assert "\u221213" in text and "\u22124,5" in text
    assert "-13" not in text
    commas = _x(pdf, "\u22124,5")[2][0]
    assert abs(_x(pdf, "\u221213")[-1][1] - commas) < 0.05


def test_caption_paragraphs_are_read_into_their_table() -> None:
    source = (
        ": Vorher\n| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n: Direkt darunter\n\n"
        "| c |\n|---|\n| 3 |\n\nTable: Danach\n\n: kein Tabellentitel\n"
    )
    blocks = parse_body(Path("x.md"), source, 1).blocks
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [(t.caption, t.number) for t in tables] == [
        ((Text(text="Vorher"),), 1),
        ((Text(text="Direkt darunter"),), 2),
        ((Text(text="Danach"),), 3),
    ]
    assert [len(t.rows) for t in tables] == [1, 1, 1]
    # A paragraph like a caption with no table next to it stays a paragraph.
    assert isinstance(blocks[-1], Paragraph)
