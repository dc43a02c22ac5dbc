"""Report → the list of flowables that make up the document (header block, body, notes)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer
from reportlab.platypus.flowables import HRFlowable

from lagebericht.layout.imprint import imprint_lines
from lagebericht.layout.styles import Styles
from lagebericht.layout.theme import Theme
from lagebericht.model import Block, BlockQuote, BulletList, Footnote, Inline, Report, Section
from lagebericht.model import Paragraph as ParagraphBlock
from lagebericht.text.labels import long_date, report_label
from lagebericht.text.markup import inline_markup, plain_markup, plain_text


class HeadingParagraph(Paragraph):  # type: ignore[misc]
    """A heading that becomes a PDF bookmark (``outline_level`` 0 for ``##``, 1 for ``###``)."""

    def __init__(self, text: str, style: object, outline_title: str, outline_level: int) -> None:
        super().__init__(text, style)
        self.outline_title = outline_title
        self.outline_level = outline_level


@dataclass(frozen=True)
class StoryBuilder:
    """Builds the flowables of one report with one set of styles."""

    report: Report
    styles: Styles
    theme: Theme

    @property
    def language(self) -> str:
        return self.report.language

    def header_block(self) -> Iterator[Flowable]:
        r, s = self.report, self.styles
        yield Paragraph(plain_markup(long_date(r.date, r.language), r.language), s.date)
        yield Paragraph(plain_markup(report_label(r.language, r.label), r.language), s.label)
        yield Paragraph(plain_markup(r.office.line, r.language), s.office)
        yield HRFlowable(
            width="100%",
            thickness=1.5,
            color=HexColor(self.theme.brand),
            spaceBefore=6,
            spaceAfter=4,
        )
        yield Paragraph(plain_markup(r.title, r.language), s.title)
        if r.subtitle:
            yield Paragraph(plain_markup(r.subtitle, r.language), s.subtitle)
        if r.authors:
            names = [f"{a.name}, {a.role}" if a.role else a.name for a in r.authors]
            yield Paragraph(plain_markup(" · ".join(names), r.language), s.authors)
        if r.summary:
            yield Paragraph(inline_markup(r.summary, r.language, self.theme.brand), s.lead)
        else:
            yield HRFlowable(width="100%", thickness=0, color=HexColor("#ffffff"), spaceAfter=8)

    def blocks(self, blocks: tuple[Block, ...]) -> Iterator[Flowable]:
        for block in blocks:
            match block:
                case ParagraphBlock(content=content):
                    yield Paragraph(self.markup(content), self.styles.body)
                case BulletList(items=items):
                    for item in items:
                        text = self.markup(item.content)
                        if item.lead:
                            text = f"<b>{self.markup(item.lead)}</b> {text}"
                        yield Paragraph(text, self.styles.bullet, bulletText="•")
                case BlockQuote(paragraphs=paragraphs):
                    for para in paragraphs:
                        yield Paragraph(self.markup(para.content), self.styles.quote)
                case Section(heading=heading, blocks=inner):
                    style = self.styles.heading2 if heading.level == 2 else self.styles.heading3
                    # Keep the heading with the first lines of what follows; reportlab's
                    # keepWithNext would move the whole next paragraph and leave a gap.
                    yield CondPageBreak(
                        style.spaceBefore + 2 * style.leading + 3 * self.styles.body.leading
                    )
                    yield HeadingParagraph(
                        self.markup(heading.content),
                        style,
                        outline_title=plain_text(heading.content, self.language),
                        outline_level=heading.level - 2,
                    )
                    yield from self.blocks(inner)

    def closing_block(self, publisher: str) -> Iterator[Flowable]:
        """Imprint after the body, kept on one page, from the theme's templates."""
        lines = imprint_lines(self.report.office, publisher, self.language)
        yield KeepTogether(
            [
                Spacer(1, self.styles.body.leading),
                HRFlowable(width="100%", thickness=0.5, color=HexColor(self.theme.rule)),
                Spacer(1, 4),
                *(Paragraph(line, self.styles.imprint) for line in lines),
            ]
        )

    def note(self, footnote: Footnote) -> Paragraph:
        body = "<br/>".join(self.markup(p) for p in footnote.paragraphs)
        return Paragraph(body, self.styles.note, bulletText=str(footnote.number))

    def markup(self, runs: tuple[Inline, ...]) -> str:
        return inline_markup(runs, self.language, self.theme.brand)
