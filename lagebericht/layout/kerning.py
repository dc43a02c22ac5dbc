"""Pair kerning of a TrueType font, read with fontTools.

reportlab draws text without kerning. The adjustments between two characters come from
the font's GPOS table — the pair adjustment lookups of its ``kern`` feature, as a shaper
applies them to horizontal text — or, in a font without that feature, from its legacy
``kern`` table. They are in thousandths of an em, the unit of reportlab's widths.

:func:`kerning_of` reads a face once per process, and parses it with fontTools only once
per machine: the lookups are kept in the disk cache as arrays, dictionaries and tuples of
glyph ids, so a process that finds them there never imports fontTools.

A theme's font is an untrusted file. A GPOS that fontTools cannot read, or whose pair
adjustments would expand to more than :data:`MAX_RECORDS` records, gives no kerning: the
text is then drawn as reportlab draws it, without.
"""

from __future__ import annotations

import struct
from array import array
from bisect import bisect_left
from functools import cache
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from lagebericht.cache import DiskCache, file_key

if TYPE_CHECKING:
    from collections.abc import Callable


class _Pairs(NamedTuple):
    """A pair adjustment subtable of format 1 (pairs of glyphs): the pairs it lists as
    ``first << 16 | second`` of their glyph ids, in order, and their values in font units.
    Arrays, not a dictionary: they are loaded from the disk cache as they are, where
    thousands of dictionary entries would be built one by one."""

    keys: array[int]
    values: array[int]


# A pair adjustment subtable of format 2 (pairs of classes), in glyph ids and font units:
# the first glyph's class of each glyph in its coverage, the second glyph's class of each
# glyph in a class other than 0, and the values by class of the first and of the second.
_Classes = tuple[dict[int, int], dict[int, int], tuple[tuple[int, ...], ...]]
_Lookup = tuple[_Pairs | _Classes, ...]

# Most a face may have: class-matrix cells, pair records, and the glyphs that coverage and
# class tables list or span, counted wherever an offset leads (fontTools expands a table
# again at each offset to it). Roboto has some 16,000; a GPOS of a few kilobytes can claim
# billions (a 65535 × 65535 class matrix of empty value records), which fontTools would
# try to build. Past this the face is set without kerning.
MAX_RECORDS = 1_000_000

# Pairs remembered per face: a document has a few thousand different neighbours; past
# this the memory starts afresh.
_MEMO_PAIRS = 1 << 16


class Kerning:
    """Pair kerning of one font: adjustments between two characters, in thousandths of an em
    (the unit reportlab's widths use; negative = closer).

    Equal and hashed by identity (it is part of keys); picklable without what it
    remembered.
    """

    __slots__ = ("_glyphs", "_lookups", "_memo", "_units_per_em")

    def __init__(
        self, glyphs: dict[str, int], lookups: tuple[_Lookup, ...], units_per_em: int
    ) -> None:
        self._glyphs = glyphs  # character → glyph id
        self._lookups = lookups  # applied in order, their values added
        self._units_per_em = units_per_em
        self._memo: dict[str, float] = {}  # two characters → their adjustment

    def __reduce__(self) -> tuple[Callable[..., Kerning], tuple[Any, ...]]:
        return Kerning, (self._glyphs, self._lookups, self._units_per_em)

    def pair(self, left: str, right: str) -> float:
        """The adjustment between the characters ``left`` and ``right`` (0.0 when the font
        has none)."""
        key = left + right
        value = self._memo.get(key)
        if value is None:
            if len(left) != 1 or len(right) != 1:
                return 0.0
            value = self._find(key)
        elif len(left) != 1:  # "" + "Te" is not the pair T, e
            return 0.0
        return value

    def adjustments(self, text: str) -> tuple[tuple[int, float], ...]:
        """``(i, value)`` for each ``0 < i < len(text)`` where the characters ``text[i-1]``
        and ``text[i]`` have an adjustment, in order."""
        if not self._lookups:
            return ()
        get = self._memo.get
        find = self._find
        found = []
        # The neighbours as strings of two, made in C (no slicing by index in Python).
        for i, key in enumerate(map(add, text, text[1:]), 1):
            value = get(key)
            if value is None:
                value = find(key)
            if value:
                found.append((i, value))
        return tuple(found)

    def total(self, text: str) -> float:
        """The sum of :meth:`adjustments`' values."""
        if not self._lookups:
            return 0.0
        get = self._memo.get
        find = self._find
        total = 0.0
        for key in map(add, text, text[1:]):
            value = get(key)
            if value is None:
                value = find(key)
            total += value
        return total

    def _find(self, key: str) -> float:
        """The adjustment of the two characters of ``key``, remembered."""
        glyphs = self._glyphs
        first = glyphs.get(key[0])
        second = glyphs.get(key[1])
        value = 0.0
        if first is not None and second is not None:
            units = 0
            both = first << 16 | second
            for lookup in self._lookups:
                # Within a lookup the first subtable that applies to the pair decides.
                for subtable in lookup:
                    if isinstance(subtable, _Pairs):
                        keys = subtable.keys
                        at = bisect_left(keys, both)
                        if at < len(keys) and keys[at] == both:
                            units += subtable.values[at]
                            break
                        continue
                    firsts, seconds, rows = subtable
                    row = firsts.get(first)
                    if row is None:
                        continue
                    values = rows[row]
                    column = seconds.get(second, 0)
                    if column < len(values):
                        units += values[column]
                        break
            value = units * 1000 / self._units_per_em
        memo = self._memo
        if len(memo) >= _MEMO_PAIRS:
            memo.clear()
        memo[key] = value
        return value


