"""Image paragraphs → numbered :class:`Figure` blocks, the image file checked on the way."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from lagebericht.model import Figure
from lagebericht.problems import Code, Problem
from lagebericht.validate.figures import check_figure_file
from lagebericht.validate.inline_runs import InlineConverter
from lagebericht.validate.markdown_source import BodySource


def image_of(paragraph: SyntaxTreeNode) -> SyntaxTreeNode | None:
    """The image node of a paragraph that holds nothing but one image (a figure)."""
    inline = paragraph.children[0] if paragraph.children else None
    if inline is None:
        return None
    parts = [
        node
        for node in inline.children
        if not (node.type in ("text", "softbreak") and not node.content.strip())
    ]
    return parts[0] if len(parts) == 1 and parts[0].type == "image" else None


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
        checked = check_figure_file(self.source.path, str(image.attrs.get("src", "")))
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
        self.problems.extend(problems)
        if problems or checked.path is None or checked.image_format is None:
            return None
        self.count += 1
        credit = str(image.attrs.get("title") or "").strip() or None
        return Figure(
            file=checked.path,
            image_format=checked.image_format,
            caption=caption,
            credit=credit,
            number=self.count,
            line=line,
        )
