"""The README's commands are true: every ``lagebericht`` line of its ``sh`` blocks is
accepted by the command line, and the "Install and use" walkthrough runs as written.

Lines with ``[...]`` groups are synopsis lines (``lagebericht new OFFICE DATE [--title T]``):
their upper-case placeholders are replaced by the values in :data:`PLACEHOLDERS`, and the
command is parsed without the groups and with each group on its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from lagebericht.cli import main
from lagebericht.cli.app import parser

README = Path(__file__).resolve().parents[2] / "README.md"
WALKTHROUGH = "Install and use"

PLACEHOLDERS = {
    "C": "Astana",
    "DATE": "2024-08-01",
    "DIR": "somewhere",
    "FILE": "content/2024-07/astana-sco.md",
    "H": "Dr. Anna Muster",
    "KEY": "kasachstan",
    "L": "en",
    "N": "2",
    "NAME": "Auslandsbüro Kasachstan",
    "OFFICE": "kasachstan",
    "PATH": "content",
    "T": "Wahlen",
    "YYYY-MM": "2024-07",
}
"""A value for each placeholder the README's commands use."""

_PLACEHOLDER = re.compile(r"[A-Z][A-Z0-9_-]*")
_GROUP = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class Line:
    section: str
    number: int
    text: str


def sh_lines(text: str) -> list[Line]:
    """Every line of every ```` ```sh ```` block, with the ``##`` section it is in."""
    lines, section, in_block = [], "", False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_block:
            if line.startswith("```"):
                in_block = False
            elif line.strip():
                lines.append(Line(section, number, line.strip()))
        elif line.startswith("```sh"):
            in_block = True
        elif line.startswith("## "):
            section = line[3:].strip()
    return lines


LINES = sh_lines(README.read_text(encoding="utf-8"))
COMMANDS = [line for line in LINES if line.text.startswith("lagebericht ")]


def _words(text: str) -> list[str]:
    return shlex.split(text, comments=True)


def _substituted(word: str, where: Line) -> str:
    if word == "..." or not _PLACEHOLDER.fullmatch(word):
        return word
    if word not in PLACEHOLDERS:
        pytest.fail(f"README.md:{where.number}: add a value for {word} to PLACEHOLDERS")
    return PLACEHOLDERS[word]


def synopsis_argvs(line: Line) -> list[list[str]]:
    """The command without its ``[...]`` groups, then with each group added to it."""
    text = line.text.split("#")[0]
    base = [_substituted(word, line) for word in _words(_GROUP.sub(" ", text))[1:]]
    return [base] + [
        base + [_substituted(word, line) for word in group.split() if word != "..."]
        for group in _GROUP.findall(text)
    ]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    for action in parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the command line has no commands")


def check_parses(argv: list[str], where: Line) -> None:
    """``argv`` is accepted, and each option in it is spelt out (argparse would also take
    an abbreviation of a renamed option)."""
    try:
        parser().parse_args(argv)
    except SystemExit:
        pytest.fail(f"README.md:{where.number}: not accepted: lagebericht {shlex.join(argv)}")
    known = _subcommands()[argv[0]]._option_string_actions
    for word in argv[1:]:
        option = word.split("=")[0]
        if option.startswith("-") and len(option) > 1 and not option[1].isdigit():
            assert option in known, f"README.md:{where.number}: {argv[0]} has no {option}"


def test_readme_starts_with_the_two_developer_commands() -> None:
    assert README.read_text(encoding="utf-8").startswith(
        "# lagebericht\n\n```sh\npython3 tasks.py build   #"
    )
    assert [line.text.split("#")[0].strip() for line in LINES[:2]] == [
        "python3 tasks.py build",
        "python3 tasks.py test",
    ]


@pytest.mark.parametrize("line", COMMANDS, ids=lambda line: f"line{line.number}")
def test_readme_command_is_accepted(line: Line) -> None:
    if _GROUP.search(line.text):
        for argv in synopsis_argvs(line):
            check_parses(argv, line)
    else:
        words = [word.replace("YYYY-MM", PLACEHOLDERS["YYYY-MM"]) for word in _words(line.text)]
        check_parses([_substituted(word, line) for word in words[1:]], line)


