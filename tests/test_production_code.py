"""No test-shaped code in the package (issue 12, point 9): every top-level function and
class of ``lagebericht/`` is used by the package itself (or by the benchmarks and tools that
ship beside it). A helper only the tests call belongs in ``tests/``.

A name counts as used when it appears in another place of the package than its own
definition (an import, a call, a string handed to ``lazy.forward``).
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import lagebericht

PACKAGE = Path(lagebericht.__file__).parent
ROOT = PACKAGE.parent
# Known, left to the work on layout/setting/ (issue 12 lists it): move it to the tests there.
KNOWN = {"lagebericht/layout/setting/lines.py": {"lines_text"}}
_WORD = re.compile(r"\w+")


def _sources(*patterns: str) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8") for pattern in patterns for path in ROOT.glob(pattern)
    )


def unused(package: dict[str, str], users: str) -> list[str]:
    """``file: name`` for each top-level function or class of ``package`` (file → source)
    that neither the package elsewhere nor ``users`` name."""
    words = Counter(_WORD.findall("\n".join(package.values())))
    used_outside = set(_WORD.findall(users))
    found = []
    for where, source in sorted(package.items()):
        for node in ast.parse(source).body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if words[node.name] > 1 or node.name in used_outside:
                continue
            if node.name not in KNOWN.get(where, set()):
                found.append(f"{where}: {node.name}")
    return found


def test_every_function_of_the_package_is_used_by_the_package() -> None:
    package = {
        path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
    }
    users = _sources("benchmarks/**/*.py", "tools/**/*.py", "tasks.py")
    assert unused(package, users) == [], "used only by the tests: move it to tests/"


def test_a_function_only_the_tests_call_is_found() -> None:
    package = {
        "lagebericht/a.py": "def used(): pass\ndef for_tests(): pass\n",
        "lagebericht/b.py": "from lagebericht.a import used\nused()\n",
    }
    assert unused(package, users="") == ["lagebericht/a.py: for_tests"]
    assert unused(package, users="for_tests()") == []
