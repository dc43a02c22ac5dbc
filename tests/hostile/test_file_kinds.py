"""Files of every kind and name: only regular files are read, names are printed safely,
each kind of file is bounded in size and one file's flood of problems is capped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lagebericht.cli import main
from lagebericht.problems import Code, Problem, capped, printable_name
from tests.hostile.conftest import MakeTree
from tests.hostile.corpus import OFFICE, OFFICE_FILE, REPORT, front

GOOD = {REPORT: front() + "\nText.\n", OFFICE_FILE: OFFICE}
# A FIFO must never hang the suite, whatever a regression does: the CLI runs in a child.
TIMEOUT = 20


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lagebericht", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_named_pipe_among_the_reports_is_refused_and_the_others_built(
    tree: MakeTree, command: str
) -> None:
    root = tree(GOOD)
    os.mkfifo(root / "content/2024-07/pipe.md")
    output = ["-o", "output"] if command == "build" else []
    done = _run(root, command, "content", *output)
    assert done.returncode == 1, done.stderr
    assert "content/2024-07/pipe.md: the file is a named pipe, not a regular file" in done.stderr
    assert "internal error" not in done.stderr
    if command == "build":
        assert (root / "output/2024-07/report.pdf").is_file()


def test_a_report_linked_to_a_named_pipe_is_not_opened(tree: MakeTree) -> None:
    root = tree(GOOD)
    os.mkfifo(root / "pipe")
    (root / "content/2024-07/link.md").symlink_to(root / "pipe")
    done = _run(root, "check", "content")
    assert done.returncode == 1, done.stderr
    assert "content/2024-07/link.md: the file is a named pipe" in done.stderr


def test_control_characters_in_a_file_name_are_escaped(
    tree: MakeTree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "content/2024-07/a\x1b[31mred\x07\nfake.md"
    # Same PDF name but for the case: the message names the other file.
    rival = "content/2024-07/A\x1b[31mred\x07\nfake.md"
    root = tree({**GOOD, name: "no front matter\n", rival: "no front matter\n"})
    monkeypatch.chdir(root)
    assert main(["check", "content"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\nfake" not in err
    assert "content/2024-07/a\\x1b[31mred\\x07\\x0afake.md:1:" in err
    assert "would also be written from content/2024-07/A\\x1b[31mred\\x07\\x0afake.md" in err


def test_a_file_name_that_is_not_utf8_is_reported_and_the_others_built(
    tree: MakeTree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree(GOOD)
    bad = os.fsencode(root / "content/2024-07") + b"/bericht-\xff.md"
    with open(bad, "wb") as file:
        file.write((front() + "\nText.\n").encode())
    monkeypatch.chdir(root)
    assert main(["build", "content", "-o", "output"]) == 1
    err = capsys.readouterr().err
    assert "content/2024-07/bericht-\\xff.md: the file name is not UTF-8 text" in err
    assert "internal error" not in err
    assert (root / "output/2024-07/report.pdf").is_file()


def test_an_office_file_above_its_limit(
    tree: MakeTree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree({**GOOD, OFFICE_FILE: OFFICE + "# padding\n" * 20_000})
    monkeypatch.chdir(root)
    assert main(["check", "content"]) == 1
    err = capsys.readouterr().err
    assert f"{OFFICE_FILE}:1: the office file is larger than 100 kB" in err


def test_a_data_file_above_its_limit(
    tree: MakeTree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    template = "content/2024-07/report.md.j2"
    rows = "land,wert\n" + "Kasachstan,1\n" * 1000
    root = tree(
        {
            template: front("data: [zahlen.csv]") + "\n{{ zahlen | length }}\n",
            "content/2024-07/zahlen.csv": rows,
            OFFICE_FILE: OFFICE,
        }
    )
    monkeypatch.chdir(root)
    monkeypatch.setenv("LAGEBERICHT_MAX_DATA_BYTES", "10000")
    assert main(["check", "content"]) == 1
    err = capsys.readouterr().err
    assert "content/2024-07/zahlen.csv:1: the data file is larger than 10 kB" in err
    assert "LAGEBERICHT_MAX_DATA_BYTES" in err


def test_problems_of_one_file_are_capped(
    tree: MakeTree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each unknown field is its own problem: 45 of them.
    fields = [f"unbekannt{n}: x" for n in range(45)]
    root = tree({**GOOD, REPORT: front(*fields) + "\nText.\n"})
    monkeypatch.chdir(root)
    assert main(["check", "content"]) == 1
    lines = capsys.readouterr().err.splitlines()
    located = [line for line in lines if line.startswith(f"{REPORT}:")]
    assert len(located) == 21, lines
    assert located[-1] == (
        f"{REPORT}: … and 25 more problems in this file (the first 20 are shown)"
    )


def test_capping_keeps_each_files_first_problems_and_is_stable() -> None:
    a, b = Path("a.md"), Path("offices/b.yaml")
    problems = [Problem(a, n, None, f"a{n}") for n in range(1, 26)]
    problems += [Problem(b, n, None, f"b{n}") for n in range(1, 4)]
    once = capped(problems, 20)
    assert [p.message for p in once if p.path == a][:20] == [f"a{n}" for n in range(1, 21)]
    assert [p.message for p in once if p.path == b] == ["b1", "b2", "b3"]
    (more,) = [p for p in once if p.code is Code.MORE_PROBLEMS]
    assert more.format() == "a.md: … and 5 more problems in this file (the first 20 are shown)"
    assert capped(once, 20) == once


def test_printable_names() -> None:
    assert printable_name("ok/ä ü.md") == "ok/ä ü.md"
    assert printable_name("a\x1b[2J\r\x9b.md") == "a\\x1b[2J\\x0d\\x9b.md"
    assert printable_name(os.fsdecode(b"bad-\xff.md")) == "bad-\\xff.md"


def test_a_file_name_that_is_not_utf8_given_by_name(
    tree: MakeTree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree(GOOD)
    with open(os.fsencode(root / "content/2024-07") + b"/b-\xff.md", "wb") as file:
        file.write((front() + "\nText.\n").encode())
    monkeypatch.chdir(root)
    bad = os.fsdecode(b"content/2024-07/b-\xff.md")
    assert main(["build", bad, "content", "-o", "output"]) == 1
    err = capsys.readouterr().err
    assert err.count("content/2024-07/b-\\xff.md: the file name is not UTF-8 text") == 1, err
    assert "internal error" not in err
    assert (root / "output/2024-07/report.pdf").is_file()


def test_a_control_character_in_a_missing_argument_is_escaped(
    tree: MakeTree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree(GOOD))
    assert main(["check", "content/x\x1b[2J.md"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "content/x\\x1b[2J.md: no such file or folder" in err
