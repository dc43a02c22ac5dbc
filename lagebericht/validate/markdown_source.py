"""The Markdown parser configuration and the body text it reads, with file positions."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_ref

from lagebericht.limits import MAX_BLOCKS, MAX_INLINE_NESTING
from lagebericht.load import Location
from lagebericht.problems import Code, Problem


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
    parser.inline.ruler.at("footnote_ref", _footnote_ref)
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # documented hook
    return parser


MAX_FOOTNOTE_LABEL = 256
"""Characters of a footnote reference's label, at most: a longer one is text as written
(finding where a label ends from every "[^" of a paragraph must not take its square)."""
# A footnote reference as the plugin reads it, its label at most MAX_FOOTNOTE_LABEL long.
_FOOTNOTE_REF = re.compile(rf"\[\^[^\] \n]{{1,{MAX_FOOTNOTE_LABEL}}}\]")


def _footnote_ref(state: StateInline, silent: bool) -> bool:
    """The plugin's ``footnote_ref``, tried only where a reference with a label of at most
    :data:`MAX_FOOTNOTE_LABEL` characters is written: the plugin looks for the label's end
    one character at a time from every "[^", so a paragraph of "[^[^[^…" took time
    quadratic in its length."""
    if not _FOOTNOTE_REF.match(state.src, state.pos, state.posMax):
        return False
    return bool(footnote_ref(state, silent))


def nesting_problem(tokens: Sequence[Token], path: Path, first_line: int) -> Problem | None:
    """An error at the first inline markup nested deeper than ``MAX_INLINE_NESTING``.

    Checked on the parser's flat token list, before a syntax tree is built: building it, and
    every stage after, takes one step of recursion per level.
    """
    for token in tokens:
        depth = 0
        breaks = 0  # lines of the inline text before the deep markup
        for child in token.children or ():
            depth += child.nesting
            breaks += child.type in ("softbreak", "hardbreak")
            if depth > MAX_INLINE_NESTING:
                line = first_line + (token.map[0] if token.map else 0) + breaks
                message = (
                    f"emphasis, strong text and links are nested more than "
                    f"{MAX_INLINE_NESTING} deep here; remove some of the `*`, `_` or "
                    "brackets (a long run of them is read as markup opened inside markup)"
                )
                return Problem(path, line, None, message, code=Code.UNSUPPORTED_MARKDOWN)
    return None


# What counts as a block: every paragraph (a list item's too), heading and table row.
_BLOCK_TOKENS = frozenset({"paragraph_open", "heading_open", "tr_open"})


def size_problem(tokens: Sequence[Token], path: Path, first_line: int) -> Problem | None:
    """An error at the first block past ``MAX_BLOCKS`` in the body (notes not counted).

    Checked on the parser's flat token list, before a syntax tree or any flowable is made.
    """
    count = 0
    in_notes = 0
    for token in tokens:
        if token.type == "footnote_reference_open":
            in_notes += 1
        elif token.type == "footnote_reference_close":
            in_notes -= 1
        elif not in_notes and token.type in _BLOCK_TOKENS:
            count += 1
            if count > MAX_BLOCKS:
                line = first_line + (token.map[0] if token.map else 0)
                message = (
                    f"the report has more than {MAX_BLOCKS:,} paragraphs, list items, "
                    "headings and table rows (a report of thirty pages has a few hundred); "
                    "split it into several reports"
                )
                return Problem(path, line, None, message, code=Code.FILE_TOO_LARGE)
    return None


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
        return list(self.positions(node, needle))

    def contains(self, node: SyntaxTreeNode, needle: str) -> bool:
        """Whether ``needle`` is written (not backslash-escaped) in the node's source lines."""
        return next(self.positions(node, needle), None) is not None

    def positions(self, node: SyntaxTreeNode, needle: str) -> Iterator[Location]:
        """``find``'s positions one by one, searched only as far as they are asked for."""
        if not node.map:
            return
        start, end = node.map
        for index in range(start, min(end, len(self.lines))):
            text = self.lines[index]
            column = text.find(needle)
            while column >= 0:
                if column == 0 or text[column - 1] != "\\":
                    yield (self.first_line + index, column + 1)
                column = text.find(needle, column + 1)


class FirstFree:
    """The first position of one needle in one block that is not yet taken.

    Positions are only ever taken, never freed, so each search resumes where the last one
    stopped: a line with thousands of equal constructs is searched once, not once for each.
    """

    def __init__(self, positions: Iterator[Location]) -> None:
        self._positions = positions
        self._head = next(positions, None)

    def first(self, taken: Container[Location]) -> Location | None:
        while self._head is not None and self._head in taken:
            self._head = next(self._positions, None)
        return self._head
