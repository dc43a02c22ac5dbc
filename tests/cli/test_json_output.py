"""``--json``: one document on standard output, each problem an object with a stable code."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from lagebericht.cli import main
from lagebericht.problems import Code, Problem, Severity
from tests.files import OFFICE, REPORT, write_files

ROOT = Path(__file__).resolve().parents[2]

UNUSED_NOTE = REPORT + "\n[^spare]: Never referenced.\n"
"""Valid, with one warning (a footnote defined but not referenced)."""


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_files(
        tmp_path,
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/a-good.md": REPORT,
            "content/b-warned.md": UNUSED_NOTE,
            "content/c-yaml.md": "---\ndate: [2024\n---\n\nText.\n",
            "content/d-fields.md": REPORT.replace("date: 2024-07-05\n", "colour: red\n"),
            "content/e-link.md": REPORT + "\nSee [the site](ftp://example.org).\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _by_source(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {report["source"]: report for report in document["reports"]}


def test_check_json_is_one_document_of_problem_objects(content: Path) -> None:
    status, out, err = _run(["check", "--json"])

    assert status == 1  # as without --json: a report failed
    document = json.loads(out)  # nothing but the document on standard output
    assert (document["ok"], document["failed"]) == (2, 3)
    assert document["problems"] == []
    reports = _by_source(document)
    assert list(reports) == [
        f"content/{name}.md" for name in ("a-good", "b-warned", "c-yaml", "d-fields", "e-link")
    ]
    assert reports["content/a-good.md"] == {
        "source": "content/a-good.md",
        "ok": True,
        "problems": [],
        "warnings": [],
    }
    [warning] = reports["content/b-warned.md"]["warnings"]
    assert warning == {
        "path": "content/b-warned.md",
        "line": 14,
        "column": 1,
        "severity": "warning",
        "code": "unused-footnote",
        "message": "footnote [^spare]: defined but never referenced; add [^spare] to the "
        "text where the note belongs, or remove the definition",
    }
    [syntax] = reports["content/c-yaml.md"]["problems"]
    assert (syntax["code"], syntax["severity"], syntax["line"]) == ("yaml-syntax", "error", 3)
    assert syntax["message"].startswith("front matter: YAML syntax error")
    fields = reports["content/d-fields.md"]["problems"]
    assert {(p["code"], p["line"]) for p in fields} == {("unknown-field", 2), ("missing-field", 1)}
    [link] = reports["content/e-link.md"]["problems"]
    assert (link["code"], link["line"], link["column"]) == ("link-scheme", 14, 14)
    # The people's lines still go to standard error, unchanged.
    assert "content/b-warned.md:14:1: warning: footnote [^spare]" in err


def test_every_problem_has_a_known_code(content: Path) -> None:
    _, out, _ = _run(["check", "--json"])
    problems = [
        problem
        for report in json.loads(out)["reports"]
        for problem in (*report["problems"], *report["warnings"])
    ]
    assert len(problems) == 5
    assert all(problem["code"] in set(Code) for problem in problems)


def test_check_json_of_good_reports_exits_0(content: Path) -> None:
    status, out, _ = _run(["check", "--json", "content/a-good.md", "content/b-warned.md"])
    assert status == 0
    assert (json.loads(out)["ok"], json.loads(out)["failed"]) == (2, 0)


def test_check_without_json_prints_lines(content: Path) -> None:
    status, out, _ = _run(["check", "content/a-good.md"])
    assert (status, out) == (0, "ok content/a-good.md\n1 ok, 0 failed\n")


def test_build_json_has_problem_objects(content: Path) -> None:
    status, out, _ = _run(["build", "--json", "-j", "1", "content/c-yaml.md", "content/a-good.md"])
    assert status == 1
    document = json.loads(out)
    reports = _by_source(document)
    assert reports["content/a-good.md"]["status"] == "built"
    [problem] = reports["content/c-yaml.md"]["problems"]
    assert problem["path"] == "content/c-yaml.md"
    assert problem["code"] == "yaml-syntax"
    assert document["problems"] == []


def test_a_problem_without_a_code_gets_the_generic_one() -> None:
    error = Problem(Path("a.md"), 1, None, "bad")
    warning = Problem(Path("a.md"), 1, None, "odd", Severity.WARNING)
    assert (error.kind, warning.kind) == (Code.INVALID_INPUT, Code.WARNING)
    coded = Problem(Path("a.md"), 1, None, "bad", code=Code.YAML_SYNTAX)
    assert coded.kind is Code.YAML_SYNTAX
    assert coded == error  # the code is no part of the problem's identity
    assert coded.format() == "a.md:1: bad"


def test_every_code_is_documented() -> None:
    documented = set(
        re.findall(r"^\| `([a-z-]+)` \|", (ROOT / "docs/problem-codes.md").read_text(), re.M)
    )
    assert documented == {code.value for code in Code}
