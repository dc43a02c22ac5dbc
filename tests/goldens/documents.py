"""The documents of the golden and visual tests, built through the real pipeline.

``astana-sco`` is the seed report under ``content/``; ``wasser-zentralasien`` is a synthetic,
longer report in ``tests/goldens/sources/`` (its office file in ``sources/offices/``) with
sections, a subtitle, authors, a summary, bullet arguments, a block quote and several
footnotes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from lagebericht.layout import render_pdf
from lagebericht.validate import read_report

REPO = Path(__file__).resolve().parents[2]
SOURCES = Path(__file__).resolve().parent / "sources"


@dataclass(frozen=True)
class Document:
    name: str
    """File stem of the expected files (``expected/<name>.json``, ``<name>-p1.png``)."""
    source: Path


DOCUMENTS: tuple[Document, ...] = (
    Document("astana-sco", REPO / "content" / "2024-07" / "astana-sco.md"),
    Document("wasser-zentralasien", SOURCES / "wasser-zentralasien.md"),
)


def document(name: str) -> Document:
    for doc in DOCUMENTS:
        if doc.name == name:
            return doc
    raise KeyError(name)


@functools.cache
def build(name: str) -> bytes:
    """The PDF of document ``name`` (cached: the same input gives the same bytes).

    A validation warning is an error here: a golden source must build cleanly.
    """
    valid = read_report(document(name).source)
    if valid.warnings:
        raise AssertionError(f"{name}: unexpected validation warnings: {valid.warnings}")
    return render_pdf(valid.report)