NO_KERNING = Kerning({}, (), 1000)


@cache
def kerning_of(path: Path) -> Kerning:
    """The kerning of the TrueType font at ``path`` (the first face of a collection);
    :data:`NO_KERNING` when it has none or it cannot be read."""
    try:
        key = (file_key(path), _fonttools_key(), _READ_WITH)
    except OSError:
        return NO_KERNING  # a font that cannot be read is reported where it is registered
    found = DiskCache.from_environment().get("kerning", key, Kerning, lambda: _read(path))
    return found if found._lookups else NO_KERNING


# How a face is read: an entry made under other rules (or another limit) is not used.
_READ_WITH = f"kerning 1 {MAX_RECORDS}"


@cache
def _fonttools_key() -> str:
    """Which fontTools reads the fonts, told from its files without importing it (reading
    its version from the package metadata would cost more than the cache saves)."""
    from importlib.util import find_spec

    spec = find_spec("fontTools")
    return file_key(Path(spec.origin)) if spec is not None and spec.origin else "none"


def _read(path: Path) -> Kerning:
    """The kerning of the font at ``path``, parsed with fontTools."""
    from lagebericht.theme.font_files import font_problem, table_directory

    try:
        if font_problem(path) is not None:
            return NO_KERNING  # reportlab refuses it too, and says why
        data = path.read_bytes()
        tables = table_directory(data)  # sound: font_problem read it
    except (OSError, ValueError, struct.error):
        return NO_KERNING
    for tag, volume in (("GPOS", _gpos_volume), ("kern", _kern_volume)):
        if tag in tables:
            offset, length = tables[tag]
            try:
                if volume(data[offset : offset + length]) > MAX_RECORDS:
                    return NO_KERNING
            except (struct.error, _Unreadable):
                return NO_KERNING
    return _parse(data)


def _parse(data: bytes) -> Kerning:
    import logging
    from io import BytesIO

    from fontTools.ttLib import TTFont

    # fontTools logs what it repairs (unsorted coverage, a kern subtable's length): its
    # warnings would land on the user's terminal, and the font is drawn all the same.
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        # Lazily: only the tables and lookups read below are decompiled.
        font = TTFont(BytesIO(data), lazy=True, fontNumber=0)
        units_per_em = font["head"].unitsPerEm
        if not 16 <= units_per_em <= 16384:  # the range the OpenType spec allows
            return NO_KERNING
        every: dict[str, int] = font.getReverseGlyphMap()
        glyphs = {
            chr(code): every[name]
            for code, name in (font.getBestCmap() or {}).items()
            if 0 <= code < 0x110000 and name in every
        }
        # Only glyphs a character maps to are ever looked up: pairs of others are left
        # out (a tenth of Roboto's), and so are subtables left with none.
        drawn = set(glyphs.values())
        ids = {name: glyph for name, glyph in every.items() if glyph in drawn}
        lookups = _gpos_lookups(font, ids) if "GPOS" in font else None
        if lookups is None:  # no kern feature: the legacy table
            lookups = _kern_table(font, ids) if "kern" in font else ()
        if not lookups:
            return NO_KERNING
    except Exception:
        # A GPOS (or kern, head, cmap table) fontTools cannot read: reportlab draws the
        # font all the same, without kerning.
        return NO_KERNING
    finally:
        logger.setLevel(level)
    return Kerning(glyphs, lookups, units_per_em)


