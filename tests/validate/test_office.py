"""Office resolution: offices/<key>.yaml in the nearest ancestor, or an inline mapping."""

from __future__ import annotations

import pytest

from lagebericht.problems import InputError
from lagebericht.validate import read_report
from tests.files import WriteFiles
from tests.validate.reports import FRONT, only, problems, write_report


def test_unknown_office_key_lists_the_known_keys(files: WriteFiles) -> None:
    offices = {"kasachstan": "name: K\n", "usbekistan": "name: U\n"}
    problem = only(
        problems(files, FRONT.replace("office: kasachstan", "office: kasachtan"), offices)
    )
    report = write_report(files, FRONT, offices)
    assert (problem.path, problem.line, problem.column) == (report, 5, 9)
    assert problem.message == (
        'office: unknown office "kasachtan"; did you mean "kasachstan"?; '
        f"known offices: kasachstan, usbekistan (files in {report.parent.parent / 'offices'})"
    )


def test_no_offices_folder(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT, offices={}))
    assert problem.line == 5
    assert problem.message.startswith('office: cannot look up "kasachstan": no `offices` folder')


def test_missing_office(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("office: kasachstan\n", "")))
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("office: missing; expected the key of an office file")


def test_office_that_is_a_list(files: WriteFiles) -> None:
    problem = only(problems(files, FRONT.replace("office: kasachstan", "office: [a]")))
    assert (problem.line, problem.column) == (5, 9)
    assert problem.message.endswith("got a list")


def test_office_file_problems_are_located_in_the_office_file(files: WriteFiles) -> None:
    office = "city: Astana\nhead:\n  name: A\n  rolle: B\nphone: 12\nemal: x@example.org\n"
    found = problems(files, FRONT, offices={"kasachstan": office})
    office_file = write_report(files, FRONT).parent.parent / "offices" / "kasachstan.yaml"
    assert [(p.path, p.line, p.column, p.message) for p in found] == [
        (office_file, 1, 1, "name: missing; expected a name as text"),
        (office_file, 4, 3, 'head.rolle: unknown field; did you mean "role"?'),
        (office_file, 6, 1, 'emal: unknown field; did you mean "email"?'),
    ]


def test_office_file_syntax_error(files: WriteFiles) -> None:
    found = problems(files, FRONT, offices={"kasachstan": "name: [unclosed\n"})
    problem = only(found)
    assert problem.path.name == "kasachstan.yaml"
    assert problem.line == 2
    assert problem.message.startswith("office file: YAML syntax error")


def test_office_file_that_is_not_utf8(files: WriteFiles) -> None:
    root = files(
        {
            "content/offices/kasachstan.yaml": "name: B\u00fcro\n".encode("latin-1"),
            "content/r.md": FRONT,
        }
    )
    with pytest.raises(InputError) as caught:
        read_report(root / "content" / "r.md")
    problem = only(caught.value.problems)
    assert (problem.line, problem.column) == (1, 8)


def test_inline_office_problems_point_into_the_front_matter(files: WriteFiles) -> None:
    text = FRONT.replace("office: kasachstan", "office:\n  city: Bischkek\n  emial: x")
    found = problems(files, text)
    assert [(p.line, p.column, p.message) for p in found] == [
        (6, 3, "office.name: missing; expected a name as text"),
        (7, 3, 'office.emial: unknown field; did you mean "email"?'),
    ]
