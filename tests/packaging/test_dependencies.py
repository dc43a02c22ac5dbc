"""pyproject declares what the code imports, each with a lower bound that test-lowest pins."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import tasks

ROOT = Path(__file__).resolve().parents[2]
PROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _name(requirement: str) -> str:
    return tasks._parse(requirement)[0]


def _imported_distributions(folder: Path) -> dict[str, str]:
    """Distribution names of the third-party modules imported under ``folder``, each with a
    file that imports it."""
    modules: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                modules.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    local = {p.stem for p in ROOT.iterdir()}
    by_module = importlib.metadata.packages_distributions()
    found: dict[str, str] = {}
    for module, where in modules.items():
        if module in sys.stdlib_module_names or module in local:
            continue
        assert module in by_module, f"{where} imports {module}, which no package installs"
        for distribution in by_module[module]:
            found[re.sub(r"[-_.]+", "-", distribution).lower()] = where
    return found


def test_every_import_of_the_toolkit_is_a_dependency() -> None:
    declared = {_name(r) for r in PROJECT["dependencies"]}
    imported = _imported_distributions(ROOT / "lagebericht")
    missing = {d: where for d, where in imported.items() if d not in declared}
    assert not missing, f"add to pyproject dependencies: {missing}"


def test_every_import_of_the_tests_is_a_dependency_or_in_the_test_extra() -> None:
    declared = {
        _name(r) for r in [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]]
    }
    missing = {
        d: w for d, w in _imported_distributions(ROOT / "tests").items() if d not in declared
    }
    assert not missing, f"add to the test extra: {missing}"


def test_the_lowest_versions_pin_every_dependency_and_test_dependency() -> None:
    pins = dict(pin.split("==") for pin in tasks.lower_bounds(PROJECT, "test"))
    wanted = {
        _name(r) for r in [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]]
    }
    assert set(pins) == wanted
    # svglib 1.5 was allowed and could not draw any figure
    assert tuple(map(int, pins["svglib"].split("."))) >= (2, 3, 2)
    # the development tools are not pinned: only what the tests run is
    assert "ruff" not in pins and "mypy" not in pins


def test_lower_bounds_follow_extras_and_refuse_a_dependency_without_one() -> None:
    extras = {
        "test": ["pytest>=8", "py.test_thing>=1.2"],
        "dev": ["lagebericht[test]", "ruff>=0.6"],
    }
    project = {
        "dependencies": ["reportlab[accel]>=4.4.3,<6", "Jinja2 >= 3.0 ; python_version >= '3'"],
        "optional-dependencies": extras,
    }
    assert tasks.lower_bounds(project, "dev") == [
        "jinja2==3.0 ; python_version >= '3'",
        "py-test-thing==1.2",
        "pytest==8",
        "reportlab==4.4.3",
        "ruff==0.6",
    ]
    extras["test"].append("pypdf")
    with pytest.raises(SystemExit, match="'pypdf' needs a lower bound"):
        tasks.lower_bounds(project, "test")
    extras["test"][-1] = "reportlab>=4.2"
    with pytest.raises(SystemExit, match="two lower bounds for reportlab"):
        tasks.lower_bounds(project, "test")
