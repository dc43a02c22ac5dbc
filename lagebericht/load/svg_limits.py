"""An SVG's bounds: how many elements it has, and every coordinate and length finite and
of a size a PDF can hold.

svglib takes about a fifth of a millisecond per element, and an SVG is read twice (to
validate it, to draw it): the element count bounds the time. ``width="1e300"`` or ``NaN``
is valid XML and svglib passes it on; the layout would then divide by it or fail to write
it. The parsed XML is checked, so that the message names the SVG's line; the drawing
built from it is checked again, for what the XML does not show (an SVG file that another
one references). A path's data must give each command its count of numbers: svglib
passes a short one on to reportlab, which fails inside.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from svglib.utils import normalise_svg_path

from lagebericht.limits import MAX_SVG_ELEMENTS, MAX_SVG_NUMBER

# Attributes that hold numbers; others (id, class, href, font-family, text) may contain
# words such as "Infinity" on purpose.
_NUMERIC = frozenset(
    {
        "x", "y", "width", "height", "cx", "cy", "r", "rx", "ry", "x1", "y1", "x2", "y2",
        "fx", "fy", "dx", "dy", "points", "d", "transform", "viewBox", "stroke-width",
        "font-size", "offset", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit",
        "letter-spacing", "word-spacing", "gradientTransform", "patternTransform",
    }
)  # fmt: skip
# How many numbers each path command takes (SVG 1.1, 8.3).
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}
_TOKEN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|(?i:nan|infinity|inf)")


def tree_problem(root: Any) -> tuple[int | None, str] | None:
    """``(line, description)`` of what makes the SVG element tree ``root`` (lxml) too
    large: an element past the limit, or the first numeric attribute that holds a number
    out of range; ``None`` if all is fine."""
    count = 0
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        count += 1
        if count > MAX_SVG_ELEMENTS:
            return _line(element), (
                f"the SVG has more than {MAX_SVG_ELEMENTS:,} elements; simplify it "
                "(fewer shapes, or a PNG picture of it)"
            )
        for name, value in element.attrib.items():
            local = name.rpartition("}")[2]
            if local not in _NUMERIC:
                continue
            for token in _TOKEN.findall(value):
                if not _in_range(float(token)):
                    found = f'{local}="{_shorten(value)}" holds {_shorten(token)}'
                    return _line(element), f"{found}, {_RANGE}"
            if local == "d" and element.tag.rpartition("}")[2] == "path":
                malformed = path_data_problem(value)
                if malformed is not None:
                    return _line(element), f'path d="{_shorten(value)}": {malformed}'
    return None


def path_data_problem(data: str) -> str | None:
    """What is wrong with a path's ``d`` (as svglib reads it), or ``None``."""
    if not data.strip():
        return None  # an empty path draws nothing
    commands = normalise_svg_path(data)
    if not commands or str(commands[0]) not in "Mm":
        return "path data must begin with a move (M x y); fix or remove the path"
    for command, numbers in zip(commands[::2], commands[1::2], strict=False):
        wanted = _ARITY.get(str(command).upper())
        count = len(numbers) if isinstance(numbers, list) else 0
        if wanted is not None and count != wanted:
            return f'"{command}" takes {wanted} numbers, here {count}; fix or remove the path'
    return None


def _line(element: Any) -> int | None:
    return element.sourceline if isinstance(element.sourceline, int) else None


def bad_drawing_number(drawing: Any) -> str | None:
    """The first number of a reportlab drawing out of range, described; ``None`` if none."""
    for number in _numbers(drawing, set()):
        if not _in_range(number):
            return f"a number in it is {number:g}, {_RANGE}"
    return None


_RANGE = f"out of range (numbers in an SVG lie between ±{MAX_SVG_NUMBER:,.0f})"


def _in_range(number: float) -> bool:
    return math.isfinite(number) and abs(number) <= MAX_SVG_NUMBER


def _shorten(value: str) -> str:
    return value if len(value) <= 40 else value[:39] + "…"


def _numbers(node: Any, seen: set[int]) -> Iterator[float]:
    # Shapes keep their numbers as attributes, points and transforms as lists; groups
    # hold their shapes in `contents`. Each object once: a shape may be shared.
    if id(node) in seen:
        return
    seen.add(id(node))
    values = vars(node).values() if hasattr(node, "__dict__") else ()
    for value in values:
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            yield float(value)
        elif isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, int | float) and not isinstance(item, bool):
                    yield float(item)
                elif hasattr(item, "__dict__"):
                    yield from _numbers(item, seen)
