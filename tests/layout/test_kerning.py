"""Pair kerning read from a font's GPOS ``kern`` feature or its legacy ``kern`` table."""

from __future__ import annotations

import os
import pickle
import random
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fontTools.feaLib.builder import addOpenTypeFeaturesFromString
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.ttLib.tables import otTables
from fontTools.ttLib.tables._k_e_r_n import KernTable_format_0
from fontTools.ttLib.tables.DefaultTable import DefaultTable

from lagebericht.layout import kerning
from lagebericht.layout.kerning import MAX_RECORDS, NO_KERNING, kerning_of

ROOT = Path(__file__).parents[2]
ROBOTO = ROOT / "templates/auslandsbuero/fonts/Roboto-Regular.ttf"

# The tiny test font: these characters, each its own glyph, 1000 units to the em (so a
# value in font units is one in thousandths of an em).
GLYPHS = {"A": "A", "V": "V", "T": "T", "e": "e", "o": "o", "y": "y", ",": "comma"}
GLYPH_ORDER = [".notdef", *GLYPHS.values()]  # glyph ids 0 (.notdef), 1 (A), 2 (V), …


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAGEBERICHT_CACHE_DIR", str(tmp_path / "cache"))


def tiny_font(
    path: Path,
    features: str | None = None,
    gpos: bytes | None = None,
    kern: list[tuple[int, dict[tuple[str, str], int]]] | None = None,
) -> Path:
    """A font of :data:`GLYPHS` with the GPOS a feature file makes, or raw GPOS bytes, and
    a legacy kern table of ``(coverage, pairs)`` subtables."""
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(GLYPH_ORDER)
    builder.setupCharacterMap({ord(char): name for char, name in GLYPHS.items()})
    empty = TTGlyphPen(None).glyph()
    builder.setupGlyf(dict.fromkeys(GLYPH_ORDER, empty))
    builder.setupHorizontalMetrics(dict.fromkeys(GLYPH_ORDER, (500, 0)))
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Tiny", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    if features is not None:
        addOpenTypeFeaturesFromString(builder.font, features)
    if gpos is not None:
        raw = DefaultTable("GPOS")
        raw.data = gpos
        builder.font["GPOS"] = raw
    if kern is not None:
        table = newTable("kern")
        table.version = 0
        table.kernTables = []
        for coverage, pairs in kern:
            subtable = KernTable_format_0()
            subtable.coverage = coverage
            subtable.kernTable = pairs
            table.kernTables.append(subtable)
        builder.font["kern"] = table
    builder.save(str(path))
    return path


# Two lookups; the first has a format 1 subtable (pairs of glyphs), then a format 2
# (classes); the second is made an extension lookup (type 9) by kerned_font. Cyrillic has
# a feature record of its own, of these two lookups and a third.
FEATURES = """
languagesystem DFLT dflt;
languagesystem latn dflt;
languagesystem cyrl dflt;
@L = [A T];
@R = [V e o];
feature kern {
    lookup ONE { pos A V -80; pos A y -50; pos @L @R -30; } ONE;
    lookup TWO { pos A V -5; pos T o -7; } TWO;
    script cyrl;
    lookup THREE { pos T y -3; } THREE;
} kern;
"""


def kerned_font(path: Path) -> Path:
    """The tiny font with :data:`FEATURES`, its second lookup an extension lookup."""
    font = TTFont(str(tiny_font(path, FEATURES)))
    two = font["GPOS"].table.LookupList.Lookup[1]
    wrapped = []
    for subtable in two.SubTable:
        extension = otTables.ExtensionPos()
        extension.Format = 1
        extension.ExtensionLookupType = 2
        extension.ExtSubTable = subtable
        wrapped.append(extension)
    two.LookupType = 9
    two.SubTable = wrapped
    font.save(str(path))
    return path


def _lookups(path: Path) -> list[Any]:
    return list(TTFont(str(path))["GPOS"].table.LookupList.Lookup)


def _kern_features(path: Path) -> list[list[int]]:
    records = TTFont(str(path))["GPOS"].table.FeatureList.FeatureRecord
    return [r.Feature.LookupListIndex for r in records if r.FeatureTag == "kern"]


