#!/usr/bin/env python3
"""Project tasks that set up their own environment (standard library only).

    python3 tasks.py build         build every report under content/ into output/
    python3 tasks.py test          run the whole test suite (extra arguments go to pytest)
    python3 tasks.py test-lowest   the same on the lowest versions pyproject.toml allows
    python3 tasks.py lint          ruff (lint + format check) and mypy
    python3 tasks.py goldens       regenerate the golden summaries and visual baselines
    python3 tasks.py docs          regenerate the README's pictures (docs/seed-page-*.png)
    python3 tasks.py bench         run the benchmarks (benchmarks/README.md; arguments go to it)
    python3 tasks.py typo          the typography report: lagebericht vs Typst on the seeds

The virtual environment lives in .venv/ and is (re)installed whenever pyproject.toml changes.
test-lowest has its own, .venv-lowest/, with the project and its test extra installed and
each of their direct dependencies pinned to its ">=" bound (the dependencies' own
dependencies are the newest that fit).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import venv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOWEST_VENV = ROOT / ".venv-lowest"
PROJECT = "lagebericht"


def _bin(env: Path) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def _python(env: Path = VENV) -> Path:
    return _bin(env) / ("python.exe" if os.name == "nt" else "python")


BIN = _bin(VENV)


def ensure_env(env: Path = VENV, extra: str = "dev", lowest: bool = False) -> None:
    """Create ``env`` and install the project with ``extra`` when pyproject.toml changed;
    ``lowest``: each direct dependency pinned to its lower bound (``lower_bounds``)."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    wanted = hashlib.sha256(f"{pyproject}\n[{extra}] lowest={lowest}".encode()).hexdigest()
    stamp = env / ".lagebericht-installed"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if not _python(env).exists():
        print(f"tasks: creating {env.name}", file=sys.stderr, flush=True)
        venv.EnvBuilder(with_pip=True).create(env)
    print(f"tasks: installing lagebericht and its dependencies into {env.name}", file=sys.stderr)
    pip = [str(_python(env)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # Setup chatter goes to standard error: standard output is the task's (e.g. --json).
    subprocess.run([*pip, "--upgrade", "pip"], check=True, stdout=sys.stderr)
    install = [*pip, "-e", f"{ROOT}[{extra}]"]
    if lowest:
        import tomllib

        pins = lower_bounds(tomllib.loads(pyproject)["project"], extra)
        constraints = env / "lower-bounds.txt"
        constraints.write_text("".join(f"{pin}\n" for pin in pins), encoding="utf-8")
        print(f"tasks: lowest versions: {', '.join(pins)}", file=sys.stderr)
        install += ["--constraint", str(constraints)]
    subprocess.run(install, check=True, stdout=sys.stderr)
    stamp.write_text(wanted)


_REQUIREMENT = re.compile(
    r"\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[(?P<extras>[^\]]*)\])?"
    r"\s*(?P<specifiers>[^;]*?)\s*(?:;(?P<marker>.*))?"
)


def lower_bounds(project: Mapping[str, Any], extra: str) -> list[str]:
    """``name==version`` for every direct dependency of ``project`` (pyproject's [project]
    table) and of its optional dependencies ``extra`` (with those it names as
    ``lagebericht[...]``), from each one's ``>=`` bound; one without is an error."""
    optional = project.get("optional-dependencies", {})
    requirements = list(project.get("dependencies", []))
    pending, seen = [extra], set()
    while pending:
        group = pending.pop()
        if group not in seen:
            seen.add(group)
            for requirement in optional[group]:
                name, extras, _, _ = _parse(requirement)
                if name == PROJECT:
                    pending += extras
                else:
                    requirements.append(requirement)
    pins: dict[str, str] = {}
    for requirement in requirements:
        name, _, specifiers, marker = _parse(requirement)
        lower = [s[2:].strip() for s in specifiers if s.startswith(">=")]
        if not lower:
            raise SystemExit(f"tasks: {requirement!r} needs a lower bound (>=)")
        pin = f"{name}=={lower[0]}" + (f" ; {marker}" if marker else "")
        if pins.setdefault(name, pin) != pin:
            raise SystemExit(f"tasks: two lower bounds for {name}: {pins[name]}, {pin}")
    return sorted(pins.values())


def _parse(requirement: str) -> tuple[str, list[str], list[str], str]:
    """Normalised name, extras, version specifiers and marker of a PEP 508 requirement
    written by name (no URLs), as pyproject's are."""
    match = _REQUIREMENT.fullmatch(requirement)
    if match is None:
        raise SystemExit(f"tasks: cannot read the requirement {requirement!r}")
    name = re.sub(r"[-_.]+", "-", match["name"]).lower()
    extras = [e.strip() for e in (match["extras"] or "").split(",") if e.strip()]
    specifiers = [s.strip() for s in match["specifiers"].split(",") if s.strip()]
    return name, extras, specifiers, (match["marker"] or "").strip()


def run(*args: str) -> int:
    return subprocess.run([str(a) for a in args], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in TASKS:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] != "test-lowest":  # which sets up its own environment
        ensure_env()
    return TASKS[argv[0]](argv[1:])


def task_build(extra: list[str]) -> int:
    return run(str(BIN / "lagebericht"), "build", "content", "-o", "output", *extra)


def task_test(extra: list[str]) -> int:
    return run(str(_python()), "-m", "pytest", *extra)


def task_test_lowest(extra: list[str]) -> int:
    ensure_env(LOWEST_VENV, "test", lowest=True)
    return run(str(_python(LOWEST_VENV)), "-m", "pytest", *extra)


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


def task_typo(extra: list[str]) -> int:
    # Line-breaking quality of the seeds against Typst (benchmarks/README.md, "Typography").
    return run(str(_python()), "-m", "benchmarks.typography", *extra)


TASKS = {
    "build": task_build,
    "test": task_test,
    "test-lowest": task_test_lowest,
    "lint": task_lint,
    "goldens": task_goldens,
    "docs": task_docs,
    "bench": task_bench,
    "typo": task_typo,
}

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
