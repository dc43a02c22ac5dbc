"""One report at a time: results as values, whatever goes wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebericht.build import Pipeline, Status, build, check, check_job
from lagebericht.job import Job
from lagebericht.problems import LageberichtError, OutputError, Severity

from .conftest import FakeRendered, MakeTree, fake_read_report, fake_render

FAKE = Pipeline(read=fake_read_report, render=fake_render)


def test_build_writes_the_pdf(tree: MakeTree) -> None:
    root = tree({"a.md": "x\nWARN: w\n"})
    result = build(Job(root / "a.md", root / "out/a.pdf"), pipeline=FAKE)
    assert result.status is Status.BUILT and result.ok
    assert result.output == root / "out/a.pdf"
    assert result.problems == ()
    assert [w.severity for w in result.warnings] == [Severity.WARNING]
    assert (root / "out/a.pdf").read_bytes().startswith(b"%PDF")


def test_a_toolkit_error_from_the_layout_becomes_a_problem(tree: MakeTree) -> None:
    root = tree({"a.md": "x", "out/a.pdf": "%PDF old"})

    def render(report: object) -> FakeRendered:
        raise LageberichtError("theme 'x': logo.svg not found")

    result = build(
        Job(root / "a.md", root / "out/a.pdf"),
        pipeline=Pipeline(read=fake_read_report, render=render),
    )
    assert result.status is Status.FAILED
    assert [p.format() for p in result.problems] == [
        f"{root / 'a.md'}: theme 'x': logo.svg not found",
        f"{root / 'a.md'}: {root / 'out/a.pdf'} removed: the report failed, so the old PDF "
        "is no longer current",
    ]
    assert result.removed_stale
    assert not (root / "out/a.pdf").exists()


def test_an_output_error_names_the_pdf_and_the_reason(tree: MakeTree) -> None:
    root = tree({"a.md": "x"})

    def render(report: object) -> FakeRendered:
        raise OutputError(Path("out/a.pdf"), "disk full")

    result = build(
        Job(root / "a.md", root / "out/a.pdf"),
        pipeline=Pipeline(read=fake_read_report, render=render),
    )
    assert result.problems[0].message == "cannot write out/a.pdf: disk full"


def test_a_blocked_job_fails_without_reading_the_report(tree: MakeTree) -> None:
    root = tree({"a.md": "CRASH", "out/a.pdf": "%PDF old"})
    result = build(Job(root / "a.md", root / "out/a.pdf", blocked="same output"), pipeline=FAKE)
    assert result.problems[0].message == "same output"
    assert not (root / "out/a.pdf").exists()


def test_strict_build_writes_nothing_for_a_warning(tree: MakeTree) -> None:
    root = tree({"a.md": "WARN: one\nWARN: two\n"})
    result = build(Job(root / "a.md", root / "out/a.pdf"), strict=True, pipeline=FAKE)
    assert result.status is Status.FAILED
    assert result.problems[0].message == "2 warnings treated as errors (--strict)"
    assert len(result.warnings) == 2
    assert not (root / "out").exists()


def test_debug_reraises_a_bug_after_removing_the_stale_pdf(tree: MakeTree) -> None:
    root = tree({"a.md": "CRASH", "out/a.pdf": "%PDF old"})
    with pytest.raises(RuntimeError):
        build(Job(root / "a.md", root / "out/a.pdf"), debug=True, pipeline=FAKE)
    assert not (root / "out/a.pdf").exists()


def test_check_returns_problems_and_warnings(tree: MakeTree) -> None:
    root = tree({"a.md": "ERROR: bad\nWARN: meh\n", "b.md": "WARN: meh\n", "c.md": "CRASH"})
    bad = check(root / "a.md", pipeline=FAKE)
    assert not bad.ok and [p.line for p in bad.problems] == [1]
    meh = check(root / "b.md", pipeline=FAKE)
    assert meh.ok and [w.line for w in meh.warnings] == [1]
    assert not check(root / "b.md", strict=True, pipeline=FAKE).ok
    crash = check(root / "c.md", pipeline=FAKE)
    assert crash.problems[0].message == ("internal error: RuntimeError: boom (please report this)")


def test_check_job_adds_the_reason_a_job_is_blocked(tree: MakeTree) -> None:
    root = tree({"a.md": "ERROR: bad\n"})
    result = check_job(Job(root / "a.md", None, blocked="same output"), pipeline=FAKE)
    assert [p.message for p in result.problems] == ["bad", "same output"]


def test_the_page_count_comes_from_the_layout_not_from_parsing_the_pdf(tree: MakeTree) -> None:
    root = tree({"a.md": "x"})
    # Not a PDF at all: a build that parsed it to count pages would fail.
    pipeline = Pipeline(
        read=fake_read_report,
        render=lambda report: FakeRendered(b"%PDF laid out, 7 pages", 7),
        archive=lambda pdf, report: pdf + b" archived",
    )
    for pdfa in (False, True):
        result = build(Job(root / "a.md", root / "out/a.pdf"), pdfa=pdfa, pipeline=pipeline)
        assert result.info is not None and result.info.pages == 7


def test_the_glyph_check_reads_the_registered_fonts_like_the_font_files() -> None:
    from lagebericht.build import _registered_cmaps
    from lagebericht.theme import load_theme
    from tests.font_coverage import theme_cmaps

    theme = load_theme()
    registered = _registered_cmaps(theme)
    from_files = theme_cmaps(theme.font_paths)
    assert registered.keys() == from_files.keys()
    for face, (name, codes) in from_files.items():
        assert registered[face][0] == name
        assert set(registered[face][1]) == codes
        assert all((code in registered[face][1]) == (code in codes) for code in range(0x3000))
