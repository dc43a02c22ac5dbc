"""A validated report → Typst markup set like the theme, and that markup → PDF.

The reference setting of the typography report: the same text (lagebericht's own
typographic quotes and dashes, via ``smarten``), the same font files, sizes, leading,
page and measure as the ``auslandsbuero`` theme; Typst breaks the lines. Covered: the
title block (label, office, date, title, subtitle, authors, lead), ``##``/``###``
headings, paragraphs with bold, italic and links, bullet lists and bullet arguments,
numbered lists (nested), block quotes, footnotes and simple tables. Figures are left out
(the report measures running text; an image would only move page breaks).

Typst's ``leading`` is the gap from one line's bottom edge (its baseline) to the next
line's top edge (the font's cap height), so the baseline distance is leading + cap height;
the cap height is read from the font file.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont

from lagebericht.model import (
    BlockQuote,
    BulletItem,
    BulletList,
    Emphasis,
    Figure,
    FootnoteRef,
    Heading,
    Inline,
    LineBreak,
    Link,
    NumberedList,
    Paragraph,
    Report,
    Section,
    Strong,
    Table,
    Text,
)
from lagebericht.model.blocks import Block, Footnote
from lagebericht.text.labels import long_date, report_label
from lagebericht.text.markup import plain_text
from lagebericht.text.typography import quotes_for, smarten
from lagebericht.theme import Theme, load_theme

FAMILY = "Roboto"  # the family name inside the theme's font files
MM = 72 / 25.4

# From the theme's layout (lagebericht/layout/styles.py, lists.py): the same distances.
BULLET_INDENT = 14.0  # text of a bullet item hangs here
BULLET_AT = 2.0  # the bullet sits this far into the indent
NUMBER_GAP = 4.0  # a number's full stop ends this far before the item text
QUOTE_INDENT = 18.0  # left and right
QUOTE_MARKS = "\"'„“”‚‘’«»‹›"  # a quote opening with one of these gets no marks added
PARAGRAPH_SPACE = 0.5  # × body leading, after a body paragraph
ITEM_SPACE = 0.3  # × body leading, after a bullet item
LEAD_SCALE = 1.12  # the lead paragraph's size and leading × the body's
LOGO = 34.0  # pt: the logo's height in the first page's head
# Baseline distances on lagebericht's first page (seed, default theme), pt: from the office
# line to the title, title to subtitle, subtitle to authors, authors to the lead, the lead
# to the body; a body line to a heading and a heading to the body line after it.
OFFICE_TO_TITLE = 42.5
RULE_SPACE = 8.0  # from the office line to the brand rule
TITLE_TO_SUBTITLE = 21.0
SUBTITLE_TO_AUTHORS = 17.0
AUTHORS_TO_LEAD = 22.7
LEAD_TO_BODY = 29.5
BODY_TO_HEADING2 = 35.8
BODY_TO_HEADING3 = 30.2
HEADING_TO_BODY = 18.9


@dataclass(frozen=True)
class Setup:
    """Everything of the theme that the Typst document repeats."""

    margins_mm: tuple[float, float, float, float]
    """Top, right, bottom, left."""
    paper: str
    body: float
    body_leading: float
    note: float
    note_leading: float
    table: float
    table_leading: float
    title: float
    title_leading: float
    heading2: float
    heading3: float
    brand: str
    text: str
    muted: str
    tint: str
    font_dir: Path
    cap_height: float
    """Cap height of the regular face, in em."""
    descent: float
    """Depth of its descender below the baseline, in em (positive)."""

    @classmethod
    def of(cls, theme: Theme) -> Setup:
        p, s, c = theme.page, theme.sizes, theme.colours
        regular = theme.font_paths["regular"]
        face = TTFont("TypoMetrics", str(regular)).face
        return cls(
            margins_mm=(p.margin_top, p.margin_right, p.margin_bottom, p.margin_left),
            paper=p.size.lower(),
            body=s.body,
            body_leading=s.body_leading,
            note=s.note,
            note_leading=s.note_leading,
            table=s.table,
            table_leading=s.table_leading,
            title=s.title,
            title_leading=s.title_leading,
            heading2=s.heading2,
            heading3=s.heading3,
            brand=c.brand,
            text=c.text,
            muted=c.muted,
            tint=c.tint,
            font_dir=regular.parent,
            cap_height=face.capHeight / 1000,
            descent=-face.descent / 1000,
        )

    def gap(self, size: float, baseline_distance: float) -> str:
        """Typst leading (or spacing) for ``baseline_distance`` between lines of ``size``."""
        return _pt(baseline_distance - self.cap_height * size)


def _pt(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") + "pt"


_SPECIAL = frozenset(string.punctuation)


def escape(text: str) -> str:
    """``text`` as literal Typst markup: every ASCII punctuation mark escaped (so no
    ``*``, ``_``, ``#``, ``...``, ``--``, ``1.`` or URL is read as markup), line ends as
    spaces."""
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text.replace("\n", " "))


def string_literal(text: str) -> str:
    """``text`` as a Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@dataclass
class _Inline:
    """Inline runs → markup, with lagebericht's typography (quotes decided across runs)."""

    language: str
    notes: dict[int, Footnote]
    placed: set[int]
    parts: list[str] = field(default_factory=list)
    last: str = " "

    def runs(self, runs: Iterable[Inline]) -> str:
        for run in runs:
            self._run(run)
        return "".join(self.parts)

    def _run(self, run: Inline) -> None:
        match run:
            case Text(text=value):
                if value:
                    smart = smarten(value, self.language, self.last)
                    self.parts.append(escape(smart))
                    self.last = smart[-1]
            case Emphasis(children=children):
                self._wrapped("#emph[", children)
            case Strong(children=children):
                self._wrapped("#strong[", children)
            case Link(href=href, children=children):
                self._wrapped(f"#link({string_literal(href)})[", children)
            case FootnoteRef(number=number):
                self._footnote(number)
            case LineBreak():
                self.parts.append("#linebreak()")
                self.last = " "

    def _wrapped(self, opening: str, children: Sequence[Inline]) -> None:
        self.parts.append(opening)
        for child in children:
            self._run(child)
        self.parts.append("]")

    def _footnote(self, number: int) -> None:
        # As lagebericht does: the marker is glued to the word before it.
        while self.parts and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1].rstrip(" ")
        label = f"<fn-{number}>"
        if number in self.placed or number not in self.notes:
            self.parts.append(f"#footnote({label})")
        else:
            self.placed.add(number)
            note = self.notes[number]
            paragraphs = [
                _Inline(self.language, self.notes, self.placed).runs(runs)
                for runs in note.paragraphs
            ]
            self.parts.append("#footnote[" + "\n\n".join(paragraphs) + f"]{label}")
        self.last = str(number)[-1]