def test_roboto_pairs() -> None:
    roboto = kerning_of(ROBOTO)
    assert roboto.pair("T", "e") == -48.33984375  # -99 units of 2048
    assert roboto.pair("Г", "о") == -91.796875
    assert roboto.pair("A", "V") == -42.48046875
    assert roboto.pair("y", ",") == -52.24609375
    assert roboto.pair("к", "т") == 0.0
    assert roboto.pair("T", "\u0378") == 0.0  # not in the font
    assert roboto.adjustments("Tea") == ((1, -48.33984375),)
    pairs = [(i, roboto.pair("AVATAR"[i - 1], "AVATAR"[i])) for i in range(1, 6)]
    assert pairs[4] == (5, 0.0)  # A, R
    assert roboto.adjustments("AVATAR") == tuple(pairs[:4])
    assert roboto.total("AVATAR Tea") == sum(v for _, v in roboto.adjustments("AVATAR Tea"))
    assert roboto.total("AVATAR Tea") == -248.53515625
    assert roboto.adjustments("") == roboto.adjustments("T") == ()
    assert roboto.total("") == 0.0


def test_only_single_characters_are_a_pair() -> None:
    roboto = kerning_of(ROBOTO)
    assert roboto.pair("T", "e") < 0  # remembered now
    assert roboto.pair("", "Te") == roboto.pair("Te", "") == roboto.pair("T", "ea") == 0.0


def _kern_lookups(gpos: Any) -> set[int]:
    """The lookups of a GPOS table's ``kern`` feature records, by index."""
    return {
        index
        for record in gpos.FeatureList.FeatureRecord
        if record.FeatureTag == "kern"
        for index in record.Feature.LookupListIndex
    }


def _brute_force(font: TTFont, left: str, right: str) -> float:
    """The kerning of two characters expanded from fontTools' tables by glyph name."""
    cmap = font.getBestCmap()
    first, second = cmap.get(ord(left)), cmap.get(ord(right))
    if first is None or second is None:
        return 0.0
    gpos = font["GPOS"].table
    units = 0
    for index in sorted(_kern_lookups(gpos)):
        lookup = gpos.LookupList.Lookup[index]
        for subtable in lookup.SubTable:
            if lookup.LookupType == 9:
                subtable = subtable.ExtSubTable
            elif lookup.LookupType != 2:
                continue
            if first not in subtable.Coverage.glyphs:
                continue
            if subtable.Format == 1:
                pair_set = subtable.PairSet[subtable.Coverage.glyphs.index(first)]
                found = [r for r in pair_set.PairValueRecord if r.SecondGlyph == second]
                if not found:
                    continue
                value = found[0].Value1
            else:
                row = subtable.ClassDef1.classDefs.get(first, 0)
                column = subtable.ClassDef2.classDefs.get(second, 0)
                value = subtable.Class1Record[row].Class2Record[column].Value1
            units += getattr(value, "XAdvance", 0) or 0
            break
    return float(units * 1000 / font["head"].unitsPerEm)


def test_roboto_agrees_with_a_brute_force_expansion() -> None:
    font = TTFont(str(ROBOTO))
    characters = sorted(chr(code) for code in font.getBestCmap())
    gpos = font["GPOS"].table
    kern_lookups = _kern_lookups(gpos)
    formats = {
        subtable.Format
        for index in kern_lookups
        for subtable in gpos.LookupList.Lookup[index].SubTable
    }
    assert formats == {1, 2}  # both kinds of subtable are compared
    cmap = font.getBestCmap()
    chars: dict[str, list[str]] = {}
    for code, name in cmap.items():
        chars.setdefault(name, []).append(chr(code))
    listed = []  # pairs a subtable names: of a pair set, or of two classes
    for index in kern_lookups:
        for subtable in gpos.LookupList.Lookup[index].SubTable:
            if subtable.Format == 1:
                for first, pair_set in zip(subtable.Coverage.glyphs, subtable.PairSet, strict=True):
                    listed += [(first, r.SecondGlyph) for r in pair_set.PairValueRecord]
            else:
                seconds = list(subtable.ClassDef2.classDefs)
                listed += [(first, s) for first in subtable.Coverage.glyphs for s in seconds]
    rng = random.Random(7)
    pairs = [(rng.choice(characters), rng.choice(characters)) for _ in range(300)]
    for first, second in rng.sample(sorted(listed), 1000):
        if first in chars and second in chars:
            pairs.append((rng.choice(chars[first]), rng.choice(chars[second])))
    roboto = kerning_of(ROBOTO)
    got = [roboto.pair(a, b) for a, b in pairs]
    assert got == [_brute_force(font, a, b) for a, b in pairs]
    assert sum(1 for value in got if value) > 200  # not a comparison of zeros


