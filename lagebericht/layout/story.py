"""Report → the list of flowables that make up the document (header block, body, notes)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    FrameBreak,
    KeepTogether,
    NullActionFlowable,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as RLTable
from reportlab.platypus.flowables import HRFlowable

from lagebericht.layout.columns import BodyArea
from lagebericht.layout.figures import FigureBuilder
from lagebericht.layout.floats import Float
from lagebericht.layout.fonts import family_of
from lagebericht.layout.imprint import imprint_parts
from lagebericht.layout.lists import ListBuilder
from lagebericht.layout.logo import logo_flowable
from lagebericht.layout.quotes import quote_flowables
from lagebericht.layout.reportlab_adapter import (
    frame_at_top,
    frame_of,
    group_content,
    list_wrap_on,
    table_cells,
    table_row_heights,
)
from lagebericht.layout.setting.flowable import TextFlowable
from lagebericht.layout.setting.lines import SetLine
from lagebericht.layout.structure import Element, StructureTree
from lagebericht.layout.styles import Styles
from lagebericht.layout.tables import NotedTable, TableBuilder
from lagebericht.layout.tagging import Artifact, label, mark_table, tag
from lagebericht.model import (
    Block,
    BlockQuote,
    BulletList,
    Figure,
    Footnote,
    Inline,
    NumberedList,
    Report,
    Section,
    Table,
    Text,
)
from lagebericht.model import Paragraph as ParagraphBlock
from lagebericht.text.labels import long_date, report_label
from lagebericht.text.markup import inline_markup, plain_markup, plain_text
from lagebericht.text.typography import smarten
from lagebericht.theme import Theme

FLOAT_TABLE_SHARE = 0.35  # of the text block's height: a shorter table floats, unsplit
WIDE_TABLE_SHARE = 0.6  # a table across both columns is set in parts of at most this


class KeepWithOpening(KeepTogether):  # type: ignore[misc]
    """reportlab's group for ``keepWithNext``, kept with the *opening* of its last flowable
    (a table's header and first rows) instead of all of it: a long table starts right
    under the sentence that introduces it rather than leaving the rest of a page empty.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:
        content = group_content(self)
        if len(content) < 2:  # nothing to keep with (the next is a float)
            return list(super().split(aW, aH))
        *head, last = content
        opening = _opening_height([last], aW) or last.wrap(aW, 1e6)[1]
        need = list_wrap_on(head, aW, None)[1] + opening
        at_top = frame_at_top(frame_of(self))
        start = FrameBreak() if need > aH and not at_top else NullActionFlowable()
        return [start, *content]


class HeadingParagraph(TextFlowable):
    """A heading, balanced, that becomes a PDF bookmark (``outline_level`` 0 for ``##``,
    1 for ``###``); of a heading split across pages only the first part does."""

    outline_title = ""
    outline_level = 0

    def __init__(
        self, text: str, style: object, outline_title: str = "", outline_level: int = 0
    ) -> None:
        super().__init__(text, style, balanced=True)
        self.outline_title = outline_title
        self.outline_level = outline_level

    def _part(
        self, start: int, stop: int, width: float, lines: list[SetLine], offset: int
    ) -> TextFlowable:
        part = super()._part(start, stop, width, lines, offset)
        if start == 0 and isinstance(part, HeadingParagraph):
            part.outline_title, part.outline_level = self.outline_title, self.outline_level
        return part


@dataclass(frozen=True)
class StoryBuilder:
    """Builds the flowables of one report with one set of styles, each tagged with its
    element of ``structure`` (created in the order of the source)."""

    report: Report
    styles: Styles
    theme: Theme
    structure: StructureTree = field(default_factory=StructureTree)

    @property
    def root(self) -> Element:
        return self.structure.root

    @property
    def language(self) -> str:
        return self.report.language

    def header_block(self, width: float) -> Iterator[Flowable]:
        r, s = self.report, self.styles
        labels = self.theme.labels_for(r.language)
        label = report_label(labels, r.label)
        logo = logo_flowable(self.theme, 34.0, self.styles.body.fontName)
        printed = long_date(r.date, r.language, labels.locale)
        date: Flowable | list[Flowable] = Paragraph(plain_markup(printed, r.language), s.date)
        date_width = 110.0
        if r.classification and self.theme.classification.header_block:
            marking = Paragraph(plain_markup(r.classification, r.language), s.marking)
            date = [date, marking]
            # On one line where it can be: the column widens up to half the width.
            style = s.marking
            wanted = stringWidth(
                smarten(r.classification, r.language), style.fontName, style.fontSize
            )
            date_width = min(max(date_width, wanted + 1), width / 2)
        who = [
            Paragraph(plain_markup(label, r.language), s.label),
            Paragraph(plain_markup(r.office.line, r.language), s.office),
        ]
        # Logo · label and office · date, on one band above the brand rule.
        logo_width = logo.width + 10 if logo else 0.0
        if logo:
            tag(logo, Artifact.LAYOUT)
        # The label is the theme's unless the front matter gives one: in the labels'
        # language (English where the theme has none for the report's).
        words = None if r.label else self.theme.foreign_labels(r.language)
        heading = self.root.child("P", lang=words)
        for paragraph in who:
            tag(paragraph, heading)
        for paragraph in date if isinstance(date, list) else [date]:
            tag(paragraph, self.root.child("P"))
        yield RLTable(
            [[logo or "", who, date]],
            renderCB=mark_table,
            colWidths=[logo_width, width - logo_width - date_width, date_width],
            style=[
                # Table cells set a font even around flowables: never reportlab's Helvetica.
                ("FONTNAME", (0, 0), (-1, -1), s.body.fontName),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ],
        )
        yield tag(
            HRFlowable(
                width="100%",
                thickness=1.5,
                color=HexColor(self.theme.colours.brand),
                spaceBefore=8,
                spaceAfter=6,
            ),
            Artifact.LAYOUT,
        )
        # The header block spans the full width, also in two-column themes.
        title = plain_markup(r.title, r.language)
        yield self._tagged(TextFlowable(title, s.title, balanced=True), "H1")
        if r.subtitle:
            subtitle = plain_markup(r.subtitle, r.language)
            yield self._tagged(TextFlowable(subtitle, s.subtitle, balanced=True), "P")
        if r.authors:
            names = [f"{a.name}, {a.role}" if a.role else a.name for a in r.authors]
            yield self._tagged(TextFlowable(plain_markup(" · ".join(names), r.language), s.authors))
        if r.summary:
            yield self._tagged(TextFlowable(self.markup(r.summary), s.lead))
        else:
            yield tag(
                HRFlowable(width="100%", thickness=0, color=HexColor("#ffffff"), spaceAfter=8),
                Artifact.LAYOUT,
            )

    def _tagged(
        self, flowable: Flowable, role: str = "P", parent: Element | None = None
    ) -> Flowable:
        """``flowable`` tagged with a new element of ``role`` (under the document)."""
        return tag(flowable, (parent or self.root).child(role))

    def blocks(self, blocks: tuple[Block, ...]) -> Iterator[Flowable]:
        introduction: Flowable | None = None
        for flowable in self._blocks(blocks):
            if introduction is not None and isinstance(flowable, RLTable):
                # "The figures at a glance:" never stays behind on the page before a table
                # that flows with the text (the document template keeps it with the
                # table's first rows). A table that floats leaves its paragraph alone.
                introduction.keepWithNext = 1
            introduction = flowable if getattr(flowable, "introduces", False) else None
            yield flowable

    def _blocks(self, blocks: tuple[Block, ...]) -> Iterator[Flowable]:
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            match block:
                case ParagraphBlock(content=content):
                    paragraph = TextFlowable(self.markup(content), self.styles.body)
                    paragraph.source_line = block.line
                    tag(paragraph, self.root.child("P"))
                    paragraph.introduces = _introduces(content, following)
                    yield paragraph
                case BulletList() | NumberedList():
                    lists = ListBuilder(self.styles.bullet, self.markup)
                    yield from lists.flowables(
                        block, closing=self.styles.body.spaceAfter, parent=self.root
                    )
                case BlockQuote(paragraphs=paragraphs):
                    runs = [para.content for para in paragraphs]
                    quote = self.root.child("BlockQuote")
                    for flowable in quote_flowables(
                        runs, self.styles.quote, self.language, self.markup
                    ):
                        flowable.source_line = block.line
                        yield self._tagged(flowable, "P", quote)
                case Table():
                    yield from self._table(block)
                case Figure(caption=caption):
                    figures, area = self._figures(), self.area
                    wide = area.columns > 1 and figures.natural_width(block) > area.column_width
                    width = area.geometry.frame_width if wide else area.column_width
                    figure = figures.figure(block, self.markup(caption), width, area.height, wide)
                    self._tag_figure(figure, block)
                    yield figure
                case Section(heading=heading, blocks=inner):
                    style = self.styles.heading2 if heading.level == 2 else self.styles.heading3
                    element = self.root.child(f"H{heading.level}")  # before its blocks'
                    flowables = list(self.blocks(inner))
                    width = self.area.column_width
                    title = tag(
                        HeadingParagraph(
                            self.markup(heading.content),
                            style,
                            outline_title=plain_text(heading.content, self.language),
                            outline_level=heading.level - 2,
                        ),
                        element,
                    )
                    title.source_line = heading.line
                    # Keep the heading with the first lines of what follows (two lines of
                    # text, a whole figure, a table's first rows); reportlab's keepWithNext
                    # would move the whole next paragraph (or list) and leave a gap.
                    need = _opening_height(flowables[:1], width) or _two_lines(flowables, width)
                    _, title_height = title.wrap(width, 1e6)
                    yield CondPageBreak(style.spaceBefore + title_height + style.spaceAfter + need)
                    yield title
                    yield from flowables

    def _table(self, table: Table) -> Iterator[Flowable]:
        """A short table floats like a figure; a long one flows and splits with its header
        repeated. In two columns a table that would break words in a column spans both,
        at the top of a page, in parts of at most a band's height."""
        tables, area = self._tables(), self.area
        if area.columns == 1 or tables.fits_unbroken(table, area.column_width):
            flowable = self._tag_table(tables.table(table, area.column_width))
            tables.refuse_tall_rows(table, flowable, area.column_width, area.height)
            _, height = flowable.wrap(area.column_width, area.height)
            if height > FLOAT_TABLE_SHARE * area.height:
                yield flowable
            else:
                yield _table_float(flowable, wide=False)
            return
        width = area.geometry.frame_width
        whole = self._tag_table(tables.table(table, width))
        tables.refuse_tall_rows(table, whole, width, area.height)
        for part in _parts(whole, width, WIDE_TABLE_SHARE * area.height):
            # reportlab's split parts lose the spacing: keep the whole table's.
            part.spaceBefore, part.spaceAfter = whole.spaceBefore, whole.spaceAfter
            yield _table_float(part, wide=True)

    def _tag_table(self, table: NotedTable) -> NotedTable:
        """The table's cells tagged: its caption (if any) the table's Caption, the next
        row the column headers, the rest data."""
        element = self.root.child("Table")
        all_rows = table_cells(table)
        if table.caption_rows:
            _tag_caption(all_rows.pop(0)[0], element.child("Caption"))
        head, *rows = all_rows
        row = element.child("THead").child("TR")
        for cell in head:
            tag(cell, row.child("TH", scope="Column"))
        body = element.child("TBody")
        for cells in rows:
            row = body.child("TR")
            for cell in cells:
                tag(cell, row.child("TD"))
        return table

    def _tag_figure(self, figure: Float, block: Figure) -> None:
        """The image as a Figure with its text alternative (the caption's text unless the
        model gives one; none for a decorative image, an artifact), caption and credit
        as its Caption."""
        # ``alt_text`` and ``decorative``: the model's figure (or its flowable) says them
        # once the figure syntax has a text alternative (issue 16, point 2).
        image, *caption = figure.parts
        if getattr(block, "decorative", False) or getattr(figure, "decorative", False):
            tag(image, Artifact.LAYOUT)
        else:
            alt = (
                getattr(block, "alt_text", None)
                or getattr(figure, "alt_text", None)
                or plain_text(block.caption, self.language).strip()
            )
            lang = None
            if not alt:  # the label and number: in the labels' language
                alt = f"{self.theme.labels_for(self.language).figure} {block.number}"
                lang = self.theme.foreign_labels(self.language)
            tag(image, self.root.child("Figure", alt=alt, lang=lang))
        element = self.root.child("Caption")
        for part in caption:
            _tag_caption(part, element)

    @property
    def area(self) -> BodyArea:
        return BodyArea.of(self.theme)

    def _tables(self) -> TableBuilder:
        return TableBuilder(self.styles, self.theme, self.language, self.report.source, self.markup)

    def _figures(self) -> FigureBuilder:
        return FigureBuilder(
            styles=self.styles,
            fonts=family_of(self.theme),
            language=self.language,
            label=self.theme.labels_for(self.language).figure,
            label_language=self.theme.foreign_labels(self.language),
            brand=self.theme.colours.brand,
            source=self.report.source,
        )

    def closing_block(self, publisher: str) -> Iterator[Flowable]:
        """Imprint after the body, kept on one page, from the theme's templates."""
        lines = imprint_parts(self.theme, self.report.office, publisher, self.language)
        # In the language of the theme's labels (English where it has none for the
        # report's); a licence line its template wrote in another, tagged as that.
        words = self.theme.labels_language(self.language)
        imprint = self.root.child("Sect", lang=self.theme.foreign_labels(self.language))
        rule = HRFlowable(width="100%", thickness=0.5, color=HexColor(self.theme.colours.rule))
        yield KeepTogether(
            [
                Spacer(1, self.styles.body.leading),
                tag(rule, Artifact.LAYOUT),
                Spacer(1, 4),
                *(
                    tag(
                        TextFlowable(line, self.styles.imprint),
                        imprint.child("P", lang=language if language != words else None),
                    )
                    for line, language in lines
                ),
            ]
        )

    def note(self, footnote: Footnote) -> TextFlowable:
        body = "<br/>".join(self.markup(p) for p in footnote.paragraphs)
        text = " ".join(plain_text(p, self.language) for p in footnote.paragraphs)
        element = self.structure.note(footnote.number, text)
        flowable = TextFlowable(body, self.styles.note, bulletText=str(footnote.number))
        return label(tag(flowable, element), element.child("Lbl"))  # the note's number

    def markup(self, runs: tuple[Inline, ...]) -> str:
        return inline_markup(runs, self.language, self.theme.colours.brand)


def _table_float(table: NotedTable, wide: bool) -> Float:
    return Float([table], wide=wide, space_before=table.spaceBefore, space_after=table.spaceAfter)


def _parts(table: NotedTable, width: float, height: float) -> list[NotedTable]:
    """``table`` split into parts of at most ``height`` (each with the header row)."""
    parts: list[NotedTable] = []
    rest = table
    while rest.wrap(width, height)[1] > height:
        split = rest.split(width, height)
        if len(split) < 2:
            break
        parts.append(split[0])
        rest = split[1]
    return [*parts, rest]


def _introduces(content: tuple[Inline, ...], following: Block | None) -> bool:
    """A paragraph ending in a colon right before a table introduces it."""
    if not isinstance(following, Table) or not content:
        return False
    last = content[-1]
    return isinstance(last, Text) and last.text.rstrip().endswith(":")


MIN_LINES_AFTER_HEADING = 2


def _two_lines(flowables: list[Flowable], width: float) -> float:
    """Height of the first :data:`MIN_LINES_AFTER_HEADING` lines of text after a heading,
    as they can stand at a page's foot: a paragraph of up to three lines only whole (two
    lines at least stay together at each end of a split one), a one-line paragraph with
    the start of the next (a list's first item)."""
    need, lines = 0.0, 0
    for flowable in flowables:
        leading = float(getattr(getattr(flowable, "style", None), "leading", 0.0) or 0.0)
        if not leading or isinstance(flowable, Float):
            break
        height = float(flowable.wrap(width, 1e6)[1])
        count = max(1, round(height / leading))
        if count >= 2 * MIN_LINES_AFTER_HEADING:
            return need + MIN_LINES_AFTER_HEADING * leading
        need += height
        lines += count
        if lines >= MIN_LINES_AFTER_HEADING:
            return need
        need += float(flowable.getSpaceAfter())
    return need if lines else 0.0


def _opening_height(flowables: list[Flowable], width: float) -> float:
    """Height a section's first flowable needs on the heading's page: a whole figure, a
    table's header and first two rows, else nothing beyond the usual lines of text."""
    if not flowables:
        return 0.0
    first = flowables[0]
    if isinstance(first, Float):
        return 0.0  # a float that does not fit after the heading moves on by itself
    if isinstance(first, KeepTogether):
        return list_wrap_on(group_content(first), width, None)[1]
    if isinstance(first, RLTable):
        first.wrap(width, 1e6)
        return float(sum(table_row_heights(first)[: getattr(first, "opening_rows", 3)]))
    return 0.0


def _tag_caption(part: Flowable, element: Element) -> None:
    """``part`` of a caption tagged as ``element``'s content; a label in another language
    than the report's (the theme lacks the report's) as a Span with that /Lang, whose
    marks the caption's begin with (no empty sequence of the caption before it)."""
    tag(part, element)
    if isinstance(part, TextFlowable) and part.spans:
        look = part.spans[0].look
        if look.lang is not None and look.link is None:
            label(part, element.child("Span", lang=look.lang))
