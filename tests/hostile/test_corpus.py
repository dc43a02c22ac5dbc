"""Every case of the bad-input corpus fails cleanly through the real command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lagebericht.cli import main
from tests.hostile.conftest import MakeTree
from tests.hostile.corpus import CASES, Case


def _materialise(case: Case, tree: MakeTree) -> Path:
    root = tree(case.files)
    for link, target in case.symlinks.items():
        path = root / link
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target if target.startswith("/") else root / target)
    return root


def _params() -> list[object]:
    return [
        pytest.param(case, id=case.name, marks=pytest.mark.xfail(reason=case.xfail, strict=False))
        if case.xfail
        else pytest.param(case, id=case.name)
        for case in CASES
    ]


def test_the_corpus_is_big_enough() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", _params())
def test_case_fails_with_a_located_message(
    case: Case,
    tree: MakeTree,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = _materialise(case, tree)
    monkeypatch.chdir(root)
    status = main(["build", case.source, "-o", "output", "-j", "1"])
    err = capsys.readouterr().err
    assert status == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.splitlines()
    assert any(line.startswith(case.where) and case.says in line for line in lines), (
        f"expected a line starting {case.where!r} containing {case.says!r}:\n{err}"
    )
    assert not list((root / "output").rglob("*.pdf")) if (root / "output").exists() else True


SUBPROCESS_CASES = ["non-utf8-bytes", "alias-bomb", "footnote-inside-footnote", "office-web-file"]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_case_through_a_real_process(name: str, tree: MakeTree) -> None:
    case = next(case for case in CASES if case.name == name)
    root = _materialise(case, tree)
    done = subprocess.run(
        [sys.executable, "-m", "lagebericht", "build", case.source, "-o", "output", "-j", "1"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert any(
        line.startswith(case.where) and case.says in line for line in done.stderr.splitlines()
    ), done.stderr
    assert not list(root.rglob("*.pdf"))


def test_check_reports_the_same_problems(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` validates without writing; its messages are those of `build`."""
    case = next(case for case in CASES if case.name == "duplicate-footnote")
    monkeypatch.chdir(_materialise(case, tree))
    assert main(["check", case.source]) == 1
    assert case.says in capsys.readouterr().err
