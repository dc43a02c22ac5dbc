"""Markdown tables → reportlab tables in the theme's fonts, fitted to the text block.

Column widths follow the usual automatic table layout: every column gets its natural
width (the widest cell on one line) when that fits; otherwise every column gets at least
its longest word and the rest is shared in proportion to what each column would still
like; only when even the longest words do not fit are words hyphenated inside the cells;
a table that does not fit then either is refused with its source line, never drawn over
the margin. In two columns a table that would have to break words in a column spans both
columns (:meth:`TableBuilder.fits_unbroken` decides).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import Table as RLTable

from lagebericht.layout.footnotes import references_in
from lagebericht.layout.hyphenation import hyphenator_for
from lagebericht.layout.reportlab_adapter import (
    fix_table_row_heights,
    table_cells,
    table_row_heights,
)
from lagebericht.layout.setting.flowable import TextFlowable
from lagebericht.layout.setting.inline import in_language
from lagebericht.layout.styles import Styles
from lagebericht.layout.tagging import mark_table
from lagebericht.model import Table
from lagebericht.model.blocks import Alignment, Cell
from lagebericht.problems import Code, InputError, Problem
from lagebericht.text.markup import escape, plain_text
from lagebericht.text.numbers import decimal_tail
from lagebericht.text.typography import smarten
from lagebericht.theme import Theme
from lagebericht.theme.model import MM

PAD_X = 4.0  # left and right padding of a cell, in points
PAD_Y = 2.5
SLACK = 0.5  # reportlab's float arithmetic must not break a line that measures exactly
NATURAL_SHARE = 0.6  # a table whose natural width exceeds this share is set full width
# A number as tables show it: 1.234,5 · −3 % · 12 Mio. · n/a-style dashes also pass.
_NUMBER = re.compile(r"^[−–+\-±~≈<>]?\s?[$€£₸₽]?\s?\d[\d\s\u00a0.,'’]*\s?(%|‰|[A-Za-zА-я.]{0,5})$")
_PLACEHOLDER = frozenset({"", "–", "—", "-", "…", "n/a", "k.A.", "–\u00a0"})
_ALIGN: dict[str, int] = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


class NotedTable(RLTable):  # type: ignore[misc]
    """A table that tells the footnote frame which notes its cells reference.

    reportlab builds the parts of a table split over pages with ``self.__class__``, so
    every part reports the references of its own rows.
    """

    opening_rows = 3  # caption (if any), header and two rows: kept with a heading
    caption_rows = 0  # 1: the first row is the table's numbered caption
    source_line: int | None = None  # of the Markdown table's header row: errors name it
    # What to say when no page can take it (each row alone fits a page: checked).
    unplaceable = (
        "the table does not fit on a page: a row, with the header row above it "
        "and the footnotes it references, is taller than a page; shorten the row "
        "or its notes, or split it into rows",
        Code.TABLE_TOO_TALL,
    )
    _references: tuple[int, ...] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Measured once: reportlab would measure every row left again on every page.
        fix_table_row_heights(self)
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        return size

    def footnote_references(self) -> tuple[int, ...]:
        if self._references is None:
            self._references = self._find_references()
        return self._references

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, NotedTable):
                part.source_line = self.source_line
        if not self.footnote_references():
            # Nor do its parts: a long table is split once per page, and the part left
            # would otherwise walk all its rows again each time.
            for part in parts:
                if isinstance(part, NotedTable):
                    part._references = ()
        return parts

    def _find_references(self) -> tuple[int, ...]:
        found: dict[int, None] = {}  # in order, each once
        for row in table_cells(self):
            for cell in row:
                for flowable in cell if isinstance(cell, list | tuple) else (cell,):
                    if isinstance(flowable, Flowable):
                        found.update(dict.fromkeys(_cell_references(flowable)))
        return tuple(found)


# The references of each cell's flowable, remembered: the part of a long table left after
# each page asks again for the references of all its rows, which are the same flowables.
_CELL_REFERENCES: weakref.WeakKeyDictionary[Flowable, tuple[int, ...]] = weakref.WeakKeyDictionary()


def _cell_references(flowable: Flowable) -> tuple[int, ...]:
    found = _CELL_REFERENCES.get(flowable)
    if found is None:
        found = _CELL_REFERENCES[flowable] = references_in(flowable)
    return found


@dataclass(frozen=True)
class TableBuilder:
    """Builds the tables of one report."""

    styles: Styles
    theme: Theme
    language: str
    source: Path
    markup: Callable[[Cell], str]

    def fits_unbroken(self, table: Table, width: float) -> bool:
        """Does ``table`` fit ``width`` without breaking a word inside its cells?"""
        header, rows = self._cells(table)
        columns = list(zip(header, *rows, strict=True))
        extras = list(zip(*self._decimal_padding(table), strict=True))
        longest = [
            max(_longest_word(p) + e for p, e in zip(column, extra, strict=True))
            + 2 * PAD_X
            + SLACK
            for column, extra in zip(columns, extras, strict=True)
        ]
        return bool(sum(longest) <= width)

    def _cells(self, table: Table) -> tuple[list[TextFlowable], list[list[TextFlowable]]]:
        align = [
            _alignment(given, [row[i] if i < len(row) else () for row in table.rows], self.language)
            for i, given in enumerate(table.align)
        ]
        header = [
            self._cell(cell, self.styles.cell_header, a)
            for cell, a in zip(table.header, align, strict=False)
        ]
        rows = [
            [
                self._cell(row[i] if i < len(row) else (), self.styles.cell, a)
                for i, a in enumerate(align)
            ]
            for row in table.rows
        ]
        return header, rows

    def table(self, table: Table, width: float) -> NotedTable:
        """``table`` set in ``width`` points; raises InputError if it cannot fit."""
        header, rows = self._cells(table)
        extras = self._decimal_padding(table)
        # Tight columns first give up half their padding before the table is refused.
        pad = PAD_X
        widths = self._widths(table, [header, *rows], extras, width, pad, refuse=False)
        if widths is None:
            pad = PAD_X / 2
            widths = self._widths(table, [header, *rows], extras, width, pad, refuse=True)
        assert widths is not None
        caption = self._caption(table)
        top = 0 if caption is None else 1  # the row of the header
        if caption is not None:
            # A narrow table widens for its caption rather than break it into many lines.
            wanted = min(width, _natural(caption) + SLACK)
            if sum(widths) < wanted:
                widths = _share(widths, widths, wanted)
        colours = self.theme.colours
        brand, rule = HexColor(colours.brand), HexColor(colours.rule)
        result = NotedTable(
            [*([[caption, *[""] * (len(header) - 1)]] if caption else []), header, *rows],
            colWidths=widths,
            # Only the header row is repeated on the next page, never the caption.
            repeatRows=(top,) if top else 1,
            hAlign="LEFT",
            renderCB=mark_table,  # stripes and rules as artifacts, cells as their elements
            spaceBefore=self.styles.body.leading * 0.3,
            spaceAfter=self.styles.body.leading * 0.8,
            style=[
                # Cells that are no Paragraph would otherwise get reportlab's Helvetica.
                ("FONTNAME", (0, 0), (-1, -1), self.styles.cell.fontName),
                ("FONTSIZE", (0, 0), (-1, -1), self.styles.cell.fontSize),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y + 1),
                ("LINEABOVE", (0, top), (-1, top), 1.0, brand),
                ("LINEBELOW", (0, top), (-1, top), 0.6, brand),
                ("ROWBACKGROUNDS", (0, top + 1), (-1, -1), [None, HexColor(colours.tint)]),
                ("LINEBELOW", (0, -1), (-1, -1), 1.0, brand),
                # A table broken over pages ends each part with a thin rule.
                ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.5, rule),
                # Numbers stand on their decimal separator: padded right by what their
                # tail lacks of the column's widest.
                *(
                    ("RIGHTPADDING", (column, row), (column, row), pad + extra)
                    for row, line in enumerate(extras, start=top)
                    for column, extra in enumerate(line)
                    if extra > 0
                ),
                *(
                    [
                        # The caption above the table, at the text's edge as a figure's.
                        ("SPAN", (0, 0), (-1, 0)),
                        ("LEFTPADDING", (0, 0), (-1, 0), 0),
                        ("RIGHTPADDING", (0, 0), (-1, 0), 0),
                        ("TOPPADDING", (0, 0), (-1, 0), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
                    ]
                    if top
                    else []
                ),
            ],
        )
        result.opening_rows = 3 + top
        result.caption_rows = top
        result.source_line = table.line
        return result

    def refuse_tall_rows(
        self, table: Table, result: NotedTable, width: float, height: float
    ) -> None:
        """Raise InputError if a part of ``result`` (``table`` set in ``width``, its cells
        tagged: measuring replaces reportlab's cell values) cannot stand on a page of
        ``height``: each row goes with the header row repeated above it, the first with
        the caption too."""
        result.wrap(width, height)
        heights = table_row_heights(result)
        top = result.caption_rows
        caption, header, body = sum(heights[:top]), heights[top], heights[top + 1 :]

        def problem(line: int, what: str, needs: float, advice: str) -> Problem:
            return Problem(
                self.source,
                line,
                None,
                f"{what} is too tall for a page: it needs {needs / MM:.0f} mm, a page holds "
                f"{height / MM:.0f} mm; {advice}",
                code=Code.TABLE_TOO_TALL,
            )

        shortest = min(body, default=0.0)
        if header + shortest > height and header >= shortest:  # else name the tall rows
            what = "the table's header row" + (", with its shortest row," if body else "")
            raise InputError([problem(table.line, what, header + shortest, "shorten it")])
        problems = [
            problem(
                table.line + 1 + number,  # the header, the delimiter row, then the rows
                f"row {number} of the table, with the header row repeated above it,",
                header + row,
                "shorten its cells or split it into rows",
            )
            for number, row in enumerate(body, start=1)
            if header + row > height
        ]
        first = body[0] if body else 0.0
        if not problems and caption + header + first > height:
            problems.append(
                problem(
                    table.line,
                    "the table's caption, with the header row and the first row,",
                    caption + header + first,
                    "shorten the caption",
                )
            )
        if problems:
            raise InputError(problems)

    def _caption(self, table: Table) -> TextFlowable | None:
        """ "Tabelle 1: …" in the figures' caption style, or ``None`` without a caption."""
        if not table.caption or table.number is None:
            return None
        label = self.theme.labels_for(self.language).table
        number = in_language(
            escape(smarten(f"{label} {table.number}:", self.language)),
            self.theme.foreign_labels(self.language),
        )
        brand = self.theme.colours.brand
        return TextFlowable(
            f'<font color="{brand}"><b>{number}</b></font> {self.markup(table.caption)}',
            self.styles.caption,
        )

    def _decimal_padding(self, table: Table) -> list[list[float]]:
        """Per row (header first) and column: the right padding beyond the usual that
        sets a right-aligned column of numbers on its decimal separator (else 0)."""
        style = self.styles.cell
        padding = [[0.0] * len(table.header) for _ in range(len(table.rows) + 1)]
        for column, given in enumerate(table.align):
            cells = [row[column] if column < len(row) else () for row in table.rows]
            texts = [plain_text(cell, self.language).strip() for cell in cells]
            if _alignment(given, cells, self.language) != TA_RIGHT or not _numbers(texts):
                continue
            tails = [
                float(stringWidth(decimal_tail(t, self.language), style.fontName, style.fontSize))
                for t in texts
            ]
            widest = max(tails, default=0.0)
            for row, tail in enumerate(tails, start=1):
                padding[row][column] = widest - tail
        return padding

    def _cell(self, runs: Cell, style: ParagraphStyle, align: int) -> TextFlowable:
        aligned = ParagraphStyle(f"{style.name}-{align}", parent=style, alignment=align)
        return TextFlowable(self.markup(runs), aligned)

    def _widths(
        self,
        table: Table,
        cells: list[list[TextFlowable]],
        extras: list[list[float]],
        width: float,
        pad: float,
        refuse: bool,
    ) -> list[float] | None:
        columns = list(zip(*cells, strict=True))
        padding = list(zip(*extras, strict=True))

        def widest(measure: Callable[[TextFlowable], float]) -> list[float]:
            return [
                max(measure(p) + e for p, e in zip(column, extra, strict=True)) + 2 * pad + SLACK
                for column, extra in zip(columns, padding, strict=True)
            ]

        natural = widest(_natural)
        if sum(natural) <= width:
            if sum(natural) < NATURAL_SHARE * width:
                return natural
            return _share(natural, natural, width)
        longest = widest(_longest_word)
        if sum(longest) <= width:
            return _share(longest, [n - m for n, m in zip(natural, longest, strict=True)], width)
        language = self.theme.regional(self.language)
        pieces = widest(lambda p: _widest_piece(p, language))
        if sum(pieces) <= width:
            return _share(pieces, [m - p for m, p in zip(longest, pieces, strict=True)], width)
        if not refuse:
            return None
        raise InputError(
            [
                Problem(
                    self.source,
                    table.line,
                    None,
                    f"the table with {len(columns)} columns is too wide for the text block: "
                    f"it needs at least {sum(pieces) / MM:.0f} mm, the text is "
                    f"{width / MM:.0f} mm wide; use fewer columns or shorter words",
                    code=Code.TABLE_TOO_WIDE,
                )
            ]
        )


def _share(base: Sequence[float], wish: Sequence[float], width: float) -> list[float]:
    """``base`` widths plus the rest of ``width`` shared in proportion to ``wish``."""
    rest = width - sum(base)
    total = sum(wish)
    if total <= 0:
        return [b + rest / len(base) for b in base]
    return [b + rest * w / total for b, w in zip(base, wish, strict=True)]


def _natural(p: TextFlowable) -> float:
    """The cell's width on one line (its widest line where it has line breaks)."""
    p.wrap(1e5, 1e5)
    widths = p.getActualLineWidths0()
    return float(max(widths, default=0.0))


def _longest_word(p: TextFlowable) -> float:
    return float(p.minWidth())


def _widest_piece(p: TextFlowable, language: str) -> float:
    """The width a cell needs when each long word is hyphenated once at its best point.

    One break per word is what the line breaker reliably finds in a narrow column; a word
    the dictionary cannot break counts whole.
    """
    style = p.style
    pairs = hyphenator_for(language)

    def width(text: str) -> float:
        return float(stringWidth(text, style.fontName, style.fontSize))

    widest = 0.0
    for word in p.getPlainText().split():
        splits = (
            [max(width(head + "-"), width(tail)) for head, tail in pairs(word)] if pairs else []
        )
        widest = max(widest, min(splits, default=width(word)))
    return widest


def _alignment(given: Alignment | None, cells: list[Cell], language: str) -> int:
    """Alignment of a column: as written in the Markdown, else numbers right, text left."""
    if given is not None:
        return _ALIGN[given]
    texts = [plain_text(cell, language).strip() for cell in cells]
    return int(TA_RIGHT) if _numbers(texts) else int(TA_LEFT)


def _numbers(texts: list[str]) -> bool:
    """Are ``texts`` a column of numbers (blanks and dashes for "no value" aside)?"""
    numbers = [t for t in texts if t not in _PLACEHOLDER]
    return bool(numbers) and all(_NUMBER.match(t) for t in numbers)
