"""Markdown table nodes → :class:`Table` blocks: cells as inline runs, column alignment."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from lagebericht.model import Table
from lagebericht.model.blocks import Alignment, Cell
from lagebericht.validate.inline_runs import InlineConverter
from lagebericht.validate.markdown_source import BodySource

_ALIGN: dict[str, Alignment] = {
    "text-align:left": "left",
    "text-align:center": "center",
    "text-align:right": "right",
}


def convert_table(node: SyntaxTreeNode, source: BodySource, inline: InlineConverter) -> Table:
    """The table of a ``table`` node; problems inside cells go to ``inline``."""
    rows = [row for part in node.children for row in part.children]
    header_row, body_rows = rows[0], rows[1:]
    align = tuple(_ALIGN.get(str(cell.attrs.get("style", ""))) for cell in header_row.children)
    return Table(
        header=_cells(header_row, inline),
        rows=tuple(_cells(row, inline) for row in body_rows),
        align=align,
        line=source.line_of(node),
    )


def _cells(row: SyntaxTreeNode, inline: InlineConverter) -> tuple[Cell, ...]:
    # A row node is the innermost node with a source line: problems are located by it.
    return tuple(
        inline.runs(cell.children[0], row) if cell.children else () for cell in row.children
    )
