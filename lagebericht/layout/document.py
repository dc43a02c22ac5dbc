"""Report → PDF bytes: the document template that ties frames, pages and story together."""

from __future__ import annotations

import io
from functools import partial
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate

import lagebericht
from lagebericht.layout.canvas import PageTotalCanvas
from lagebericht.layout.fonts import body_family
from lagebericht.layout.footnotes import FlushNotes, FootnoteFrame, FootnoteLedger
from lagebericht.layout.pages import PageDecorator, PageTexts
from lagebericht.layout.story import HeadingParagraph, StoryBuilder
from lagebericht.layout.styles import make_styles
from lagebericht.layout.theme import DEFAULT_THEME, Theme
from lagebericht.model import Report
from lagebericht.text.labels import draft_label, report_label
from lagebericht.text.typography import smarten


class ReportDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """Page 1 with the header block, later pages with the running header; PDF bookmarks."""

    def __init__(
        self, buffer: io.BytesIO, ledger: FootnoteLedger, deco: PageDecorator, **kwargs: Any
    ) -> None:
        super().__init__(buffer, **kwargs)
        t = deco.theme
        frames = [
            FootnoteFrame(
                t.margin_left,
                t.margin_bottom,
                t.frame_width,
                t.frame_height,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id=name,
                ledger=ledger,
            )
            for name in ("first", "later")
        ]
        self.addPageTemplates(
            [
                PageTemplate(
                    "first",
                    [frames[0]],
                    onPage=_call(deco.first_page),
                    onPageEnd=_notes(frames[0]),
                    autoNextPageTemplate="later",
                ),
                PageTemplate(
                    "later",
                    [frames[1]],
                    onPage=_call(deco.later_page),
                    onPageEnd=_notes(frames[1]),
                ),
            ]
        )
        self._outline_level = -1
        self._outline_count = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, HeadingParagraph):
            # Outline levels may not skip: a ### before any ## becomes a top-level entry.
            level = min(flowable.outline_level, self._outline_level + 1)
            self._outline_count += 1
            key = f"section-{self._outline_count}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_title, key, level=level, closed=False)
            self._outline_level = level


def _call(draw: Any) -> Any:
    return lambda canv, doc: draw(canv)


def _notes(frame: FootnoteFrame) -> Any:
    return lambda canv, doc: frame.draw_notes(canv)


def render_pdf(report: Report, theme: Theme = DEFAULT_THEME) -> bytes:
    """Lay out ``report`` and return the PDF; the same input gives the same bytes."""
    fonts = body_family()
    styles = make_styles(theme, fonts, report.language)
    builder = StoryBuilder(report=report, styles=styles, theme=theme)
    ledger = FootnoteLedger(
        notes={fn.number: builder.note(fn) for fn in report.footnotes},
        width=theme.frame_width,
        line_height=styles.note.leading,
        rule_color=theme.rule,
    )
    label = report_label(report.language, report.label)
    title = smarten(report.title, report.language)
    deco = PageDecorator(
        theme=theme,
        fonts=fonts,
        texts=PageTexts(
            running_header=" · ".join((label, report.office.line, title)),
            publisher=theme.publisher or report.office.name,
            language=report.language,
            classification=(
                smarten(report.classification, report.language) if report.classification else None
            ),
            watermark=draft_label(report.language) if report.draft else None,
        ),
    )
    authors = ", ".join(a.name for a in report.authors) or report.office.name
    buffer = io.BytesIO()
    doc = ReportDocTemplate(
        buffer,
        ledger,
        deco,
        pagesize=(theme.page_width, theme.page_height),
        leftMargin=theme.margin_left,
        rightMargin=theme.margin_right,
        topMargin=theme.margin_top,
        bottomMargin=theme.margin_bottom,
        title=title,
        author=authors,
        subject=smarten(report.subtitle, report.language)
        if report.subtitle
        else f"{label}, {report.office.line}",
        keywords=list(report.keywords),
        creator=f"lagebericht {lagebericht.__version__}",
        lang=report.language,
        invariant=1,
        initialFontName=fonts.regular,
        displayDocTitle=1,
    )
    story: list[Flowable] = [
        *builder.header_block(),
        *builder.blocks(report.body),
        *builder.closing_block(theme.publisher or report.office.name),
        FlushNotes(),
    ]
    canvasmaker = partial(PageTotalCanvas, painter=deco.page_number)
    doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()


__all__ = ["render_pdf"]
