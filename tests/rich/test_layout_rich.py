"""Layout of tables, figures, lists and quotes: positions, fonts, page breaks, footnotes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lagebericht.problems import Code, InputError
from tests.pdf_inspect import BASE14, chars, fonts, number, page_texts
from tests.rich.conftest import two_columns

Build = Callable[..., bytes]
LONG = "Ein langer Absatz über die Wasserwirtschaft Zentralasiens und ihre Folgen. " * 12


def _lines(pdf: bytes, page: int) -> dict[str, tuple[float, float]]:
    """First x0 and x1 of every word on ``page``."""
    words: dict[str, tuple[float, float]] = {}
    for c in chars(pdf)[page]:
        words.setdefault(str(c["text"]), (number(c, "x0"), number(c, "x1")))
    return words


def _word_boxes(pdf: bytes, page: int) -> list[dict[str, float | str]]:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return list(doc.pages[page].extract_words())


def test_every_font_embedded_none_base14(build: Build) -> None:
    pdf = build(
        "| A | B |\n|---|--:|\n| x | 1 |\n\n![Grafik](bilder/grafik.svg)\n\n"
        '![Karte](bilder/karte.png "Quelle")\n\n> Zitat\n\n1. eins\n   - zwei\n'
    )
    found = fonts(pdf)
    assert found
    assert all(f.embedded for f in found), found
    assert not [f for f in found if BASE14.match(f.name.lstrip("/"))]


def test_svg_text_is_set_in_the_theme_fonts(build: Build) -> None:
    pdf = build("![Grafik](bilder/grafik.svg)\n")
    svg_chars = [c for c in chars(pdf)[0] if str(c["text"]) in "RBI" and number(c, "size") > 9]
    names = {str(c["fontname"]) for c in svg_chars}
    assert any("Roboto-Bold" in n for n in names), names
    assert any("Roboto-Italic" in n for n in names), names
    assert all("Roboto" in n for n in names), names


def test_numbers_right_aligned_header_repeated_after_page_break(build: Build) -> None:
    rows = "".join(f"| Region {i} | {i * 1000:,} |\n".replace(",", ".") for i in range(1, 90))
    pdf = build(f"| Gebiet | Einwohner |\n|---|---|\n{rows}")
    texts = page_texts(pdf)
    assert len(texts) >= 2
    for text in texts[:2]:
        assert "Gebiet Einwohner" in text  # header on every page of the table
    words = _word_boxes(pdf, 0)
    numbers = [w for w in words if str(w["text"]).replace(".", "").isdigit()]
    in_table = [w for w in numbers if float(w["x0"]) > 130 and 150 < float(w["top"]) < 760]
    right_edges = {round(float(w["x1"])) for w in in_table}
    assert len(right_edges) == 1  # unaligned column: numbers right-aligned


def test_explicit_alignment_is_followed(build: Build) -> None:
    pdf = build("| Name | Zahl |\n|--:|:--|\n| a | 1 |\n| bbbbbbbb | 22222 |\n")
    words: dict[str, dict[str, float | str]] = {}
    for w in _word_boxes(pdf, 0):
        words.setdefault(str(w["text"]), w)
    assert round(float(words["a"]["x1"])) == round(float(words["bbbbbbbb"]["x1"]))
    assert round(float(words["1"]["x0"])) == round(float(words["22222"]["x0"]))


def test_wide_table_is_wrapped_inside_the_margins(build: Build) -> None:
    cell = "Sehr lange Zelleninhalte mit Verwaltungsvorschriften"
    head = "| " + " | ".join(f"Spalte {i}" for i in range(6)) + " |\n"
    sep = "|" + "---|" * 6 + "\n"
    pdf = build(head + sep + ("| " + " | ".join([cell] * 6) + " |\n") * 3)
    right = 595.28 - 20 * 72 / 25.4
    left = 25 * 72 / 25.4
    for c in chars(pdf)[0]:
        assert left - 0.5 <= number(c, "x0") and number(c, "x1") <= right + 0.5


def test_table_that_cannot_fit_is_refused_with_its_line(build: Build) -> None:
    head = "| " + " | ".join(f"S{i}" for i in range(30)) + " |\n"
    sep = "|" + "---|" * 30 + "\n"
    row = "| " + " | ".join(["Grenzwasserkommission"] * 30) + " |\n"
    with pytest.raises(InputError) as caught:
        build("Text\n\n" + head + sep + row)
    (problem,) = caught.value.problems
    assert problem.line == 10
    assert "too wide for the text block" in problem.message


TALL = "Ein Wort mehr " * 800  # taller than a page, across the text and in a column


@pytest.mark.parametrize("columns", [False, True])
@pytest.mark.parametrize(
    ("body", "line", "says"),
    [
        (f"| A | B |\n|---|---|\n| a | b |\n| {TALL} | c |\n", 13, "row 2 of the table"),
        (f"| {TALL} | B |\n|---|---|\n| a | b |\n", 10, "header row"),
        (f"Table: {TALL}\n\n| A | B |\n|---|---|\n| a | b |\n", 12, "caption"),
    ],
)
def test_a_table_part_taller_than_a_page_is_refused_with_its_line(
    build: Build, columns: bool, body: str, line: int, says: str
) -> None:
    with pytest.raises(InputError) as caught:
        build("Text\n\n" + body, theme=two_columns() if columns else None)
    (problem,) = caught.value.problems
    assert (problem.line, problem.code) == (line, Code.TABLE_TOO_TALL)
    assert says in problem.message and "too tall for a page" in problem.message


def _notes(count: int, words: int) -> tuple[str, str]:
    """References to ``count`` notes in a row, and the notes, ``words`` words each."""
    marks = "".join(f"[^n{i}]" for i in range(count))
    return marks, "".join(f"[^n{i}]: {'Wort ' * words}\n\n" for i in range(count))


@pytest.mark.parametrize("columns", [False, True])
@pytest.mark.parametrize(
    ("block", "line"),
    [
        ("Text{marks}", 10),
        ("- Eins\n- Text{marks}", 11),
        ("> Text{marks}", 10),
        ("## T{marks}", 10),
    ],
)
def test_notes_of_one_line_longer_than_a_page_are_refused_with_its_line(
    build: Build, columns: bool, block: str, line: int
) -> None:
    marks, notes = _notes(100, 30)
    body = f"Einleitung.\n\n{block.format(marks=marks)}\n\nSchluss.\n\n{notes}"
    with pytest.raises(InputError) as caught:
        build(body, theme=two_columns() if columns else None)
    (problem,) = caught.value.problems
    assert (problem.line, problem.code) == (line, Code.FOOTNOTE)
    assert "do not fit on the page of their reference" in problem.message
    # Fewer of the same notes are set, each on the page of its reference.
    marks, notes = _notes(8, 30)
    assert build(f"Einleitung.\n\n{block.format(marks=marks)}\n\nSchluss.\n\n{notes}")


@pytest.mark.parametrize("columns", [False, True])
def test_a_row_that_fits_only_without_its_notes_is_refused_with_the_tables_line(
    build: Build, columns: bool
) -> None:
    # The row fits a page, but not with its footnote at the page's foot.
    words = 190 if columns else 430
    note = "Eine lange Fußnote zur Zeile. " * 30
    body = f"| A | B |\n|---|---|\n| {'Ein Wort mehr ' * words}[^n] | b |\n\n[^n]: {note}\n"
    with pytest.raises(InputError) as caught:
        build("Text\n\n" + body, theme=two_columns() if columns else None)
    (problem,) = caught.value.problems
    assert (problem.line, problem.code) == (10, Code.TABLE_TOO_TALL)
    assert "footnotes it references" in problem.message
    # Without the note the same row is set.
    assert build("Text\n\n" + body.replace("[^n]", "").split("\n\n")[0] + "\n")


def test_footnote_in_a_table_cell_is_on_the_page_of_its_row(build: Build) -> None:
    rows = "".join(f"| Zeile {i} | {i} |\n" for i in range(1, 70))
    rows += "| Ende[^n] | 70 |\n"
    pdf = build(f"| A | B |\n|---|--:|\n{rows}\n[^n]: Die Note zur letzten Zeile.\n")
    texts = page_texts(pdf)
    page = next(i for i, t in enumerate(texts) if "Ende" in t)
    assert "Die Note zur letzten Zeile." in texts[page]
    assert all("Die Note" not in t for i, t in enumerate(texts) if i != page)


@pytest.mark.parametrize(
    ("language", "label"), [("de", "Abbildung 1:"), ("en", "Figure 1:"), ("ru", "Рисунок 1:")]
)
def test_caption_label_per_language(build: Build, language: str, label: str) -> None:
    pdf = build('![Karte](bilder/karte.png "ITU Pictures / flickr / CC BY 2.0")\n', language)
    text = page_texts(pdf)[0]
    assert f"{label} Karte" in text
    assert "ITU Pictures / flickr / CC BY 2.0" in text


def test_figure_kept_with_caption_and_never_wider_than_the_text(build: Build) -> None:
    pdf = build(f'{LONG}\n\n{LONG}\n\n{LONG}\n\n![Das Foto](bilder/foto.jpg "Foto: Büro")\n')
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            text = page.extract_text() or ""
            if "Abbildung 1:" in text:
                (image,) = page.images
                assert "Foto: Büro" in text
                assert image["x1"] - image["x0"] <= 595.28 - 45 * 72 / 25.4 + 0.5
                # 1200 px at no less than 150 dpi: at most 8 inches; here the text width.
                caption = next(w for w in page.extract_words() if w["text"] == "Abbildung")
                assert caption["top"] > image["bottom"]
                break
        else:
            raise AssertionError("no page with the caption")


def test_small_bitmap_is_not_enlarged_beyond_150_dpi(build: Build) -> None:
    import io

    import pdfplumber

    pdf = build("![Karte](bilder/karte.png)\n")  # 600 px → 4 in = 288 pt
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        (image,) = doc.pages[0].images
    assert abs((image["x1"] - image["x0"]) - 288) < 0.5


def test_block_quote_has_the_language_quotes_hanging(build: Build) -> None:
    for language, (opening, closing) in {
        "de": ("„", "“"),
        "en": ("“", "”"),
        "ru": ("«", "»"),
    }.items():
        pdf = build(f"Davor steht ein Satz.\n\n> {LONG}\n", language)
        text = page_texts(pdf)[0]
        assert opening + "Ein langer" in text
        assert text.rstrip().split("Folgen.")[-2].endswith("") and f"Folgen.{closing}" in text
        page = chars(pdf)[0]
        mark = next(c for c in page if c["text"] == opening)
        first_e = next(c for c in page if c["text"] == "E" and number(c, "x0") > number(mark, "x0"))
        top = number(mark, "top")
        later = [number(c, "x0") for c in page if top + 5 < number(c, "top") < top + 40]
        # The text after the hanging mark starts at the quote's indent, like its other lines.
        assert abs(number(first_e, "x0") - min(later)) < 0.6


def test_quote_that_brings_its_own_marks_gets_none_added(build: Build) -> None:
    text = page_texts(build('> "Wörtlich," sagte er.\n'))[0]
    assert "„Wörtlich,“ sagte er." in text
    assert "„„" not in text and "er.“" not in text


def test_numbered_and_nested_lists(build: Build) -> None:
    items = "".join(f"{i}. Punkt {i}\n" for i in range(1, 12))
    pdf = build(f"{items}\n- oben\n  - mitte\n    - unten\n")
    words = {str(w["text"]): w for w in _word_boxes(pdf, 0)}
    # "9." and "10." end at the same point; the item texts start at one indent.
    assert abs(float(words["9."]["x1"]) - float(words["10."]["x1"])) < 0.5
    xs = [float(words[w]["x0"]) for w in ("oben", "mitte", "unten")]
    assert xs[0] < xs[1] < xs[2]
    assert "–" in page_texts(pdf)[0]  # second-level marker


def test_two_columns_note_at_the_foot_of_its_column(build: Build) -> None:
    body = "\n\n".join([LONG] * 6) + "\n\nHier die Stelle[^n].\n\n" + "\n\n".join([LONG] * 3)
    pdf = build(body + "\n\n[^n]: Die Fußnote.\n", theme=two_columns())
    texts = page_texts(pdf)
    page = next(i for i, t in enumerate(texts) if "Stelle" in t)
    assert "Die Fußnote." in texts[page]
    words = _word_boxes(pdf, page)
    ref = next(w for w in words if str(w["text"]).startswith("Stelle"))
    note = next(w for w in words if str(w["text"]).startswith("Fußnote"))
    mid = 595.28 / 2
    assert (float(ref["x0"]) < mid) == (float(note["x0"]) < mid)
    assert float(note["top"]) > float(ref["top"])


def test_two_columns_title_full_width_body_in_two(build: Build) -> None:
    pdf = build("\n\n".join([LONG] * 8), theme=two_columns())
    words = _word_boxes(pdf, 0)
    body_x = sorted({round(float(w["x0"])) for w in words if w["text"] == "Ein"})
    mid = 595.28 / 2
    assert body_x[0] < mid < body_x[-1]  # text in both columns
    assert "Wasser in Zentralasien" in page_texts(pdf)[0]


def test_reading_an_svg_never_looks_for_the_machines_fonts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # svglib would try a font file named after the family, then fontconfig.
    from svglib.fonts import FontMap

    from lagebericht.layout.fonts import family_of
    from lagebericht.load.svg import read_svg
    from lagebericht.theme import load_theme

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("looked for a font of the machine")

    monkeypatch.setattr(FontMap, "use_fontconfig", refuse)
    monkeypatch.setattr(FontMap, "guess_font_filename", refuse)
    svg = tmp_path / "t.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
        '<text x="100" y="20" font-family="Verdana" text-anchor="middle">Mitte</text>'
        '<text x="0" y="40" font-family="DejaVu Serif" font-weight="700">Fett</text>'
        '<text x="0" y="55" font-family="Comic Sans" font-style="italic">Kursiv</text></svg>'
    )
    fonts = family_of(load_theme())
    drawing = read_svg(svg, tmp_path, fonts)
    names = [s.fontName for s in _svg_strings(drawing)]
    assert names == [fonts.regular, fonts.bold, fonts.italic]
    read_svg(svg, tmp_path)  # only checking the file (validation): no lookup either


def _svg_strings(group: object) -> list[Any]:
    from reportlab.graphics.shapes import Group, String

    found: list[Any] = []
    for node in getattr(group, "contents", ()):
        if isinstance(node, String):
            found.append(node)
        elif isinstance(node, Group):
            found.extend(_svg_strings(node))
    return found
