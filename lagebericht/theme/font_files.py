"""A theme's font file checked before reportlab reads it.

reportlab's TrueType reader trusts the file: a character map whose ranges claim billions
of characters makes it fill a dictionary until the memory is gone, and a table that lies
beyond the file's end fails inside it with an error that names no file. This reads the
font's table directory and every character map's ranges — a few hundred bytes — and
says what is wrong, so that the theme's line can be named instead.
"""

from __future__ import annotations

import struct
from pathlib import Path

MAX_FONT_BYTES = 50 * 1024 * 1024  # the largest CJK faces are some 20 MB
MAX_TABLES = 200  # a font has some 10 to 30
MAX_CODE_POINTS = 0x110000  # all of Unicode
_SFNT = (b"\x00\x01\x00\x00", b"true")
_REQUIRED = ("cmap", "head", "hhea", "hmtx", "maxp", "loca", "glyf", "name")


class _Damaged(ValueError):
    """What makes the file unusable, said for the author."""


def font_problem(path: Path) -> str | None:
    """Why the TrueType font at ``path`` cannot be used, or ``None`` if it can."""
    size = path.stat().st_size
    if size > MAX_FONT_BYTES:
        return f"the font file is larger than {MAX_FONT_BYTES // (1024 * 1024)} MB"
    try:
        with path.open("rb") as file:
            data = file.read()
        _check(data)
    except _Damaged as damage:
        return str(damage)
    except struct.error:
        return "the font file ends before its tables do (a damaged or cut-off file)"
    return None


def _check(data: bytes) -> None:
    start = _first_font(data)
    if data[start : start + 4] == b"OTTO":
        raise _Damaged("an OpenType font with PostScript outlines; use a TrueType (.ttf) file")
    if data[start : start + 4] not in _SFNT:
        raise _Damaged("not a TrueType font")
    tables = table_directory(data)
    missing = [tag for tag in _REQUIRED if tag not in tables]
    if missing:
        raise _Damaged(f"the font lacks its {', '.join(missing)} table (a damaged file?)")
    _check_cmap(data, *tables["cmap"])


def table_directory(data: bytes) -> dict[str, tuple[int, int]]:
    """Offset and length of each table of the font (the first of a collection); raises
    ``ValueError`` or ``struct.error`` when the directory is damaged."""
    start = _first_font(data)
    (count,) = struct.unpack_from(">H", data, start + 4)
    if count > MAX_TABLES:
        raise _Damaged(f"the font claims {count} tables (a damaged file)")
    tables: dict[str, tuple[int, int]] = {}
    for number in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, start + 12 + 16 * number)
        if offset + length > len(data):
            raise _Damaged("the font file ends before its tables do (a damaged or cut-off file)")
        tables[tag.decode("latin-1")] = (offset, length)
    return tables


def _first_font(data: bytes) -> int:
    """Where the font's offset table starts: a collection's first font is the one reportlab
    reads."""
    return int(struct.unpack_from(">I", data, 12)[0]) if data[:4] == b"ttcf" else 0


def _check_cmap(data: bytes, offset: int, length: int) -> None:
    """Every character map lies inside its table and maps at most all of Unicode."""
    end = offset + length
    _, count = struct.unpack_from(">HH", data, offset)
    if offset + 4 + 8 * count > end:
        raise _Damaged("the font's character map is damaged")
    for number in range(count):
        (at,) = struct.unpack_from(">I", data, offset + 4 + 8 * number + 4)
        table = offset + at
        if table + 2 > end:
            raise _Damaged("the font's character map is damaged")
        if _code_points(data, table, end) > MAX_CODE_POINTS:
            raise _Damaged("the font's character map claims more characters than Unicode has")


def _code_points(data: bytes, table: int, end: int) -> int:
    """How many characters the character map at ``table`` maps (what reportlab walks)."""
    (form,) = struct.unpack_from(">H", data, table)
    if form == 4:
        (doubled,) = struct.unpack_from(">H", data, table + 6)
        segments = doubled // 2
        ends = struct.unpack_from(f">{segments}H", data, table + 14)
        starts = struct.unpack_from(f">{segments}H", data, table + 16 + doubled)
        if table + 16 + 4 * doubled > end:
            raise _Damaged("the font's character map is damaged")
        return sum(max(0, last - first + 1) for first, last in zip(starts, ends, strict=True))
    if form in (12, 13):
        (groups,) = struct.unpack_from(">I", data, table + 12)
        if table + 16 + 12 * groups > end:
            raise _Damaged("the font's character map is damaged")
        total = 0
        for number in range(groups):
            first, last = struct.unpack_from(">II", data, table + 16 + 12 * number)
            total += max(0, last - first + 1)
            if total > MAX_CODE_POINTS:
                break
        return total
    if form == 10:
        return int(struct.unpack_from(">I", data, table + 16)[0])
    return 0  # formats 0, 2 and 6 hold at most 65,536 entries by their layout
