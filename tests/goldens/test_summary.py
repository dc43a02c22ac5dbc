"""The golden comparison itself: it passes within tolerance and fails, readably, beyond it."""

from __future__ import annotations

import copy

from tests.goldens.documents import build
from tests.goldens.summary import Line, Page, Summary, differences, dumps, report, summarise


def line(text: str, x0: float = 70.9, top: float = 100.0, font: str = "Sans-Regular") -> Line:
    return Line(text=text, x0=x0, top=top, font=font, size=10.5)


def summary(*pages: list[Line]) -> Summary:
    return Summary(
        document="test",
        pages=[
            Page(number=n, width=595.3, height=841.9, lines=lines)
            for n, lines in enumerate(pages, start=1)
        ],
    )


BASE = summary(
    [line("Title", top=80.0, font="Sans-Bold"), line("First line", top=100.0), line("Second")],
    [line("Page two", top=70.0)],
)


def changed(page: int, index: int, **values: object) -> Summary:
    other = copy.deepcopy(BASE)
    other["pages"][page]["lines"][index].update(values)  # type: ignore[typeddict-item]
    return other


def test_identical_summaries_match() -> None:
    assert differences(BASE, copy.deepcopy(BASE)) == []


def test_positions_within_tolerance_match() -> None:
    assert differences(BASE, changed(0, 1, x0=72.3, top=98.6)) == []


def test_a_moved_line_is_reported_with_page_line_and_distance() -> None:
    found = differences(BASE, changed(0, 1, top=102.0))
    assert found == ["page 1, line 2 'First line': moved: top 100.0 → 102.0 (Δ +2.0 pt)"]


def test_changed_text_shows_expected_and_actual() -> None:
    (found,) = differences(BASE, changed(0, 2, text="Secend"))
    assert found.startswith("page 1, line 3: differs")
    assert "expected: 'Second'" in found
    assert "actual:   'Secend'" in found


def test_changed_font_is_a_difference() -> None:
    (found,) = differences(BASE, changed(0, 0, font="Sans-Regular"))
    assert "Sans-Bold" in found
    assert "Sans-Regular" in found


def test_missing_and_extra_lines_and_pages_are_reported() -> None:
    fewer = copy.deepcopy(BASE)
    del fewer["pages"][0]["lines"][1]
    assert differences(BASE, fewer) == [
        "page 1, line 2: missing: 'First line' (Sans-Regular 10.5; x0=70.9 top=100.0)"
    ]
    one_page = summary(BASE["pages"][0]["lines"])
    found = differences(BASE, one_page)
    assert found[0] == "page count: expected 2, actual 1"
    assert found[1].startswith("page 2 (gone): 'Page two'")


def test_failure_message_names_the_golden_and_the_regeneration_command() -> None:
    message = report("seed", [f"difference {i}" for i in range(50)])
    assert "tests/goldens/expected/seed.json" in message
    assert "python3 tasks.py goldens" in message
    assert "… and 10 more" in message


def test_summary_of_the_seed_records_fonts_without_subset_prefix_and_bold_leads() -> None:
    result = summarise("astana-sco", build("astana-sco"))
    lines = [ln for page in result["pages"] for ln in page["lines"]]
    assert all("+" not in ln["font"] for ln in lines)
    mixed = [ln for ln in lines if "runs" in ln]
    assert any("Bold" in run[1] for ln in mixed for run in ln["runs"]), "no bold bullet lead"
    assert dumps(result).count("\n") > len(lines)  # one JSON line per PDF line
