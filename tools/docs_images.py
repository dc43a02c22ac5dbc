"""Render the seed report's first two pages as the README's pictures.

    .venv/bin/python tools/docs_images.py      (or: python3 tasks.py docs)

Builds ``content/2024-07/astana-sco.md`` through the real pipeline and writes
``docs/seed-page-1.png`` and ``docs/seed-page-2.png`` at :data:`DPI`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from lagebericht.layout import render_pdf
from lagebericht.validate import read_report

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "content" / "2024-07" / "astana-sco.md"
DOCS = ROOT / "docs"
DPI = 80
PAGES = (1, 2)
COLOURS = 64
"""Palette size: a third of the file size of full colour, no visible difference at 80 dpi."""


def write_images(source: Path = SEED, folder: Path = DOCS) -> list[Path]:
    """Render pages :data:`PAGES` of ``source`` into ``folder``; return the files written."""
    pdf = render_pdf(read_report(source).report)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for number in PAGES:
            image = doc[number - 1].render(scale=DPI / 72).to_pil().convert("RGB")
            image = image.quantize(COLOURS, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            path = folder / f"seed-page-{number}.png"
            image.save(path, optimize=True)
            written.append(path)
    finally:
        doc.close()
    return written


def main() -> int:
    for path in write_images():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
