"""Rendering PDF pages with pypdfium2 and comparing them with stored images, with tolerance.

How two renderings are compared — and why so:

* **In colour (RGB), not greyscale.** The brand blue ``#0b3b66`` and the text colour
  ``#1a1a1a`` differ by only ~23 grey levels but by 76 in the blue channel; in greyscale a
  heading turning from brand blue to black (or any change between colours of equal
  luminance) would pass. A pixel's difference is its largest channel difference.
* **By the mean colour of 6×6-pixel tiles** (≈ 8.6 pt at 50 dpi, a bit over half a body
  line), not pixel by pixel. At 50 dpi a glyph stem is about one pixel wide, so antialiasing
  decides most text pixels: measured on the seed page 1, a sub-pixel shift of 1/4 px makes
  ~3,000 pixels (1.2 %) differ by more than 64 levels — more than a changed word that
  reflows a line (~1,100). Averaging over a tile keeps the ink (antialiasing redistributes
  coverage between neighbouring pixels but hardly changes its sum), so the noise shrinks
  while moved, missing or recoloured content stays.
* **A page fails when any tile's mean differs by more than** :data:`TILE_TOLERANCE`
  **(32 of 255) levels** — above the worst noise measured and below the smallest real change
  (seed pages 1–2 and page 1 of the synthetic report, each rendering against variants; the
  worst tile is given). Noise, all passing: 8× vs 4× supersampled antialiasing 8–10;
  everything shifted by 1/8 px 6–8, 1/4 px 12–16, 3/8 px 16–23, 1/2 px 19–31; pdfium's own
  antialiasing vs 8× supersampling 19–30. Changes, all failing: a changed word reflowing its
  line 61, a heading's text changed 97, footnote removed 74–99, two paragraphs swapped 76,
  headings/bar brand blue → text black 63, page-1 accent red → blue 157, body text
  #1a1a1a → #5f6b76 39–46, body leading +0.5 pt 79–115. Not caught: one letter changed in
  place ("capital" → "capitol", 6 levels) — the golden text test (``tests/goldens``) is
  there for that.

Same pypdfium2 on the same machine renders byte-identical images; the tolerance is for other
machines and pdfium versions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw

DPI = 50
TILE = 6
"""Edge of a compared tile in pixels."""
TILE_TOLERANCE = 32
"""Largest allowed difference of a tile's mean colour, in levels of any channel (0–255)."""
FAILURES = Path(__file__).resolve().parents[1] / "_failures"
"""Where a failing comparison leaves actual.png, expected.png and diff.png (git-ignored)."""


def render_page(pdf: bytes, index: int, dpi: float = DPI) -> Image.Image:
    """Page ``index`` (0-based) of ``pdf`` as an RGB image at ``dpi``."""
    doc = pdfium.PdfDocument(pdf)
    try:
        image: Image.Image = doc[index].render(scale=dpi / 72).to_pil()
        return image.convert("RGB")
    finally:
        doc.close()


def _max_channel(image: Image.Image) -> Image.Image:
    """Per pixel the largest of its channel values (an "L" image)."""
    if image.mode == "L":
        return image
    red, green, blue = image.convert("RGB").split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


def _tiles(image: Image.Image) -> Image.Image:
    """``image`` padded with white to whole tiles, each tile reduced to its mean colour."""
    width, height = image.size
    columns, rows = -(-width // TILE), -(-height // TILE)
    padded = Image.new("RGB", (columns * TILE, rows * TILE), "white")
    padded.paste(image.convert("RGB"), (0, 0))
    return padded.reduce(TILE)


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing an actual rendering with the expected one."""

    size: tuple[int, int]
    expected_size: tuple[int, int]
    bad_tiles: tuple[tuple[int, int, int], ...]
    """(column, row, difference) of every tile beyond the tolerance."""
    worst: int
    """Largest tile difference found (levels)."""

    @property
    def ok(self) -> bool:
        return self.size == self.expected_size and not self.bad_tiles

    def describe(self) -> str:
        if self.size != self.expected_size:
            return f"image size {self.size} differs from the expected {self.expected_size}"
        if not self.bad_tiles:
            return f"matches (worst tile {self.worst} ≤ {TILE_TOLERANCE} levels)"
        column, row, _ = max(self.bad_tiles, key=lambda t: t[2])
        return (
            f"{len(self.bad_tiles)} tile(s) of {TILE}×{TILE} px differ by more than "
            f"{TILE_TOLERANCE} levels (worst {self.worst}, at pixel "
            f"x={column * TILE}, y={row * TILE})"
        )


def compare(actual: Image.Image, expected: Image.Image) -> Comparison:
    """Compare two renderings tile by tile (see the module docstring for the thresholds)."""
    if actual.size != expected.size:
        return Comparison(actual.size, expected.size, (), 255)
    difference = _max_channel(ImageChops.difference(_tiles(actual), _tiles(expected)))
    columns = difference.size[0]
    values = difference.tobytes()
    bad = tuple(
        (i % columns, i // columns, value)
        for i, value in enumerate(values)
        if value > TILE_TOLERANCE
    )
    return Comparison(actual.size, expected.size, bad, max(values, default=0))


def diff_image(actual: Image.Image, expected: Image.Image, result: Comparison) -> Image.Image:
    """The expected page faded, pixels that differ in dark red, failing tiles framed in red."""
    width, height = expected.size
    base = expected.convert("L").point(lambda v: 155 + v * 100 // 255).convert("RGB")
    if actual.size == expected.size:
        changed = _max_channel(ImageChops.difference(actual.convert("RGB"), expected))
        mask = changed.point(lambda v: 255 if v > 64 else 0)
        base.paste((140, 0, 0), (0, 0, width, height), mask)
    draw = ImageDraw.Draw(base)
    for column, row, _ in result.bad_tiles:
        x, y = column * TILE, row * TILE
        draw.rectangle((x, y, x + TILE - 1, y + TILE - 1), outline=(255, 0, 0))
    return base


def failure_folder(test_name: str) -> Path:
    """``tests/_failures/<test name with unsafe characters replaced>/``."""
    return FAILURES / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name).strip("_")


def save_failure(
    test_name: str, actual: Image.Image, expected: Image.Image, result: Comparison
) -> Path:
    """Write actual.png, expected.png and diff.png for a failed comparison; return the folder."""
    folder = failure_folder(test_name)
    folder.mkdir(parents=True, exist_ok=True)
    actual.save(folder / "actual.png")
    expected.save(folder / "expected.png")
    diff_image(actual, expected, result).save(folder / "diff.png")
    return folder
