#!/usr/bin/env python3
"""Project tasks that set up their own environment (standard library only).

    python3 tasks.py build     build every report under content/ into output/
    python3 tasks.py test      run the whole test suite (extra arguments go to pytest)
    python3 tasks.py lint      ruff (lint + format check) and mypy
    python3 tasks.py goldens   regenerate the golden summaries and visual baselines (tests/)
    python3 tasks.py docs      regenerate the README's pictures (docs/seed-page-*.png)
    python3 tasks.py bench     run the benchmarks (benchmarks/README.md; extra arguments go to it)

The virtual environment lives in .venv/ and is (re)installed whenever pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".lagebericht-installed"


def _python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_env() -> None:
    """Create .venv and install the project with its dev extras when pyproject.toml changed."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not _python().exists():
        print("tasks: creating .venv", file=sys.stderr, flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("tasks: installing lagebericht and its dependencies into .venv", file=sys.stderr)
    pip = [str(_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # Setup chatter goes to standard error: standard output is the task's (e.g. --json).
    subprocess.run([*pip, "--upgrade", "pip"], check=True, stdout=sys.stderr)
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True, stdout=sys.stderr)
    STAMP.write_text(wanted)


def run(*args: str) -> int:
    return subprocess.run([str(a) for a in args], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in TASKS:
        print(__doc__, file=sys.stderr)
        return 2
    ensure_env()
    return TASKS[argv[0]](argv[1:])


def task_build(extra: list[str]) -> int:
    return run(str(BIN / "lagebericht"), "build", "content", "-o", "output", *extra)


def task_test(extra: list[str]) -> int:
    return run(str(_python()), "-m", "pytest", *extra)


def task_lint(extra: list[str]) -> int:
    status = run(str(BIN / "ruff"), "check", ".")
    status |= run(str(BIN / "ruff"), "format", "--check", ".")
    status |= run(str(BIN / "mypy"))
    return status


def task_goldens(extra: list[str]) -> int:
    # Golden per-page text summaries and the visual baselines, in one go (tests/goldens).
    return run(str(_python()), "-m", "tests.goldens", *extra)


def task_docs(extra: list[str]) -> int:
    return run(str(_python()), str(ROOT / "tools" / "docs_images.py"), *extra)


def task_bench(extra: list[str]) -> int:
    # Not part of the tests: minutes of measuring, results in benchmarks/README.md.
    return run(str(_python()), "-m", "benchmarks.run", *extra)


TASKS = {
    "build": task_build,
    "test": task_test,
    "lint": task_lint,
    "goldens": task_goldens,
    "docs": task_docs,
    "bench": task_bench,
}

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
