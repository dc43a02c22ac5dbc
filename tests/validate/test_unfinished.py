"""Unfinished reports: ``draft: true`` and ``TODO`` placeholders, located."""

from __future__ import annotations

from pathlib import Path

from lagebericht.problems import Severity
from lagebericht.validate.unfinished import find_unfinished

FRONT = """\
---
# Replace every TODO: a comment, not a placeholder.
date: 2024-07-05
language: en
office: kasachstan
title: "TODO: title of the report"
authors:
  - name: Anna Muster
    role: "TODO role"
draft: true
---
"""


def write(tmp_path: Path, text: str, name: str = "a.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def formatted(path: Path, refused_by: str | None = None) -> list[str]:
    return [p.format().removeprefix(f"{path}:") for p in find_unfinished(path, refused_by)]


def test_drafts_and_placeholders_are_warnings_at_their_field_or_line(tmp_path: Path) -> None:
    body = "\nText.\n\n## TODO: heading\n\n- **TODO Lead:** TODO: the argument.\n"
    path = write(tmp_path, FRONT + body)
    assert formatted(path) == [
        '6:8: warning: title: placeholder "TODO: title of the report" left; replace it',
        '9:11: warning: authors[1].role: placeholder "TODO role" left; replace it',
        "10:1: warning: draft: the report is still a draft; delete the line `draft: true` "
        "when it is final",
        '15:4: warning: placeholder "TODO: heading" left; replace it',
        '17:5: warning: placeholder "TODO Lead:** TODO: the argument." left; replace it',
    ]
    assert {p.severity for p in find_unfinished(path)} == {Severity.WARNING}


def test_refused_they_are_errors_naming_the_option(tmp_path: Path) -> None:
    path = write(tmp_path, FRONT.replace('"TODO: title of the report"', "Done") + "\nText.\n")
    problems = find_unfinished(path, "--pdfa")
    assert [p.format().removeprefix(f"{path}:") for p in problems] == [
        '9:11: authors[1].role: placeholder "TODO role" left; replace it (refused with --pdfa)',
        "10:1: draft: the report is still a draft; delete the line `draft: true` when it is "
        "final (refused with --pdfa)",
    ]
    assert {p.severity for p in problems} == {Severity.ERROR}


def test_a_finished_report_has_nothing(tmp_path: Path) -> None:
    text = FRONT.replace("draft: true", "draft: false").replace("TODO", "Note")
    # Lower case, a longer word and the word inside another are running prose.
    body = "\nThe todo list of the TODOS committee; MYTODO_X; TODO_LIST.\n"
    assert find_unfinished(write(tmp_path, text + body)) == ()


def test_a_long_line_is_quoted_shortened(tmp_path: Path) -> None:
    path = write(tmp_path, "---\ntitle: x\n---\n\nSee TODO: " + "word " * 30 + "\n")
    (problem,) = find_unfinished(path)
    assert (problem.line, problem.column) == (5, 5)
    assert problem.message == (
        'placeholder "TODO: word word word word word word word word…" left; replace it'
    )


def test_a_template_is_read_as_written(tmp_path: Path) -> None:
    text = "---\ntitle: x\n---\n\n{% for i in range(3) %}TODO {{ i }}\n{% endfor %}\n"
    path = write(tmp_path, text, "monthly.md.j2")
    assert [(p.line, p.column) for p in find_unfinished(path)] == [(5, 24)]


def test_a_file_without_front_matter_is_scanned_whole(tmp_path: Path) -> None:
    path = write(tmp_path, "first\nTODO\n")
    assert [(p.line, p.column) for p in find_unfinished(path)] == [(2, 1)]
    assert find_unfinished(tmp_path / "missing.md") == ()
