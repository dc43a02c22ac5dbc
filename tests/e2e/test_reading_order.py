"""Extracted text reads in order: the German seed's every paragraph, list item and note
whole in pypdf's text (which follows the content stream, not the structure tree), the
footer's page line a line of its own (issue 16, point 5)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from lagebericht.archive.tagging import render_tagged
from lagebericht.model import (
    Block,
    BulletList,
    FootnoteRef,
    Inline,
    NumberedList,
    Paragraph,
    Report,
    Section,
)
from lagebericht.text.markup import plain_text
from lagebericht.validate import read_report
from tests.hostile.pdftext import normalise

CONTENT = Path(__file__).resolve().parents[2] / "content" / "2024-07"


def _pieces(runs: tuple[Inline, ...], language: str) -> Iterator[str]:
    """The text of ``runs`` between footnote references (printed as numbers)."""
    piece: list[Inline] = []
    for run in (*runs, None):
        if run is None or isinstance(run, FootnoteRef):
            if piece:
                yield plain_text(tuple(piece), language)
            piece = []
        else:
            piece.append(run)


def _texts(blocks: tuple[Block, ...], language: str) -> Iterator[str]:
    for block in blocks:
        match block:
            case Paragraph(content=content):
                yield from _pieces(content, language)
            case BulletList(items=items) | NumberedList(items=items):
                for item in items:
                    yield from _pieces((*item.lead, *item.content), language)
            case Section(blocks=inner):
                yield from _texts(inner, language)


def _all_texts(report: Report) -> list[str]:
    texts = list(_texts(report.body, report.language))
    for note in report.footnotes:
        for paragraph in note.paragraphs:
            texts.extend(_pieces(paragraph, report.language))
    return texts


@pytest.mark.parametrize("name", ["astana-sco.de.md", "astana-sco.md"])
def test_every_paragraph_item_and_note_reads_whole(name: str) -> None:
    report = read_report(CONTENT / name).report
    reader = PdfReader(io.BytesIO(render_tagged(report).pdf))
    pages = [page.extract_text() for page in reader.pages]
    text = normalise("\n".join(pages))
    broken = [piece for piece in _all_texts(report) if normalise(piece) not in text]
    assert broken == []
    # The footer's parts are no part of a line of text.
    page_line = re.compile(r"^(Seite|Page) \d+ (von|of) \d+$")
    for page in pages:
        assert sum(bool(page_line.match(line.strip())) for line in page.split("\n")) == 1
