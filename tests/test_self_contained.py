"""The test suite needs nothing outside the repository (issue 12): a fresh clone with
nothing beside it runs it. Test data lives in ``tests/data/`` (its README says where each
file comes from); optional external tools are named by environment variables only.

Checked in the source of every test module: a path built from the repository's parent
(``ROOT.parent``, ``Path(__file__).parents[N]`` above the root) or naming the project's
shared folder beside the repository.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"

_SHARED = re.compile(r"\.\./shared|shared/(?:seeds|tools)|\.parent\s*/\s*[\"']shared[\"']")
_ROOT_PARENT = re.compile(r"\b(?:ROOT|REPO)\.parents?\b")
_FILE_PARENTS = re.compile(r"Path\(__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]")


def outside_the_repository(source: str, path: Path) -> list[str]:
    """``file:line what`` for each path in ``source`` (the module at ``path``) that leaves
    the repository."""
    found = []
    where = path.relative_to(ROOT)
    for number, line in enumerate(_without_comments(source).splitlines(), 1):
        if _SHARED.search(line):
            found.append(f"{where}:{number} names the shared folder beside the repository")
        if _ROOT_PARENT.search(line):
            found.append(f"{where}:{number} goes above the repository's root")
        for match in _FILE_PARENTS.finditer(line):
            above = int(match.group(1)) >= len(path.relative_to(ROOT).parts)
            if above:
                found.append(f"{where}:{number} goes above the repository's root")
    return found


def _without_comments(source: str) -> str:
    """``source`` with its comments blanked (a comment may say where data came from)."""
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            row, column = token.start
            lines[row - 1] = lines[row - 1][:column]
    return "\n".join(lines)


def test_no_test_reads_outside_the_repository() -> None:
    found = [
        problem
        for path in sorted(TESTS.rglob("*.py"))
        if path not in (Path(__file__).resolve(), TESTS / "external_tools.py")
        for problem in outside_the_repository(path.read_text(encoding="utf-8"), path)
    ]
    assert found == []


def test_paths_leaving_the_repository_are_found() -> None:
    module = TESTS / "archive" / "test_x.py"  # two folders below the root
    source = """\
ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT.parent / "shared" / "tools" / "verapdf" / "verapdf"
SEEDS = Path(__file__).parents[3] / "seeds"
TEXT = Path("../shared/seeds/000.txt").read_text()
# Copied from shared/seeds/000.txt (a comment may say so).
"""
    assert outside_the_repository(source, module) == [
        "tests/archive/test_x.py:2 names the shared folder beside the repository",
        "tests/archive/test_x.py:2 goes above the repository's root",
        "tests/archive/test_x.py:3 goes above the repository's root",
        "tests/archive/test_x.py:4 names the shared folder beside the repository",
    ]


def test_the_seed_text_is_in_the_repository() -> None:
    seed = TESTS / "data" / "seed-astana-2024-07-05.txt"
    assert seed.is_file()
    assert seed.name in (TESTS / "data" / "README.md").read_text(encoding="utf-8")
