"""Markdown body → the model's blocks (sections, paragraphs, bullet arguments…) and footnotes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from lagebericht.model import (
    Block,
    BlockQuote,
    BulletItem,
    BulletList,
    Footnote,
    Heading,
    Inline,
    LineBreak,
    NumberedList,
    Paragraph,
    Strong,
    Text,
)
from lagebericht.problems import Code, Problem, Severity
from lagebericht.validate.figures_block import FigureConverter, image_of
from lagebericht.validate.footnotes import FootnoteDefinition, convert_footnotes
from lagebericht.validate.inline_runs import FootnoteNumbers, InlineConverter, merge_text
from lagebericht.validate.link_definitions import check_link_definitions
from lagebericht.validate.markdown_source import (
    BodySource,
    nesting_problem,
    new_parser,
    size_problem,
)
from lagebericht.validate.raw_html import html_message
from lagebericht.validate.sections import group_sections
from lagebericht.validate.tables import convert_table, table_lookalike, with_captions

MAX_LIST_DEPTH = 3  # deeper nesting no longer reads as structure, only as indentation

_UNSUPPORTED = {
    "fence": "code blocks are not supported; remove the ``` lines",
    "code_block": (
        "indented text is read as a code block, which is not supported; "
        "remove the spaces or tab at the start of the line"
    ),
    "hr": "horizontal rules (a line of `---`, `***` or `___`) are not supported; remove the line",
}

_UNDERLINED = (
    "the line of `---` below this text makes it a section heading (`##`): write `## ` "
    "before a heading instead; if the text is a paragraph, remove the `---` line "
    "(horizontal rules are not supported)"
)

_LISTS = ("bullet_list", "ordered_list")

_NAMES = {
    "blockquote": "block quote",
    "bullet_list": "bullet list",
    "ordered_list": "numbered list",
    "fence": "code block",
    "code_block": "code block",
    "hr": "horizontal rule",
    "html_block": "block of HTML",
    "table": "table",
}


@dataclass(frozen=True)
class Body:
    """The converted body: blocks, referenced footnotes, and every problem found."""

    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    problems: tuple[Problem, ...]


def parse_body(path: Path, body: str, first_line: int) -> Body:
    """Parse the Markdown ``body`` that starts on file line ``first_line`` of ``path``."""
    source = BodySource.of(path, body, first_line)
    converter = _BlockConverter(source, InlineConverter(source, FootnoteNumbers()))
    env: dict[str, object] = {}  # markdown-it records the link definitions here
    tokens = new_parser().parse(body, env)
    too_deep = nesting_problem(tokens, path, first_line) or size_problem(tokens, path, first_line)
    if too_deep is not None:
        return Body((), (), (too_deep,))
    root = SyntaxTreeNode(tokens)
    del tokens
    items: list[Heading | Block] = []
    definitions: list[FootnoteDefinition] = []
    try:
        for node in root.children:
            if node.type == "footnote_reference":
                definitions.append(FootnoteDefinition(str(node.meta["label"]), node))
            else:
                items.extend(converter.top_level(node))
        # Body first, so that references there are numbered before those inside notes.
        notes = convert_footnotes(definitions, converter.paragraphs_of, converter.inline)
    finally:
        _release(root)
    problems = (
        *converter.problems,
        *converter.inline.problems,
        *notes.problems,
        *check_link_definitions(source, env),
    )
    return Body(group_sections(with_captions(items)), notes.footnotes, tuple(problems))


def _release(root: SyntaxTreeNode) -> None:
    """Unlink the syntax tree's nodes from their parents: without the cycles, its nodes and
    their tokens are freed at once, not whenever the cyclic collector next looks at its
    oldest objects — a body of 100,000 list items parses into two million of them, which
    would stay through much of the layout."""
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        node.children = []
        node.parent = None


class _BlockConverter:
    """Converts block nodes, collecting problems; lives for one body."""

    def __init__(self, source: BodySource, inline: InlineConverter) -> None:
        self.source = source
        self.inline = inline
        self.problems: list[Problem] = []
        self.figures = FigureConverter(source, inline, self.problems)

    def top_level(self, node: SyntaxTreeNode) -> list[Heading | Block]:
        if node.type == "heading":
            return [self._heading(node)]
        block = self._block(node)
        return [block] if block is not None else []

    def _block(self, node: SyntaxTreeNode) -> Block | None:
        line = self.source.line_of(node)
        if node.type == "paragraph":
            image = image_of(node)
            if image is not None:
                return self.figures.figure(image, node)
            lookalike = table_lookalike(node, self.source)
            if lookalike is not None:
                self.problems.append(lookalike)
            return Paragraph(content=self._runs(node), line=line)
        if node.type == "html_block":
            # Raw HTML is printed as the author wrote it, never interpreted.
            self._warn(node, html_message(node.content))
            return Paragraph(content=(Text(text=node.content.strip("\n")),), line=line)
        if node.type in ("bullet_list", "ordered_list"):
            return self._list(node, 1)
        if node.type == "table":
            return convert_table(node, self.source, self.inline, self.problems)
        if node.type == "blockquote":
            paragraphs = self.paragraphs_of(node, "a block quote")
            return BlockQuote(
                paragraphs=tuple(
                    Paragraph(content=runs, line=at) for runs, at in zip(*paragraphs, strict=True)
                ),
                line=line,
            )
        if node.type in _UNSUPPORTED:
            self._error(node, _UNSUPPORTED[node.type])
        else:  # a construct this converter does not know (a parser change): never dropped silently
            name = _NAMES.get(node.type, node.type.replace("_", " "))
            self._error(node, f"not supported: {name}; it is left out, remove it or rewrite it")
        return None

    def _heading(self, node: SyntaxTreeNode) -> Heading:
        level = int(node.tag[1:])
        underlined = node.markup in ("=", "-")  # a setext heading: text over `===` or `---`
        if level not in (2, 3):
            underline = f"a line of `{node.markup * 3}` under the text"
            marks = underline if underlined else f"`{'#' * level}`"
            self._error(
                node,
                f"heading level {level} ({marks}) is not allowed: use `##` for sections and "
                "`###` for subsections (the title comes from the front matter)",
            )
        elif underlined:
            self._warn(node, _UNDERLINED)
        content = self._runs(node)
        if not content:
            self._error(
                node, "the heading has no text; write it after the `#` marks", Code.EMPTY_TEXT
            )
        # An invalid level is still converted, so that later problems are found too.
        return Heading(level=3 if level > 2 else 2, content=content, line=self.source.line_of(node))

    def _list(self, node: SyntaxTreeNode, depth: int) -> BulletList | NumberedList:
        what = "numbered item" if node.type == "ordered_list" else "bullet item"
        items = tuple(self._item(child, depth, what) for child in node.children)
        line = self.source.line_of(node)
        if node.type == "ordered_list":
            start = node.attrs.get("start", 1)
            return NumberedList(items=items, start=int(start), line=line)
        return BulletList(items=items, line=line)

    def _item(self, node: SyntaxTreeNode, depth: int, what: str) -> BulletItem:
        """An item: its paragraphs (joined by line breaks), then at most one nested list."""
        text = [child for child in node.children if child.type not in _LISTS]
        lists = [child for child in node.children if child.type in _LISTS]
        runs_per_paragraph, _ = self._paragraphs(text, f"a {what}")
        runs: list[Inline] = []
        for index, paragraph in enumerate(runs_per_paragraph):
            runs.extend((LineBreak(), *paragraph) if index else paragraph)
        if not runs_per_paragraph:
            mark = "number" if what == "numbered item" else "`-`"
            message = f"the {what} has no text; remove the {mark} line or add text"
            self._error(node, message, Code.EMPTY_TEXT)
        sublist = None
        if lists and depth >= MAX_LIST_DEPTH:
            self._error(
                lists[0],
                f"a bullet or numbered list can be nested at most {MAX_LIST_DEPTH} levels deep; "
                "indent this list less or make it a list of its own",
            )
        elif lists:
            sublist = self._list(lists[0], depth + 1)
            for extra in lists[1:]:
                self._error(extra, "a list item may hold only one nested list; join the lists")
        lead, content = split_lead(tuple(runs))
        return BulletItem(
            lead=lead, content=content, sublist=sublist, line=self.source.line_of(node)
        )

    def paragraphs_of(
        self, node: SyntaxTreeNode, container: str, assign: bool = True
    ) -> tuple[list[tuple[Inline, ...]], list[int]]:
        """Runs and lines of the paragraphs inside ``node``; anything else is a problem."""
        return self._paragraphs(node.children, container, assign)

    def _paragraphs(
        self, nodes: list[SyntaxTreeNode], container: str, assign: bool = True
    ) -> tuple[list[tuple[Inline, ...]], list[int]]:
        runs: list[tuple[Inline, ...]] = []
        lines: list[int] = []
        for child in nodes:
            if child.type == "paragraph" and image_of(child) is not None:
                self._error(child, f"{container} cannot hold a figure; put the image on its own")
            elif child.type == "paragraph":
                runs.append(self._runs(child, assign))
                lines.append(self.source.line_of(child))
            elif child.type == "footnote_reference":
                self._error(child, "a footnote definition must start at the beginning of a line")
            else:
                name = _NAMES.get(child.type, child.type.replace("_", " "))
                self._error(child, f"{container} may contain only text, found a {name}")
        return runs, lines

    def _runs(self, node: SyntaxTreeNode, assign: bool = True) -> tuple[Inline, ...]:
        inline = node.children[0] if node.children else None
        return self.inline.runs(inline, node, assign) if inline is not None else ()

    def _error(
        self, node: SyntaxTreeNode, message: str, code: Code = Code.UNSUPPORTED_MARKDOWN
    ) -> None:
        line = self.source.line_of(node)
        self.problems.append(Problem(self.source.path, line, None, message, code=code))

    def _warn(
        self, node: SyntaxTreeNode, message: str, code: Code = Code.UNSUPPORTED_MARKDOWN
    ) -> None:
        line = self.source.line_of(node)
        self.problems.append(
            Problem(self.source.path, line, None, message, Severity.WARNING, code=code)
        )


def split_lead(runs: tuple[Inline, ...]) -> tuple[tuple[Inline, ...], tuple[Inline, ...]]:
    """``**Lead:** text`` → (lead runs, text runs).

    ``**Lead**: text`` moves the colon into the lead. An item that is bold from start to
    end has no argument text and so no lead.
    """
    if len(runs) < 2 or not isinstance(runs[0], Strong):
        return (), runs
    lead = runs[0].children
    rest = list(runs[1:])
    first = rest[0]
    if isinstance(first, Text):
        text = first.text
        if text.startswith(":") and not _ends_with_colon(lead):
            lead = merge_text((*lead, Text(text=":")))
            text = text[1:]
        rest[0] = Text(text=text.lstrip())
    content = merge_text(rest)
    return (lead, content) if content else ((), runs)


def _ends_with_colon(runs: tuple[Inline, ...]) -> bool:
    last = runs[-1] if runs else None
    return isinstance(last, Text) and last.text.rstrip().endswith(":")
