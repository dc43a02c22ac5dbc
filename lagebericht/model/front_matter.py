"""The YAML front matter: the contract field-office staff write against.

Its JSON Schema (``FrontMatter.model_json_schema()``) is what editors validate against.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator

from lagebericht.model.base import Documented
from lagebericht.model.report import Office, Person
from lagebericht.word_lists import NohyphenWord


def _not_blank(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("must not be empty")
    return value


class FrontMatter(Documented):
    """Front matter of a report file (between the ``---`` lines at its top)."""

    report: str | None = None
    """Report-type label printed in the header (``Lagebericht``, ``Country Report``);
    default from the language."""
    date: dt.date
    """ISO date of the report, ``2024-07-05``."""
    language: str
    """BCP-47 tag of the body language: ``de``, ``en``, ``ru``, ``kk``…"""
    office: str | Office
    """Key of an office file (``kasachstan`` → ``offices/kasachstan.yaml``) or an inline mapping."""
    title: str
    """Title of the report (required)."""
    subtitle: str | None = None
    """Optional subtitle."""
    authors: tuple[Person | str, ...] = ()
    """Authors: each ``{name, role}`` or a plain name."""
    summary: str | None = None
    """Optional lead paragraph set apart under the title (inline Markdown allowed)."""
    keywords: tuple[str, ...] = ()
    """Keywords for the PDF metadata."""
    classification: str | None = None
    """Distribution marking printed on every page (``Nur für den Dienstgebrauch``)."""
    draft: bool = False
    """``true`` prints a DRAFT/ENTWURF watermark."""
    theme: str | None = None
    """Theme to build with: a built-in or project theme's name (``auslandsbuero-zweispaltig``)
    or a theme folder relative to the report; default: the project's theme."""
    nohyphen: tuple[NohyphenWord, ...] = ()
    """Words never hyphenated, beside the theme's list: one word each (``[Tokajew,
    Guterres]``), matched whatever its case, also as part of a compound (``Guterres-Plan``).
    Names are kept whole by their capital anyway, except in German, where nouns have one."""
    data: tuple[str, ...] = Field(default=())
    """Data files (YAML/CSV beside the report) for ``*.md.j2`` templates."""

    _check_text = field_validator(
        "report", "title", "subtitle", "summary", "classification", "language", "theme"
    )(_not_blank)

    @field_validator("title", "language", mode="before")
    @classmethod
    def _required_text(cls, value: object) -> object:
        if value is None:
            raise ValueError("must not be empty")
        return value