def test_first_subtable_that_applies_wins_and_lookups_add_up(tmp_path: Path) -> None:
    path = kerned_font(tmp_path / "tiny.ttf")
    one, two, _ = _lookups(path)
    assert [s.Format for s in one.SubTable] == [1, 2] and two.LookupType == 9
    assert sorted(_kern_features(path)) == [[0, 1], [0, 1, 2]]  # each lookup applied once
    tiny = kerning_of(path)
    assert tiny.pair("A", "V") == -85  # format 1 hides format 2's -30; -5 added
    assert tiny.pair("A", "y") == -50  # format 1
    assert tiny.pair("T", "e") == -30  # format 2
    assert tiny.pair("T", "o") == -37  # format 2 and the extension lookup
    assert tiny.pair("T", "y") == -3  # format 2 (class 0 of the second glyph: 0), -3
    assert tiny.pair("V", "A") == tiny.pair("e", "T") == 0
    assert tiny.adjustments("TAVoy,") == ((2, -85.0),)
    assert tiny.adjustments("ToAVAy") == ((1, -37.0), (3, -85.0), (5, -50.0))
    assert tiny.total("ToAVAy") == -172.0


def test_a_class_subtable_applies_to_every_glyph_it_covers(tmp_path: Path) -> None:
    # The same lookups with the class subtable first: it applies to A with any second
    # glyph (class 0 for y), so the pairs of A after it are never looked at.
    font = TTFont(str(kerned_font(tmp_path / "tiny.ttf")))
    one = font["GPOS"].table.LookupList.Lookup[0]
    one.SubTable.reverse()
    path = tmp_path / "reversed.ttf"
    font.save(str(path))
    assert [s.Format for s in _lookups(path)[0].SubTable] == [2, 1]
    tiny = kerning_of(path)
    assert tiny.pair("A", "V") == -35  # -30 of the classes, -5
    assert tiny.pair("A", "y") == 0  # hidden by class 0
    assert tiny.pair("T", "o") == -37


def test_the_first_face_of_a_collection(tmp_path: Path) -> None:
    collection = TTCollection()
    collection.fonts = [
        TTFont(str(kerned_font(tmp_path / "first.ttf"))),
        TTFont(str(tiny_font(tmp_path / "second.ttf", "feature kern { pos A V -1; } kern;"))),
    ]
    collection.save(str(tmp_path / "both.ttc"))
    assert kerning_of(tmp_path / "both.ttc").pair("A", "V") == -85  # as reportlab reads it


def test_roboto_with_another_gpos(tmp_path: Path) -> None:
    font = TTFont(str(ROBOTO))
    addOpenTypeFeaturesFromString(font, "feature kern { pos A V -80; } kern;")
    path = tmp_path / "roboto-av.ttf"
    font.save(str(path))
    kerned = kerning_of(path)
    assert kerned.pair("A", "V") == -80 * 1000 / 2048 == -39.0625
    assert kerned.pair("T", "e") == 0.0


def _gpos_offset(data: bytes) -> int:
    (count,) = struct.unpack_from(">H", data, 4)
    for number in range(count):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * number)
        if tag == b"GPOS":
            return int(offset)
    raise AssertionError("no GPOS")


def _kern_subtables(data: bytes, gpos: int) -> list[int]:
    """Where the subtables of the first lookup of Roboto's kern feature start."""
    _, _, _, features, lookups = struct.unpack_from(">HHHHH", data, gpos)
    features += gpos
    lookups += gpos
    (count,) = struct.unpack_from(">H", data, features)
    for number in range(count):
        tag, offset = struct.unpack_from(">4sH", data, features + 2 + 6 * number)
        if tag == b"kern":
            (index,) = struct.unpack_from(">H", data, features + offset + 4)
            (lookup,) = struct.unpack_from(">H", data, lookups + 2 + 2 * index)
            lookup += lookups
            (subtables,) = struct.unpack_from(">H", data, lookup + 4)
            offsets = struct.unpack_from(f">{subtables}H", data, lookup + 6)
            return [lookup + offset for offset in offsets]
    raise AssertionError("no kern feature")


def _damaged(path: Path, at: int, patch: bytes) -> Path:
    data = bytearray(ROBOTO.read_bytes())
    data[at : at + len(patch)] = patch
    path.write_bytes(bytes(data))
    return path


