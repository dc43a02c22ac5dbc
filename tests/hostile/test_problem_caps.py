"""At most 20 problems per file from ``preview`` and from themes too, then "… and N more"."""

from __future__ import annotations

import pytest

from lagebericht.cli import main
from lagebericht.limits import MAX_PROBLEMS_PER_FILE
from tests.hostile.conftest import MakeTree
from tests.hostile.corpus import OFFICE, OFFICE_FILE, REPORT, front

MANY = MAX_PROBLEMS_PER_FILE + 15


def more(count: int) -> str:
    return f"… and {count} more problems in this file (the first {MAX_PROBLEMS_PER_FILE} are shown)"


def _lines_about(err: str, path: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(path + ":")]


@pytest.mark.parametrize("strict", [False, True], ids=["warnings", "strict"])
def test_preview_caps_the_problems_of_a_report(
    tree: MakeTree,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    strict: bool,
) -> None:
    body = "".join(f"Text `code {n}` here.\n\n" for n in range(MANY))  # a warning each
    root = tree({OFFICE_FILE: OFFICE, REPORT: front() + "\n" + body})
    monkeypatch.chdir(root)
    main(["preview", REPORT, "--pages", "1", *(["--strict"] if strict else [])])
    lines = _lines_about(capsys.readouterr().err, REPORT)
    # The first 20 and the count of the rest (under --strict, "35 warnings treated as
    # errors" among them, as `build --strict` counts it).
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 1, "\n".join(lines)
    assert lines[-1].endswith(more(15 + strict)), "\n".join(lines)


def test_a_theme_s_problems_are_capped(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    theme = "templates/kaputt/theme.yaml"
    text = "extends: auslandsbuero\n" + "".join(f"feld{n}: 1\n" for n in range(MANY))
    root = tree({theme: text, OFFICE_FILE: OFFICE, REPORT: front() + "\nText.\n"})
    monkeypatch.chdir(root)
    assert main(["build", REPORT, "-o", "output", "-j", "1", "--theme", "kaputt"]) == 1
    err = capsys.readouterr().err.replace(str(root) + "/", "")
    lines = _lines_about(err, theme)
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 1, err
    assert lines[-1].endswith(more(15)), err
