"""The page-1 date, the imprint and the licence line in the report's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebericht.layout import render_pdf
from lagebericht.layout.fonts import family_of
from lagebericht.layout.hyphenation import WordHyphenator
from lagebericht.layout.imprint import imprint_lines
from lagebericht.layout.styles import make_styles
from lagebericht.model import Office, Report
from lagebericht.theme import THEMES_DIR, Theme, load_theme
from tests.layout.factories import FILLER, filled
from tests.pdf_inspect import page_texts

OFFICE = Office(name="Auslandsbüro Kasachstan", city="Astana", country="Kasachstan")
KAZAKH_ONLY = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def make(language: str) -> Report:
    return filled(language=language, office=OFFICE, text=FILLER)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("language", "date"),
    [("en-GB", "5 July 2024"), ("en-US", "July 5, 2024"), ("en", "July 5, 2024")],
)
def test_english_date_follows_the_language_tag(language: str, date: str) -> None:
    first = flat(page_texts(render_pdf(make(language)))[0])
    assert date in first


def test_the_theme_chooses_the_date_style_of_plain_english(tmp_path: Path) -> None:
    folder = tmp_path / "british"
    folder.mkdir()
    (folder / "theme.yaml").write_text(
        "extends: auslandsbuero\nlabels:\n  en:\n    locale: en-GB\n", encoding="utf-8"
    )
    theme = load_theme("british", [tmp_path, THEMES_DIR])
    assert "5 July 2024" in flat(page_texts(render_pdf(make("en"), theme))[0])
    assert "July 5, 2024" in flat(page_texts(render_pdf(make("en-US"), theme))[0])


def _points(language: str, theme: Theme) -> tuple[tuple[int, bool], ...]:
    hyphenate = make_styles(theme, family_of(theme), language).body.hyphenationLang
    assert isinstance(hyphenate, WordHyphenator)
    return tuple(sorted(hyphenate.points("organization")))


def test_the_theme_chooses_the_hyphenation_of_plain_english(tmp_path: Path) -> None:
    american = ((2, False), (4, False), (6, False), (8, False))  # or-ga-ni-za-tion
    british = ((2, False), (5, False), (7, False), (8, False))  # or-gan-iz-a-tion
    theme = load_theme()
    assert _points("en", theme) == _points("en-US", theme) == american
    assert _points("en-GB", theme) == british
    folder = tmp_path / "british"
    folder.mkdir()
    (folder / "theme.yaml").write_text(
        "extends: auslandsbuero\nlabels:\n  en:\n    locale: en-GB\n", encoding="utf-8"
    )
    theme = load_theme("british", [tmp_path, THEMES_DIR])
    assert _points("en", theme) == british
    assert _points("en-US", theme) == american
    # A locale of another language is not borrowed: French labels fall back to English.
    assert theme.regional("fr") == "fr" and theme.regional("en") == "en-GB"


def test_every_language_of_the_theme_has_its_own_licence_and_country_name() -> None:
    theme = load_theme()
    licences: dict[str, str] = {}
    for language in theme.labels:
        lines = imprint_lines(theme, OFFICE, OFFICE.name, language)
        licences[language] = lines[-1]
        assert "CC BY-SA 4.0" in lines[-1]
    # No language borrows another's licence line (the Kazakh one was Russian).
    assert len(set(licences.values())) == len(licences), licences
    assert KAZAKH_ONLY & set(licences["kk"])


@pytest.mark.parametrize(
    ("language", "country", "other"),
    [
        ("en", "Kazakhstan", "Kasachstan"),
        ("ru", "Казахстан", "Kasachstan"),
        ("kk", "Қазақстан", "Kasachstan"),
        ("de", "Kasachstan", "Kazakhstan"),
    ],
)
def test_imprint_names_the_country_in_the_reports_language(
    language: str, country: str, other: str
) -> None:
    last = flat(page_texts(render_pdf(make(language)))[-1])
    assert f"Astana · {country}" in last
    assert other not in last.replace("Auslandsbüro Kasachstan", "")
