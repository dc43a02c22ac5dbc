"""Small Report objects for layout tests, built directly from the models."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lagebericht.model import (
    BulletItem,
    BulletList,
    Emphasis,
    Footnote,
    FootnoteRef,
    Heading,
    Inline,
    Office,
    Paragraph,
    Report,
    Section,
    Text,
)

FILLER = (
    "The member states have varying security priorities and the organisation lacks a unified "
    "command structure and a rapid response capability, which limits its ability to respond. "
)


def text(value: str) -> Text:
    return Text(text=value)


def para(*runs: Inline, line: int = 1) -> Paragraph:
    return Paragraph(content=tuple(runs), line=line)


def note(number: int, body: str) -> Footnote:
    return Footnote(
        label=f"n{number}",
        number=number,
        paragraphs=((Text(text=body), Emphasis(children=(Text(text=" italic"),))),),
        line=1,
    )


def report(
    body: tuple[Paragraph | BulletList | Section, ...],
    footnotes: tuple[Footnote, ...] = (),
    *,
    title: str = "Kazakhstan - Shanghai Cooperation Organisation",
    language: str = "en",
    label: str | None = "Lagebericht",
) -> Report:
    return Report(
        source="test.md",
        label=label,
        date=dt.date(2024, 7, 5),
        language=language,
        office=Office(name="Auslandsbüro Kasachstan", city="Astana"),
        title=title,
        keywords=("SCO", "Kazakhstan"),
        body=body,
        footnotes=footnotes,
    )


def filled(
    pages: int = 1,
    *,
    language: str = "de",
    office: Office | None = None,
    text: str = FILLER * 6,
    **fields: Any,
) -> Report:
    """A report titled "Titel" of paragraphs of ``text``, six more for each page after the
    first; ``fields`` are further fields of the report (classification, draft…)."""
    body = tuple(Paragraph(content=(Text(text=text),), line=1) for _ in range(1 + (pages - 1) * 6))
    return Report(
        source="t.md",
        label=None,
        date=dt.date(2024, 7, 5),
        language=language,
        office=office or Office(name="Auslandsbüro Kasachstan", city="Astana"),
        title="Titel",
        body=body,
        **fields,
    )


def ref(number: int) -> FootnoteRef:
    return FootnoteRef(label=f"n{number}", number=number)


def bullets(*items: tuple[str, str]) -> BulletList:
    return BulletList(
        items=tuple(
            BulletItem(lead=(Text(text=lead),), content=(Text(text=body),), line=1)
            for lead, body in items
        ),
        line=1,
    )


def section(title: str, *blocks: Paragraph | BulletList | Section, level: int = 2) -> Section:
    heading = Heading(level=2 if level == 2 else 3, content=(Text(text=title),), line=1)
    return Section(heading=heading, blocks=tuple(blocks))
