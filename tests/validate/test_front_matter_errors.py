"""Front-matter problems: field name, what was expected, what was found, at the right line."""

from __future__ import annotations

import pytest

from lagebericht.problems import InputError, Severity
from tests.files import WriteFiles
from tests.validate.reports import FRONT, only, problems, valid, write_report


def test_missing_title_points_at_the_opening_line(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("title: Kasachstan und die SOZ\n", "")))
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("title: missing; expected the report's title")


def test_empty_title(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("title: Kasachstan und die SOZ", 'title: "  "')))
    assert (problem.line, problem.column) == (2, 8)
    assert problem.message.startswith("title: must not be empty")


def test_title_without_value(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("title: Kasachstan und die SOZ", "title:")))
    assert problem.line == 2
    assert problem.message.startswith("title: must not be empty")


def test_numeric_title_is_text(files: WriteFiles) -> None:
    text = FRONT.replace("title: Kasachstan und die SOZ", "title: 1984")
    assert valid(files, text).report.title == "1984"


def test_bad_date(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("2024-07-05", "5 July 2024")))
    assert (problem.line, problem.column) == (3, 7)
    assert problem.message == 'date: expected an ISO date like 2024-07-05, got "5 July 2024"'


def test_impossible_date(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("2024-07-05", "2024-13-45")))
    assert problem.format().endswith(
        'report.md:3:7: date: expected an ISO date like 2024-07-05, got "2024-13-45"'
    )


def test_unknown_key_with_suggestion(files: WriteFiles) -> None:
    text = FRONT.replace("title: Kasachstan und die SOZ\n", "titel: Kasachstan und die SOZ\n")
    found = problems(files, text)
    assert [(p.line, p.column) for p in found] == [(1, 1), (2, 1)]
    assert found[0].message.startswith("title: missing")
    assert found[1].message == 'titel: unknown field; did you mean "title"?'


def test_unknown_key_without_close_match_lists_the_fields(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("---\ntitle", "---\nxyzzy: 1\ntitle")))
    assert problem.line == 2
    assert problem.message.startswith("xyzzy: unknown field; known fields: authors, classification")


def test_unknown_language(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("language: de", "language: deutsch")))
    assert (problem.line, problem.column) == (4, 11)
    assert problem.message == (
        'language: expected a language tag like de, en, ru or kk, got "deutsch"'
    )


def test_norwegian_is_a_language_not_false(files: WriteFiles) -> None:
    assert valid(files, FRONT.replace("language: de", "language: no")).report.language == "no"


def test_draft_must_be_true_or_false(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("---\ntitle", "---\ndraft: vielleicht\ntitle")))
    assert (problem.line, problem.column) == (2, 8)
    assert problem.message == 'draft: expected true or false, got "vielleicht"'


def test_keywords_must_be_a_list(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("---\ntitle", "---\nkeywords:\n  a: b\ntitle")))
    assert problem.line == 3
    assert problem.message.startswith("keywords: expected a list of words")
    assert problem.message.endswith("got a mapping (fields with values)")


def test_author_problems_point_at_the_item(files: WriteFiles) -> None:
    text = FRONT.replace(
        "---\ntitle",
        "---\nauthors:\n  - A\n  - role: Referent\n  - [x]\n  - name: B\n    rolle: C\ntitle",
    )
    found = problems(files, text)
    assert [(p.line, p.column, p.message) for p in found] == [
        (4, 5, "authors[2].name: missing; expected a name as text"),
        (5, 5, "authors[3]: expected a name or a mapping with `name:` and `role:`, got a list"),
        (7, 5, 'authors[4].rolle: unknown field; did you mean "role"?'),
    ]


def test_all_problems_of_a_file_at_once(files: WriteFiles) -> None:
    text = """---
titel: X
date: gestern
language: xx
office: kasachstan
draft: 3
---
# Eins

Text[^fehlt].

[^frei]: unbenutzt
"""
    found = problems(files, text)
    assert [(p.line, p.column, p.severity) for p in found] == [
        (1, 1, Severity.ERROR),  # title missing
        (2, 1, Severity.ERROR),  # titel unknown
        (3, 7, Severity.ERROR),  # date
        (4, 11, Severity.ERROR),  # language
        (6, 8, Severity.ERROR),  # draft
        (8, None, Severity.ERROR),  # level 1 heading
        (10, 5, Severity.ERROR),  # undefined footnote
        (12, 1, Severity.WARNING),  # unused footnote
    ]
    assert all(p.path == write_report(files, text) for p in found)


