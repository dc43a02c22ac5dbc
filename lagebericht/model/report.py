"""The validated report: front matter resolved, body parsed. Input of the layout stage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lagebericht.model.base import Documented, Frozen
from lagebericht.model.blocks import Block, Footnote
from lagebericht.model.inline import Inline


class Person(Documented):
    """An author or a head of office."""

    name: str
    """Full name as printed (``Dr. Anna Muster``)."""
    role: str | None = None
    """Role printed after the name (``Leiterin des Auslandsbüros``); optional."""


class Office(Documented):
    """A field office: a file ``offices/<key>.yaml`` in the content tree, or inline."""

    name: str
    """Office name as printed (``Auslandsbüro Kasachstan``); required."""
    city: str | None = None
    """Seat of the office (``Astana``), printed in brackets after the name."""
    country: str | None = None
    """Country or region the office covers, named in any language (``Kasachstan``) or by
    its ISO code (``KZ``): each report prints it in its own language."""
    head: Person | None = None
    """Head of office, with role, for the closing imprint."""
    address: tuple[str, ...] = ()
    """Postal address, one line per entry."""
    phone: str | None = None
    """Telephone number as printed."""
    email: str | None = None
    """Contact e-mail address."""
    web: str | None = None
    """Web address of the office."""

    @property
    def line(self) -> str:
        """The office line of the header: ``Auslandsbüro Kasachstan (Astana)``."""
        return f"{self.name} ({self.city})" if self.city else self.name


class Report(Frozen):
    """One validated situation report, ready to be laid out."""

    source: Path
    """The report file it was read from."""
    label: str | None
    """Report-type label from the front matter; ``None``: the default for the language."""
    date: dt.date
    """Date of the report."""
    language: str
    """BCP-47 tag of the body language (``de``, ``en``, ``ru``, ``kk``…)."""
    office: Office
    """The resolved office."""
    title: str
    """Title, printed literally."""
    subtitle: str | None = None
    """Optional subtitle, printed literally."""
    authors: tuple[Person, ...] = ()
    """Authors in order."""
    summary: tuple[Inline, ...] = ()
    """Lead paragraph (inline Markdown allowed); empty if none."""
    keywords: tuple[str, ...] = ()
    """Keywords for the PDF metadata."""
    nohyphen: tuple[str, ...] = ()
    """Words never hyphenated, beside the theme's."""
    classification: str | None = None
    """Distribution marking printed on every page."""
    draft: bool = False
    """Print a DRAFT/ENTWURF watermark."""
    body: tuple[Block, ...]
    """Body blocks: paragraphs, lists and quotes before the first heading, then sections."""
    footnotes: tuple[Footnote, ...] = ()
    """Referenced footnotes, ordered by number."""
