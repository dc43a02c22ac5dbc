"""Report → PDF bytes: the document template that ties frames, pages and story together."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, FrameBreak, PageTemplate

import lagebericht
from lagebericht.layout.canvas import PageTotalCanvas
from lagebericht.layout.columns import BodyArea
from lagebericht.layout.fonts import family_of
from lagebericht.layout.footnotes import FlushNotes, FootnoteFrame, FootnoteLedger
from lagebericht.layout.geometry import Geometry
from lagebericht.layout.pages import PageDecorator, PageTexts
from lagebericht.layout.story import HeadingParagraph, StoryBuilder
from lagebericht.layout.styles import make_styles
from lagebericht.model import Report
from lagebericht.text.labels import report_label
from lagebericht.text.typography import smarten
from lagebericht.theme import Theme, load_theme


class ReportDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """Page 1 with the header block, later pages with the running header; PDF bookmarks."""

    def __init__(
        self,
        buffer: io.BytesIO,
        ledger: FootnoteLedger,
        deco: PageDecorator,
        area: BodyArea,
        header_height: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(buffer, **kwargs)
        # One column: one frame per page. Two: page 1 has a full-width header frame of
        # ``header_height`` above the columns (see layout/columns.py).
        first: list[Frame] = []
        if header_height is not None:
            first = [
                area.header_frame(header_height),
                *area.columns_below(header_height, ledger, "first"),
            ]
        else:
            first = [*area.columns_below(0.0, ledger, "first")]
        later = area.columns_below(0.0, ledger, "later")
        self.addPageTemplates(
            [
                PageTemplate(
                    "first",
                    first,
                    onPage=_call(deco.first_page),
                    onPageEnd=_notes(first),
                    autoNextPageTemplate="later",
                ),
                PageTemplate(
                    "later",
                    later,
                    onPage=_call(deco.later_page),
                    onPageEnd=_notes(later),
                ),
            ]
        )
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


def _notes(frames: list[Frame]) -> Any:
    notes = [f for f in frames if isinstance(f, FootnoteFrame)]

    def draw(canv: Any, doc: Any) -> None:
        for frame in notes:
            frame.draw_notes(canv)

    return draw


@dataclass(frozen=True)
class RenderedPdf:
    """A laid-out report: its PDF and how many pages it has (no need to parse it again)."""

    pdf: bytes
    pages: int


def render_pdf(report: Report, theme: Theme | None = None) -> bytes:
    """Lay out ``report`` (default theme unless given); the same input gives the same bytes.

    Raises :class:`~lagebericht.problems.InputError` for a broken theme.
    """
    return render(report, theme).pdf


def render(report: Report, theme: Theme | None = None) -> RenderedPdf:
    """:func:`render_pdf` with the page count."""
    theme = theme or load_theme()
    geometry = Geometry.of(theme)
    fonts = family_of(theme)
    styles = make_styles(theme, fonts, report.language)
    builder = StoryBuilder(report=report, styles=styles, theme=theme)
    area = BodyArea.of(theme)
    ledger = FootnoteLedger(
        notes={fn.number: builder.note(fn) for fn in report.footnotes},
        width=area.column_width,
        line_height=styles.note.leading,
        rule_color=theme.colours.rule,
    )
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
    header = list(builder.header_block(geometry.frame_width))
    header_height = area.header_height(header, None) if area.columns > 1 else None
    buffer = io.BytesIO()
    doc = ReportDocTemplate(
        buffer,
        ledger,
        deco,
        area,
        header_height,
        pagesize=(geometry.page_width, geometry.page_height),
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
    story: list[Flowable] = [
        *header,
        *([FrameBreak()] if header_height is not None else []),
        *builder.blocks(report.body),
        *builder.closing_block(publisher),
        FlushNotes(),
    ]
    doc.build(story, canvasmaker=PageTotalCanvas)
    return RenderedPdf(buffer.getvalue(), doc.page)


__all__ = ["RenderedPdf", "render", "render_pdf"]
