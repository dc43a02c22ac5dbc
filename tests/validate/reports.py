"""Building report files for validation tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebericht.problems import InputError, Problem
from lagebericht.validate import ValidReport, read_report
from tests.files import WriteFiles

OFFICE = """name: Auslandsbüro Kasachstan
city: Astana
head:
  name: Dr. Anna Muster
  role: Leiterin des Auslandsbüros
address:
  - Straße 1
  - Astana
"""

FRONT = """---
title: Kasachstan und die SOZ
date: 2024-07-05
language: de
office: kasachstan
---
"""


def write_report(files: WriteFiles, text: str, offices: dict[str, str] | None = None) -> Path:
    """``content/2024-07/report.md`` with ``content/offices/<key>.yaml`` beside it."""
    office_files = {"kasachstan": OFFICE} if offices is None else offices
    contents: dict[str, str | bytes] = {"content/2024-07/report.md": text}
    contents |= {f"content/offices/{key}.yaml": body for key, body in office_files.items()}
    return files(contents) / "content" / "2024-07" / "report.md"


def valid(files: WriteFiles, text: str, offices: dict[str, str] | None = None) -> ValidReport:
    return read_report(write_report(files, text, offices))


def problems(
    files: WriteFiles, text: str, offices: dict[str, str] | None = None
) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        valid(files, text, offices)
    return caught.value.problems


def only(found: tuple[Problem, ...]) -> Problem:
    assert len(found) == 1, found
    return found[0]
