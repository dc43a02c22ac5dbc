"""Block quotes: indented, between the language's quotation marks, the opening one hanging.

The marks („…“, “…”, «…») open the first paragraph and close the last; the opening mark
hangs into the indent so that the quoted text itself keeps a straight left edge. A quote
whose text already starts with a quotation mark is left as written, never doubled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from lagebericht.layout.setting.flowable import TextFlowable
from lagebericht.model import Inline
from lagebericht.text.markup import escape, plain_text
from lagebericht.text.typography import quotes_for

_QUOTE_MARKS = "\"'„“”‚‘’«»‹›"


def quote_flowables(
    paragraphs: Sequence[tuple[Inline, ...]],
    style: ParagraphStyle,
    language: str,
    markup: Callable[[tuple[Inline, ...]], str],
) -> Iterator[Flowable]:
    """The paragraphs of one block quote."""
    texts = [markup(runs) for runs in paragraphs]
    if not texts:
        return
    marks = quotes_for(language)
    first_plain = plain_text(paragraphs[0], language).lstrip()
    quoted = not first_plain or first_plain[0] in _QUOTE_MARKS
    for index, text in enumerate(texts):
        para_style = style
        if not quoted and index == 0:
            text = escape(marks.open) + text
            hang = stringWidth(marks.open, style.fontName, style.fontSize)
            para_style = ParagraphStyle("quote-first", parent=style, firstLineIndent=-hang)
        if not quoted and index == len(texts) - 1:
            text += escape(marks.close)
        yield TextFlowable(text, para_style)
