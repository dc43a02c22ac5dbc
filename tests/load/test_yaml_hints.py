"""YAML syntax errors in the front matter come with a plain-language hint naming the line.

Each case is a typical author mistake: the front matter as written (between the `---`
lines, so its first line is file line 2), where PyYAML stops (file line and column) and
the hint appended to its message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from lagebericht.load import read_document
from lagebericht.load.yaml_tree import read_yaml_file
from lagebericht.problems import InputError, Problem
from tests.files import WriteFiles


@dataclass(frozen=True)
class Case:
    front_matter: str
    line: int
    column: int
    hint: str


CASES = {
    "a field indented more than the one above": Case(
        "title: T\n date: 2024-07-05\n",
        3,
        6,
        "line 3 is indented more than line 2 above it; start it in the same column as that line",
    ),
    "a nested field indented more than its neighbour": Case(
        "office:\n  name: Büro\n   city: Astana\n",
        4,
        8,
        "line 4 is indented more than line 3 above it",
    ),
    "a nested field indented less than its neighbour": Case(
        "office:\n    name: Büro\n  city: Astana\n",
        4,
        3,
        "line 4 is indented differently from the lines above it: the fields of one level, and "
        "the items of one list, must start in exactly the same column",
    ),
    "a list item indented less than the others": Case(
        "authors:\n  - Anna\n - Bob\n",
        4,
        2,
        "line 4 is indented differently from the lines above it",
    ),
    "a field of a list item indented wrongly": Case(
        "authors:\n  - name: Anna\n   role: Leiterin\n",
        4,
        4,
        "line 4 is indented differently from the lines above it",
    ),
    "no space after the colon": Case(
        "title:Kasachstan\ndate: 2024-07-05\n",
        3,
        5,
        "line 2 has no space after its colon; write title: Kasachstan",
    ),
    "a field without a colon": Case(
        "title: T\nsubtitle\n",
        4,
        1,
        "line 3 is not a field: write each field as `name: value`",
    ),
    "a colon inside the value": Case(
        "title: Kasachstan: Wahlen\n",
        2,
        18,
        "the value on line 2 contains a colon followed by a space; put the whole value in "
        'quotes: title: "Kasachstan: Wahlen"',
    ),
    "text after the closing quote": Case(
        'title: "SOZ" in Astana\n',
        2,
        14,
        "the value on line 2 goes on after its closing quote; put quotes around the whole "
        "value, or none; inside '…' write an apostrophe as ''",
    ),
    "an unclosed quote": Case(
        'title: "Kasachstan\ndate: 2024-07-05\n',
        4,
        1,
        "the quote opened on line 2 is never closed",
    ),
    "an unclosed bracket": Case(
        "keywords: [SOZ, Astana\ndate: 2024-07-05\n",
        3,
        5,
        "the [ on line 2 is not closed with ]",
    ),
    "a value in brackets followed by text": Case(
        "title: [Entwurf] Wahlen\n",
        2,
        18,
        "the value on line 2 starts with a bracket and is read as a list; put the whole value "
        "in double quotes",
    ),
    "a list item on the field's line": Case(
        "keywords: - SOZ\n",
        2,
        11,
        "a list item `- …` goes on its own line below the field",
    ),
    "a list item where a field belongs": Case(
        "title: T\n- SOZ\n",
        3,
        1,
        "line 3 is a list item where a field was expected",
    ),
    "a value starting with @": Case(
        "title: @astana\n", 2, 8, "a value cannot start with @; put the whole value in double"
    ),
    "a value starting with *": Case(
        "title: *wichtig*\n", 2, 16, "a value that starts with * or & must be put in double quotes"
    ),
    "the first field indented": Case(
        "  title: T\ndate: 2024-07-05\n",
        3,
        1,
        "line 3 starts further left than the first field: every top-level field starts at the "
        "beginning of its line",
    ),
    "a backslash inside double quotes": Case(
        'title: "C:\\Daten"\n',
        2,
        12,
        'inside "…" a backslash starts an escape: write \\\\ for a backslash, or use single',
    ),
    "a tab": Case("authors:\n\t- Anna\n", 3, 1, "use spaces, not tabs, to indent"),
}


def _problem(files: WriteFiles, front_matter: str) -> Problem:
    path = files({"report.md": f"---\n{front_matter}---\nText.\n"}) / "report.md"
    with pytest.raises(InputError) as caught:
        read_document(path)
    (problem,) = caught.value.problems
    return problem


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_syntax_error_gets_a_hint(files: WriteFiles, case: Case) -> None:
    problem = _problem(files, case.front_matter)
    assert (problem.line, problem.column) == (case.line, case.column)
    assert problem.message.startswith("front matter: YAML syntax error: ")
    assert problem.message.endswith(")"), problem.message
    assert f"({case.hint}" in problem.message, problem.message


def test_office_files_get_the_hints_too(tmp_path: Path) -> None:
    path = tmp_path / "office.yaml"
    path.write_text("name: Büro\n city: Astana\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_yaml_file(path, "office file")
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "(line 2 is indented more than line 1 above it" in problem.message
