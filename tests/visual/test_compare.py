"""The image comparison: antialiasing noise passes; moved, missing or recoloured content fails.

Synthetic pages (``tests/visual/synthetic.py``) stand in for renderings, so these tests do
not depend on the current layout; one test alters a real report to show the same on a PDF.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.visual import compare as compare_module
from tests.visual.compare import TILE_TOLERANCE, compare, render_page, save_failure
from tests.visual.synthetic import BRAND, SyntheticPage

EXPECTED = SyntheticPage().render()
DARK_RED = (96, 28, 38)
"""As light as the brand blue in greyscale, but a different colour."""


def luma(colour: tuple[int, int, int]) -> float:
    red, green, blue = colour
    return (299 * red + 587 * green + 114 * blue) / 1000  # what Pillow's convert("L") uses


def test_the_same_page_matches_exactly() -> None:
    result = compare(SyntheticPage().render(), EXPECTED)
    assert result.ok
    assert result.worst == 0


@pytest.mark.parametrize(
    "noisy",
    [
        SyntheticPage(shift=1),  # 1/8 px
        SyntheticPage(shift=2),  # 1/4 px
        SyntheticPage(shift=4),  # 1/2 px
        SyntheticPage(factor=4),  # coarser antialiasing
        SyntheticPage(factor=4, shift=1),  # 1/4 px and coarser antialiasing
    ],
    ids=["shift-1/8px", "shift-1/4px", "shift-1/2px", "4x-antialiasing", "4x-shift-1/4px"],
)
def test_antialiasing_noise_passes(noisy: SyntheticPage) -> None:
    actual = noisy.render()
    result = compare(actual, EXPECTED)
    assert result.ok, result.describe()
    # …although many single pixels differ a lot: a pixel-wise test would fail here.
    if noisy.shift >= 2:
        red, green, blue = ImageChops.difference(actual, EXPECTED).split()
        largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
        changed = sum(largest.histogram()[65:])
        assert changed > 0.005 * EXPECTED.width * EXPECTED.height


@pytest.mark.parametrize(
    "altered",
    [
        SyntheticPage(paragraph_shift=2),  # ≈ 3 pt at 50 dpi
        SyntheticPage(footnote=False),
        SyntheticPage(heading_colour=DARK_RED),
        SyntheticPage(changed_word=True),
        SyntheticPage(shift=2, paragraph_shift=2),  # a real change hidden in noise
    ],
    ids=["paragraph-moved", "footnote-missing", "heading-colour", "word-longer", "moved+noise"],
)
def test_real_changes_fail(altered: SyntheticPage) -> None:
    result = compare(altered.render(), EXPECTED)
    assert not result.ok
    assert result.worst > TILE_TOLERANCE
    assert "tile(s)" in result.describe()


def test_a_colour_change_invisible_in_greyscale_is_caught_in_colour() -> None:
    assert abs(luma(DARK_RED) - luma(BRAND)) < 1
    recoloured = SyntheticPage(heading_colour=DARK_RED).render()
    assert compare(recoloured.convert("L"), EXPECTED.convert("L")).ok  # why we compare RGB
    assert not compare(recoloured, EXPECTED).ok


def test_a_different_size_fails() -> None:
    result = compare(EXPECTED.crop((0, 0, EXPECTED.width, EXPECTED.height - 1)), EXPECTED)
    assert not result.ok
    assert "size" in result.describe()


def test_failure_images_are_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare_module, "FAILURES", tmp_path)
    actual = SyntheticPage(footnote=False).render()
    result = compare(actual, EXPECTED)
    folder = save_failure("test_x[page/1]", actual, EXPECTED, result)
    assert folder == tmp_path / "test_x_page_1"
    assert sorted(p.name for p in folder.iterdir()) == ["actual.png", "diff.png", "expected.png"]
    with Image.open(folder / "diff.png") as diff:
        column, row, _ = result.bad_tiles[0]
        corner = diff.convert("RGB").getpixel(
            (column * compare_module.TILE, row * compare_module.TILE)
        )
        assert corner == (255, 0, 0)  # failing tiles are framed in red


def test_a_report_without_its_footnote_fails_against_the_seed(tmp_path: Path) -> None:
    """The scratch check kept: the seed with its footnote removed, as a real PDF."""
    from lagebericht.layout import render_pdf  # here: the synthetic tests need no layout
    from lagebericht.validate import read_report
    from tests.goldens.documents import REPO, build

    content = tmp_path / "content"
    shutil.copytree(REPO / "content" / "offices", content / "offices")
    seed = (REPO / "content" / "2024-07" / "astana-sco.md").read_text(encoding="utf-8")
    altered = seed.replace("[^members]", "", 1).split("[^members]:")[0]
    source = content / "2024-07" / "astana-sco.md"
    source.parent.mkdir()
    source.write_text(altered, encoding="utf-8")
    pdf = render_pdf(read_report(source).report)
    expected = render_page(build("astana-sco"), 0)
    assert compare(render_page(build("astana-sco"), 0), expected).ok
    assert not compare(render_page(pdf, 0), expected).ok
