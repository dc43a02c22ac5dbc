"""The theme's vector logo: an SVG file turned into reportlab drawing operations (svglib)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab import Version as reportlab_version
from reportlab.graphics.shapes import Drawing

from lagebericht.cache import DiskCache, bytes_key
from lagebericht.limits import MAX_SVG_ELEMENTS, MAX_SVG_NUMBER, MAX_SVG_RASTER_PIXELS
from lagebericht.problems import Code, InputError, Problem
from lagebericht.theme import Theme


def logo_flowable(theme: Theme, height: float, font_name: str) -> Drawing | None:
    """The logo scaled to ``height`` points, or None when the theme has none.

    ``font_name`` replaces reportlab's Helvetica as the drawing's initial font, which
    would otherwise land in the PDF as an unembedded base-14 font.
    """
    if theme.logo_path is None:
        return None
    drawing = _read(theme.logo_path)
    drawing.initialFontName = font_name
    scale = height / drawing.height
    drawing.width, drawing.height = drawing.width * scale, height
    drawing.scale(scale, scale)
    return drawing


def _read(path: Path) -> Drawing:
    """The logo's drawing operations, kept in the disk cache: the same logo in every build,
    and svglib, slow to import, is then not imported for it."""
    try:
        key = (bytes_key(path.read_bytes()), _svglib_version(), reportlab_version, _READ_WITH)
    except OSError as error:
        raise InputError(
            [Problem(path, None, None, f"logo: cannot be read ({error})", code=Code.THEME)]
        ) from None
    return DiskCache.from_environment().get("logo", key, Drawing, lambda: _parse(path))


# How a logo is read: a drawing cached before the SVG limits held (or under other ones)
# was never checked against them.
_READ_WITH = f"read_svg {MAX_SVG_ELEMENTS} {MAX_SVG_NUMBER:g} {MAX_SVG_RASTER_PIXELS}"


@cache
def _svglib_version() -> str:
    # Read from its installed metadata (importing svglib would cost what the cache saves),
    # once per process: the metadata is parsed by the email parser, too slow for each report.
    from importlib.metadata import version

    return version("svglib")


def _parse(path: Path) -> Drawing:
    from lagebericht.load.svg import SvgError, read_svg

    # Read as report figures are: bounded in elements, numbers and the rasters it draws.
    try:
        return read_svg(path)
    except SvgError as error:  # others are bugs: the build reports an internal error
        message = f"logo of the theme: {error.reason}"
        raise InputError([Problem(path, error.line, None, message, code=Code.THEME)]) from None
