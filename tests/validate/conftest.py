from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.files import WriteFiles, write_files


@pytest.fixture
def files(tmp_path: Path) -> WriteFiles:
    """``files({"content/a.md": "…"})`` writes the files into a fresh folder, returns it."""

    def write(contents: Mapping[str, str | bytes]) -> Path:
        return write_files(tmp_path, contents)

    return write
