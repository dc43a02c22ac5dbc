"""Two columns: wide figures and tables across both at the top of a page, balanced ends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image

from tests.pdf_inspect import page_texts
from tests.rich.boxes import (
    COLUMN,
    GAP,
    LEFT,
    LINE,
    MIDDLE,
    RIGHT,
    TOP,
    Box,
    boxes,
    find,
)
from tests.rich.conftest import two_columns

Build = Callable[..., bytes]
LONG = "Ein langer Absatz über die Wasserwirtschaft Zentralasiens und ihre Folgen. " * 12
BODY_SIZE = 10.5


def _body(page: list[Box], left: bool) -> list[Box]:
    """Body-text words of one column."""
    return [
        b
        for b in page
        if b.kind == "word"
        and abs(b.size - BODY_SIZE) < 0.1
        and (b.x1 < MIDDLE if left else b.x0 > MIDDLE)
    ]


def _wide_table(rows: int, note: str = "") -> str:
    head = "| Stausee | Fluss | Kapazität | Füllstand 2023 | Füllstand 2024 | Veränderung |\n"
    sep = "|:--|:--|--:|--:|--:|--:|\n"
    body = "".join(
        f"| Gegenregulator {i}{note if i == 2 else ''} | Syrdarja | 3,0 | 35 % | 22 % | −13 |\n"
        for i in range(1, rows + 1)
    )
    return head + sep + body


def test_last_page_columns_are_balanced_with_notes_on_their_page(build: Build) -> None:
    body = "\n\n".join([LONG] * 10) + "\n\nZum Schluss die Stelle[^n].\n\n" + LONG
    pdf = build(body + "\n\n[^n]: Die Fußnote am Ende.\n", theme=two_columns())
    pages = boxes(pdf)
    last = len(pages) - 1
    left, right = _body(pages[last], True), _body(pages[last], False)
    assert left and right
    bottom_left = max(b.bottom for b in left)
    bottom_right = max(b.bottom for b in right)
    # The note stays on the page of its reference, below it in the same column.
    ref_page, ref = find(pages, "Stelle")
    note_page, note = find(pages, "Fußnote")
    assert ref_page == note_page == last
    assert (ref.x0 < MIDDLE) == (note.x0 < MIDDLE) and note.top > ref.bottom
    # Balanced: a column ends with its last line, or with its notes at its foot.
    if note.x0 < MIDDLE:
        bottom_left = max(bottom_left, note.bottom)
    else:
        bottom_right = max(bottom_right, note.bottom)
    assert abs(bottom_left - bottom_right) <= 2 * LINE + 1
    # The imprint follows below both columns, across the full width.
    imprint_page, imprint = find(pages, "Impressum")
    assert imprint_page == last and imprint.top > max(bottom_left, bottom_right, note.bottom)


def test_wide_figure_spans_both_columns_at_the_top_of_the_next_page(build: Build) -> None:
    body = f'{LONG}\n\n![Das Foto](bilder/foto.jpg "Foto: Büro")\n\nNachtext.\n\n'
    pdf = build(body + "\n\n".join([LONG] * 8), theme=two_columns())
    pages = boxes(pdf)
    assert find(pages, "Nachtext")[0] == 0  # the text goes on on page 1
    page = next(i for i, p in enumerate(pages) if any(b.kind == "image" for b in p))
    (image,) = [b for b in pages[page] if b.kind == "image"]
    assert page == 1 and abs(image.top - TOP) < 2
    assert image.x0 >= LEFT - 0.5 and image.x1 <= RIGHT + 0.5
    assert image.x1 - image.x0 > COLUMN + GAP  # across the gap
    caption = find(pages, "Abbildung")[1]
    below = [b for b in pages[page] if b.top > caption.bottom]
    assert _body(below, True) and _body(below, False)  # both columns start below it


def test_wide_table_spans_both_columns_with_its_note_on_the_page(build: Build) -> None:
    table = _wide_table(5, "[^t]")
    body = f"{LONG}\n\n{table}\nNachtext.\n\n" + "\n\n".join([LONG] * 6)
    pdf = build(body + "\n\n[^t]: Die Tabellennote.\n", theme=two_columns())
    pages = boxes(pdf)
    page, header = find(pages, "Stausee")
    assert abs(header.top - TOP) < 12
    row = [b for b in pages[page] if abs(b.top - find(pages, "Gegenregulator")[1].top) < 1]
    assert min(b.x0 for b in row) < MIDDLE - GAP and max(b.x1 for b in row) > MIDDLE + GAP
    assert all(b.x0 >= LEFT - 0.5 and b.x1 <= RIGHT + 0.5 for b in pages[page])
    text = page_texts(pdf)[page]
    assert "Syrdarja" in text and "Gegenregulator 1" in text  # no word broken in a cell
    assert "Die Tabellennote." in text


def test_long_wide_table_continues_at_the_top_of_pages_with_its_header(build: Build) -> None:
    table = _wide_table(70)
    pdf = build(f"{LONG}\n\n{table}\n" + "\n\n".join([LONG] * 10), theme=two_columns())
    pages = boxes(pdf)
    texts = page_texts(pdf)
    with_rows = [i for i, t in enumerate(texts) if "Gegenregulator" in t]
    assert len(with_rows) >= 2
    for index in with_rows:
        header = next(b for b in pages[index] if b.text == "Stausee")
        assert abs(header.top - TOP) < 12
    assert all(f"Gegenregulator {i} " in "".join(texts) for i in range(1, 71))


def test_small_picture_stays_in_its_column(build: Build, tree: Path) -> None:
    Image.new("RGB", (300, 200), "#3a6ea5").save(tree / "bilder" / "klein.png")  # 144 pt
    body = f"Davor.\n\n![Klein](bilder/klein.png)\n\n{LONG}\n\n{LONG}\n"
    pdf = build(body, theme=two_columns())
    pages = boxes(pdf)
    (image,) = [b for b in pages[0] if b.kind == "image"]
    assert image.x1 < MIDDLE  # set in the first column, on the page of its reference


def test_wide_figure_at_the_end_is_set_before_the_imprint(build: Build) -> None:
    body = "\n\n".join([LONG] * 3) + '\n\n![Das Foto](bilder/foto.jpg "Foto: Büro")\n'
    pdf = build(body, theme=two_columns())
    pages = boxes(pdf)
    assert sum(t.count("Abbildung 1:") for t in page_texts(pdf)) == 1
    figure, imprint = find(pages, "Abbildung"), find(pages, "Impressum")
    assert (figure[0], figure[1].top) < (imprint[0], imprint[1].top)
    assert build(body, theme=two_columns()) == build(body, theme=two_columns())


def test_long_notes_in_short_columns_below_a_band_are_laid_out(build: Build) -> None:
    # Found by a random search: two wide figures leave short columns, where a paragraph
    # and its long note fit neither the first nor the second column of the page.
    sentence = "Ein langer Absatz über die Wasserwirtschaft Zentralasiens und ihre Folgen. "
    rows = "".join(f"| Zeile {i} | {i} |\n" for i in range(8))
    body = (
        '![Bild 1](bilder/foto.jpg "Quelle")\n\n![Bild 2](bilder/grafik.svg "Quelle")\n\n'
        f"{sentence * 8}Eins[^a]\n\n| A | B |\n|---|--:|\n{rows}\nDie Werte:\n\n"
        f"{sentence * 13}\n\n{sentence * 13}\n\n{sentence * 5}\n\n{sentence * 4}Zwei[^b]\n\n"
        f"[^a]: Note a {'Text der Note. ' * 19}\n\n[^b]: Note b {'Text der Note. ' * 29}\n"
    )
    pages = boxes(build(body, theme=two_columns()))
    for reference, note in (("Eins", "a"), ("Zwei", "b")):
        page = find(pages, reference)[0]
        assert any(b.text == note and b.size < 9 for b in pages[page])  # "Note a"
