"""Words the layout prints itself, per language: labels, dates, page numbers."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

# Default report-type label when the front matter has no ``report``.
_REPORT_LABELS = {
    "de": "Lagebericht",
    "en": "Situation Report",
    "ru": "Обзор ситуации",
    "kk": "Жағдай туралы шолу",
}

_PAGE_OF = {
    "de": "Seite {page} von {total}",
    "en": "Page {page} of {total}",
    "ru": "Страница {page} из {total}",
    "kk": "{total} беттің {page}-беті",
}


_DRAFT = {"de": "ENTWURF", "en": "DRAFT", "ru": "ПРОЕКТ", "kk": "ЖОБА"}


def draft_label(language: str) -> str:
    """The watermark word of a draft: ``ENTWURF`` / ``DRAFT`` / ``ПРОЕКТ``."""
    return _DRAFT.get(_primary(language), _DRAFT["en"])


def _primary(language: str) -> str:
    return language.split("-")[0].lower()


def report_label(language: str, given: str | None) -> str:
    """The report-type label: the front matter's, else the language's default."""
    if given:
        return given
    return _REPORT_LABELS.get(_primary(language), _REPORT_LABELS["en"])


def page_of(language: str, page: int, total: int) -> str:
    """``Seite 2 von 4`` / ``Page 2 of 4`` / ``Страница 2 из 4``."""
    template = _PAGE_OF.get(_primary(language), _PAGE_OF["en"])
    return template.format(page=page, total=total)


def long_date(date: dt.date, language: str) -> str:
    """``5. Juli 2024`` / ``July 5, 2024`` / ``5 июля 2024 г.`` via Babel's CLDR data."""
    return str(format_date(date, format="long", locale=language.replace("-", "_")))
