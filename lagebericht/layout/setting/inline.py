"""Paragraph markup → styled spans.

The markup is the small set ``text.markup`` (and the layout's few own labels) write:
``<b>``, ``<i>``, ``<font color>``, ``<a href color>``, ``<super>``, ``<span lang>`` (words
the layout prints in another language than the report's: :func:`in_language`), ``<br/>``
and the entities of ``html.escape``. A tag outside that set is a programming error, not input:
the author's text is always escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from reportlab.lib.colors import Color, toColor
from reportlab.lib.fonts import ps2tt, tt2ps

# <super> (note markers): raised by half the size, at 0.65 of it, as Typst and word
# processors set them (reportlab's 0.8 made a marker widen its line by a point).
SUPER_RISE = 0.5
SUPER_SIZE = 0.65

_TAG = re.compile(r"<(/?)([a-z]+)((?:\s+[a-z]+=\"[^\"]*\")*)\s*(/?)>")
_ATTRIBUTE = re.compile(r"([a-z]+)=\"([^\"]*)\"")
_FOOTNOTE = re.compile(r"#fn-(\d+)$")


@dataclass(frozen=True, eq=True)
class Look:
    """How a span is drawn."""

    font: str  # a registered reportlab font name
    size: float
    color: Color
    rise: float = 0.0
    link: str | None = None  # a URL, or "#name" for a destination in the document
    lang: str | None = None  # a language other than the paragraph's (a PDF /Lang)

    __hash__ = None  # type: ignore[assignment]  # reportlab's colours are not hashable


class Span(NamedTuple):
    """Text in one look (``"\\n"`` is a forced line break)."""

    text: str
    look: Look


@dataclass(frozen=True)
class _State:
    family: str
    bold: bool
    italic: bool
    look: Look

    def font(self) -> str:
        return str(tt2ps(self.family, int(self.bold), int(self.italic)))


def spans_of(markup: str, style: Any) -> list[Span]:
    """The spans of ``markup`` set in ``style`` (a reportlab ``ParagraphStyle``)."""
    family, bold, italic = ps2tt(style.fontName)
    base = Look(style.fontName, float(style.fontSize), toColor(style.textColor))
    stack = [_State(family, bool(bold), bool(italic), base)]
    spans: list[Span] = []
    position = 0
    for match in _TAG.finditer(markup):
        _text(spans, markup[position : match.start()], stack[-1].look)
        position = match.end()
        closing, name, attributes, empty = match.groups()
        if name == "br":
            _text(spans, "\n", stack[-1].look)
        elif closing:
            if len(stack) == 1:
                raise ValueError(f"unbalanced </{name}> in paragraph markup")
            stack.pop()
        elif not empty:
            stack.append(_opened(stack[-1], name, dict(_ATTRIBUTE.findall(attributes))))
    _text(spans, markup[position:], stack[-1].look)
    return spans


def _text(spans: list[Span], raw: str, look: Look) -> None:
    if not raw:
        return
    text = html.unescape(raw) if "&" in raw else raw
    if spans and spans[-1].look == look:
        spans[-1] = Span(spans[-1].text + text, look)
    else:
        spans.append(Span(text, look))


def _opened(state: _State, name: str, attributes: dict[str, str]) -> _State:
    look = state.look
    if name == "b":
        state = replace(state, bold=True)
        return replace(state, look=replace(look, font=state.font()))
    if name == "i":
        state = replace(state, italic=True)
        return replace(state, look=replace(look, font=state.font()))
    if name == "font":
        color = attributes.get("color")
        return replace(state, look=replace(look, color=toColor(color))) if color else state
    if name == "a":
        color = attributes.get("color")
        look = replace(look, link=html.unescape(attributes.get("href", "")) or None)
        return replace(state, look=replace(look, color=toColor(color)) if color else look)
    if name == "span":
        return replace(state, look=replace(look, lang=attributes.get("lang") or None))
    if name in ("super", "sup"):
        size = look.size * SUPER_SIZE
        return replace(
            state, look=replace(look, size=size, rise=look.rise + look.size * SUPER_RISE)
        )
    raise ValueError(f"unknown tag <{name}> in paragraph markup")


def in_language(markup: str, language: str | None) -> str:
    """``markup`` marked as written in ``language`` (a BCP 47 tag), unless that is None:
    the paragraph's own language."""
    return markup if language is None else f'<span lang="{html.escape(language)}">{markup}</span>'


def footnotes_in(spans: list[Span]) -> tuple[int, ...]:
    """The footnote numbers the spans link to (``#fn-N``), in order, each once."""
    found: list[int] = []
    for span in spans:
        link = span.look.link
        if link and (match := _FOOTNOTE.match(link)):
            number = int(match.group(1))
            if number not in found:
                found.append(number)
    return tuple(found)
