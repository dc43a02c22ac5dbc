"""The schema of ``theme.yaml``: every field documented; lengths in mm, colours ``#rrggbb``.

A theme may ``extends:`` another; the child's mappings are merged over the parent's, its
``nohyphen:`` list is added to the parent's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from lagebericht.word_lists import NohyphenWord

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
MM = 72 / 25.4  # points per millimetre


def _colour(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(f"{value!r} is not a colour like #0b3b66")
    return value.lower()


Colour = Annotated[str, AfterValidator(_colour)]
Length = Annotated[float, Field(ge=0, le=300)]
Size = Annotated[float, Field(gt=0, le=200)]


class _Part(BaseModel):
    # The attribute docstrings below are for readers of this file: no schema of the theme is
    # exported, and reading them into the models would slow every process's start.
    model_config = ConfigDict(frozen=True, extra="forbid")


class Page(_Part):
    """Page size and margins (mm)."""

    size: Literal["A4", "A5", "Letter"] = "A4"
    """Paper size."""
    margin_top: Length = 25
    """Top margin of the text block."""
    margin_right: Length = 20
    """Right margin."""
    margin_bottom: Length = 25
    """Bottom margin (notes end here)."""
    margin_left: Length = 25
    """Left margin."""
    header_offset: Length = 13
    """Baseline of the running header, from the top edge."""
    footer_offset: Length = 12
    """Baseline of the footer, from the bottom edge."""

    @model_validator(mode="after")
    def _room_for_text(self) -> Page:
        width, height = PAPER_MM[self.size]
        across = width - self.margin_left - self.margin_right
        down = height - self.margin_top - self.margin_bottom
        if across < MIN_TEXT_BLOCK_MM or down < MIN_TEXT_BLOCK_MM:
            raise ValueError(
                f"the margins leave a text block of {across:g} × {down:g} mm on {self.size}; "
                f"it must be at least {MIN_TEXT_BLOCK_MM} mm each way (the header block, a "
                "table and a line of text need it)"
            )
        return self


PAPER_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "Letter": (215.9, 279.4)}
"""Width and height of each paper size (mm)."""
MIN_TEXT_BLOCK_MM = 60


MIN_CONTRAST = 4.5
"""WCAG 2 contrast ratio normal-size text needs against its background."""
TEXT_COLOURS = ("text", "brand", "muted", "accent")
"""The colours text is printed in (on white)."""
TINTED_TEXT = ("text", "brand")
"""The colours of text printed on the table tint."""


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    light, dark = sorted((relative_luminance(foreground), relative_luminance(background)))[::-1]
    return (light + 0.05) / (dark + 0.05)


class Colours(_Part):
    """The brand colours."""

    brand: Colour = "#0b3b66"
    """Headings, label, rules, the bar on page 1."""
    accent: Colour = "#c8102e"
    """Accent mark on page 1 and the classification marking."""
    text: Colour = "#1a1a1a"
    """Body text."""
    muted: Colour = "#5f6b76"
    """Running header, footer, date, imprint."""
    rule: Colour = "#9aa7b3"
    """Thin rules (running header, footnote separator, imprint)."""
    watermark: Colour = "#e3e7eb"
    """The DRAFT/ENTWURF watermark."""
    tint: Colour = "#eef2f6"
    """Light background of every other table row."""

    @model_validator(mode="after")
    def _legible(self) -> Colours:
        # Text colours on the white page and the text of table rows on the tint: WCAG's
        # 4.5:1 for normal text. The watermark is meant to be faint, rules are no text.
        pairs = [(name, "#ffffff", "the white page") for name in TEXT_COLOURS]
        pairs += [(name, self.tint, f"the table tint {self.tint}") for name in TINTED_TEXT]
        for name, background, where in pairs:
            colour = getattr(self, name)
            ratio = contrast(colour, background)
            if ratio < MIN_CONTRAST:
                raise ValueError(
                    f"{name} {colour} has a contrast of {ratio:.2f}:1 against {where}; "
                    f"text needs at least {MIN_CONTRAST:g}:1 (a darker colour)"
                )
        return self


class Fonts(_Part):
    """The body font family: four TTF files."""

    package: str | None = None
    """Python package shipping the files; else each file's path is relative to the folder
    of the theme.yaml that names it (the default theme's are in its ``fonts/``)."""
    regular: str
    """File of the regular face."""
    bold: str
    """File of the bold face."""
    italic: str
    """File of the italic face."""
    bold_italic: str
    """File of the bold italic face."""


class Sizes(_Part):
    """Type sizes and leadings in points."""

    body: Size = 10.5
    """Body text."""
    body_leading: Size = 14.5
    """Line distance of body text."""
    note: Size = 8
    """Footnotes."""
    note_leading: Size = 10
    """Line distance of footnotes."""
    title: Size = 20
    """Title on page 1."""
    title_leading: Size = 24
    """Line distance of the title."""
    heading2: Size = 13
    """``##`` headings."""
    heading3: Size = 11.5
    """``###`` headings."""
    small: Size = 8
    """Running header, footer, imprint."""
    table: Size = 9
    """Table cells and figure captions."""
    table_leading: Size = 11.5
    """Line distance in table cells and captions."""


class Labels(_Part):
    """Words the layout prints itself, in one language."""

    report: str
    """Default report-type label."""
    page: str
    """Page numbering with ``{page}`` and ``{total}``: ``Seite {page} von {total}``."""
    draft: str
    """Watermark word of a draft."""
    imprint: str
    """Heading of the closing imprint."""
    publisher: str
    """``Herausgeber`` / ``Publisher``."""
    head: str
    """Head of office."""
    phone: str
    """Abbreviation before the phone number."""
    figure: str = "Figure"
    """Caption label before a figure's number: ``Abbildung`` / ``Figure`` / ``Рисунок``."""
    table: str = "Table"
    """Caption label before a table's number: ``Tabelle`` / ``Table`` / ``Таблица``."""
    locale: str | None = None
    """Conventions (dates, hyphenation) for a report whose language tag names no region:
    ``en-GB`` prints 5 July 2024 and hyphenates by the British patterns, ``en-US`` July 5,
    2024 and by the American ones; unset: Babel's and pyphen's default for the language."""

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(value, sep="-")
        except (ValueError, UnknownLocaleError):
            raise ValueError(f"{value!r} is no locale Babel knows (like en-GB)") from None
        return value

    @model_validator(mode="after")
    def _page_has_placeholders(self) -> Labels:
        if "{page}" not in self.page or "{total}" not in self.page:
            raise ValueError("page must contain {page} and {total}")
        try:
            self.page.format(page=1, total=1)
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(f"page: only {{page}} and {{total}} may be used ({error})") from None
        return self


FooterItem = Literal["publisher", "classification", "page", "office", "none"]
HeaderItem = Literal["label", "office", "title"]


class Footer(_Part):
    """What the footer shows left, centre and right."""

    left: FooterItem = "publisher"
    """Left item."""
    centre: FooterItem = "classification"
    """Centre item."""
    right: FooterItem = "page"
    """Right item."""


class Marking(_Part):
    """Where a report's ``classification:`` (its distribution marking) is printed, in the
    accent colour and bold; at the bottom of every page it is the footer item
    ``classification``. Rules for marked documents want it at the top and the bottom of
    every page and in the first page's header block."""

    top: bool = True
    """Centred at the top of every page, above the running header."""
    top_offset: Length = 7
    """Baseline of the top marking, from the top edge (mm)."""
    header_block: bool = True
    """On page 1 in the header block, under the date."""


class Print(_Part):
    """The PDF for a print shop (``lagebericht build --print``): the page grows by the
    bleed on every side, TrimBox and BleedBox say where it is cut, and what runs to the
    page's edge (the brand bar) runs on into the bleed."""

    default: bool = False
    """Build for the print shop by default (as ``lagebericht build --print``)."""
    bleed: Annotated[float, Field(ge=0, le=20)] = 3
    """Bleed on every side (mm)."""
    crop_marks: bool = False
    """Crop marks at the corners, outside the bleed (the page grows by 6 mm more)."""


class ThemeFile(_Part):
    """One ``theme.yaml`` as written (before ``extends:`` is resolved)."""

    extends: str | None = None
    """Name of the theme this one builds on."""
    publisher: str | None = None
    """Publisher printed in footer and imprint; the office's name when unset."""
    pdfa: bool = False
    """Write archival PDF/A-2a by default (as ``lagebericht build --pdfa``)."""
    print: Print = Print()
    """The print-shop PDF: bleed and crop marks."""
    page: Page = Page()
    """Page geometry."""
    colours: Colours = Colours()
    """Brand colours."""
    fonts: Fonts
    """Body font family."""
    sizes: Sizes = Sizes()
    """Type sizes."""
    logo: str | None = None
    """SVG file in the theme folder, drawn on page 1 (vector)."""
    running_header: tuple[HeaderItem, ...] = ("label", "office", "title")
    """Items of the running header on later pages, joined by `` · ``."""
    footer: Footer = Footer()
    """Footer items."""
    classification: Marking = Marking()
    """Where the distribution marking is printed beside the footer."""
    columns: Annotated[int, Field(ge=1, le=2)] = 1
    """Body columns: 2 sets the body below the header block and lead in two columns."""
    column_gap: Length = 7
    """Space between the two columns (mm)."""
    labels: dict[str, Labels]
    """Labels per primary language subtag; ``en`` is required (the fallback)."""
    nohyphen: tuple[NohyphenWord, ...] = ()
    """Words never hyphenated (names the capitals do not tell, e.g. in German); a child
    theme's list adds to its parent's."""

    @model_validator(mode="after")
    def _english_fallback(self) -> ThemeFile:
        if "en" not in self.labels:
            raise ValueError("labels: an `en` entry is required (used for other languages)")
        return self


class Theme(ThemeFile):
    """A resolved theme: its file's fields plus where its files are."""

    name: str
    """Theme name (its folder's name)."""
    folders: tuple[Path, ...]
    """Its folder first, then the folders of the themes it extends (template lookup)."""
    font_paths: dict[str, Path]
    """Resolved TTF path of each face: regular, bold, italic, bold_italic."""
    logo_path: Path | None = None
    """Resolved logo file."""

    def labels_for(self, language: str) -> Labels:
        """Labels of ``language`` (by primary subtag), English when the theme has none."""
        return self.labels.get(language.split("-")[0].lower(), self.labels["en"])

    def regional(self, language: str) -> str:
        """``language`` with the region of the theme's locale for it when the tag names
        none (``en`` → ``en-US``): whose conventions — dates, hyphenation — a report in it
        follows."""
        primary, _, region = language.partition("-")
        locale = self.labels_for(language).locale
        if region or not locale or locale.split("-")[0].lower() != primary.lower():
            return language
        return locale

    def labels_language(self, language: str) -> str:
        """The language (primary subtag) of the labels :meth:`labels_for` gives."""
        primary = language.split("-")[0].lower()
        return primary if primary in self.labels else "en"

    def foreign_labels(self, language: str) -> str | None:
        """The language of the labels a ``language`` report gets, when they are not in
        its language (English, where the theme has none for it): their /Lang."""
        words = self.labels_language(language)
        return words if words != language.split("-")[0].lower() else None

    # Geometry in points, for the layout.
    @property
    def page_size(self) -> tuple[float, float]:
        from reportlab.lib import pagesizes

        sizes = {"A4": pagesizes.A4, "A5": pagesizes.A5, "Letter": pagesizes.LETTER}
        width, height = sizes[self.page.size]
        return float(width), float(height)

    def pt(self, millimetres: float) -> float:
        return millimetres * MM
