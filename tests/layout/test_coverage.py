"""The glyph check on hand-made character maps: each face is checked for the text set in
it, and the fast answer for a clean report agrees with the per-character walk."""

from __future__ import annotations

from lagebericht.layout.coverage import FACES, check_coverage
from lagebericht.model import Emphasis, Strong

from .factories import note, para, report, text

LATIN = frozenset(range(0x20, 0x250)) | {0x2013, 0x201C, 0x201D, 0x201E}


def cmaps(**missing: set[str]) -> dict[str, tuple[str, frozenset[int]]]:
    """Every face covers LATIN, minus the characters named for it."""
    return {
        face: (f"{face}.ttf", LATIN - {ord(c) for c in missing.get(face, set())}) for face in FACES
    }


def test_a_clean_report_has_no_problems() -> None:
    doc = report((para(text("Plain "), Strong(children=(text("bold"),))),), (note(1, "Note"),))
    assert check_coverage(doc, cmaps()) == []


def test_a_character_missing_only_in_the_bold_face_counts_only_where_it_is_bold() -> None:
    plain = report((para(text("ä plain"), line=7),))
    bold = report((para(text("x "), Strong(children=(text("ä bold"),)), line=7),))
    faces = cmaps(bold={"ä"})
    assert check_coverage(plain, faces) == []
    (problem,) = check_coverage(bold, faces)
    assert problem.line == 7
    assert "U+00E4" in problem.message and "bold.ttf" in problem.message


def test_bold_italic_and_footnotes_are_checked_too() -> None:
    both = Strong(children=(Emphasis(children=(text("ß"),)),))
    doc = report((para(text("a "), both, line=3),), (note(1, "ok"),))
    assert check_coverage(doc, cmaps(bold_italic={"ß"}))[0].line == 3
    assert check_coverage(report((para(text("a")),), (note(1, "ß"),)), cmaps(regular={"ß"}))


def test_control_characters_and_characters_beyond_the_bmp_are_refused() -> None:
    for char, reason in (("\x07", "control character"), ("\U0001f600", "U+FFFF")):
        (problem,) = check_coverage(report((para(text(f"a{char}b")),)), cmaps())
        assert reason in problem.message


def test_layout_whitespace_is_never_a_problem() -> None:
    assert check_coverage(report((para(text("a\tb\nc\rd")),)), cmaps()) == []


def test_each_character_is_reported_once_per_line_and_in_order() -> None:
    doc = report((para(text("€ and ¤ and € again"), line=4), para(text("€"), line=5)))
    faces = {face: (f"{face}.ttf", LATIN - {0xA4}) for face in FACES}
    found = [(p.line, p.message.split()[2]) for p in check_coverage(doc, faces)]
    assert found == [(4, "U+20AC"), (4, "U+00A4"), (5, "U+20AC")]
