"""docs/monthly-builds.md installs the package without the development tools and runs a
command lagebericht accepts (issue 12, point 8)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from lagebericht.cli.app import parser

ROOT = Path(__file__).resolve().parents[2]
RECIPE = ROOT / "docs" / "monthly-builds.md"
_BLOCK = re.compile(r"^```[a-z]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def commands(markdown: str) -> list[list[str]]:
    """Every command of the code blocks, split at ``&&``, ``;`` and redirections."""
    found = []
    for block in _BLOCK.findall(markdown):
        for line in block.splitlines():
            if line.lstrip().startswith("#") or not line.strip():
                continue
            if line.lstrip().startswith("- run:"):
                line = line.split("- run:", 1)[1]
            words = shlex.split(line, comments=True)
            command: list[str] = []
            for word in [*words, "&&"]:
                if word in {"&&", ";", "||", "|"} or word.startswith((">", "2>")):
                    if command:
                        found.append(command)
                    command = []
                else:
                    command.append(word)
    return found


def installs(markdown: str) -> list[list[str]]:
    """The arguments after ``pip install`` of each installation in ``markdown``."""
    found = []
    for command in commands(markdown):
        for start in range(len(command) - 1):
            if command[start].endswith("pip") and command[start + 1] == "install":
                found.append(command[start + 2 :])
    return found


def test_the_recipes_install_the_package_without_the_development_tools() -> None:
    found = installs(RECIPE.read_text(encoding="utf-8"))
    assert len(found) == 2  # the CI workflow and the cron line
    for arguments in found:
        targets = [a for a in arguments if not a.startswith("-")]
        assert targets == ["."], arguments  # the checkout itself, no extra such as .[dev]
        assert "-e" not in arguments and "--editable" not in arguments


def test_the_recipes_build_with_options_lagebericht_accepts() -> None:
    builds = [
        command[command.index(word) + 1 :]
        for command in commands(RECIPE.read_text(encoding="utf-8"))
        for word in command
        if word == "lagebericht" or word.endswith("/bin/lagebericht")
    ]
    assert len(builds) >= 3  # the command, the CI workflow's and the cron line's
    for arguments in builds:
        assert arguments[0] == "build"
        args = parser().parse_args(arguments)  # wrong usage would exit
        assert args.pdfa is True and args.json is True


def test_an_install_with_extras_is_found() -> None:
    markdown = "```sh\ncd x && python -m pip install -q '.[dev]' && lagebericht build\n```\n"
    assert installs(markdown) == [["-q", ".[dev]"]]
