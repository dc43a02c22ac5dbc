"""Throwaway input folders built from a dict of files, and a small valid report (all tests)."""

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


OFFICE = "name: Auslandsbüro Kasachstan\ncity: Astana\ncountry: Kasachstan\n"
"""A valid office file (``offices/kasachstan.yaml``)."""

REPORT = """\
---
date: 2024-07-05
language: en
office: kasachstan
title: Kazakhstan and the SCO
---

The member states[^members] met in Astana.

- **Divergent Security Interests:** priorities differ.

[^members]: The *member states* of the SCO.
"""
"""A small valid report using that office: a footnote with italics and a bullet argument."""

BAD = """\
---
date: 2024-13-05
language: en
office: kasachstan
---

Text.
"""
"""A report with two errors: a bad date (line 2) and no title."""
