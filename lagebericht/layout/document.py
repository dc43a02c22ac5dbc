"""Report → PDF bytes: the document template that ties frames, pages and story together."""

from __future__ import annotations

import dataclasses
import functools
import io
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, FrameBreak, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

import lagebericht
from lagebericht.document_date import document_moment
from lagebericht.layout.canvas import PageTotalCanvas, Trim
from lagebericht.layout.columns import BodyArea
from lagebericht.layout.floats import EndColumns, FlushFloats
from lagebericht.layout.fonts import family_of
from lagebericht.layout.footnotes import FlushNotes, FootnoteFrame, FootnoteLedger
from lagebericht.layout.geometry import Geometry
from lagebericht.layout.pages import PageDecorator, PageTexts
from lagebericht.layout.placement import (
    Balance,
    ColumnsEnded,
    FloatingDocTemplate,
    Misfit,
    Unplaceable,
)
from lagebericht.layout.reportlab_adapter import group_content, list_wrap_on
from lagebericht.layout.story import HeadingParagraph, KeepWithOpening, StoryBuilder
from lagebericht.layout.structure import StructureTree
from lagebericht.layout.styles import make_styles
from lagebericht.model import Report
from lagebericht.problems import InputError, Problem
from lagebericht.text.labels import report_label
from lagebericht.text.typography import smarten
from lagebericht.theme import Theme, load_theme


class ReportDocTemplate(FloatingDocTemplate):
    """Page 1 with the header block, later pages with the running header; PDF bookmarks."""

    def __init__(
        self,
        buffer: io.BytesIO,
        ledger: FootnoteLedger,
        deco: PageDecorator,
        area: BodyArea,
        line: float,
        header_height: float | None = None,
        balance: Balance | None = None,
        early: Mapping[int, tuple[int, ...]] | None = None,
        **kwargs: Any,
    ) -> None:
        # One column: one frame per page. Two: page 1 has a full-width header frame of
        # ``header_height`` above the columns (see layout/columns.py), and the closing
        # block after the columns is set across the full width ("closing").
        super().__init__(
            buffer,
            area,
            ledger,
            line,
            header_height,
            balance,
            early,
            keepTogetherClass=KeepWithOpening,
            **kwargs,
        )
        templates = [
            PageTemplate(
                "first",
                self.layouts["first"].frames,
                onPage=_call(deco.first_page),
                onPageEnd=_notes,
                autoNextPageTemplate="later",
            ),
            PageTemplate(
                "later",
                self.layouts["later"].frames,
                onPage=_call(deco.later_page),
                onPageEnd=_notes,
            ),
        ]
        if "closing" in self.layouts:
            templates.append(
                PageTemplate(
                    "closing",
                    self.layouts["closing"].frames,
                    onPage=_call(deco.later_page),
                    onPageEnd=_notes,
                )
            )
        self.addPageTemplates(templates)
        self._outline_level = -1
        self._outline_count = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, HeadingParagraph) and flowable.outline_title:
            # Outline levels may not skip: a ### before any ## becomes a top-level entry.
            level = min(flowable.outline_level, self._outline_level + 1)
            self._outline_count += 1
            key = f"section-{self._outline_count}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_title, key, level=level, closed=False)
            self._outline_level = level


def _call(draw: Any) -> Any:
    return lambda canv, doc: draw(canv)


def _notes(canv: Any, doc: Any) -> None:
    """Draw the notes of every footnote frame of the page (its frames vary by page), into
    the page's notes form (see layout/canvas.py)."""
    frames = [f for f in doc.pageTemplate.frames if isinstance(f, FootnoteFrame)]
    for frame in frames:
        frame.mark_notes(canv)

    def draw() -> None:
        for frame in frames:
            frame.draw_notes(canv)

    if isinstance(canv, PageTotalCanvas):
        canv.page_form("notes", draw)
    else:
        draw()


@dataclass(frozen=True)
class RenderedPdf:
    """A laid-out report: its PDF and how many pages it has (no need to parse it again);
    the structure its pages' marked content belongs to (None: drawn untagged), which the
    write stage turns into the PDF's structure tree."""

    pdf: bytes
    pages: int
    structure: StructureTree | None = None


def render_pdf(report: Report, theme: Theme | None = None, for_print: bool = False) -> bytes:
    """Lay out ``report`` (default theme unless given); the same input gives the same bytes.
    ``for_print``: for a print shop, with the theme's bleed and crop marks.

    Raises :class:`~lagebericht.problems.InputError` for a broken theme.
    """
    return render(report, theme, for_print).pdf


def render(
    report: Report, theme: Theme | None = None, for_print: bool = False, tagged: bool = True
) -> RenderedPdf:
    """:func:`render_pdf` with the page count and, if ``tagged``, the structure."""
    try:
        return _render(report, theme or load_theme(), for_print, tagged)
    except Unplaceable as err:
        problem = Problem(report.source, err.line, None, err.problem, code=err.code)
        raise InputError([problem]) from err


