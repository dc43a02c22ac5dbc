"""Image paragraphs → numbered :class:`Figure` blocks, the image file checked on the way.

A figure is a paragraph that holds one image, ``![Caption](bilder/karte.png "Credit")``,
and, on the line below it, its alternative text for readers who cannot see it:
``Alt: what the image shows``, or ``Alt: decorative`` for an image that only decorates.
The Markdown image's own alt text, between the brackets, has always been the printed
caption and stays so. A plain line of text is what a non-programmer writes without new
markup, and what every Markdown tool keeps (as text beside the image).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import unquote

from markdown_it.tree import SyntaxTreeNode

from lagebericht.model import Figure
from lagebericht.problems import Code, Problem, Severity
from lagebericht.validate.figures import check_figure_file
from lagebericht.validate.inline_runs import InlineConverter
from lagebericht.validate.markdown_source import BodySource

ALT_KEY = "Alt"
"""The word that opens the line of a figure's alternative text."""
DECORATIVE = "decorative"
"""The alternative text that marks an image as decorative."""
DECORATIVE_WORDS = frozenset({DECORATIVE, "dekorativ", "декоративное", "декоративный"})
"""The same word as an author writing German or Russian would write it."""
ALT_HOWTO = (
    f'add a line below the image: "{ALT_KEY}: what the image shows", '
    f'or "{ALT_KEY}: {DECORATIVE}" if it only decorates'
)

_ALT_START = re.compile(rf"\s*{ALT_KEY}\s*:\s*", re.IGNORECASE)
_ALT_LINE = re.compile(rf"^\s*({ALT_KEY}\s*:)", re.IGNORECASE)
# Inline markup whose text is kept in the alternative text (the markup itself is dropped).
_TEXT = ("text", "text_special", "code_inline")
_BREAKS = ("softbreak", "hardbreak")
_CONTAINERS = ("em", "strong", "s", "link")
_NOT_TEXT = {"image": "the image", "footnote_ref": "the footnote reference", "html_inline": "HTML"}


def _blank(node: SyntaxTreeNode) -> bool:
    return node.type in ("text", *_BREAKS) and not node.content.strip()


def _parts(paragraph: SyntaxTreeNode) -> tuple[SyntaxTreeNode, list[SyntaxTreeNode] | None] | None:
    """The image of a figure paragraph and the inline nodes of its ``Alt:`` text (from
    the one that opens with ``Alt:``; ``None`` when there is none), or ``None`` when the
    paragraph is not a figure (anything but one image and its ``Alt:`` text)."""
    inline = paragraph.children[0] if paragraph.children else None
    if inline is None:
        return None
    nodes = list(inline.children)
    while nodes and _blank(nodes[0]):
        nodes.pop(0)
    while nodes and _blank(nodes[-1]):
        nodes.pop()
    if not nodes or nodes[0].type != "image":
        return None
    rest = nodes[1:]
    while rest and _blank(rest[0]):
        rest.pop(0)
    if not rest:
        return nodes[0], None
    if rest[0].type == "text" and _ALT_START.match(rest[0].content):
        return nodes[0], rest
    return None


def image_of(paragraph: SyntaxTreeNode) -> SyntaxTreeNode | None:
    """The image node of a paragraph that holds nothing but one image (a figure) and
    perhaps its ``Alt:`` line."""
    parts = _parts(paragraph)
    return parts[0] if parts is not None else None


def plain_text(nodes: Sequence[SyntaxTreeNode], refused: list[str]) -> str:
    """The text of inline ``nodes`` without their markup; what cannot be text (an image,
    a footnote reference, HTML) is left out and named in ``refused``."""
    text: list[str] = []
    for node in nodes:
        if node.type in _TEXT:
            text.append(node.content)
        elif node.type in _BREAKS:
            text.append(" ")
        elif node.type in _CONTAINERS:
            text.append(plain_text(node.children, refused))
        else:
            refused.append(_NOT_TEXT.get(node.type, node.type.replace("_", " ")))
    return "".join(text)


def _normal(text: str) -> str:
    return " ".join(text.split())


