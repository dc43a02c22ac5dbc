"""Inline runs → reportlab paragraph markup, escaped and typographically set.

Everything the author wrote is escaped: ``AT&T <b>x</b>`` prints literally. Only this
module produces markup tags, so nothing from the source can inject one.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lagebericht.model import Emphasis, FootnoteRef, Inline, LineBreak, Link, Strong, Text
from lagebericht.text.typography import smarten


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities, so that the text prints as written. (Not
    ``xml.sax.saxutils``, which imports urllib, http and ssl into every process.)"""
    return html.escape(text, quote=False)


def quoted(value: str) -> str:
    """An attribute value, escaped, in double quotes."""
    return f'"{html.escape(value)}"'


def footnote_anchor(number: int) -> str:
    """Name of the link target of footnote ``number`` (also parsed back by the layout)."""
    return f"fn-{number}"


@dataclass
class _Writer:
    language: str
    link_color: str
    parts: list[str] = field(default_factory=list)
    last: str = " "  # last character written, for quote direction across runs

    def text(self, value: str) -> None:
        if not value:
            return
        smart = smarten(value, self.language, self.last)
        self.parts.append(escape(smart))
        self.last = smart[-1]

    def runs(self, runs: Iterable[Inline]) -> None:
        for run in runs:
            match run:
                case Text(text=value):
                    self.text(value)
                case Emphasis(children=children):
                    self.wrapped("<i>", children, "</i>")
                case Strong(children=children):
                    self.wrapped("<b>", children, "</b>")
                case Link(href=href, children=children):
                    attrs = f"href={quoted(href)} color={quoted(self.link_color)}"
                    self.wrapped(f"<a {attrs}>", children, "</a>")
                case FootnoteRef(number=number):
                    self.footnote_ref(number)
                case LineBreak():
                    self.parts.append("<br/>")
                    self.last = " "

    def wrapped(self, open_tag: str, children: Sequence[Inline], close_tag: str) -> None:
        self.parts.append(open_tag)
        self.runs(children)
        self.parts.append(close_tag)

    def footnote_ref(self, number: int) -> None:
        # A marker never starts a line: glue it to the preceding word.
        while self.parts and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1].rstrip(" ")
        self.parts.append(f'<a href="#{footnote_anchor(number)}"><super>{number}</super></a>')
        self.last = str(number)[-1]


def inline_markup(runs: Iterable[Inline], language: str, link_color: str = "#1f4e79") -> str:
    """Paragraph markup for ``runs`` in ``language``."""
    writer = _Writer(language=language, link_color=link_color)
    writer.runs(runs)
    return "".join(writer.parts)


def plain_markup(value: str, language: str) -> str:
    """Markup for a plain front-matter string (title, subtitle…): typography, then escaping."""
    return escape(smarten(value, language))


def plain_text(runs: Iterable[Inline], language: str) -> str:
    """The runs as unformatted text (bookmarks, metadata), typographically set."""
    pieces: list[str] = []

    def walk(items: Iterable[Inline]) -> None:
        for run in items:
            match run:
                case Text(text=value):
                    pieces.append(value)
                case Emphasis(children=c) | Strong(children=c) | Link(children=c):
                    walk(c)
                case LineBreak():
                    pieces.append(" ")
                case FootnoteRef():
                    pass

    walk(runs)
    # Bookmarks and metadata are plain text: ordinary spaces, no typesetting ties.
    return smarten("".join(pieces), language).replace("\u00a0", " ")