def _x_advance(value: Any) -> int:
    return int(getattr(value, "XAdvance", 0) or 0) if value is not None else 0


def _gpos_lookups(font: Any, ids: dict[str, int]) -> tuple[_Lookup, ...] | None:
    """The pair adjustment lookups of the GPOS ``kern`` feature in lookup order (of every
    script and language); ``None`` when there is no such feature."""
    table = font["GPOS"].table
    records = table.FeatureList.FeatureRecord if table.FeatureList is not None else []
    kern = [record.Feature for record in records if record.FeatureTag == "kern"]
    if not kern:
        return None
    indices = sorted({index for feature in kern for index in feature.LookupListIndex})
    lookups = table.LookupList.Lookup if table.LookupList is not None else []
    found: list[_Lookup] = []
    for index in indices:
        if index >= len(lookups):
            continue  # a shaper skips an index past the list
        lookup = lookups[index]
        if lookup is None or lookup.LookupType not in (2, 9):
            continue  # contextual and other positioning: not pair kerning
        subtables: list[_Pairs | _Classes] = []
        for subtable in lookup.SubTable:
            if subtable is not None and lookup.LookupType == 9:
                if subtable.ExtensionLookupType != 2:
                    break  # all subtables of an extension lookup are of one type
                subtable = subtable.ExtSubTable
            if subtable is None:
                continue  # a null offset: an empty subtable
            # A subtable without a pair of drawn glyphs, or without a first one, never
            # applies.
            if subtable.Format == 1:
                pairs = _pair_subtable(subtable, ids)
                if pairs.keys:
                    subtables.append(pairs)
            elif subtable.Format == 2:
                classes = _class_subtable(subtable, ids)
                if classes[0]:
                    subtables.append(classes)
        if subtables:
            found.append(tuple(subtables))
    return tuple(found)


def _pair_subtable(subtable: Any, ids: dict[str, int]) -> _Pairs:
    pairs: dict[int, int] = {}
    for first_name, pair_set in zip(subtable.Coverage.glyphs, subtable.PairSet, strict=False):
        first = ids.get(first_name)
        if first is None or pair_set is None:
            continue
        for record in pair_set.PairValueRecord:
            second = ids.get(record.SecondGlyph)
            if second is not None:
                # A listed pair with no advance still applies: it hides later subtables.
                pairs.setdefault(first << 16 | second, _x_advance(record.Value1))
    return _sorted(pairs)


def _sorted(pairs: dict[int, int]) -> _Pairs:
    keys = sorted(pairs)
    # Values of 16 bits, as in the tables (the legacy table's sums kept to them).
    values = (max(-0x8000, min(0x7FFF, pairs[key])) for key in keys)
    return _Pairs(array("I", keys), array("h", values))


def _class_subtable(subtable: Any, ids: dict[str, int]) -> _Classes:
    rows = tuple(
        tuple(_x_advance(cell.Value1) for cell in row.Class2Record) for row in subtable.Class1Record
    )
    classes1 = subtable.ClassDef1.classDefs if subtable.ClassDef1 is not None else {}
    classes2 = subtable.ClassDef2.classDefs if subtable.ClassDef2 is not None else {}
    firsts: dict[int, int] = {}
    for name in subtable.Coverage.glyphs:
        glyph = ids.get(name)
        row = classes1.get(name, 0)
        # A class past the matrix does not apply, as in a shaper.
        if glyph is not None and row < len(rows):
            firsts.setdefault(glyph, row)
    seconds = {ids[name]: column for name, column in classes2.items() if column and name in ids}
    return firsts, seconds, rows


def _kern_table(font: Any, ids: dict[str, int]) -> tuple[_Lookup, ...]:
    """The horizontal format 0 subtables of the legacy ``kern`` table, added up (or, for a
    subtable that says so, overriding what is before it), as one lookup."""
    pairs: dict[int, int] = {}
    for subtable in getattr(font["kern"], "kernTables", []):
        if getattr(subtable, "format", None) != 0:
            continue
        coverage = subtable.coverage
        if subtable.apple:  # vertical, cross-stream, variation
            horizontal, override = not coverage & 0xE0, False
        else:  # horizontal, and neither minimum nor cross-stream
            horizontal, override = coverage & 0x7 == 0x1, bool(coverage & 0x8)
        if not horizontal:
            continue
        for (left, right), value in subtable.kernTable.items():
            first, second = ids.get(left), ids.get(right)
            if first is not None and second is not None:
                both = first << 16 | second
                pairs[both] = value if override else pairs.get(both, 0) + value
    return ((_sorted(pairs),),) if pairs else ()


