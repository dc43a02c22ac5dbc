"""The ``--json`` documents of ``build`` and ``check``: one JSON document on standard output,
each problem an object with its parts (docs/problem-codes.md lists the codes)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from lagebericht.build import CheckResult
from lagebericht.problems import Problem

ShowPath = Callable[[Path], str]


def problem_object(problem: Problem, path: ShowPath) -> dict[str, object]:
    """``{path, line, column, severity, code, message}``; line and column ``null`` if unknown."""
    return {
        "path": path(problem.path),
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity.value,
        "code": problem.kind.value,
        "message": problem.message,
    }


def problem_objects(problems: Iterable[Problem], path: ShowPath) -> list[dict[str, object]]:
    return [problem_object(problem, path) for problem in problems]


def dumps(document: object) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False)


def check_json(results: Sequence[CheckResult], not_found: Sequence[Problem], path: ShowPath) -> str:
    """The outcome of ``check``; ``not_found``: folders that could not be read (failures that
    belong to no report)."""
    reports = [
        {
            "source": path(result.source),
            "ok": result.ok,
            "problems": problem_objects(result.problems, path),
            "warnings": problem_objects(result.warnings, path),
        }
        for result in results
    ]
    passed = sum(result.ok for result in results)
    document = {
        "ok": passed,
        "failed": len(results) - passed + len(not_found),
        "reports": reports,
        "problems": problem_objects(not_found, path),
    }
    return dumps(document)
