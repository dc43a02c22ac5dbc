"""read_document: front matter, body and file positions of a report file."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebericht.load import RawDocument, read_document
from lagebericht.problems import InputError, Problem
from tests.files import WriteFiles

REPORT = """---
title: Kasachstan und die SOZ
date: 2024-07-05
language: de
office: kasachstan
authors:
  - Anna Muster
  - name: Max Beispiel
    role: Referent
keywords: [SOZ, Astana]
draft: true
subtitle:
---
Erster Absatz.

## Abschnitt
"""


def read(files: WriteFiles, content: str | bytes, name: str = "report.md") -> RawDocument:
    return read_document(files({name: content}) / name)


def problems(files: WriteFiles, content: str | bytes) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        read(files, content)
    return caught.value.problems


def only(found: tuple[Problem, ...]) -> Problem:
    assert len(found) == 1, found
    return found[0]


def test_front_matter_is_parsed(files: WriteFiles) -> None:
    raw = read(files, REPORT)
    assert raw.front_matter == {
        "title": "Kasachstan und die SOZ",
        "date": "2024-07-05",
        "language": "de",
        "office": "kasachstan",
        "authors": ["Anna Muster", {"name": "Max Beispiel", "role": "Referent"}],
        "keywords": ["SOZ", "Astana"],
        "draft": True,
        "subtitle": None,
    }


def test_body_and_its_first_line(files: WriteFiles) -> None:
    raw = read(files, REPORT)
    assert raw.body == "Erster Absatz.\n\n## Abschnitt\n"
    assert raw.body_line == 14


def test_value_locations_are_file_line_and_column(files: WriteFiles) -> None:
    raw = read(files, REPORT)
    assert raw.locations[()] == (1, 1)
    assert raw.locations[("title",)] == (2, 8)
    assert raw.locations[("date",)] == (3, 7)
    assert raw.locations[("authors", 0)] == (7, 5)
    assert raw.locations[("authors", 1)] == (8, 5)
    assert raw.locations[("authors", 1, "name")] == (8, 11)
    assert raw.locations[("authors", 1, "role")] == (9, 11)
    assert raw.locations[("keywords", 1)] == (10, 17)


def test_key_locations_point_at_the_key(files: WriteFiles) -> None:
    raw = read(files, REPORT)
    assert raw.key_locations[("office",)] == (5, 1)
    assert raw.key_locations[("authors", 1, "role")] == (9, 5)


def test_scalars_stay_text_except_null_and_booleans(files: WriteFiles) -> None:
    raw = read(
        files,
        "---\ntitle: 1984\nlanguage: no\ndate: 2024-13-45\nphone: +7 7172 123\n"
        "draft: false\nsubtitle: ~\n---\n",
    )
    assert raw.front_matter == {
        "title": "1984",
        "language": "no",
        "date": "2024-13-45",
        "phone": "+7 7172 123",
        "draft": False,
        "subtitle": None,
    }


def test_bom_and_crlf_are_accepted(files: WriteFiles) -> None:
    content = "\ufeff" + REPORT.replace("\n", "\r\n")
    raw = read(files, content.encode("utf-8"))
    assert raw.front_matter["title"] == "Kasachstan und die SOZ"
    assert raw.locations[("date",)] == (3, 7)
    assert raw.body == "Erster Absatz.\n\n## Abschnitt\n"
    assert raw.body_line == 14


def test_dots_close_the_front_matter(files: WriteFiles) -> None:
    raw = read(files, "---\ntitle: T\n...\nText\n")
    assert raw.front_matter == {"title": "T"}
    assert raw.body == "Text\n"
    assert raw.body_line == 4


def test_empty_front_matter_is_an_empty_mapping(files: WriteFiles) -> None:
    raw = read(files, "---\n---\nText\n")
    assert raw.front_matter == {}
    assert raw.body_line == 3


def test_non_utf8_byte_is_located(files: WriteFiles) -> None:
    content = "---\ntitle: Gr\u00fc\u00dfe\n---\n".encode() + "Stra\u00dfe ".encode("latin-1")
    problem = only(problems(files, content))
    assert (problem.line, problem.column) == (4, 5)
    assert "not UTF-8" in problem.message
    assert "0xDF" in problem.message


def test_empty_file(files: WriteFiles) -> None:
    problem = only(problems(files, "\n  \n"))
    assert problem.line == 1
    assert problem.message.startswith("the file is empty")


def test_missing_front_matter(files: WriteFiles) -> None:
    problem = only(problems(files, "# Bericht\n\nText\n"))
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("missing front matter")
    assert '"# Bericht"' in problem.message


def test_unterminated_front_matter(files: WriteFiles) -> None:
    problem = only(problems(files, "---\ntitle: T\ndate: 2024-07-05\n\nText\n"))
    assert problem.line == 1
    assert problem.message.startswith("front matter is not closed")


def test_front_matter_that_is_a_list(files: WriteFiles) -> None:
    problem = only(problems(files, "---\n- title\n- date\n---\n"))
    assert (problem.line, problem.column) == (2, 1)
    assert problem.message == (
        "front matter: expected fields like `title: …`, one per line; got a list"
    )


def test_front_matter_that_is_plain_text(files: WriteFiles) -> None:
    problem = only(problems(files, "---\nJust a title\n---\n"))
    assert problem.line == 2
    assert 'got the text "Just a title"' in problem.message


def test_yaml_syntax_error_has_the_yaml_line(files: WriteFiles) -> None:
    problem = only(problems(files, "---\ntitle: T\ndate: 2024-07-05\nsubtitle: a: b\n---\n"))
    assert (problem.line, problem.column) == (4, 12)
    assert problem.message.startswith("front matter: YAML syntax error:")
    assert "mapping values are not allowed here" in problem.message


def test_tab_indentation_gets_a_hint(files: WriteFiles) -> None:
    problem = only(problems(files, "---\nauthors:\n\t- A\n---\n"))
    assert problem.line == 3
    assert "use spaces, not tabs" in problem.message


def test_duplicate_keys_are_all_reported(files: WriteFiles) -> None:
    found = problems(
        files,
        "---\ntitle: A\ndate: 2024-07-05\ntitle: B\nauthors:\n  - name: X\n    name: Y\n---\n",
    )
    assert [(p.line, p.column) for p in found] == [(4, 1), (7, 5)]
    assert found[0].message == (
        "title: duplicate field, it is already set on line 2; keep only one of them"
    )
    assert found[1].message.startswith("authors[1].name: duplicate field")


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_document(tmp_path / "missing.md")
    problem = only(caught.value.problems)
    assert problem.path == tmp_path / "missing.md"
    assert problem.line is None
    assert problem.message.startswith("cannot read the file")


def test_problem_path_is_the_path_given(files: WriteFiles) -> None:
    root = files({"content/a.md": "no front matter"})
    with pytest.raises(InputError) as caught:
        read_document(root / "content" / "a.md")
    assert only(caught.value.problems).path == root / "content" / "a.md"


def test_explicit_tags_keep_the_text(files: WriteFiles) -> None:
    raw = read(files, "---\ntitle: !!int x\nsubtitle: !custom y\n---\n")
    assert raw.front_matter == {"title": "x", "subtitle": "y"}


def test_alias_cycle_is_a_problem(files: WriteFiles) -> None:
    problem = only(problems(files, "---\ntitle: T\nx: &a [*a]\n---\n"))
    assert (problem.line, problem.column) == (3, 4)  # the anchored list itself
    assert problem.message == "x[1]: an alias refers to itself"


def test_key_that_is_a_mapping(files: WriteFiles) -> None:
    problem = only(problems(files, "---\n? {a: b}\n: c\n---\n"))
    assert (problem.line, problem.column) == (2, 3)
    assert problem.message == "front matter: a key must be a plain name"
