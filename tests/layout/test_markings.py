"""Closing imprint, classification marking and draft watermark."""

from __future__ import annotations

from typing import Any

from lagebericht.layout import render_pdf
from lagebericht.model import Office, Person, Report, Text
from tests.layout.factories import filled
from tests.pdf_inspect import chars, number, page_texts

OFFICE = Office(
    name="Auslandsbüro Kasachstan",
    city="Astana",
    country="Kasachstan",
    head=Person(name="Dr. Anna Müller & <Co>", role="Leiterin des Auslandsbüros"),
    address=("Qabanbai Batyr 15A", "010000 Astana"),
    phone="+7 7172 00 00 00",
    email="info.astana@example.org",
    web="www.example.org/kasachstan",
)


def make(language: str = "de", pages: int = 1, **fields: Any) -> Report:
    return filled(pages, language=language, office=OFFICE, **fields)


def test_imprint_after_the_body_with_office_data_and_licence_per_language() -> None:
    texts = page_texts(render_pdf(make("de")))
    last = " ".join(texts[-1].split())
    assert "Impressum" in last
    assert "Leitung: Dr. Anna Müller & <Co>, Leiterin des Auslandsbüros" in last
    assert "Qabanbai Batyr 15A · 010000 Astana" in last
    assert "info.astana@example.org" in last and "www.example.org/kasachstan" in last
    assert "CC BY-SA 4.0" in last and "Namensnennung" in last
    assert last.index("Impressum") > last.index("command structure")
    english = " ".join(page_texts(render_pdf(make("en")))[-1].split())
    assert "Head of office: Dr. Anna Müller" in english
    assert "Attribution-ShareAlike 4.0 International" in english
    russian = " ".join(page_texts(render_pdf(make("ru")))[-1].split())
    assert "Руководитель: Dr. Anna Müller" in russian and "CC BY-SA 4.0" in russian


def test_classification_on_every_page() -> None:
    texts = page_texts(render_pdf(make("de", pages=3, classification="Nur für den Dienstgebrauch")))
    assert len(texts) >= 3
    assert all("Nur für den Dienstgebrauch" in t for t in texts)
    assert not any("Dienstgebrauch" in t for t in page_texts(render_pdf(make("de", pages=3))))


def watermarks(pdf: bytes) -> list[str]:
    """The huge-type text of each page (the watermark is the only text that large)."""
    return ["".join(str(c["text"]) for c in page if number(c, "size") > 50) for page in chars(pdf)]


def test_draft_watermark_on_every_page_in_the_language() -> None:
    marks = watermarks(render_pdf(make("de", pages=3, draft=True)))
    assert len(marks) >= 3
    assert marks == ["ENTWURF"] * len(marks)
    assert watermarks(render_pdf(make("en", draft=True))) == ["DRAFT"]
    assert watermarks(render_pdf(make("ru", draft=True))) == ["ПРОЕКТ"]
    assert watermarks(render_pdf(make("de"))) == [""]


def test_page_one_header_block() -> None:
    report = make(
        "ru",
        subtitle="Итоги саммита",
        authors=(Person(name="Әлия Сұлтанова", role="аналитик"), Person(name="Ivan Petrov")),
        summary=(Text(text="Саммит показал пределы организации."),),
    )
    first = " ".join(page_texts(render_pdf(report))[0].split())
    for expected in (
        "5 июля 2024 г.",
        "Обзор ситуации",
        "Auslandsbüro Kasachstan (Astana)",
        "Итоги саммита",
        "Әлия Сұлтанова, аналитик · Ivan Petrov",
        "Саммит показал пределы организации.",
    ):
        assert expected in first
    assert first.index("Итоги саммита") < first.index("Саммит показал")
