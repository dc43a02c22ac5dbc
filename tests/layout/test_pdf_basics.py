"""Whole-document properties of the rendered PDF: fonts, escaping, metadata, determinism."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from lagebericht.layout import render_pdf
from tests.layout.factories import FILLER, bullets, note, para, ref, report, section, text
from tests.pdf_inspect import BASE14, fonts, page_texts


def test_every_font_is_embedded_and_none_is_base14() -> None:
    pdf = render_pdf(
        report(
            (para(text(FILLER), ref(1)), bullets(("Lead:", FILLER))),
            (note(1, "A note"),),
        )
    )
    found = fonts(pdf)
    assert found, "no fonts found at all"
    assert all(f.embedded for f in found), found
    assert not [f for f in found if BASE14.match(f.name.lstrip("/").split("+")[-1])]
    names = {f.name.split("+")[-1] for f in found}
    assert {"Roboto-Regular", "Roboto-Bold", "Roboto-Italic"} <= names


def test_markup_in_the_source_prints_literally() -> None:
    pdf = render_pdf(
        report((para(text("Costs of AT&T <b>x</b> & <font>")),), title="AT&T <b>x</b>")
    )
    first = page_texts(pdf)[0]
    assert "AT&T <b>x</b>" in first
    assert "Costs of AT&T <b>x</b> & <font>" in first


def test_metadata_and_language() -> None:
    pdf = render_pdf(report((para(text("Body.")),)))
    reader = PdfReader(io.BytesIO(pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Kazakhstan – Shanghai Cooperation Organisation"
    assert meta.author == "Auslandsbüro Kasachstan"
    assert "SCO" in str(meta.get("/Keywords"))
    root = reader.trailer["/Root"]
    assert isinstance(root, DictionaryObject)
    assert str(root["/Lang"]) == "en"


def test_same_input_same_bytes() -> None:
    r = report((para(text(FILLER * 10), ref(1)),), (note(1, "Note"),))
    assert render_pdf(r) == render_pdf(r)


def test_page_numbers_count_all_pages_in_the_language() -> None:
    body = tuple(para(text(FILLER * 6)) for _ in range(12))
    texts = page_texts(render_pdf(report(body, language="de", label=None)))
    total = len(texts)
    assert total >= 3
    for number, page in enumerate(texts, start=1):
        assert f"Seite {number} von {total}" in page
    assert "Lagebericht" in texts[0]  # the German default label
    assert "5. Juli 2024" in texts[0]


def test_sections_become_bookmarks() -> None:
    body = (section("Security", para(text(FILLER))), section("Economy", para(text(FILLER))))
    reader = PdfReader(io.BytesIO(render_pdf(report(body))))
    assert [getattr(item, "title", None) for item in reader.outline] == ["Security", "Economy"]


def test_running_header_on_later_pages_only() -> None:
    body = tuple(para(text(FILLER * 6)) for _ in range(8))
    texts = page_texts(render_pdf(report(body)))
    header = "Lagebericht · Auslandsbüro Kasachstan (Astana) · Kazakhstan"
    assert header not in texts[0]
    assert all(header in page for page in texts[1:])


def test_render_counts_the_pages_it_made() -> None:
    import pikepdf

    from lagebericht.layout import render

    for paragraphs in (1, 12, 30):
        done = render(report(tuple(para(text(FILLER * 4)) for _ in range(paragraphs))))
        with pikepdf.open(io.BytesIO(done.pdf)) as pdf:
            assert done.pages == len(pdf.pages)
        assert paragraphs == 1 or done.pages > 1
