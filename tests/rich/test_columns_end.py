"""Two columns: a wide figure still waiting when the columns end goes to the top of the
last page (or of the next), never below the balanced columns, so that the notes stay at
the foot of their column (issue 15, point 1)."""

from __future__ import annotations

from collections.abc import Callable

from tests.rich.boxes import BOTTOM, MIDDLE, TOP, Box, boxes, find
from tests.rich.conftest import two_columns

Build = Callable[..., bytes]
LONG = "Ein langer Absatz über die Wasserwirtschaft Zentralasiens und ihre Folgen. " * 6
TABLE = (
    "| Stausee | Fluss | Füllstand |\n|:--|:--|--:|\n"
    "| Kapschagai | Ili | 39 % |\n| Schardara | Syrdarja | 44 % |\n"
)
NOTE_SIZE = 8.0


def _note_words(page: list[Box]) -> list[Box]:
    return [b for b in page if b.kind == "word" and abs(b.size - NOTE_SIZE) < 0.1]


def _report(paragraphs: int) -> str:
    before = "\n\n".join([LONG] * paragraphs)
    return (
        f"{before}\n\nDer Stand im Sommer[^n]:\n\n{TABLE}\n"
        "> Wasser ist keine technische Frage mehr.\n\n"
        "- Kirgistan erzeugt im Winter Strom.\n- Kasachstan braucht das Wasser im Sommer.\n\n"
        'Die Karte zeigt es.\n\n![Die Einzugsgebiete](bilder/foto.jpg "Karte: Büro")\n\n'
        f"{LONG}\n\n[^n]: Nach Angaben von Kazhydromet, vorläufige Werte.\n"
    )


def _body(page: list[Box]) -> list[Box]:
    return [b for b in page if b.kind == "word" and abs(b.size - 10.5) < 0.1]


def _at_column_foot(page: list[Box], note: Box) -> None:
    """Nothing of the note's column's text is below the note."""
    column = [b for b in _body(page) if (b.x0 < MIDDLE) == (note.x0 < MIDDLE)]
    assert column and max(b.bottom for b in column) < note.top


def test_wide_figure_at_the_end_goes_to_the_top_of_the_last_page(build: Build) -> None:
    pages = boxes(build(_report(9), theme=two_columns()))
    page, caption = find(pages, "Einzugsgebiete")
    (image,) = [b for b in pages[page] if b.kind == "image"]
    assert page == len(pages) - 1 and abs(image.top - TOP) < 2
    body = _body(pages[page])
    assert body and min(b.top for b in body) > caption.bottom  # the columns below it
    note_page, note = find(pages, "Kazhydromet,")
    assert note_page == page and note.top > image.bottom
    _at_column_foot(pages[page], note)
    imprint_page, imprint = find(pages, "Impressum")
    assert imprint_page == page and imprint.top > note.bottom


def test_wide_figure_that_does_not_fit_goes_to_the_next_page(build: Build) -> None:
    # Page 1 has no room for the figure above its columns: the figure opens page 2,
    # and the note of page 1 stays at the foot of page 1, not in mid-page.
    pages = boxes(build(_report(3), theme=two_columns()))
    page, _ = find(pages, "Einzugsgebiete")
    (image,) = [b for b in pages[page] if b.kind == "image"]
    assert page == 1 and abs(image.top - TOP) < 2
    note_page, note = find(pages, "Kazhydromet,")
    assert note_page == 0
    notes = _note_words(pages[0])
    assert BOTTOM - max(b.bottom for b in notes) < 4  # at the foot of the page
    _at_column_foot(pages[0], note)


PARAGRAPH = "Ein langer Absatz über die Wasserwirtschaft Zentralasiens und ihre Folgen. " * 12


def _referenced_after(words: int) -> str:
    """Four long paragraphs fill page 1; ``words`` more words open page 2 before the
    paragraph that references a wide figure."""
    return (
        "\n\n".join([PARAGRAPH] * 4)
        + "\n\n"
        + "Wort " * words
        + "\n\nKurz davor.\n\n![Foto](bilder/foto.jpg)\n\nNachtext.\n\n"
        + "\n\n".join([PARAGRAPH] * 4)
    )


def test_wide_figure_met_near_a_page_top_goes_to_the_top_of_that_page(build: Build) -> None:
    # 40 words: the reference is in the first lines of page 2's first column.
    pages = boxes(build(_referenced_after(40), theme=two_columns()))
    page, reference = find(pages, "davor.")
    (image,) = [b for b in pages[page] if b.kind == "image"]
    assert page == 1 and abs(image.top - TOP) < 2
    assert reference.top > image.bottom  # the text goes on below the band
    assert min(b.top for b in _body(pages[page])) > image.bottom


def test_wide_figure_met_lower_on_a_page_goes_to_the_next_page(build: Build) -> None:
    # 160 words: the first column of page 2 is a third full: the figure waits.
    pages = boxes(build(_referenced_after(160), theme=two_columns()))
    page, _ = find(pages, "davor.")
    assert page == 1 and not [b for b in pages[page] if b.kind == "image"]
    (image,) = [b for b in pages[page + 1] if b.kind == "image"]
    assert abs(image.top - TOP) < 2
