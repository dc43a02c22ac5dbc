"""Figure files: only images inside the content tree, readable, of a format we can print.

The content tree is the folder that holds the report's ``offices/`` folder (the same
ancestor the office is looked up in), or the report's own folder when there is none. A
figure names its file relative to the report; absolute paths, URLs and paths or symlinks
that lead out of the tree are refused, so a report cannot pull arbitrary files of the
build machine into a PDF.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Literal
from urllib.parse import unquote

from lagebericht.limits import (
    MAX_DECODED_IMAGE_BYTES,
    MAX_IMAGE_BYTES,
    MAX_PIXELS,
    MAX_SVG_BYTES,
    describe_bytes,
)
from lagebericht.load.files import exists, on_disk
from lagebericht.load.offices import content_root
from lagebericht.problems import Code

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

ImageFormat = Literal["png", "jpeg", "svg"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FORMATS: dict[str, ImageFormat] = {"PNG": "png", "JPEG": "jpeg"}


@dataclass(frozen=True)
class FigureFile:
    """A checked figure file, or why it cannot be used."""

    path: Path | None
    image_format: ImageFormat | None
    error: str | None
    error_code: Code = Code.IMAGE_REFUSED


def check_figure_file(report: Path, src: str) -> FigureFile:
    """Resolve ``src`` (as written in the Markdown) against ``report`` and check the file."""
    # markdown-it percent-encodes the address (spaces, umlauts); the file has the real name.
    name = unquote(src)
    if not name.strip():
        return _refused("the image has no file name; write ![caption](file.png)")
    if _SCHEME.match(name) and not PureWindowsPath(name).drive:
        return _refused(
            f'image "{name}": only files inside the content folder can be used, not '
            "addresses; download the image and put it beside the report"
        )
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute():
        return _refused(
            f'image "{name}": write the path relative to the report (e.g. bilder/karte.png), '
            "not an absolute path"
        )
    root = content_root(report)
    path = on_disk(report.parent / name).resolve()
    if not path.is_relative_to(root):
        return _refused(
            f'image "{name}" lies outside the content folder {root.name}/ (a `..` path or a '
            "link to elsewhere); copy the image into the content folder"
        )
    if not exists(path):
        message = f'image "{name}": no such file (looked for {path})'
        return _refused(message, Code.IMAGE_NOT_FOUND)
    if not path.is_file():
        return _refused(f'image "{name}" is not a file')
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return _refused(f'image "{name}" is larger than {MAX_IMAGE_BYTES // 2**20} MB; reduce it')
    image_format, reason = _sniff(path, root, size)
    if image_format is None:
        return _refused(f'image "{name}": {reason}')
    return FigureFile(path, image_format, None)


def _refused(message: str, code: Code = Code.IMAGE_REFUSED) -> FigureFile:
    return FigureFile(None, None, message, code)


def _sniff(path: Path, root: Path, size: int) -> tuple[ImageFormat | None, str]:
    """The format found in the file's content, decoded once to prove it is readable."""
    with path.open("rb") as file:
        head = file.read(512).lstrip()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!DOCTYPE svg")) or b"<svg" in head:
        if size > MAX_SVG_BYTES:
            # Reading and drawing an SVG takes time in proportion to its size.
            limit = describe_bytes(MAX_SVG_BYTES)
            return None, f"the SVG file is larger than {limit}; simplify or reduce it"
        return _check_svg(path, root)
    return _check_bitmap(path)


def _decoded_bytes(image: PILImage) -> int:
    """Memory the decoded image takes: Pillow keeps 3 and 4 bands in 4 bytes a pixel."""
    bands = len(image.getbands())
    per_pixel = 4 if bands >= 3 or image.mode in ("I", "F") else 2 if "16" in image.mode else 1
    return image.width * image.height * per_pixel


def _check_bitmap(path: Path) -> tuple[ImageFormat | None, str]:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                found = _FORMATS.get(str(image.format))
                if found is None:
                    return None, f"{image.format} images are not supported; use PNG, JPEG or SVG"
                if image.width * image.height > MAX_PIXELS:
                    return None, f"{image.width}×{image.height} pixels is too large; reduce it"
                if _decoded_bytes(image) > MAX_DECODED_IMAGE_BYTES:
                    memory = f"{_decoded_bytes(image) / 1_000_000:.0f} MB"
                    return None, (
                        f"{image.width}×{image.height} pixels would take {memory} of memory "
                        f"once decoded (at most {describe_bytes(MAX_DECODED_IMAGE_BYTES)}); "
                        "reduce it"
                    )
                image.load()  # a truncated or corrupt file fails here, not in the layout
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        return None, "not a readable PNG, JPEG or SVG image"
    except (OSError, ValueError, SyntaxError) as error:
        return None, f"the image file is damaged ({error})"
    return found, ""


def _check_svg(path: Path, root: Path) -> tuple[ImageFormat | None, str]:
    from lagebericht.load.svg import SvgError, read_svg

    try:
        read_svg(path, root)
    except SvgError as error:
        return None, str(error)
    return "svg", ""
