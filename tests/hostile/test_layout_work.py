"""Long tables and many footnotes take work in proportion to their size (counted in steps,
not timed); the full sizes of the issue, timed, under ``slow``."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus import Table as RLTable

from lagebericht.layout import tables as tables_module
from lagebericht.layout.footnotes import references_in
from lagebericht.layout.tables import NotedTable
from lagebericht.validate.body import parse_body
from tests.hostile.conftest import write_tree
from tests.hostile.corpus import OFFICE, OFFICE_FILE, REPORT, front
from tests.hostile.work import lines_run


def _notes(n: int) -> str:
    refs = "".join(f"Text[^n{i}].\n\n" for i in range(n))
    return refs + "".join(f"[^n{i}]: Note {i}.\n\n" for i in range(n))


def test_footnotes_are_ordered_in_linear_work() -> None:
    def lines(n: int) -> int:
        body = _notes(n)
        return lines_run(lambda: parse_body(Path("r.md"), body, 8))

    small, large = lines(100), lines(400)
    assert large < 5 * small, (small, large)


def test_notes_keep_the_order_of_their_first_reference() -> None:
    body = parse_body(Path("r.md"), "A[^b] B[^a] C[^b].\n\n[^a]: Eins.\n\n[^b]: Zwei.\n", 8)
    assert [(note.label, note.number) for note in body.footnotes] == [("b", 1), ("a", 2)]


def _pages_of(table: NotedTable, height: float = 100) -> list[tuple[int, ...]]:
    """The references of each page's part as the frame asks for them: the part left is
    asked again after every page."""
    asked = [table.footnote_references()]
    part = table
    while True:
        part.wrap(300, height)
        parts = part.split(300, height)
        if len(parts) < 2:
            return asked
        part = parts[1]
        asked.append(part.footnote_references())


@pytest.mark.parametrize("noted", [False, True], ids=["no-notes", "a-note"])
def test_each_cell_of_a_long_table_is_searched_for_notes_once(
    monkeypatch: pytest.MonkeyPatch, noted: bool
) -> None:
    searched = 0
    search = references_in

    def counted(flowable: Flowable) -> tuple[int, ...]:
        nonlocal searched
        searched += 1
        return search(flowable)

    monkeypatch.setattr(tables_module, "references_in", counted)
    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
    rows = 400
    last = '<a href="#fn-1">1</a>' if noted else "v"
    data = [
        [Paragraph(f"r{i}", style), Paragraph(last if i == rows - 1 else "v", style)]
        for i in range(rows)
    ]
    pages = _pages_of(NotedTable(data))
    assert len(pages) > 20
    assert searched <= 2 * rows, searched
    # Every part left still tells the note of its last row.
    assert all(page == ((1,) if noted else ()) for page in pages)


def _table(rows: int, kind: type[RLTable] = NotedTable) -> RLTable:
    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
    words = ["kurz", "ein etwas längerer Text, der umbricht " * 2]
    data = [[Paragraph(f"r{i}", style), Paragraph(words[i % 2], style)] for i in range(rows)]
    return kind(data, colWidths=[60, 120], repeatRows=1)


def test_each_row_of_a_long_table_is_measured_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # reportlab measured the rows left after each page again, every one of them.
    measured = 0
    measure = RLTable._listCellGeom

    def counted(self: RLTable, *args: object, **kwargs: object) -> object:
        nonlocal measured
        measured += 1
        return measure(self, *args, **kwargs)

    monkeypatch.setattr(RLTable, "_listCellGeom", counted)
    rows = 600
    table = _table(rows)
    assert isinstance(table, NotedTable)
    assert len(_pages_of(table, 700)) > 10
    assert measured <= 2 * rows, measured  # two cells a row


def test_row_heights_are_reportlab_s_own() -> None:
    ours, theirs = _table(50), _table(50, RLTable)
    ours.wrap(180, 1e6)
    theirs.wrap(180, 1e6)
    assert ours._rowHeights == theirs._rowHeights


# The sizes: a table of 10,000 rows, 10,000 notes.
FULL = {
    "table": "| a | b |\n|---|---|\n" + "".join(f"| r{i} | v{i} |\n" for i in range(10_000)),
    "notes": _notes(10_000),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", FULL)
def test_full_size_builds_in_bounded_time(tmp_path: Path, kind: str) -> None:
    root = write_tree(tmp_path, {OFFICE_FILE: OFFICE, REPORT: front() + "\n" + FULL[kind]})
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "lagebericht", "build", REPORT, "-o", "out", "-j", "1"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert seconds < 20, seconds
