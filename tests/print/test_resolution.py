"""A bitmap figure printed at less than 300 dpi: a warning naming file and line, an error
under ``--strict`` (issue 15, point 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from lagebericht.build import check
from lagebericht.load.offices import inside_root
from lagebericht.problems import Code, Severity
from tests.files import OFFICE

REPORT = """\
---
date: 2024-07-05
language: en
office: kasachstan
title: Figures for print
---

Text before.

![A small picture](bilder/{name} "Photo: the office")

Text after.
"""


def _tree(tmp_path: Path, pixels: tuple[int, int]) -> Path:
    (tmp_path / "offices").mkdir()
    (tmp_path / "offices/kasachstan.yaml").write_text(OFFICE, encoding="utf-8")
    (tmp_path / "bilder").mkdir()
    Image.new("RGB", pixels, "#3a6ea5").save(tmp_path / "bilder/bild.png")
    source = tmp_path / "report.md"
    source.write_text(REPORT.format(name="bild.png"), encoding="utf-8")
    return source


def test_a_small_bitmap_is_warned_about_with_its_file_and_line(tmp_path: Path) -> None:
    # 600 px are set 101.6 mm wide (150 dpi), half of what print needs.
    source = _tree(tmp_path, (600, 400))
    with inside_root(tmp_path):
        result = check(source)
    assert result.ok
    (warning,) = [w for w in result.warnings if w.code is Code.LOW_RESOLUTION]
    assert warning.severity is Severity.WARNING
    assert (warning.path, warning.line) == (source, 10)
    assert "bild.png" in warning.message and "150 dpi" in warning.message
    assert "1200 pixels" in warning.message


def test_the_warning_is_an_error_under_strict(tmp_path: Path) -> None:
    source = _tree(tmp_path, (600, 400))
    with inside_root(tmp_path):
        result = check(source, strict=True)
    assert not result.ok
    assert any(p.code is Code.STRICT for p in result.problems)


@pytest.mark.parametrize("pixels", [(2400, 1200), (1400, 3000)])
def test_a_sharp_bitmap_is_not_warned_about(tmp_path: Path, pixels: tuple[int, int]) -> None:
    # 2400 px across the 165 mm text width: 369 dpi. 1400 × 3000 px is shrunk to 45 %
    # of the text block's height, 116 mm × 247 mm → 54 mm wide: 658 dpi.
    source = _tree(tmp_path, pixels)
    with inside_root(tmp_path):
        result = check(source)
    assert result.ok
    assert [w for w in result.warnings if w.code is Code.LOW_RESOLUTION] == []
