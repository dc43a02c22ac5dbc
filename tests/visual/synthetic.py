"""A synthetic "page" drawn with Pillow, to test the image comparison without a PDF.

The page imitates a 50-dpi rendering: it is drawn at ``factor`` times the resolution and
box-reduced, so its stems are antialiased like rendered glyphs; ``shift`` moves everything by
sub-pixels (in 1/``factor`` px) the way another rasteriser might.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 300, 420
BRAND = (11, 59, 102)  # #0b3b66
ACCENT = (200, 16, 46)  # #c8102e
TEXT = (26, 26, 26)


@dataclass(frozen=True)
class SyntheticPage:
    factor: int = 8
    shift: int = 0
    """Sub-pixel shift of everything, in 1/factor px (right and down)."""
    paragraph_shift: int = 0
    """Whole pixels the second paragraph is moved down."""
    footnote: bool = True
    heading_colour: tuple[int, int, int] = BRAND
    changed_word: bool = False
    """Make one word of the first paragraph two stems longer."""

    def render(self) -> Image.Image:
        f = self.factor
        big = Image.new("RGB", (WIDTH * f, HEIGHT * f), "white")
        draw = ImageDraw.Draw(big)

        def box(x: float, y: float, w: float, h: float, colour: tuple[int, int, int]) -> None:
            x0, y0 = round(x * f) + self.shift, round(y * f) + self.shift
            draw.rectangle((x0, y0, x0 + round(w * f) - 1, y0 + round(h * f) - 1), fill=colour)

        def paragraph(
            top: float,
            lines: int,
            seed: int,
            stem: float = 0.9,
            size: float = 4.5,
            colour: tuple[int, int, int] = TEXT,
            change: bool = False,
        ) -> None:
            rng = random.Random(seed)
            for n in range(lines):
                x, y = 30.0, top + n * 10
                words = 0
                while x < WIDTH - 40:
                    stems = rng.randint(2, 7) + (2 if change and n == 0 and words == 3 else 0)
                    for _ in range(stems):
                        tall = rng.random() < 0.25
                        box(x, y - (2.5 if tall else 0), stem, size + (2.5 if tall else 0), colour)
                        x += stem + 1.3
                    x += 2.8
                    words += 1

        box(0, 0, WIDTH, 4, BRAND)  # brand bar
        box(20, 0, 20, 4, ACCENT)  # accent on it
        paragraph(30, 1, seed=1, stem=1.6, size=7, colour=self.heading_colour)  # heading
        paragraph(55, 6, seed=2, change=self.changed_word)
        paragraph(125 + self.paragraph_shift, 8, seed=3)
        paragraph(225, 5, seed=4)
        if self.footnote:
            box(30, 360, 60, 0.5, (154, 167, 179))  # footnote rule
            paragraph(368, 3, seed=5, stem=0.7, size=3.4)
        return big.reduce(f)
