"""How large a bitmap figure is printed, and the warning for one that prints soft.

A bitmap is scaled to the text width only as far as it keeps :data:`MIN_DPI`; a print
shop wants :data:`PRINT_DPI` at the printed size, so a figure below that is a located
warning (an error under ``--strict``). Free of reportlab: ``check`` warns as ``build``
does without loading the layout.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from PIL import Image as PILImage

from lagebericht.model import Figure, Report, Section
from lagebericht.problems import Code, Problem, Severity
from lagebericht.theme import Theme
from lagebericht.theme.model import MM

MIN_DPI = 150  # a bitmap is never enlarged beyond this resolution
PRINT_DPI = 300  # what a print shop needs at the printed size
MAX_HEIGHT_SHARE = 0.45  # of the text block's height


def placed_size(pixels: tuple[int, int], width: float, max_height: float) -> tuple[float, float]:
    """Width and height (points) of a bitmap of ``pixels`` in a column ``width`` wide: at
    most :data:`MIN_DPI`, at most ``max_height`` high."""
    px_w, px_h = pixels
    w = min(width, px_w * 72 / MIN_DPI)
    h = w * px_h / px_w
    if h > max_height:
        w, h = w * max_height / h, max_height
    return w, h


def low_resolution(report: Report, theme: Theme) -> tuple[Problem, ...]:
    """A warning for each bitmap figure printed at less than :data:`PRINT_DPI`."""
    width, height = theme.page_size
    page = theme.page
    frame_width = width - theme.pt(page.margin_left) - theme.pt(page.margin_right)
    frame_height = height - theme.pt(page.margin_top) - theme.pt(page.margin_bottom)
    # As layout.columns.BodyArea measures a column.
    gap = theme.pt(theme.column_gap)
    column = (frame_width - (theme.columns - 1) * gap) / theme.columns
    problems = []
    for figure in _figures(report.body):
        if figure.image_format == "svg":
            continue
        try:
            with PILImage.open(figure.file) as image:
                pixels = image.size
        except OSError:
            continue  # reported with its line when the layout reads the image
        # A figure wider than a column is set across both (layout.story).
        wide = theme.columns > 1 and pixels[0] * 72 / MIN_DPI > column
        w, _ = placed_size(pixels, frame_width if wide else column, frame_height * MAX_HEIGHT_SHARE)
        dpi = pixels[0] * 72 / w
        if dpi < PRINT_DPI - 0.5:
            needed = math.ceil(w / 72 * PRINT_DPI)
            message = (
                f"image {figure.file.name}: {dpi:.0f} dpi at its printed width of "
                f"{w / MM:.0f} mm, below the {PRINT_DPI} dpi print needs; use an image "
                f"at least {needed} pixels wide ({pixels[0]} now)"
            )
            problems.append(
                Problem(
                    report.source,
                    figure.line,
                    None,
                    message,
                    Severity.WARNING,
                    Code.LOW_RESOLUTION,
                )
            )
    return tuple(problems)


def _figures(blocks: tuple[object, ...]) -> Iterator[Figure]:
    for block in blocks:
        if isinstance(block, Figure):
            yield block
        elif isinstance(block, Section):
            yield from _figures(block.blocks)