# The size of what fontTools would build, read from the font's bytes before it is given
# to fontTools.


class _Unreadable(ValueError):
    """A table that cannot be what it claims (fontTools would fail on it, or read nothing)."""


class _Tally:
    """Counts records, and stops the count past :data:`MAX_RECORDS`."""

    def __init__(self) -> None:
        self.count = 0

    def add(self, records: int) -> None:
        self.count += records
        if self.count > MAX_RECORDS:
            raise _Exceeded


class _Exceeded(Exception):
    pass


def _kern_volume(table: bytes) -> int:
    """Records of a legacy ``kern`` table: its subtables and at most a pair per 6 bytes."""
    apple = _u16(table, 0) == 1  # Apple's, with a count of 32 bits
    count = _u32(table, 4) if apple else _u16(table, 2)
    return count + len(table) // 6


def _gpos_volume(table: bytes) -> int:
    """Records fontTools builds reading the pair adjustment lookups of the GPOS ``kern``
    feature (more than :data:`MAX_RECORDS`: one more than that)."""
    tally = _Tally()
    try:
        _count_kern_lookups(table, tally)
    except _Exceeded:
        return MAX_RECORDS + 1
    return tally.count


def _u16(table: bytes, at: int) -> int:
    value: int = struct.unpack_from(">H", table, at)[0]
    return value


def _u32(table: bytes, at: int) -> int:
    value: int = struct.unpack_from(">I", table, at)[0]
    return value


def _offsets(table: bytes, at: int, count: int, base: int) -> list[int]:
    """``count`` 16-bit offsets from ``at``, each from ``base``; null ones left out."""
    return [base + o for o in struct.unpack_from(f">{count}H", table, at) if o]


def _count_kern_lookups(table: bytes, tally: _Tally) -> None:
    feature_list, lookup_list = _u16(table, 6), _u16(table, 8)
    indices: set[int] = set()
    if feature_list:
        count = _u16(table, feature_list)
        for number in range(count):
            at = feature_list + 2 + 6 * number
            if table[at : at + 4] == b"kern":
                feature = feature_list + _u16(table, at + 4)
                lookups = _u16(table, feature + 2)
                tally.add(1 + lookups)
                indices.update(struct.unpack_from(f">{lookups}H", table, feature + 4))
    if not lookup_list or not indices:
        return
    count = _u16(table, lookup_list)
    for index in sorted(indices):
        if index >= count:
            continue
        lookup = lookup_list + _u16(table, lookup_list + 2 + 2 * index)
        kind, subtables = _u16(table, lookup), _u16(table, lookup + 4)
        tally.add(1 + subtables)
        if kind not in (2, 9):
            continue
        for subtable in _offsets(table, lookup + 6, subtables, lookup):
            if kind == 9:
                if _u16(table, subtable + 2) != 2:
                    break
                subtable += _u32(table, subtable + 4)
            _count_pair_subtable(table, subtable, tally)


def _count_pair_subtable(table: bytes, at: int, tally: _Tally) -> None:
    form, coverage = _u16(table, at), _u16(table, at + 2)
    if form not in (1, 2):
        raise _Unreadable(f"pair adjustment subtable of format {form}")
    _count_glyphs(table, at + coverage, tally)
    if form == 1:
        pair_sets = _u16(table, at + 8)
        for pair_set in _offsets(table, at + 10, pair_sets, at):
            tally.add(1 + _u16(table, pair_set))
    else:
        for offset in (_u16(table, at + 8), _u16(table, at + 10)):
            if offset:
                _count_glyphs(table, at + offset, tally, classes=True)
        tally.add(_u16(table, at + 12) * _u16(table, at + 14))


def _count_glyphs(table: bytes, at: int, tally: _Tally, classes: bool = False) -> None:
    """Glyphs a coverage table (or, ``classes``, a class definition table) lists, its
    ranges spanned in full."""
    form = _u16(table, at)
    if form == 1:  # a list of glyphs (of classes, after the first glyph's id)
        tally.add(1 + _u16(table, at + (4 if classes else 2)))
    elif form == 2:  # a list of ranges, in records of 6 bytes
        ranges = _u16(table, at + 2)
        tally.add(1 + ranges)
        for number in range(ranges):
            start, end = struct.unpack_from(">HH", table, at + 4 + 6 * number)
            tally.add(max(0, end - start + 1))
    else:
        raise _Unreadable(f"coverage or class definition of format {form}")
