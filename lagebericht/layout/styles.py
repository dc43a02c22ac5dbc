"""Paragraph styles of the Auslandsbüro layout, for one theme and one body language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from lagebericht.layout.fonts import FontFamily
from lagebericht.layout.hyphenation import MIN_WORD_LENGTH, hyphenator_for, nohyphen_words
from lagebericht.layout.linebreak.allowance import Allowance
from lagebericht.theme import Theme

BULLET_INDENT = 14.0  # hanging indent of bullet items, in points
MIN_CREDIT_SIZE = 7.0  # points: a figure's credit line stays legible with a small size


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the layout uses."""

    body: ParagraphStyle
    bullet: ParagraphStyle
    quote: ParagraphStyle
    heading2: ParagraphStyle
    heading3: ParagraphStyle
    label: ParagraphStyle
    office: ParagraphStyle
    date: ParagraphStyle
    marking: ParagraphStyle
    """The distribution marking in the header block, under the date."""
    title: ParagraphStyle
    subtitle: ParagraphStyle
    authors: ParagraphStyle
    lead: ParagraphStyle
    note: ParagraphStyle
    imprint: ParagraphStyle
    cell: ParagraphStyle
    """Table cells (alignment set per column)."""
    cell_header: ParagraphStyle
    """Header cells of a table."""
    caption: ParagraphStyle
    """Figure captions ("Abbildung 1: …")."""
    credit: ParagraphStyle
    """The credit line under a figure's caption."""


