"""Words the layout prints itself: dates via Babel, page numbers and labels from the theme."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from babel.dates import format_date


class Labels(Protocol):
    """What this module reads of a theme's labels for one language (the theme's
    ``Labels``): the text stage sits below the theme and does not import it."""

    @property
    def report(self) -> str: ...

    @property
    def page(self) -> str: ...


def report_label(labels: Labels, given: str | None) -> str:
    """The report-type label: the front matter's, else the theme's default for the language."""
    return given or labels.report


def page_of(labels: Labels, page: int, total: int) -> str:
    """``Seite 2 von 4`` / ``Page 2 of 4`` / ``Страница 2 из 4``."""
    return labels.page.format(page=page, total=total)


def long_date(date: dt.date, language: str, default: str | None = None) -> str:
    """``5. Juli 2024`` / ``July 5, 2024`` / ``5 июля 2024 г.`` via Babel's CLDR data.

    The tag's region decides where the language's conventions differ (``en-GB``: 5 July
    2024, ``en-US``: July 5, 2024); for a tag without one, ``default`` (the theme's
    locale for the language) decides when it is of the same language.
    """
    return str(format_date(date, format="long", locale=date_locale(language, default)))


def date_locale(language: str, default: str | None = None) -> str:
    """The Babel locale name for ``language``: ``en`` → ``default`` (``en-GB``) if given."""
    primary, _, region = language.partition("-")
    if not region and default and default.split("-")[0].lower() == primary.lower():
        language = default
    return language.replace("-", "_")
