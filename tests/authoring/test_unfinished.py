"""A report made by ``lagebericht new`` is unfinished until its author says otherwise:
``check`` warns, ``check --strict``, ``build --strict`` and ``build --pdfa`` refuse it."""

from __future__ import annotations

import re
from pathlib import Path

from lagebericht.authoring import scaffold
from lagebericht.validate import unfinished

from .conftest import OFFICE, MakeTree, run

NEW = "content/2024-08/kasachstan-2024-08-01.md"


def new_report(tree: MakeTree) -> Path:
    root = tree({"content/offices/kasachstan.yaml": OFFICE})
    assert run(["new", "kasachstan", "2024-08-01"]).status == 0
    return root / NEW


def located(err: str) -> list[tuple[int, str]]:
    """(line, message) of each problem printed for the new report."""
    found = []
    for line in err.splitlines():
        match = re.match(rf"{re.escape(NEW)}:(\d+):\d+: (.*)", line)
        if match:
            found.append((int(match.group(1)), match.group(2)))
    return found


def test_the_scaffold_and_the_rule_share_the_placeholder() -> None:
    assert scaffold.PLACEHOLDER == unfinished.PLACEHOLDER


def test_check_warns_at_the_draft_line_and_every_placeholder(tree: MakeTree) -> None:
    path = new_report(tree)
    lines = path.read_text(encoding="utf-8").split("\n")
    ran = run(["check", NEW])
    assert ran.status == 0
    assert ran.out.splitlines() == [f"ok {NEW}", "1 ok, 0 failed"]
    problems = located(ran.err)
    assert all(message.startswith("warning: ") for _, message in problems)
    flagged = [number for number, _ in problems]
    # Every line holding the placeholder but the front matter's comments, and the draft.
    body = lines.index("---", 1) + 1

    def comment(number: int, text: str) -> bool:
        return number <= body and text.startswith("#")

    expected = [
        number
        for number, text in enumerate(lines, start=1)
        if ("TODO" in text and not comment(number, text)) or text.startswith("draft: true")
    ]
    assert flagged == expected
    assert len(expected) >= 7  # title, draft, intro, heading, lead-in, two bullets, footnote


def test_strict_check_and_build_and_pdfa_build_refuse_it(tree: MakeTree) -> None:
    new_report(tree)
    for argv in (["check", "--strict"], ["build", "--strict"], ["build", "--pdfa"]):
        ran = run([*argv, NEW])
        assert ran.status == 1, argv
        problems = located(ran.err)
        option = argv[1]
        assert problems and all(
            message.endswith(f"(refused with {option})") for _, message in problems
        )
        assert any(message.startswith("draft: ") for _, message in problems)
        assert any(message.startswith("title: placeholder") for _, message in problems)
    assert not Path("output").exists()


def test_a_plain_build_makes_the_draft_with_warnings(tree: MakeTree) -> None:
    new_report(tree)
    ran = run(["build", "-j", "1", NEW])
    assert ran.status == 0
    assert "warning: draft: the report is still a draft" in ran.err
    assert Path("output/kasachstan-2024-08-01.pdf").exists()


def test_once_finished_it_passes_strict(tree: MakeTree) -> None:
    path = new_report(tree)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^draft: true.*\n", "", text, flags=re.MULTILINE)
    path.write_text(text.replace("TODO Second lead", "Second").replace("TODO", "Done"))
    ran = run(["check", "--strict", NEW])
    assert (ran.status, ran.err) == (0, "")