def test_front_matter_problems_from_loading_reach_the_caller(files: WriteFiles) -> None:
    problem = only(problems(files, "---\n- a\n---\n"))
    assert problem.line == 2
    assert problem.message.startswith("front matter: expected fields")


def test_summary_markup_problems_name_the_field(files: WriteFiles) -> None:
    text = FRONT.replace("---\ntitle", "---\nsummary: Siehe ![Bild](x.png)\ntitle")
    problem = only(problems(files, text))
    assert problem.line == 2
    assert problem.message.startswith("summary: images are not possible here")


def test_footnote_in_summary_is_rejected(files: WriteFiles) -> None:
    text = FRONT.replace("---\ntitle", "---\nsummary: Text[^a]\ntitle")
    problem = only(problems(files, text + "Body[^a]\n\n[^a]: Note.\n"))
    assert (problem.line, problem.column) == (2, None)
    assert problem.message == "summary: footnotes are not possible here; remove [^a]"


WEIRD_INPUTS = [
    "---\n? [a]\n: b\n---\n",
    "---\ntitle: &a x\nsubtitle: *a\n---\n",
    "---\noffice: ../offices/kasachstan\n---\n",
    "---\nauthors: {name: x}\noffice: {name: [1]}\n---\n",
    "---\ntitle: T\n---\n" + ">" * 300 + " tief\n",
    "---\ntitle: T\n---\n" + "- " * 300 + "tief\n",
    "---\ntitle: T\n---\n- [^a]: in item\n\nText[^a]\n",
    "---\ntitle: T\n---\n[^a]: x[^b]\n[^b]: y[^a]\n\nA[^a]\n",
    "---\ntitle: T\n---\n\x00\x07\u202e\n",
    "---\ntitle: T\n---\n[a](javascript:alert(1)) <script>x</script>\n",
    "---\n" + "key: value\n" * 3 + "---\n",
    "---\ntitle: '\n---\n",
]


@pytest.mark.parametrize("text", WEIRD_INPUTS)
def test_odd_input_gives_problems_not_tracebacks(files: WriteFiles, text: str) -> None:
    try:
        valid(files, text)
    except InputError as error:
        assert error.problems
        assert all(p.message for p in error.problems)


def test_nohyphen_entries_are_single_words_located_at_their_item(files: WriteFiles) -> None:
    long = "x" * 101
    text = FRONT.replace(
        "---\ntitle", f"---\nnohyphen:\n  - Guterres\n  - Ban Ki-moon\n  - {long}\ntitle"
    )
    found = problems(files, text)
    assert [(p.path.name, p.line, p.column) for p in found] == [
        ("report.md", 4, 5),
        ("report.md", 5, 5),
    ]
    assert found[0].message.startswith("nohyphen[2]: one word per entry, without spaces")
    assert "at most 100 characters, this is 101" in found[1].message


def test_nohyphen_words_reach_the_report(files: WriteFiles) -> None:
    text = FRONT.replace("---\ntitle", "---\nnohyphen: [Guterres, Andrés]\ntitle")
    assert valid(files, text).report.nohyphen == ("Guterres", "Andrés")


def test_nohyphen_must_be_a_list(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("---\ntitle", "---\nnohyphen: Guterres\ntitle")))
    assert problem.message == (
        'nohyphen: expected a list of single words like [Guterres, Tokajew], got "Guterres"'
    )


@pytest.mark.parametrize("tag", ["en-GB", "en-US", "de-CH", "kk-KZ"])
def test_language_with_a_region(files: WriteFiles, tag: str) -> None:
    text = FRONT.replace("language: de", f"language: {tag}")
    assert valid(files, text).report.language == tag


def test_language_with_an_unknown_region(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("language: de", "language: en-XX")))
    assert problem.message.startswith("language: expected")
