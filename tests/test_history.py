"""Commit subjects are at most 72 characters (issue 12, point 9), counted from the first
commit after the last longer one; older history is left as it was written.

Needs the repository's history: skipped, saying why, in an export without ``.git``, without
git, or in a shallow clone that lacks the starting commit.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The last commit with a longer subject; every commit after it keeps the rule.
LAST_LONG = "2f57fca2f644fbfcc86672930278897531ddef9b"
LIMIT = 72


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=60
    )


def test_commit_subjects_are_at_most_72_characters() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("no git history here")
    if _git("cat-file", "-e", f"{LAST_LONG}^{{commit}}").returncode != 0:
        pytest.skip(f"history without {LAST_LONG[:7]} (a shallow clone?)")
    done = _git("log", "--format=%h %s", f"{LAST_LONG}..HEAD")
    assert done.returncode == 0, done.stderr
    long = [line for line in done.stdout.splitlines() if len(line.partition(" ")[2]) > LIMIT]
    assert long == []