def test_every_command_is_in_the_readme() -> None:
    shown = {_words(line.text)[1] for line in COMMANDS}
    assert set(_subcommands()) <= shown


def test_synopsis_lines_are_recognised() -> None:
    # The test above must not pass by reading a synopsis as a literal command.
    new = next(line for line in COMMANDS if line.text.startswith("lagebericht new OFFICE"))
    assert synopsis_argvs(new) == [
        ["new", "kasachstan", "2024-08-01"],
        ["new", "kasachstan", "2024-08-01", "--title", "Wahlen"],
        ["new", "kasachstan", "2024-08-01", "--language", "en"],
    ]


def test_install_and_use_walkthrough_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walkthrough's commands, run in an empty folder as a field office would."""
    walkthrough = [line for line in LINES if line.section == WALKTHROUGH]
    commands = [line for line in walkthrough if not line.text.startswith(("pip ", "pipx "))]
    assert [_words(line.text)[:2] for line in commands if line.text.startswith("lagebericht")] == [
        ["lagebericht", "init"],
        ["lagebericht", "new"],
        ["lagebericht", "check"],
        ["lagebericht", "build"],
        ["lagebericht", "preview"],
    ]
    monkeypatch.chdir(tmp_path)
    month = f"{dt.date.today():%Y-%m}"  # `new ... today` files the report under this month
    for line in commands:
        words = [word.replace("YYYY-MM", month) for word in _words(line.text)]
        if words[0] == "cd":
            monkeypatch.chdir(words[1])
        else:
            assert words[0] == "lagebericht", f"README.md:{line.number}: what runs {words[0]}?"
            assert main(words[1:]) == 0, f"README.md:{line.number}: {line.text}"
    built = sorted(path.name for path in Path("output").rglob("*.pdf"))
    assert built == ["kasachstan-beispiel.pdf", "kasachstan-wahlen-im-herbst.pdf"]
    assert list(Path("output/preview").rglob("page-1.png"))


SYNOPSIS = [line for line in COMMANDS if _GROUP.search(line.text)]
RUNS_UNTIL_STOPPED = {"watch"}  # run with a stop event in tests/authoring/test_watch.py
EXAMPLES = Path(__file__).resolve().parents[2] / "content"


@pytest.mark.parametrize("line", SYNOPSIS, ids=lambda line: f"line{line.number}")
def test_synopsis_line_runs_with_every_option(
    line: Line, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each synopsis line, with all its options at once, run on a copy of the example
    reports: exit status 0 (what the options do is tested beside each command)."""
    argv = [
        word.replace("NAME|PATH", "auslandsbuero-zweispaltig")
        for argv in synopsis_argvs(line)[1:]
        for word in argv[len(synopsis_argvs(line)[0]) :]
    ]
    argv = synopsis_argvs(line)[0] + argv
    if argv[0] in RUNS_UNTIL_STOPPED:
        pytest.skip(f"{argv[0]} runs until it is stopped")
    shutil.copytree(EXAMPLES, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 0, f"README.md:{line.number}: lagebericht {shlex.join(argv)}"


def test_every_other_command_names_a_task_or_script_that_exists() -> None:
    """The developer lines: each ``python3 tasks.py TASK`` names a task of tasks.py and each
    ``bash FILE`` a file of the repository (they run the suite itself, so the suite does
    not run them). The install lines are the wheel's (tests/install)."""
    import tasks

    root = README.parent
    others = [
        line for line in LINES if not line.text.startswith(("lagebericht ", "cd ", "pip ", "pipx "))
    ]
    assert others, "the README shows its developer commands"
    for line in others:
        words = _words(line.text)
        if words[:2] == ["python3", "tasks.py"]:
            assert words[2] in tasks.TASKS, f"README.md:{line.number}: no task {words[2]}"
        else:
            assert words[0] == "bash", f"README.md:{line.number}: what runs {words[0]}?"
            assert (root / words[1]).is_file(), f"README.md:{line.number}: no {words[1]}"
