"""Reports with tables, figures, lists and quotes, written into a temporary content tree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from lagebericht.layout import render_pdf
from lagebericht.model import Report
from lagebericht.theme import Theme, load_theme
from lagebericht.theme.load import THEMES_DIR
from lagebericht.validate import read_report

THEMES = Path(__file__).parent / "themes"

FRONT = """---
title: Wasser in Zentralasien
date: 2024-09-12
language: {language}
office: {{name: Auslandsbüro Kasachstan, city: Astana}}
---

"""

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120">
<rect width="300" height="120" fill="#dde"/>
<text x="10" y="40" font-family="Arial" font-size="14">Regular Arial</text>
<text x="10" y="70" font-family="Times New Roman" font-weight="bold">Bold Times</text>
<text x="10" y="100" font-family="sans-serif" font-style="italic">Italic sans</text>
</svg>
"""

Build = Callable[..., Report]


def two_columns() -> Theme:
    return load_theme("zweispaltig", search=(THEMES, THEMES_DIR))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """``content/`` with ``offices/``, a report folder ``2024-09/`` and images in it."""
    folder = tmp_path / "content" / "2024-09"
    (tmp_path / "content" / "offices").mkdir(parents=True)
    (folder / "bilder").mkdir(parents=True)
    Image.new("RGB", (1200, 600), "#3a6ea5").save(folder / "bilder" / "foto.jpg")
    Image.new("RGBA", (600, 300), (200, 16, 46, 128)).save(folder / "bilder" / "karte.png")
    (folder / "bilder" / "grafik.svg").write_text(SVG, encoding="utf-8")
    return folder


@pytest.fixture
def write(tree: Path) -> Callable[..., Path]:
    def make(body: str, language: str = "de", name: str = "bericht.md") -> Path:
        path = tree / name
        path.write_text(FRONT.format(language=language) + body, encoding="utf-8")
        return path

    return make


@pytest.fixture
def build(write: Callable[..., Path]) -> Callable[..., bytes]:
    def make(body: str, language: str = "de", theme: Theme | None = None) -> bytes:
        return render_pdf(read_report(write(body, language)).report, theme)

    return make
