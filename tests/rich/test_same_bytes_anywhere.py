"""A report's PDF does not depend on where its content folder lies: the same bytes from
two copies of the example content in different folders (figures included)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lagebericht.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "content"


def test_the_same_pdf_from_two_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    for place in (tmp_path / "a", tmp_path / "b" / "deeper"):
        shutil.copytree(EXAMPLES, place / "content")
        monkeypatch.chdir(place)
        assert main(["build", "content/2024-09", "-j", "1"]) == 0
        built.append((place / "output" / "astana-wasser.pdf").read_bytes())
    assert built[0] == built[1]
