"""Country names of an office file, printed in each report's language."""

from __future__ import annotations

import pytest

from lagebericht.text.places import country_code, country_name


@pytest.mark.parametrize("written", ["Kasachstan", "Kazakhstan", "Казахстан", "KZ", "kz"])
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Kasachstan"),
        ("en", "Kazakhstan"),
        ("en-GB", "Kazakhstan"),
        ("ru", "Казахстан"),
        ("kk", "Қазақстан"),
    ],
)
def test_a_country_named_in_any_language_is_printed_in_the_reports(
    written: str, language: str, expected: str
) -> None:
    assert country_name(written, language) == expected


def test_a_name_babel_does_not_know_is_printed_as_written() -> None:
    assert country_name("Zentralasien", "en") == "Zentralasien"
    assert country_name("XX", "ru") == "XX"
    assert country_code("Zentralasien") is None


def test_a_name_in_the_reports_own_language_is_recognised() -> None:
    assert country_code("Kazajistán", "es") == "KZ"
    assert country_name("Deutschland", "fr") == "Allemagne"
