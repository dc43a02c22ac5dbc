"""The Markdown parser configuration and the body text it reads, with file positions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin

from lagebericht.load import Location


def new_parser() -> MarkdownIt:
    """CommonMark + tables + ``[^id]`` footnotes, with definitions left where they are written.

    ``footnote_tail`` would move definitions to the end and silently merge duplicates; kept in
    place, every definition keeps its own line and duplicates can be reported.
    Every link is parsed as a link, whatever its scheme: markdown-it would silently print a
    ``javascript:`` link as text; the inline check then refuses it with its line.
    ``~~strikethrough~~`` is parsed only to be recognised: the model has no such type, and
    the author is told that it is printed as written.
    """
    parser = (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .use(footnote_plugin, inline=False)
    )
    parser.disable("footnote_tail")
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # documented hook
    return parser


@dataclass(frozen=True)
class BodySource:
    """The body text of one report and where it sits in its file."""

    path: Path
    lines: tuple[str, ...]
    first_line: int
    """1-based file line of ``lines[0]``."""

    @classmethod
    def of(cls, path: Path, body: str, first_line: int) -> BodySource:
        return cls(path, tuple(body.split("\n")), first_line)

    def line_of(self, node: SyntaxTreeNode) -> int:
        """1-based file line where a block node starts."""
        return self.first_line + (node.map[0] if node.map else 0)

    def find(self, node: SyntaxTreeNode, needle: str) -> list[Location]:
        """Positions of ``needle`` in the node's source lines, skipping backslash-escaped ones."""
        if not node.map:
            return []
        start, end = node.map
        found: list[Location] = []
        for index in range(start, min(end, len(self.lines))):
            text = self.lines[index]
            column = text.find(needle)
            while column >= 0:
                if not text[:column].endswith("\\"):
                    found.append((self.first_line + index, column + 1))
                column = text.find(needle, column + 1)
        return found