def make_styles(
    theme: Theme, fonts: FontFamily, language: str, nohyphen: Iterable[str] = ()
) -> Styles:
    """Styles for ``language``: hyphenation dictionary and justification set per language;
    the words of the theme's and of ``nohyphen`` (the report's list) are never hyphenated."""
    text = HexColor(theme.colours.text)
    brand = HexColor(theme.colours.brand)
    muted = HexColor(theme.colours.muted)
    words = nohyphen_words(theme.nohyphen, nohyphen)
    hyphenate = hyphenator_for(theme.regional(language), words) or ""
    body = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=theme.sizes.body,
        leading=theme.sizes.body_leading,
        alignment=TA_JUSTIFY,
        textColor=text,
        spaceAfter=theme.sizes.body_leading * 0.5,
        allowWidows=0,
        allowOrphans=0,
        hyphenationLang=hyphenate,
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        bulletFontName=fonts.regular,
        bulletFontSize=theme.sizes.body,
    )
    body.hyphenationMinWordLength = MIN_WORD_LENGTH
    # The line breaker's language rules (one-letter words, dates…), also without a
    # hyphenation dictionary (kk); the styles made from ``body`` inherit it.
    body.language = language
    bullet = ParagraphStyle(
        "bullet",
        parent=body,
        leftIndent=BULLET_INDENT,
        bulletIndent=2,
        spaceAfter=theme.sizes.body_leading * 0.3,
        bulletColor=brand,
    )
    heading2 = ParagraphStyle(
        "heading2",
        parent=body,
        fontName=fonts.bold,
        fontSize=theme.sizes.heading2,
        leading=theme.sizes.heading2 * 1.25,
        alignment=TA_LEFT,
        textColor=brand,
        spaceBefore=theme.sizes.body_leading * 0.8,
        spaceAfter=theme.sizes.body_leading * 0.35,
        hyphenationLang="",
    )
    heading3 = ParagraphStyle(
        "heading3",
        parent=heading2,
        fontSize=theme.sizes.heading3,
        leading=theme.sizes.heading3 * 1.3,
        spaceBefore=theme.sizes.body_leading * 0.5,
    )
    small_caps_like = ParagraphStyle(
        "label",
        fontName=fonts.bold,
        fontSize=11,
        leading=14,
        textColor=brand,
        alignment=TA_LEFT,
    )
    cell = ParagraphStyle(
        "cell",
        parent=body,
        fontSize=theme.sizes.table,
        leading=theme.sizes.table_leading,
        # Narrow cells set justified open wide gaps; hyphenation still applies.
        alignment=TA_LEFT,
        spaceAfter=0,
        allowWidows=1,
        allowOrphans=1,
    )
    caption = ParagraphStyle(
        "caption",
        parent=cell,
        textColor=text,
        spaceBefore=4,
        spaceAfter=1,
    )
    styles = Styles(
        body=body,
        bullet=bullet,
        quote=ParagraphStyle("quote", parent=body, leftIndent=18, rightIndent=18, textColor=muted),
        heading2=heading2,
        heading3=heading3,
        label=small_caps_like,
        office=ParagraphStyle(
            "office", parent=small_caps_like, fontName=fonts.regular, textColor=text
        ),
        date=ParagraphStyle(
            "date",
            parent=small_caps_like,
            fontName=fonts.regular,
            textColor=muted,
            fontSize=10,
            alignment=TA_RIGHT,
        ),
        marking=ParagraphStyle(
            "marking",
            parent=small_caps_like,
            fontName=fonts.bold,
            textColor=HexColor(theme.colours.accent),
            fontSize=theme.sizes.small,
            leading=theme.sizes.small * 1.25,
            alignment=TA_RIGHT,
            spaceBefore=2,
        ),
        title=ParagraphStyle(
            "title",
            language=language,
            fontName=fonts.bold,
            fontSize=theme.sizes.title,
            leading=theme.sizes.title_leading,
            textColor=brand,
            spaceBefore=10,
            spaceAfter=4,
        ),
        subtitle=ParagraphStyle(
            "subtitle",
            language=language,
            fontName=fonts.regular,
            fontSize=13,
            leading=16,
            textColor=text,
            spaceAfter=4,
        ),
        authors=ParagraphStyle(
            "authors", fontName=fonts.italic, fontSize=10, leading=13, textColor=muted
        ),
        lead=ParagraphStyle(
            "lead",
            parent=body,
            fontSize=theme.sizes.body * 1.12,
            leading=theme.sizes.body_leading * 1.12,
            textColor=brand,
            # Set flush left: at this size justification opens wide gaps.
            alignment=TA_LEFT,
            spaceBefore=8,
            spaceAfter=theme.sizes.body_leading,
        ),
        note=ParagraphStyle(
            "note",
            parent=body,
            fontSize=theme.sizes.note,
            leading=theme.sizes.note_leading,
            leftIndent=10,
            firstLineIndent=0,
            bulletIndent=0,
            # The note number is set as a superscript in the hanging indent.
            bulletFontSize=theme.sizes.note * 0.75,
            bulletOffsetY=theme.sizes.note * 0.35,
            spaceAfter=2,
            # A note split over pages keeps at least two lines on each.
            allowWidows=0,
            allowOrphans=0,
        ),
        imprint=ParagraphStyle(
            "imprint",
            fontName=fonts.regular,
            fontSize=theme.sizes.small,
            leading=theme.sizes.small * 1.35,
            textColor=muted,
            alignment=TA_LEFT,
            spaceAfter=1,
        ),
        cell=cell,
        cell_header=ParagraphStyle(
            "cell_header", parent=cell, fontName=fonts.bold, textColor=brand
        ),
        caption=caption,
        credit=ParagraphStyle(
            "credit",
            parent=caption,
            fontSize=max(MIN_CREDIT_SIZE, theme.sizes.small * 0.9),
            leading=max(MIN_CREDIT_SIZE, theme.sizes.small * 0.9) * 4 / 3,
            textColor=muted,
            spaceBefore=0,
        ),
    )
    # One allowance of uniseg's time for all the report's paragraphs; styles made from
    # these later (a table's column alignments) copy it.
    allowance = Allowance()
    for style in vars(styles).values():
        style.uax_allowance = allowance
    return styles
