"""Hostile-input tests: throwaway content trees; ``slow`` tests only with ``-m slow``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Small by default (the whole property set runs in well under a minute); `-m slow` or
# HYPOTHESIS_PROFILE=slow for a heavier search.
settings.register_profile(
    "default",
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "slow",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

MakeTree = Callable[[Mapping[str, str | bytes]], Path]


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


@pytest.fixture
def tree(tmp_path: Path) -> MakeTree:
    return lambda files: write_tree(tmp_path, files)


# The default theme's right margin (templates' auslandsbuero: 20 mm): no character of the
# text may end beyond it, whatever the input (issue 13: overfull lines 0 on every input).
_RIGHT_MARGIN = 20 * 72 / 25.4
_FUZZ = 0.5


def overfull_characters(pdf: Path) -> list[str]:
    """Characters of ``pdf`` drawn beyond the default theme's right margin, located."""
    import pdfplumber

    found: list[str] = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            trim = page.page_obj.attrs.get("TrimBox") or page.mediabox
            edge = float(trim[2]) - _RIGHT_MARGIN + _FUZZ
            for char in page.chars:
                upright = char.get("upright", True) and abs(float(char["size"])) < 30
                if upright and float(char["x1"]) > edge:
                    found.append(f"page {number}: {char['text']!r} ends at {char['x1']:.1f}")
    return found


@pytest.fixture(autouse=True)
def no_overfull_lines(tmp_path: Path) -> Iterator[None]:
    """Every PDF a hostile test builds with the default theme keeps its text inside the
    margins."""
    yield
    if any(tmp_path.rglob("lagebericht.toml")) or any(tmp_path.rglob("theme.yaml")):
        return  # another theme, other margins
    for pdf in sorted(tmp_path.rglob("*.pdf")):
        built = "output" in pdf.relative_to(tmp_path).parts and not pdf.is_symlink()
        if built and pdf.stat().st_size < 50_000_000:
            overfull = overfull_characters(pdf)
            assert not overfull, f"{pdf.name}: {overfull[:5]}"
