"""Throwaway input folders built from a dict of files (shared by load and validate tests)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

WriteFiles = Callable[[Mapping[str, str | bytes]], Path]


def write_files(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``{relative path: text or bytes}`` below ``root``; text is written as UTF-8."""
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))
    return root
