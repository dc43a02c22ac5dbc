"""SVG files as reportlab drawings (svglib), read without looking at the machine's fonts.

Left alone, svglib maps an SVG's ``font-family`` to reportlab's base-14 fonts (Helvetica,
Times…), tries font files of that name on the machine, or asks fontconfig; none of these
may reach the PDF, and the machine's fonts must not even be looked at. Reading is given
a font map that answers every family with the given faces (bold and italic kept), so text
widths (centred labels) are measured in the fonts that are drawn.

Here, below validation and layout, because both read figures the same way: validation to
prove a file can be drawn, the layout to draw it.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple, Protocol

from PIL import Image
from reportlab.graphics.shapes import Drawing
from svglib.fonts import FontMap
from svglib.svglib import SvgRenderer, load_svg_file

from lagebericht.limits import MAX_SVG_NUMBER, MAX_SVG_RASTER_PIXELS, MIN_SVG_SIZE
from lagebericht.load.svg_limits import bad_drawing_number, tree_problem


class SvgError(Exception):
    """The file is not an SVG that can be drawn; the message says why.

    ``line`` is the SVG's line at fault where one is known; ``reason`` the message without
    it (for a caller that names the line in its own way).
    """

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(f"line {line} of the SVG: {reason}" if line else reason)
        self.reason = reason
        self.line = line


# What svglib and the libraries it calls raise for a file that cannot be drawn: a value or
# style sheet they cannot read (ValueError: reportlab's lengths, cssselect2's selectors,
# text decoding), an embedded image that is not one (OSError: Pillow's
# UnidentifiedImageError), XML they cannot parse (SyntaxError: lxml's XMLSyntaxError).
# Anything else (TypeError, AttributeError…) is a bug or an incompatible svglib, reported
# as an internal error and never blamed on the file.
BAD_SVG_ERRORS: tuple[type[Exception], ...] = (ValueError, OSError, SyntaxError)


class Faces(Protocol):
    """Font names of one family's four faces (the layout's registered ``FontFamily``)."""

    @property
    def regular(self) -> str: ...
    @property
    def bold(self) -> str: ...
    @property
    def italic(self) -> str: ...
    @property
    def bold_italic(self) -> str: ...


class _FaceNames(NamedTuple):
    regular: str
    bold: str
    italic: str
    bold_italic: str


# Faces by (bold, italic) when only checking that a file can be read: reportlab's built-in
# metrics, never drawn.
_METRICS_ONLY = _FaceNames(
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"
)


class _FamilyFontMap(FontMap):
    """svglib's font lookup answered from one family, without searching the machine."""

    def __init__(self, fonts: Faces) -> None:
        super().__init__()
        self._faces = {
            (False, False): fonts.regular,
            (True, False): fonts.bold,
            (False, True): fonts.italic,
            (True, True): fonts.bold_italic,
        }

    def find_font(
        self, font_name: str, weight: str = "normal", style: str = "normal"
    ) -> tuple[str, bool]:
        weight = str(weight).lower()
        bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
        italic = str(style).lower() in ("italic", "oblique")
        return self._faces[(bold, italic)], True


def read_svg(path: Path, root: Path | None = None, fonts: Faces | None = None) -> Drawing:
    """The SVG at ``path``, its text in ``fonts`` (the theme's registered family; ``None``
    to only check it); references to other files are honoured only inside ``root``."""
    # svglib logs and returns None on a broken file; the caller reports it instead.
    logging.getLogger("svglib.svglib").setLevel(logging.CRITICAL)
    base = str(root if root is not None else path.parent)
    font_map = _FamilyFontMap(fonts or _METRICS_ONLY)
    tree = load_svg_file(str(path), resolve_entities=False)
    if tree is None:
        raise SvgError("not a readable SVG image")
    bad = tree_problem(tree)
    if bad is not None:
        line, what = bad
        raise SvgError(what, line)
    try:
        with _raster_limit():
            renderer = SvgRenderer(str(path), external_reference_root=base, font_map=font_map)
            drawing = renderer.render(tree)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise SvgError(
            f"an image in it has more than {MAX_SVG_RASTER_PIXELS:,} pixels; reduce it"
        ) from None
    except BAD_SVG_ERRORS as error:
        raise SvgError(f"not a readable SVG image ({bad_svg_reason(error)})") from None
    if drawing is None:
        raise SvgError("not a readable SVG image")
    if not has_size(drawing):
        raise SvgError(
            "the SVG has no size or one out of range; give the <svg> element a width "
            f"and height between {MIN_SVG_SIZE:g} and {MAX_SVG_NUMBER:g}"
        )
    bad_number = bad_drawing_number(drawing)
    if bad_number is not None:
        raise SvgError(bad_number)
    return drawing


@contextmanager
def _raster_limit() -> Iterator[None]:
    """Pillow refuses, while the block runs, every raster (a file or a ``data:`` address
    the SVG draws) above the limit, when it reads the header and before it decodes."""
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_SVG_RASTER_PIXELS
    try:
        with warnings.catch_warnings():
            # Above the limit Pillow only warns (an error from twice the limit on).
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def bad_svg_reason(error: Exception) -> str:
    """One of ``BAD_SVG_ERRORS`` said shortly, the same in every run."""
    if isinstance(error, OSError):  # Pillow's names an object by its memory address
        return "an image in it cannot be read"
    reason = " ".join(str(error).split()) or type(error).__name__
    return reason if len(reason) <= 120 else reason[:119] + "…"  # it may quote a whole value


def has_size(drawing: Drawing) -> bool:
    """Width and height are positive numbers (not 0, infinite or NaN) that can be scaled
    to the page and back without leaving what a PDF can hold."""
    return all(MIN_SVG_SIZE <= size <= MAX_SVG_NUMBER for size in (drawing.width, drawing.height))
