"""The largest reports under the 2 MB limit: one paragraph of 1.9 MB and 100,000 list
items (benchmarks/giant.py makes them). The default run checks what keeps them linear and
small — reportlab's list of flowables stays short, the Markdown syntax tree is freed
without the cyclic collector — and that the window over the story changes no byte; the
issue's bounds, 10 s and 500 MB for a whole ``lagebericht build``, under ``slow``."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from markdown_it.tree import SyntaxTreeNode

from benchmarks.giant import bullets_body, measure, paragraph_body, write_report
from lagebericht.layout import placement, render_pdf
from lagebericht.layout.placement import FloatingDocTemplate
from lagebericht.limits import MAX_BLOCKS
from lagebericht.problems import Code
from lagebericht.validate import read_report
from lagebericht.validate.body import parse_body
from tests.rich.conftest import two_columns

EXAMPLE = Path(__file__).parents[2] / "content" / "2024-09" / "astana-wasser.md"
SEED = Path(__file__).parents[2] / "content" / "2024-07" / "astana-sco.md"


def test_the_bodies_are_as_large_as_the_issue_says() -> None:
    assert 1_850_000 < len(paragraph_body().encode("utf-8")) <= 1_900_000
    bullets = bullets_body()
    assert bullets.count("\n- ") == 100_000 - 1 and len(bullets.encode("utf-8")) < 1_950_000


def test_reportlab_s_list_of_flowables_stays_short(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # reportlab deletes the first flowable of its list for each one it sets: the list
    # must not hold the whole story.
    longest = 0
    handle = FloatingDocTemplate.handle_flowable

    def counted(self: FloatingDocTemplate, flowables: list[Any]) -> None:
        nonlocal longest
        longest = max(longest, len(flowables))
        handle(self, flowables)

    monkeypatch.setattr(FloatingDocTemplate, "handle_flowable", counted)
    report = write_report(tmp_path, "bullets", bullets_body(3000))
    monkeypatch.chdir(tmp_path)
    render_pdf(read_report(report.relative_to(tmp_path)).report)
    assert 0 < longest <= 2 * placement.STORY_WINDOW


@pytest.mark.parametrize("window", [1, 3])
@pytest.mark.parametrize("theme", [None, two_columns()], ids=["one-column", "two-columns"])
@pytest.mark.parametrize("source", [EXAMPLE, SEED], ids=["example", "seed"])
def test_the_window_over_the_story_changes_no_byte(
    monkeypatch: pytest.MonkeyPatch, source: Path, theme: Any, window: int
) -> None:
    # Tables introduced by a paragraph (kept with it), floats, notes and two columns,
    # with the window's edge at every place.
    report = read_report(source).report
    whole = render_pdf(report, theme)
    monkeypatch.setattr(placement, "STORY_WINDOW", window)
    assert render_pdf(report, theme) == whole


def test_the_syntax_tree_is_freed_without_the_cyclic_collector() -> None:
    gc.collect()
    gc.disable()
    try:
        parse_body(Path("r.md"), "- a\n- b\n  - c\n\nText[^1].\n\n[^1]: Note.\n", 8)
        alive = sum(isinstance(o, SyntaxTreeNode) for o in gc.get_objects())
    finally:
        gc.enable()
    assert alive == 0


@pytest.mark.slow
def test_a_giant_paragraph_builds_in_10_seconds_and_500_mb(tmp_path: Path) -> None:
    write_report(tmp_path, "paragraph")
    result = measure(tmp_path)
    assert result["status"] == 0, result["stderr"]
    assert (tmp_path / "out" / "giant.pdf").is_file()
    assert result["seconds"] < 10, result
    assert result["peak_mb"] < 500, result


@pytest.mark.slow
def test_100000_list_items_are_refused_in_10_seconds_and_500_mb(tmp_path: Path) -> None:
    write_report(tmp_path, "bullets")
    result = measure(tmp_path)
    assert result["status"] == 1, result["stderr"]
    assert f"more than {MAX_BLOCKS:,} paragraphs, list items" in str(result["stderr"])
    assert not (tmp_path / "out" / "giant.pdf").exists()
    assert result["seconds"] < 10, result
    assert result["peak_mb"] < 500, result


@pytest.mark.slow
def test_as_many_list_items_as_allowed_build_in_10_seconds_and_500_mb(tmp_path: Path) -> None:
    write_report(tmp_path, "bullets", bullets_body(MAX_BLOCKS))
    result = measure(tmp_path)
    assert result["status"] == 0, result["stderr"]
    assert result["seconds"] < 10, result
    assert result["peak_mb"] < 500, result


def test_notes_do_not_count_towards_the_blocks_of_a_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lagebericht.validate.body import parse_body

    monkeypatch.setattr("lagebericht.validate.markdown_source.MAX_BLOCKS", 5)
    items = "".join(f"- Punkt {i}[^n{i}]\n" for i in range(5))
    notes = "".join(f"[^n{i}]: Note.\n\nMore.\n\n" for i in range(5)).replace(
        "\n\nMore.", "\n\n    More."
    )
    body = parse_body(Path("r.md"), items + "\n" + notes, 8)
    assert body.problems == ()
    assert len(body.footnotes) == 5
    body = parse_body(Path("r.md"), items + "\n## Kopf\n", 8)
    assert [(p.line, p.code) for p in body.problems] == [(14, Code.FILE_TOO_LARGE)]
