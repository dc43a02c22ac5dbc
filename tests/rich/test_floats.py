"""Figures and short tables float: the text fills the page, the float goes to the next top."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image

from tests.pdf_inspect import page_texts
from tests.rich.boxes import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, boxes, find, largest_gap

Build = Callable[..., bytes]
LONG = "Ein langer Absatz über die Wasserwirtschaft Zentralasiens und ihre Folgen. " * 12
FILL = "\n\n".join([LONG] * 3)  # page 1 with the header block: little room is left
PHOTO = '![Das Foto](bilder/foto.jpg "Foto: Büro")'  # 1200 × 600 px: text width, 234 pt high


def _table(rows: int) -> str:
    body = "".join(f"| Region {i} | Syrdarja | {i * 10} |\n" for i in range(1, rows + 1))
    return "| Gebiet | Fluss | Wert |\n|---|---|--:|\n" + body


def test_figure_that_does_not_fit_lets_the_text_go_on_and_tops_the_next_page(
    build: Build,
) -> None:
    pdf = build(f"{FILL}\n\n{PHOTO}\n\nNachtext nach dem Bild.\n\n{LONG}\n\n{LONG}\n")
    pages = boxes(pdf)
    text_page, _ = find(pages, "Nachtext")
    figure_page, caption = find(pages, "Abbildung")
    assert (text_page, figure_page) == (0, 1)
    (image,) = [b for b in pages[1] if b.kind == "image"]
    assert abs(image.top - TOP) < 2  # at the top of the text block
    assert image.bottom < caption.top
    # Page 1 is filled: no stretch of a fifth of its height stays empty.
    assert largest_gap(pages[0], LEFT, RIGHT) < 0.2 * HEIGHT


def test_figures_keep_their_order_and_numbers_in_page_order(build: Build, tree: Path) -> None:
    Image.new("RGB", (300, 60), "#c8102e").save(tree / "bilder" / "klein.png")  # 144 × 29 pt
    pdf = build(
        f"{FILL}\n\n{PHOTO}\n\nZwischentext.\n\n![Klein](bilder/klein.png)\n\n"
        f"Danach.\n\n{LONG}\n\n{LONG}\n"
    )
    texts = page_texts(pdf)
    # The small figure would fit on page 1, but the photo before it waits: so does it.
    assert [n for n in (1, 2) if f"Abbildung {n}:" in texts[0]] == []
    assert texts[1].index("Abbildung 1:") < texts[1].index("Abbildung 2:")
    assert "Danach." in texts[0]  # the text went on on page 1


def test_a_waiting_figure_is_set_before_the_imprint(build: Build) -> None:
    pdf = build(f"{FILL}\n\nSchlusssatz.\n\n{PHOTO}\n")
    pages = boxes(pdf)
    texts = page_texts(pdf)
    assert sum(t.count("Abbildung 1:") for t in texts) == 1
    figure = find(pages, "Abbildung")
    imprint = find(pages, "Impressum")
    assert (figure[0], figure[1].top) < (imprint[0], imprint[1].top)


def test_figure_taller_than_a_page_is_shrunk_onto_one_page(build: Build, tree: Path) -> None:
    Image.new("RGB", (400, 3000), "#3a6ea5").save(tree / "bilder" / "hoch.png")
    caption = "Eine sehr lange Bildunterschrift mit vielen Erläuterungen zum Bild. " * 75
    pdf = build(f"Davor.\n\n![{caption}Ende](bilder/hoch.png)\n\nDanach.\n")
    pages = boxes(pdf, everywhere=True)
    page, image = next((i, b) for i, p in enumerate(pages) for b in p if b.kind == "image")
    end_page, end = find(pages, "Ende")
    assert end_page == page  # caption and image on one page
    assert image.bottom < find(pages, "Abbildung")[1].top
    assert image.bottom - image.top < 0.45 * HEIGHT - 5  # scaled down to make room
    assert image.top >= TOP - 1 and end.bottom <= BOTTOM + 1  # inside the text block


def test_short_table_floats_whole_to_the_next_page(build: Build) -> None:
    pdf = build(f"{FILL}\n\n{_table(12)}\nNachtext nach der Tabelle.\n\n{LONG}\n\n{LONG}\n")
    pages = boxes(pdf)
    assert find(pages, "Nachtext")[0] == 0
    header_page, header = find(pages, "Gebiet")
    assert header_page == 1 and abs(header.top - TOP) < 12
    texts = page_texts(pdf)
    assert "Region" not in texts[0]
    assert all(f"Region {i} Syrdarja {i * 10}" in texts[1] for i in range(1, 13))  # whole


def test_long_table_starts_right_under_its_introduction(build: Build) -> None:
    pdf = build(f"{FILL}\n\nDie Werte im Überblick:\n\n{_table(60)}")
    pages = boxes(pdf)
    intro_page, intro = find(pages, "Überblick:")
    assert intro_page == 0
    first_row = next(b for b in pages[0] if b.text == "Region" and b.top > intro.top)
    assert first_row.top - intro.bottom < 40  # header and first rows follow on the page
    assert "Gebiet" in page_texts(pdf)[1]  # the header is repeated on the next page


def test_introduced_short_table_floats_and_its_introduction_stays(build: Build) -> None:
    body = f"{FILL}\n\nDie Werte im Überblick:\n\n{_table(12)}\nNachtext.\n\n{LONG}\n\n{LONG}\n"
    pdf = build(body)
    pages = boxes(pdf)
    assert find(pages, "Überblick:")[0] == find(pages, "Nachtext")[0] == 0
    header_page, header = find(pages, "Gebiet")
    assert header_page == 1 and abs(header.top - TOP) < 12
    assert largest_gap(pages[0], LEFT, RIGHT) < 0.2 * HEIGHT


def test_section_opening_with_a_figure_that_does_not_fit_keeps_its_heading(
    build: Build,
) -> None:
    pdf = build(f"{FILL}\n\n## Abschnitt\n\n{PHOTO}\n\nErster Satz des Abschnitts. {LONG}\n")
    pages = boxes(pdf)
    heading_page, heading = find(pages, "Abschnitt")
    text_page, text = find(pages, "Erster")
    assert heading_page == text_page == 0 and text.top > heading.bottom
    assert find(pages, "Abbildung")[0] == 1