def _render(report: Report, theme: Theme, for_print: bool, tagged: bool) -> RenderedPdf:
    geometry = Geometry.of(theme, for_print)
    trim = (
        Trim(
            geometry.page_width,
            geometry.page_height,
            geometry.slug,
            geometry.bleed,
            theme.print.crop_marks,
        )
        if for_print
        else None
    )
    # First: a bad SOURCE_DATE_EPOCH is refused before any work (reportlab would crash).
    created = document_moment(report.date)
    fonts = family_of(theme)
    styles = make_styles(theme, fonts, report.language, report.nohyphen)
    builder = StoryBuilder(report=report, styles=styles, theme=theme)
    area = BodyArea.of(theme)
    labels = theme.labels_for(report.language)
    label = report_label(labels, report.label)
    title = smarten(report.title, report.language)
    publisher = theme.publisher or report.office.name
    header_items = {"label": label, "office": report.office.line, "title": title}
    deco = PageDecorator(
        theme=theme,
        geometry=geometry,
        fonts=fonts,
        texts=PageTexts(
            running_header=" · ".join(header_items[item] for item in theme.running_header),
            publisher=publisher,
            office=report.office.line,
            labels=labels,
            classification=(
                smarten(report.classification, report.language) if report.classification else None
            ),
            watermark=labels.draft if report.draft else None,
        ),
    )
    authors = ", ".join(a.name for a in report.authors) or report.office.name
    subject = smarten(report.subtitle, report.language) if report.subtitle else None
    two_columns = area.columns > 1
    header_height = (
        area.header_height(list(builder.header_block(geometry.frame_width)), None)
        if two_columns
        else None
    )

    def lay_out(
        balance: Balance | None, early: Mapping[int, tuple[int, ...]] | None = None
    ) -> RenderedPdf:
        # Every pass starts afresh: reportlab changes flowables and frames while it lays
        # them out, the ledger records which notes are placed, the tree what is drawn.
        structure = StructureTree()
        story_builder = dataclasses.replace(builder, structure=structure)
        canvas = functools.partial(
            PageTotalCanvas,
            created=created,
            trim=trim,
            structure=structure if tagged else None,
        )
        ledger = FootnoteLedger(
            notes={fn.number: story_builder.note(fn) for fn in report.footnotes},
            width=area.column_width,
            line_height=styles.note.leading,
            rule_color=theme.colours.rule,
        )
        buffer = io.BytesIO()
        doc = ReportDocTemplate(
            buffer,
            ledger,
            deco,
            area,
            styles.body.leading,
            header_height,
            balance,
            early,
            # Frames and furniture are placed on the trimmed page; the canvas shifts them
            # onto the larger page of a print-shop PDF.
            pagesize=geometry.media_size,
            **({"trimBox": geometry.trim_box, "bleedBox": geometry.bleed_box} if for_print else {}),
            leftMargin=geometry.margin_left,
            rightMargin=geometry.margin_right,
            topMargin=geometry.margin_top,
            bottomMargin=geometry.margin_bottom,
            # Metadata is read as plain text: ordinary spaces, no typesetting ties.
            title=title.replace("\u00a0", " "),
            author=authors,
            subject=(subject or f"{label}, {report.office.line}").replace("\u00a0", " "),
            keywords=list(report.keywords),
            creator=f"lagebericht {lagebericht.__version__}",
            lang=report.language,
            invariant=1,
            initialFontName=fonts.regular,
            displayDocTitle=1,
        )
        # Made while it is laid out (see FloatingDocTemplate.build), in the same order.
        story: Iterator[Flowable] = itertools.chain(
            story_builder.header_block(geometry.frame_width),
            [FrameBreak()] if two_columns else [],
            story_builder.blocks(report.body),
            [FlushFloats()],
            [EndColumns()] if two_columns else [],
            story_builder.closing_block(publisher),
            [FlushNotes()],
        )
        doc.build(story, canvasmaker=canvas)
        return RenderedPdf(buffer.getvalue(), doc.page, structure if tagged else None)

    if not two_columns:
        return lay_out(None)
    # Measuring passes: each stops where the columns end. A wide float met while its
    # page was still nearly empty is set at that page's top in the next pass; the
    # earliest such page first, as every page after it may change.
    early: dict[int, tuple[int, ...]] = {}
    for attempt in range(EARLY_PASSES):
        try:
            return lay_out(None, early)
        except ColumnsEnded as signal:
            end = signal.end
        found = [(page, item) for page, item in end.early if page not in early]
        if not found or attempt == EARLY_PASSES - 1:
            break
        first = min(page for page, _ in found)
        early[first] = tuple(item for page, item in found if page == first)
    line = styles.body.leading
    closing = list(builder.closing_block(publisher))
    heights = end.balanced(line, _height(closing, geometry.frame_width) + end.waiting)
    # The wide floats that wait for the end of the body take the top of the last page,
    # above the balanced columns, when they fit there with the closing block.
    band = end.band if heights else ()
    if not heights and (end.waiting or not end.holds(_height(closing, area.column_width))):
        # What follows the columns goes on the next page anyway: still balance them,
        # unless notes stand at their foot: shortened columns would leave those in
        # mid-page above an empty stretch, so the columns run down to the page's foot.
        heights = [] if end.notes else end.balanced(line, 0.0)
    for height in heights:
        try:
            return lay_out(Balance(end.page, height, band), early)
        except (Misfit, LayoutError):
            # Too short for the last page's text (reportlab gives up on a paragraph that
            # fits neither column). Every page before it is the same in each pass.
            continue
    # Nearly full columns: the closing block follows in the last one.
    return lay_out(Balance(end.page, None), early)


EARLY_PASSES = 4  # measuring passes at most: the last one's pages are kept


def _height(flowables: list[Flowable], width: float) -> float:
    """Height of ``flowables`` stacked at ``width`` (a KeepTogether by its content)."""
    content = [part for f in flowables for part in group_content(f)]
    return list_wrap_on(content, width, None)[1]


__all__ = ["RenderedPdf", "render", "render_pdf"]
