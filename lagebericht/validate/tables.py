"""Markdown table nodes → :class:`Table` blocks: cells as inline runs, column alignment.

markdown-it keeps as many cells per row as the header has and drops the rest without a
trace, and a table whose separator row does not match its header is no table at all but a
paragraph of pipes: both are read back from the source lines and reported.
"""

from __future__ import annotations

import re

from markdown_it.rules_block.table import escapedSplit
from markdown_it.tree import SyntaxTreeNode

from lagebericht.model import Heading, Inline, Paragraph, Table, Text
from lagebericht.model.blocks import Alignment, Block, Cell
from lagebericht.problems import Code, Problem, Severity
from lagebericht.validate.inline_runs import InlineConverter
from lagebericht.validate.markdown_source import BodySource

_ALIGN: dict[str, Alignment] = {
    "text-align:left": "left",
    "text-align:center": "center",
    "text-align:right": "right",
}
_SEPARATOR = re.compile(r"^[\s|:-]*-[\s|:-]*$")
# Pandoc's table caption: a paragraph ``: text`` or ``Table: text`` next to the table.
_CAPTION = re.compile(r"^(?:table)?:\s+", re.IGNORECASE)
_SHOWN = 30  # characters of a dropped cell quoted in a message


def convert_table(
    node: SyntaxTreeNode, source: BodySource, inline: InlineConverter, problems: list[Problem]
) -> Table:
    """The table of a ``table`` node; problems inside cells go to ``inline``, cells that do
    not fit under the header to ``problems``."""
    rows = [row for part in node.children for row in part.children]
    header_row, body_rows = rows[0], rows[1:]
    align = tuple(_ALIGN.get(str(cell.attrs.get("style", ""))) for cell in header_row.children)
    columns = len(header_row.children)
    for row in body_rows:
        problem = _extra_cells(row, columns, source)
        if problem is not None:
            problems.append(problem)
    cells = [_cells(row, inline) for row in body_rows]
    caption: tuple[Inline, ...] = ()
    if body_rows and _caption_line(body_rows[-1], source):
        # A ``: caption`` line right under the table, without an empty line between, is
        # read by markdown-it as one more row: it is the caption.
        caption = caption_runs(cells.pop()[0]) or ()
    return Table(
        header=_cells(header_row, inline),
        rows=tuple(cells),
        align=align,
        line=source.line_of(node),
        caption=caption,
    )


def caption_runs(runs: tuple[Inline, ...]) -> tuple[Inline, ...] | None:
    """The caption of a paragraph written as a table caption (``: text``, ``Table: text``);
    ``None`` for any other paragraph."""
    first = runs[0] if runs else None
    if not isinstance(first, Text):
        return None
    found = _CAPTION.match(first.text)
    if found is None:
        return None
    rest = first.text[found.end() :]
    caption = (*((Text(text=rest),) if rest else ()), *runs[1:])
    return caption or None


def with_captions(items: list[Heading | Block]) -> list[Heading | Block]:
    """``items`` with each caption paragraph moved into the table it stands next to (the
    one before it first), and the captioned tables numbered in order."""
    joined: list[Heading | Block] = []
    for item in items:
        previous = joined[-1] if joined else None
        if isinstance(item, Paragraph) and isinstance(previous, Table) and not previous.caption:
            caption = caption_runs(item.content)
            if caption:
                joined[-1] = previous.model_copy(update={"caption": caption})
                continue
        if isinstance(item, Table) and not item.caption and isinstance(previous, Paragraph):
            caption = caption_runs(previous.content)
            if caption:
                joined[-1] = item.model_copy(update={"caption": caption})
                continue
        joined.append(item)
    number = 0
    for index, item in enumerate(joined):
        if isinstance(item, Table) and item.caption:
            number += 1
            joined[index] = item.model_copy(update={"number": number})
    return joined


def _caption_line(row: SyntaxTreeNode, source: BodySource) -> bool:
    if not row.map or row.map[0] >= len(source.lines):
        return False
    text = source.lines[row.map[0]].strip()
    return "|" not in text and _CAPTION.match(text) is not None


def _cells(row: SyntaxTreeNode, inline: InlineConverter) -> tuple[Cell, ...]:
    # A row node is the innermost node with a source line: problems are located by it.
    return tuple(
        inline.runs(cell.children[0], row) if cell.children else () for cell in row.children
    )


def split_row(text: str) -> list[str]:
    """The cells of a table line as markdown-it splits them (``\\|`` is no separator)."""
    cells = escapedSplit(text.strip())
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _extra_cells(row: SyntaxTreeNode, columns: int, source: BodySource) -> Problem | None:
    """The warning for a body row with more cells than the header: markdown-it drops them."""
    if not row.map or row.map[0] >= len(source.lines):
        return None
    text = source.lines[row.map[0]]
    cells = split_row(text)
    extra = [cell.strip() for cell in cells[columns:]]
    if not extra:
        return None
    shown = ", ".join(f'"{_shorten(cell)}"' for cell in extra)
    what = f"the extra cell {shown} is" if len(extra) == 1 else f"the extra cells {shown} are"
    message = (
        f"table row with {len(cells)} cells under a header of {columns}: {what} left out; "
        "add a column to the header, or remove the extra cells (write `\\|` for a `|` "
        "inside a cell)"
    )
    return Problem(
        source.path,
        source.line_of(row),
        _column_of_cell(text, columns),
        message,
        Severity.WARNING,
        Code.UNSUPPORTED_MARKDOWN,
    )


def _column_of_cell(text: str, index: int) -> int | None:
    """1-based column where cell ``index`` (0-based) of a table line starts."""
    pipes = [at for at, char in enumerate(text) if char == "|" and text[at - 1 : at] != "\\"]
    before = index - 1 + (1 if text.lstrip().startswith("|") else 0)
    if before >= len(pipes):
        return None
    start = pipes[before] + 1
    return start + (len(text[start:]) - len(text[start:].lstrip())) + 1


def _shorten(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def table_lookalike(paragraph: SyntaxTreeNode, source: BodySource) -> Problem | None:
    """The warning for a paragraph that was meant as a table but is none (printed as text)."""
    found = _lookalike_line(paragraph, source)
    if found is None:
        return None
    index, message = found
    return Problem(
        source.path,
        source.first_line + index,
        None,
        message,
        Severity.WARNING,
        Code.UNSUPPORTED_MARKDOWN,
    )


def _lookalike_line(paragraph: SyntaxTreeNode, source: BodySource) -> tuple[int, str] | None:
    if not paragraph.map:
        return None
    start, end = paragraph.map
    for index in range(start, min(end, len(source.lines)) - 1):
        header, separator = source.lines[index], source.lines[index + 1]
        if "|" not in header or not _SEPARATOR.match(separator):
            continue
        if "|" not in separator and ":" not in separator:
            continue
        cells = len(split_row(header))
        marks = len(split_row(separator))
        if cells != marks:
            return index, (
                f"this line and the next look like a table, but the header row has {cells} "
                f"cells and the row of `---` below it {marks}; give both the same number of "
                "cells (as it is, the lines are printed as text, pipes and all)"
            )
        return index, (
            "this line and the next look like a table but are not read as one (they are "
            "printed as text, pipes and all); write the header row, then the row of `---` "
            "cells, each on its own line and after an empty line"
        )
    return None
