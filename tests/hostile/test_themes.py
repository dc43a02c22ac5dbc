"""Broken themes through the command line: located in the theme's files, exit status 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebericht.cli import main
from tests.hostile.conftest import MakeTree
from tests.hostile.corpus import OFFICE, OFFICE_FILE, REPORT, front

T = "templates/kaputt/theme.yaml"  # a project theme

# name → (theme.yaml text, expected line prefix, message fragment)
THEMES = {
    "theme-yaml-syntax": ("extends: auslandsbuero\ncolours: {brand: [\n", f"{T}:3:", "YAML syntax"),
    "theme-unknown-key": ("extends: auslandsbuero\nfarben: {}\n", f"{T}:2:1:", "farben"),
    "theme-bad-colour": (
        "extends: auslandsbuero\ncolours:\n  brand: rot\n",
        f"{T}:3:",
        "colours.brand",
    ),
    "theme-missing-font": (
        "extends: auslandsbuero\nfonts:\n  regular: Fehlt.ttf\n",
        f"{T}:3:",
        "Fehlt.ttf",
    ),
    "theme-unknown-parent": ("extends: auslandsbüro2\n", f"{T}:1:", "extends: theme"),
    "theme-is-a-list": ("- extends\n", f"{T}:1:1:", "expected fields"),
}


@pytest.mark.parametrize("name", sorted(THEMES))
def test_a_broken_theme_is_located(
    name: str,
    tree: MakeTree,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    text, where, says = THEMES[name]
    root = tree({T: text, REPORT: front() + "Text.\n", OFFICE_FILE: OFFICE})
    monkeypatch.chdir(root)
    assert main(["build", REPORT, "-o", "output", "-j", "1", "--theme", "kaputt"]) == 1
    err = capsys.readouterr().err.replace(str(root) + "/", "")
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.splitlines()
    assert any(line.startswith(where) and says in line for line in lines), err
    assert not Path(root / "output").exists() or not list((root / "output").rglob("*.pdf"))