def test_a_gpos_fonttools_cannot_read_gives_no_kerning(tmp_path: Path) -> None:
    data = ROBOTO.read_bytes()
    gpos = _gpos_offset(data)
    pairs, classes = _kern_subtables(data, gpos)
    assert [struct.unpack_from(">H", data, at)[0] for at in (pairs, classes)] == [1, 2]
    # Format 3 of a pair subtable does not exist.
    assert kerning_of(_damaged(tmp_path / "format.ttf", pairs, b"\x00\x03")) is NO_KERNING
    # Its coverage table, of format 9.
    (coverage,) = struct.unpack_from(">H", data, pairs + 2)
    damaged = _damaged(tmp_path / "coverage.ttf", pairs + coverage, b"\x00\x09")
    assert kerning_of(damaged) is NO_KERNING
    # The class matrix longer than the table (38 × 1000 cells of 2 bytes): fontTools fails.
    assert struct.unpack_from(">HH", data, classes + 12) == (38, 37)
    longer = _damaged(tmp_path / "matrix.ttf", classes + 14, struct.pack(">H", 1000))
    assert kerning_of(longer) is NO_KERNING
    # The lookup list past the table's end.
    assert kerning_of(_damaged(tmp_path / "end.ttf", gpos + 8, b"\xff\xff")) is NO_KERNING
    garbage = tiny_font(tmp_path / "garbage.ttf", gpos=bytes(range(256)) * 4)
    assert kerning_of(garbage) is NO_KERNING
    truncated = tiny_font(tmp_path / "truncated.ttf", gpos=b"\x00\x01\x00\x00\x00")
    assert kerning_of(truncated) is NO_KERNING


def _gpos(*subtables: bytes, copies: int = 1, lookup_type: int = 2) -> bytes:
    """A GPOS whose kern feature has one lookup of ``subtables``, its offsets to each
    repeated ``copies`` times (the copies share one table)."""
    script_list = b"\x00\x00"
    feature_list = struct.pack(">H4sHHHH", 1, b"kern", 8, 0, 1, 0)
    offsets_at = 6 + 2 * len(subtables) * copies
    lookup = struct.pack(">HHH", lookup_type, 0, len(subtables) * copies)
    body = b""
    for subtable in subtables:
        lookup += struct.pack(">H", offsets_at + len(body)) * copies
        body += subtable
    lookup_list = struct.pack(">HH", 1, 4) + lookup + body
    header = struct.pack(">IHHH", 0x00010000, 10, 12, 12 + len(feature_list))
    return header + script_list + feature_list + lookup_list


def _class_pairs(rows: int, columns: int, ranges: int = 0) -> bytes:
    """A pair subtable of format 2 with a matrix of empty value records (none of its cells
    takes a byte), glyph 1 in its coverage, and ``ranges`` class ranges over every glyph."""
    coverage = struct.pack(">HHH", 1, 1, 1)
    classes = struct.pack(">HH", 2, ranges) + struct.pack(">HHH", 0, 0xFFFF, 1) * ranges
    head = struct.pack(">HHHHHHHH", 2, 16, 0, 0, 16 + 6, 16 + 6, rows, columns)
    return head + coverage + classes


def _pair_sets(pair_sets: int, pairs: int) -> bytes:
    """A pair subtable of format 1 whose ``pair_sets`` offsets all lead to one set of
    ``pairs`` records of no value."""
    at = 10 + 2 * pair_sets
    coverage = struct.pack(">HHH", 1, 1, 1)
    head = struct.pack(">HHHHH", 1, at, 0, 0, pair_sets) + struct.pack(">H", at + 6) * pair_sets
    return head + coverage + struct.pack(">H", pairs) + struct.pack(">H", 1) * pairs


def _volume(gpos: bytes) -> int:
    return kerning._gpos_volume(gpos)


def test_absurd_gpos_tables_give_no_kerning(tmp_path: Path) -> None:
    absurd = {
        "matrix": _gpos(_class_pairs(0xFFFF, 0xFFFF)),  # 4 billion cells in 46 bytes
        "classes": _gpos(_class_pairs(2, 2, ranges=20)),  # 20 ranges of every glyph
        "shared pair sets": _gpos(_pair_sets(2000, 1000)),
        "shared subtables": _gpos(_pair_sets(1, 1000), copies=2000),
        "extension": _gpos(
            struct.pack(">HHI", 1, 2, 8) + _class_pairs(0xFFFF, 0xFFFF), lookup_type=9
        ),
    }
    for name, gpos in absurd.items():
        assert _volume(gpos) > MAX_RECORDS, name
        start = time.perf_counter()
        assert kerning_of(tiny_font(tmp_path / f"{name}.ttf", gpos=gpos)) is NO_KERNING, name
        assert time.perf_counter() - start < 5, name


