"""Raw HTML in the body: printed as the author wrote it; the warning says what to write instead.

The layout never interprets HTML (a report must not smuggle markup into the PDF), so HTML
that reaches the model is plain text. The author is told, with the Markdown for the intent.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
_SHOWN = 40  # characters of the HTML quoted in a message

_MARKDOWN_FOR = {
    "b": "**bold**",
    "strong": "**bold**",
    "i": "*italic*",
    "em": "*italic*",
    "a": "a link [text](https://…)",
    "br": "a backslash `\\` at the end of the line for a line break",
    "p": "an empty line between paragraphs",
    "ul": "a list with `- ` items",
    "ol": "a list with `1. ` items",
    "li": "a list with `- ` items",
    "h1": "`## ` for a section (the title comes from the front matter)",
    "h2": "`## ` for a section",
    "h3": "`### ` for a subsection",
    "blockquote": "`> ` at the start of each quoted line",
    "table": "a Markdown table (`| a | b |`)",
    "img": "a figure `![caption](file.png)` in a paragraph of its own",
}


def tag_name(html: str) -> str | None:
    """``b`` for ``<b>`` and ``</b>``; ``None`` for a comment or a declaration."""
    match = _TAG.match(html.lstrip())
    return match.group(1).lower() if match else None


def is_closing_tag(html: str) -> bool:
    return html.lstrip().startswith("</")


def html_message(html: str) -> str:
    """The warning for raw HTML ``html`` (a tag, a comment or a block) that is printed as text."""
    text = " ".join(html.split())
    shown = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
    if text.startswith("<!--"):
        return (
            f"the HTML comment {shown} is printed as text (a PDF has no hidden comments); remove it"
        )
    instead = _MARKDOWN_FOR.get(tag_name(text) or "")
    advice = (
        f"write {instead} instead" if instead else "remove the tags (Markdown has no equivalent)"
    )
    return f"HTML {shown} is printed as text, not interpreted; {advice}"