class _Writer:
    def __init__(self, report: Report, setup: Setup) -> None:
        self.report = report
        self.setup = setup
        self.notes = {note.number: note for note in report.footnotes}
        self.placed: set[int] = set()
        self.out: list[str] = []

    def inline(self, runs: Iterable[Inline]) -> str:
        return _Inline(self.report.language, self.notes, self.placed).runs(runs)

    def plain(self, value: str) -> str:
        return escape(smarten(value, self.report.language))

    def document(self, theme: Theme) -> str:
        self.preamble(theme)
        self.title_block(theme)
        self.blocks(self.report.body)
        return "\n".join(self.out) + "\n"

    def preamble(self, theme: Theme) -> None:
        s, r = self.setup, self.report
        top, right, bottom, left = s.margins_mm
        labels = theme.labels_for(r.language)
        page_label = escape(labels.page).replace("\\{page\\}", "#here().page()")
        page_label = page_label.replace("\\{total\\}", "#counter(page).final().first()")
        body_gap = s.gap(s.body, s.body_leading)
        h2_leading = s.gap(s.heading2, s.heading2 * 1.25)
        h2_above = s.gap(s.heading2, BODY_TO_HEADING2)
        h3_above = s.gap(s.heading3, BODY_TO_HEADING3)
        h_below = s.gap(s.body, HEADING_TO_BODY)
        self.out += [
            f"#set document(title: {string_literal(r.title)})",
            f'#set page(paper: "{s.paper}", margin: (top: {top}mm, right: {right}mm, '
            f"bottom: {bottom}mm, left: {left}mm),",
            f"  footer: context align(right, text(size: {_pt(s.note)}, "
            f'fill: rgb("{s.muted}"))[{page_label}]))',
            # fallback: false: a glyph Roboto lacks shows as missing, never from another font.
            # overhang: false: no hanging punctuation, which lagebericht does not do either;
            # both set their lines within the same measure.
            f'#set text(font: "{FAMILY}", size: {_pt(s.body)}, lang: "{r.language}", '
            f'hyphenate: true, overhang: false, fallback: false, fill: rgb("{s.text}"))',
            f"#set par(justify: true, leading: {body_gap}, "
            f"spacing: {s.gap(s.body, s.body_leading * (1 + PARAGRAPH_SPACE))})",
            f'#show heading: set text(weight: "bold", fill: rgb("{s.brand}"), hyphenate: false)',
            "#show heading: set par(justify: false)",
            f"#show heading.where(level: 2): set text(size: {_pt(s.heading2)})",
            f"#show heading.where(level: 2): set par(leading: {h2_leading})",
            f"#show heading.where(level: 2): set block(above: {h2_above}, below: {h_below})",
            f"#show heading.where(level: 3): set text(size: {_pt(s.heading3)})",
            f"#show heading.where(level: 3): set block(above: {h3_above}, below: {h_below})",
            f"#set list(indent: {_pt(BULLET_AT)}, body-indent: 0pt, "
            f"spacing: {s.gap(s.body, s.body_leading * (1 + ITEM_SPACE))}, "
            # The marker at the left of a box as wide as the indent, the text after it.
            f"marker: (box(width: {_pt(BULLET_INDENT - BULLET_AT)})"
            f'[#text(fill: rgb("{s.brand}"))[•]#h(1fr)], '
            f"box(width: {_pt(BULLET_INDENT - BULLET_AT)})[–#h(1fr)]))",
            f"#set enum(indent: 0pt, body-indent: {_pt(NUMBER_GAP)}, number-align: end, "
            f"spacing: {s.gap(s.body, s.body_leading * (1 + ITEM_SPACE))})",
            f"#show footnote.entry: set text(size: {_pt(s.note)})",
            f"#show footnote.entry: set par(leading: {s.gap(s.note, s.note_leading)})",
            f"#show table: set text(size: {_pt(s.table)})",
            f"#show table: set par(justify: false, leading: {s.gap(s.table, s.table_leading)})",
            "",
        ]

    def title_block(self, theme: Theme) -> None:
        """The first page's head, spaced so that the body starts where lagebericht's
        does (baseline distances measured on its seed): page breaks stay comparable."""
        s, r = self.setup, self.report
        label = report_label(theme.labels_for(r.language), r.label)
        date = long_date(r.date, r.language)
        self.out += [
            # The first column keeps the logo's place (34 pt high, 10 pt after it); the
            # office line's baseline where lagebericht's is, a descender above the logo's foot.
            f"#grid(columns: ({_pt(LOGO + 10)}, 1fr, auto), rows: {_pt(LOGO - s.descent * 11)}, "
            "align: (left + bottom, left + bottom, right + bottom), [],",
            f'  text(size: 11pt)[#text(weight: "bold", fill: rgb("{s.brand}"))[{self.plain(label)}]'
            f" \\ {self.plain(r.office.line)}],",
            f'  text(size: 10pt, fill: rgb("{s.muted}"))[{self.plain(date)}])',
        ]
        parts = [
            (
                OFFICE_TO_TITLE,
                s.title,
                s.title_leading,
                f'weight: "bold", fill: rgb("{s.brand}")',
                self.plain(r.title),
            ),
        ]
        if r.subtitle:
            parts.append((TITLE_TO_SUBTITLE, 13, 16, "", self.plain(r.subtitle)))
        if r.authors:
            names = " · ".join(f"{a.name}, {a.role}" if a.role else a.name for a in r.authors)
            muted = f'style: "italic", fill: rgb("{s.muted}")'
            parts.append((SUBTITLE_TO_AUTHORS, 10, 13, muted, self.plain(names)))
        if r.summary:
            size, leading = s.body * LEAD_SCALE, s.body_leading * LEAD_SCALE
            brand = f'fill: rgb("{s.brand}")'
            parts.append((AUTHORS_TO_LEAD, size, leading, brand, self.inline(r.summary)))
        # Each block's spacing: from the last baseline before it to its cap height.
        aboves = [_pt(distance - s.cap_height * size) for distance, size, *_ in parts]
        # The brand rule (as lagebericht's, 8 pt below the office line) lies before the title.
        aboves[0] = _pt(OFFICE_TO_TITLE - RULE_SPACE - s.cap_height * s.title)
        belows = [*aboves[1:], s.gap(s.body, LEAD_TO_BODY)]
        self.out.append(
            f"#block(above: {_pt(RULE_SPACE)}, below: {aboves[0]}, "
            f'line(length: 100%, stroke: 1.5pt + rgb("{s.brand}")))'
        )
        for (_, size, leading, style, content), above, below in zip(
            parts, aboves, belows, strict=True
        ):
            self.out.append(
                f"#block(above: {above}, below: {below})[#set par(justify: false, "
                f"leading: {s.gap(size, leading)}); #text(size: {_pt(size)}, "
                f"hyphenate: false, {style})[{content}]]"
            )
        self.out.append("")

    def blocks(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            match block:
                case Paragraph(content=content):
                    self.out += [self.inline(content), ""]
                case BulletList() | NumberedList():
                    self.out += [*self.list_lines(block, 0), ""]
                case BlockQuote(paragraphs=paragraphs):
                    self.quote(paragraphs)
                case Table():
                    self.table(block)
                case Figure():
                    pass  # not measured: see the module's docstring
                case Section(heading=heading, blocks=inner):
                    self.heading(heading)
                    self.blocks(inner)

    def heading(self, heading: Heading) -> None:
        self.out += ["=" * heading.level + " " + self.inline(heading.content), ""]

    def list_lines(self, block: BulletList | NumberedList, depth: int) -> list[str]:
        indent = "  " * depth
        lines: list[str] = []
        for index, item in enumerate(block.items):
            # Typst's enum keeps the numbers as written.
            marker = f"{block.start + index}." if isinstance(block, NumberedList) else "-"
            lines.append(f"{indent}{marker} {self.item_text(item)}")
            if item.sublist is not None:
                lines += self.list_lines(item.sublist, depth + 1)
        return lines

    def item_text(self, item: BulletItem) -> str:
        text = self.inline(item.content)
        if item.lead:
            text = f"#strong[{self.inline(item.lead)}] {text}"
        return text

    def quote(self, paragraphs: Sequence[Paragraph]) -> None:
        """Indented on both sides, between the language's quotation marks as lagebericht
        sets it (there the opening mark hangs into the indent; here it does not)."""
        s = self.setup
        texts = [self.inline(p.content) for p in paragraphs]
        first = plain_text(paragraphs[0].content, self.report.language).lstrip()
        if texts and not (first and first[0] in QUOTE_MARKS):
            marks = quotes_for(self.report.language)
            texts[0] = escape(marks.open) + texts[0]
            texts[-1] += escape(marks.close)
        self.out += [
            f"#block(inset: (left: {_pt(QUOTE_INDENT)}, right: {_pt(QUOTE_INDENT)}))"
            f'[#set text(fill: rgb("{s.muted}"));',
            "\n\n".join(texts),
            "]",
            "",
        ]

    def table(self, table: Table) -> None:
        s = self.setup
        cells = [f"[#strong[{self.inline(cell)}]]" for cell in table.header]
        for row in table.rows:
            cells += [f"[{self.inline(cell)}]" for cell in row]
        self.out += [
            f"#table(columns: {len(table.header)}, stroke: none, inset: (x: 3pt, y: 2pt),",
            f'  fill: (_, row) => if row > 0 and calc.even(row) {{ rgb("{s.tint}") }},',
            "  " + ", ".join(cells) + ")",
            "",
        ]


def typst_markup(report: Report, theme: Theme | None = None) -> str:
    """The whole report as a Typst document set like ``theme`` (the default theme)."""
    theme = theme or load_theme()
    return _Writer(report, Setup.of(theme)).document(theme)


def compile_pdf(markup: str, theme: Theme | None = None) -> bytes:
    """Typst's PDF of ``markup``, with the theme's font files and no system fonts."""
    import typst  # the dev extra; not a dependency of lagebericht

    setup = Setup.of(theme or load_theme())
    # Only the theme's font files: neither the system's fonts nor those built into Typst.
    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(setup.font_dir)]
    )
    pdf = typst.compile(markup.encode("utf-8"), font_paths=fonts)
    if not isinstance(pdf, bytes):
        raise TypeError(f"typst.compile returned {type(pdf).__name__}, not one PDF")
    return pdf


def report_pdf(source: Path, theme: Theme | None = None) -> bytes:
    """Typst's PDF of the report file ``source``."""
    from lagebericht.validate import read_report

    theme = theme or load_theme()
    return compile_pdf(typst_markup(read_report(source).report, theme), theme)