def test_a_large_gpos_within_the_limit_is_read(tmp_path: Path) -> None:
    # Just past the limit fontTools would still read it (slowly), and the lookup would be
    # kept; within it, it is.
    past = _gpos(_class_pairs(1001, 1000))
    assert kerning_of(tiny_font(tmp_path / "past.ttf", gpos=past)) is NO_KERNING
    within = _gpos(_class_pairs(2, 300), _pair_sets(1, 300), copies=2)
    assert _volume(within) < MAX_RECORDS
    assert kerning_of(tiny_font(tmp_path / "within.ttf", gpos=within)) is not NO_KERNING


def test_the_legacy_kern_table_when_gpos_has_no_kern_feature(tmp_path: Path) -> None:
    pairs = {("A", "V"): -70, ("T", "o"): -40}
    legacy = kerning_of(tiny_font(tmp_path / "kern.ttf", kern=[(1, pairs)]))
    assert legacy.pair("A", "V") == -70 and legacy.pair("T", "o") == -40
    assert legacy.pair("V", "A") == 0
    other_feature = tiny_font(
        tmp_path / "dist.ttf", "feature dist { pos A V -80; } dist;", kern=[(1, pairs)]
    )
    assert kerning_of(other_feature).pair("A", "V") == -70
    both = tiny_font(
        tmp_path / "both.ttf", "feature kern { pos A V -80; } kern;", kern=[(1, pairs)]
    )
    assert kerning_of(both).pair("A", "V") == -80  # the kern table is not read
    assert kerning_of(both).pair("T", "o") == 0


def test_legacy_subtables_add_up_unless_vertical_or_cross_stream(tmp_path: Path) -> None:
    subtables = [
        (1, {("A", "V"): -70}),
        (1, {("A", "V"): -5, ("T", "o"): -40}),
        (0, {("A", "V"): -1000}),  # vertical
        (1 | 4, {("A", "V"): -1000}),  # cross-stream
        (1 | 2, {("A", "V"): -1000}),  # a minimum
        (1 | 8, {("T", "o"): -10}),  # overrides what is before it
    ]
    legacy = kerning_of(tiny_font(tmp_path / "kern.ttf", kern=subtables))
    assert legacy.pair("A", "V") == -75
    assert legacy.pair("T", "o") == -10


def test_a_font_without_kerning(tmp_path: Path) -> None:
    none = kerning_of(tiny_font(tmp_path / "plain.ttf"))
    assert none is NO_KERNING
    assert NO_KERNING.pair("A", "V") == 0.0
    assert NO_KERNING.adjustments("AVATAR") == ()
    assert NO_KERNING.total("AVATAR") == 0.0
    assert kerning_of(tmp_path / "missing.ttf") is NO_KERNING
    not_a_font = tmp_path / "not.ttf"
    not_a_font.write_bytes(b"OTTO" + bytes(100))
    assert kerning_of(not_a_font) is NO_KERNING


def test_kerning_is_hashed_by_identity() -> None:
    roboto = kerning_of(ROBOTO)
    copy = pickle.loads(pickle.dumps(roboto))
    assert copy.pair("T", "e") == roboto.pair("T", "e")
    assert copy != roboto and len({roboto, copy, NO_KERNING}) == 3
    assert kerning_of(ROBOTO) is roboto  # once per process


def test_what_is_remembered_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kerning, "_MEMO_PAIRS", 8)
    roboto = pickle.loads(pickle.dumps(kerning_of(ROBOTO)))
    text = "AVATAR Tea, Гора, yo." * 3
    expected = kerning_of(ROBOTO).adjustments(text)
    assert roboto.adjustments(text) == expected
    assert len(roboto._memo) <= 8


_LOAD = """
import sys
from pathlib import Path
from lagebericht.layout.kerning import kerning_of
roboto = kerning_of(Path(sys.argv[1]))
print(roboto.pair("T", "e"), "fontTools" in sys.modules)
"""


def _load_in_a_process(cache: Path) -> str:
    env = {**os.environ, "LAGEBERICHT_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", _LOAD, str(ROBOTO)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.strip()


def test_parsed_once_per_machine(tmp_path: Path) -> None:
    cache = tmp_path / "machine-cache"
    assert _load_in_a_process(cache) == "-48.33984375 True"  # parsed with fontTools
    assert list((cache / "kerning").glob("*.pickle"))
    assert _load_in_a_process(cache) == "-48.33984375 False"  # from the disk cache


def _faces() -> Iterator[Path]:
    yield from sorted((ROOT / "templates/auslandsbuero/fonts").glob("*.ttf"))


def test_every_face_of_the_default_theme_is_kerned() -> None:
    for face in _faces():
        assert kerning_of(face).pair("T", "e") < 0, face.name
