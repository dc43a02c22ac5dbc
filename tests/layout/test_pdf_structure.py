"""Links, bookmarks, widows and orphans, headings kept with what follows."""

from __future__ import annotations

import io

import pdfplumber
from pypdf import PdfReader

from lagebericht.layout import render_pdf
from lagebericht.model import Link
from tests.layout.factories import FILLER, para, report, section, text


def test_links_are_live_uri_annotations() -> None:
    link = Link(href="https://example.org/report?id=1&x=2", children=(text("the source"),))
    reader = PdfReader(io.BytesIO(render_pdf(report((para(text("See "), link, text(".")),)))))
    uris = [
        a.get_object()["/A"]["/URI"]
        for page in reader.pages
        for a in page.get("/Annots", [])
        if a.get_object().get("/Subtype") == "/Link" and "/URI" in a.get_object().get("/A", {})
    ]
    # The author's link, then the imprint's licence link.
    assert uris == [
        "https://example.org/report?id=1&x=2",
        "https://creativecommons.org/licenses/by-sa/4.0/legalcode",
    ]


def test_subsections_nest_under_their_section_in_the_bookmarks() -> None:
    body = (
        section("Security", para(text(FILLER)), section("Terrorism", para(text(FILLER)), level=3)),
        section("Economy", para(text(FILLER))),
    )
    reader = PdfReader(io.BytesIO(render_pdf(report(body))))
    outline = reader.outline
    assert [getattr(o, "title", None) for o in outline] == ["Security", None, "Economy"]
    assert [o.title for o in outline[1]] == ["Terrorism"]  # type: ignore[union-attr]


def body_lines_per_page(pdf: bytes) -> list[list[tuple[float, str]]]:
    """(top, text) of each body-size line per page."""
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            lines = page.extract_text_lines()
            pages.append(
                [
                    (float(line["top"]), str(line["text"]))
                    for line in lines
                    if abs(float(line["chars"][0]["size"]) - 10.5) < 0.01
                ]
            )
    return pages


def test_no_widows_or_orphans_wherever_the_page_breaks() -> None:
    # Paragraphs whose lengths move the page break through every line position.
    for extra in range(0, 12):
        body = (
            para(text(FILLER * 16 + "Sentence. " * (extra * 3))),
            para(text("Start " + FILLER * 3 + "End.")),
            para(text(FILLER * 10)),
        )
        pdf = render_pdf(report(body))
        texts = [t for page in body_lines_per_page(pdf) for _, t in page]
        first = texts.index(next(t for t in texts if t.startswith("Start")))
        last = texts.index(next(t for t in texts if "End." in t))
        pages = body_lines_per_page(pdf)
        page_of_line = [i for i, page in enumerate(pages) for _ in page]
        if page_of_line[first] != page_of_line[last]:
            # Split: at least two lines on each side of the break.
            on_first = sum(
                1 for i in range(first, last + 1) if page_of_line[i] == page_of_line[first]
            )
            assert on_first >= 2, f"orphan with extra={extra}"
            assert (last - first + 1) - on_first >= 2, f"widow with extra={extra}"


def test_a_heading_never_ends_a_page() -> None:
    for extra in range(0, 16):
        body = (
            para(text(FILLER * 17 + "Sentence. " * (extra * 2))),
            section("Economy", para(text(FILLER * 4))),
        )
        pdf = render_pdf(report(body))
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            for page in doc.pages:
                lines = page.extract_text_lines()
                body_lines = [line for line in lines if float(line["chars"][0]["size"]) >= 10.5]
                if any(line["text"] == "Economy" for line in body_lines):
                    index = [line["text"] for line in body_lines].index("Economy")
                    after = body_lines[index + 1 :]
                    assert len(after) >= 2, f"heading without its text below, extra={extra}"