class FigureConverter:
    """Numbers figures in order of appearance; one instance per body."""

    def __init__(
        self, source: BodySource, inline: InlineConverter, problems: list[Problem]
    ) -> None:
        self.source = source
        self.inline = inline
        self.problems = problems
        self.count = 0

    def figure(self, image: SyntaxTreeNode, paragraph: SyntaxTreeNode) -> Figure | None:
        line = self.source.line_of(paragraph)
        found = self.source.find(paragraph, "![")
        column = found[0][1] if found else None
        caption = self.inline.runs(image, paragraph)
        src = str(image.attrs.get("src", ""))
        checked = check_figure_file(self.source.path, src)
        problems: list[Problem] = []
        if not caption:
            message = "the figure has no caption; write it between the brackets: ![Caption]"
            problems.append(
                Problem(self.source.path, line, column, message, code=Code.FIGURE_CAPTION)
            )
        if checked.error is not None:
            problems.append(
                Problem(self.source.path, line, column, checked.error, code=checked.error_code)
            )
        parts = _parts(paragraph)
        alt_nodes = parts[1] if parts is not None else None
        alt = self._alternative(image, paragraph, alt_nodes, unquote(src))
        alt_text, decorative, alt_problems = alt
        # Warnings about the text alternative wait until the figure itself is usable.
        usable = not problems
        problems += [p for p in alt_problems if p.severity is Severity.ERROR or usable]
        self.problems.extend(problems)
        if any(p.severity is Severity.ERROR for p in problems):
            return None
        if checked.path is None or checked.image_format is None:
            return None
        self.count += 1
        credit = str(image.attrs.get("title") or "").strip() or None
        return Figure(
            file=checked.path,
            image_format=checked.image_format,
            caption=caption,
            credit=credit,
            alt_text=alt_text,
            decorative=decorative,
            number=self.count,
            line=line,
        )

    def _alternative(
        self,
        image: SyntaxTreeNode,
        paragraph: SyntaxTreeNode,
        nodes: list[SyntaxTreeNode] | None,
        name: str,
    ) -> tuple[str | None, bool, list[Problem]]:
        """The figure's alternative text, whether it is decorative, and the problems: a
        missing, empty or caption-repeating text is a warning (an error under ``--strict``
        and ``--pdfa``, see :mod:`lagebericht.build`), markup that cannot be text an error."""
        figure = f'figure "{name}"'
        problems: list[Problem] = []

        def problem(line: int, column: int | None, message: str, severity: Severity) -> None:
            problems.append(
                Problem(self.source.path, line, column, message, severity, Code.FIGURE_ALT)
            )

        if nodes is None:
            found = self.source.find(paragraph, "![")
            line, column = found[0] if found else (self.source.line_of(paragraph), None)
            message = f"{figure} has no alternative text for readers who cannot see it; {ALT_HOWTO}"
            problem(line, column, message, Severity.WARNING)
            return None, False, problems
        line, column = self._alt_location(paragraph)
        opening = _ALT_START.match(nodes[0].content)
        start = opening.end() if opening else 0
        refused: list[str] = []
        text = _normal(nodes[0].content[start:] + plain_text(nodes[1:], refused))
        if refused:
            what = " and ".join(dict.fromkeys(refused))
            message = f"{figure}: the alternative text is plain text; remove {what} from it"
            problem(line, column, message, Severity.ERROR)
        if text.casefold().rstrip(".") in DECORATIVE_WORDS:
            return None, True, problems
        if not text:
            message = (
                f'{figure}: the "{ALT_KEY}:" line is empty; write what the image shows '
                f'after it, or "{ALT_KEY}: {DECORATIVE}" if it only decorates'
            )
            problem(line, column, message, Severity.WARNING)
            return None, False, problems
        caption = _normal(plain_text(image.children, []))
        if text.casefold() == caption.casefold():
            message = (
                f"{figure}: the alternative text repeats the caption, which is read out "
                "anyway; describe what the image shows"
            )
            problem(line, column, message, Severity.WARNING)
        return text, False, problems

    def _alt_location(self, paragraph: SyntaxTreeNode) -> tuple[int, int | None]:
        """Where the ``Alt:`` line is (the paragraph's first line if it is not found)."""
        start, end = paragraph.map or (0, 0)
        for index in range(start, min(end, len(self.source.lines))):
            match = _ALT_LINE.match(self.source.lines[index])
            if match:
                return self.source.first_line + index, match.start(1) + 1
        return self.source.line_of(paragraph), None
