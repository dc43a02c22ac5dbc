"""Report → the list of flowables that make up the document (header block, body, notes)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from lagebericht.layout.imprint import imprint_lines
from lagebericht.layout.logo import logo_flowable
from lagebericht.layout.paragraph import BodyParagraph
from lagebericht.layout.styles import Styles
from lagebericht.model import Block, BlockQuote, BulletList, Footnote, Inline, Report, Section
from lagebericht.model import Paragraph as ParagraphBlock
from lagebericht.text.labels import long_date, report_label
from lagebericht.text.markup import inline_markup, plain_markup, plain_text
from lagebericht.theme import Theme


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

    def header_block(self, width: float) -> Iterator[Flowable]:
        r, s = self.report, self.styles
        label = report_label(self.theme.labels_for(r.language), r.label)
        logo = logo_flowable(self.theme, 34.0, self.styles.body.fontName)
        date = Paragraph(plain_markup(long_date(r.date, r.language), r.language), s.date)
        who = [
            Paragraph(plain_markup(label, r.language), s.label),
            Paragraph(plain_markup(r.office.line, r.language), s.office),
        ]
        # Logo · label and office · date, on one band above the brand rule.
        logo_width = logo.width + 10 if logo else 0.0
        date_width = 110.0
        yield Table(
            [[logo or "", who, date]],
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
        yield HRFlowable(
            width="100%",
            thickness=1.5,
            color=HexColor(self.theme.colours.brand),
            spaceBefore=8,
            spaceAfter=6,
        )
        yield Paragraph(plain_markup(r.title, r.language), s.title)
        if r.subtitle:
            yield Paragraph(plain_markup(r.subtitle, r.language), s.subtitle)
        if r.authors:
            names = [f"{a.name}, {a.role}" if a.role else a.name for a in r.authors]
            yield Paragraph(plain_markup(" · ".join(names), r.language), s.authors)
        if r.summary:
            yield BodyParagraph(self.markup(r.summary), s.lead)
        else:
            yield HRFlowable(width="100%", thickness=0, color=HexColor("#ffffff"), spaceAfter=8)

    def blocks(self, blocks: tuple[Block, ...]) -> Iterator[Flowable]:
        for block in blocks:
            match block:
                case ParagraphBlock(content=content):
                    yield BodyParagraph(self.markup(content), self.styles.body)
                case BulletList(items=items):
                    for item in items:
                        text = self.markup(item.content)
                        if item.lead:
                            text = f"<b>{self.markup(item.lead)}</b> {text}"
                        yield BodyParagraph(text, self.styles.bullet, bulletText="•")
                case BlockQuote(paragraphs=paragraphs):
                    for para in paragraphs:
                        yield BodyParagraph(self.markup(para.content), self.styles.quote)
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
        lines = imprint_lines(self.theme, self.report.office, publisher, self.language)
        yield KeepTogether(
            [
                Spacer(1, self.styles.body.leading),
                HRFlowable(width="100%", thickness=0.5, color=HexColor(self.theme.colours.rule)),
                Spacer(1, 4),
                *(Paragraph(line, self.styles.imprint) for line in lines),
            ]
        )

    def note(self, footnote: Footnote) -> Paragraph:
        body = "<br/>".join(self.markup(p) for p in footnote.paragraphs)
        return BodyParagraph(body, self.styles.note, bulletText=str(footnote.number))

    def markup(self, runs: tuple[Inline, ...]) -> str:
        return inline_markup(runs, self.language, self.theme.colours.brand)
