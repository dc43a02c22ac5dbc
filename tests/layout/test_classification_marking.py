"""The distribution marking: at the top and the bottom of every page and in the header
block of page 1, placed as the theme says."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pdfplumber

from lagebericht.layout import render_pdf
from lagebericht.layout.geometry import Geometry
from lagebericht.model import Report
from lagebericht.theme import THEMES_DIR, Theme, load_theme
from tests.layout.factories import filled

MARKING = "Nur für den Dienstgebrauch"
MM = 72 / 25.4


def make(classification: str | None = MARKING, pages: int = 3) -> Report:
    return filled(pages, classification=classification)


def markings(pdf: bytes) -> list[list[dict[str, float]]]:
    """Per page: where the marking is printed (top, x0, x1, size, colour), top first."""
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            hits = page.search(MARKING, return_chars=True)
            found.append(
                sorted(
                    (
                        {
                            "top": float(hit["top"]),
                            "x0": float(hit["x0"]),
                            "x1": float(hit["x1"]),
                            "size": float(hit["chars"][0]["size"]),
                            "bold": "Bold" in str(hit["chars"][0]["fontname"]),
                            "height": float(page.height),
                            "width": float(page.width),
                        }
                        for hit in hits
                    ),
                    key=lambda h: h["top"],
                )
            )
    return found


def test_marking_at_the_top_and_bottom_of_every_page_and_in_the_header_block() -> None:
    theme = load_theme()
    pages = markings(render_pdf(make()))
    assert len(pages) >= 3
    for number, hits in enumerate(pages, start=1):
        expected = 3 if number == 1 else 2
        assert len(hits) == expected, f"page {number}: {hits}"
        top, bottom = hits[0], hits[-1]
        # Above the text block, centred; below it, in the footer.
        assert top["top"] < theme.pt(theme.page.margin_top) / 2, top
        assert abs((top["x0"] + top["x1"]) / 2 - top["width"] / 2) < 1
        assert bottom["top"] > bottom["height"] - theme.pt(theme.page.margin_bottom)
        assert all(h["bold"] and abs(h["size"] - theme.sizes.small) < 0.01 for h in hits)
    # Page 1: the third one in the header block, under the date, right-aligned.
    header = pages[0][1]
    assert pages[0][0]["top"] < header["top"] < theme.pt(theme.page.margin_top) + 60
    right_edge = header["width"] - theme.pt(theme.page.margin_right)
    assert abs(header["x1"] - right_edge) < 1


def test_placement_is_theme_data(tmp_path: Path) -> None:
    folder = tmp_path / "schlicht"
    folder.mkdir()
    (folder / "theme.yaml").write_text(
        "extends: auslandsbuero\nclassification:\n  top: false\n  header_block: false\n",
        encoding="utf-8",
    )
    theme: Theme = load_theme("schlicht", [tmp_path, THEMES_DIR])
    pages = markings(render_pdf(make(), theme))
    assert [len(hits) for hits in pages] == [1] * len(pages)  # the footer's only


def test_no_marking_without_classification() -> None:
    assert all(not hits for hits in markings(render_pdf(make(None))))


def test_a_long_marking_is_shortened_in_the_footer_and_leaves_the_sides_clear() -> None:
    long = " ".join(["Nur für den Dienstgebrauch und ausschließlich zur Weitergabe"] * 4)
    pdf = render_pdf(make(long, pages=1), load_theme())
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        footer = [c for c in page.chars if float(c["top"]) > page.height - 25 * MM]
        rows = sorted(footer, key=lambda c: float(c["x0"]))
        text = "".join(str(c["text"]) for c in rows)
        assert "…" in text and "Seite 1 von 1" in text
        # left, centre and right texts do not touch, and all stay inside the margins;
        # inside a text, a kerned pair's boxes may overlap (bold "r…": 0.7 pt)
        edges = [(float(c["x0"]), float(c["x1"])) for c in rows]
        gaps = [start - end for (_, end), (start, _) in itertools.pairwise(edges)]
        assert sum(gap > 6 for gap in gaps) == 2, text  # three texts apart
        assert min(gaps) > -1.0, text
        assert edges[0][0] >= 25 * MM - 0.5
        assert edges[-1][1] <= page.width - 20 * MM + 0.5


def test_a_long_marking_at_the_top_is_shortened_in_its_own_bold_type() -> None:
    # Shortened as if regular, this one ends 7.9 pt beyond the text's width in bold.
    words = "Nur für den Dienstgebrauch streng vertraulich Verteiler Auslandsbüro Kasachstan Astana"
    long = " ".join(["xx" + word for word in words.split()] * 3)
    frame = Geometry.of(load_theme()).frame_width
    pdf = render_pdf(make(long, pages=1), load_theme())
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        top = [c for c in doc.pages[0].chars if float(c["top"]) < 15 * MM]
        assert "…" in "".join(str(c["text"]) for c in top)
        width = max(float(c["x1"]) for c in top) - min(float(c["x0"]) for c in top)
        assert width <= frame + 0.01, (width, frame)


def test_footer_rooms() -> None:
    from lagebericht.layout.pages import FOOTER_GAP, footer_rooms

    assert footer_rooms([100.0, 0.0, 50.0], 450.0) == [450 - FOOTER_GAP, 0.0, 450 - FOOTER_GAP]
    assert footer_rooms([400.0, 0.0, 50.0], 450.0) == [450 - FOOTER_GAP - 50, 0.0, 50.0]
    half = (450 - FOOTER_GAP) / 2
    assert footer_rooms([400.0, 0.0, 400.0], 450.0) == [half, 0.0, half]
    side = 150 - FOOTER_GAP
    assert footer_rooms([60.0, 900.0, 40.0], 450.0) == [side, 450 - 2 * (60 + FOOTER_GAP), side]
    assert footer_rooms([900.0, 900.0, 0.0], 450.0) == [side, 450 - 2 * (side + FOOTER_GAP), side]
