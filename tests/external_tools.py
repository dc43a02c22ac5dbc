"""Optional tools beside the repository: the workspace keeps some in ``../shared/tools``.

The one place a test may look outside the repository, and only for a program to run: a
test that needs a tool skips, saying why, when it is absent, so a fresh clone with nothing
beside it passes (``tests/test_self_contained.py`` allows this module alone).
"""

from __future__ import annotations

from pathlib import Path

SHARED_TOOLS = Path(__file__).resolve().parents[1].parent / "shared" / "tools"


def beside(*parts: str) -> Path:
    """The path of a tool under the shared tools folder (which may not exist)."""
    return SHARED_TOOLS.joinpath(*parts)
