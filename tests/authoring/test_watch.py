"""``lagebericht watch``: which reports a change rebuilds (pure), and bounded watch runs."""

from __future__ import annotations

import contextlib
import io
import json
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lagebericht.authoring.watch import (
    Builder,
    Built,
    Trouble,
    WatchedReport,
    WatchEvent,
    Watching,
    inputs_of,
    real,
    select_rebuilds,
    watch_builds,
    watch_roots,
)
from lagebericht.build import BuildResult, Status, build
from lagebericht.cli import main
from lagebericht.cli.authoring import watch_command
from lagebericht.cli.printer import Printer
from lagebericht.job import Job

from .conftest import OFFICE, REPORT, MakeTree, parse, run

TIMEOUT = 30.0
"""Seconds after which a watch test fails instead of hanging."""


def _job(name: str) -> Job:
    return Job(Path(f"/c/{name}.md"), Path(f"/o/{name}.pdf"))


def _watched(name: str, *inputs: str) -> WatchedReport:
    return WatchedReport(_job(name), frozenset({Path(f"/c/{name}.md"), *map(Path, inputs)}))


A = _watched("a", "/c/offices/k.yaml", "/c/data.csv")
B = _watched("b", "/c/offices/u.yaml")


def test_a_changed_report_rebuilds_only_itself() -> None:
    [rebuild] = select_rebuilds({Path("/c/b.md")}, [A, B])
    assert rebuild.job == B.job
    assert rebuild.because == (Path("/c/b.md"),)


def test_office_and_data_files_rebuild_their_reports() -> None:
    assert [r.job for r in select_rebuilds({Path("/c/offices/k.yaml")}, [A, B])] == [A.job]
    assert [r.job for r in select_rebuilds({Path("/c/data.csv")}, [A, B])] == [A.job]


def test_a_theme_change_rebuilds_everything_in_report_order() -> None:
    changed = {Path("/themes/x/theme.yaml")}
    rebuilds = select_rebuilds(changed, [B, A], shared=[Path("/themes")])
    assert [r.job for r in rebuilds] == [B.job, A.job]
    assert rebuilds[0].because == (Path("/themes/x/theme.yaml"),)


def test_unrelated_changes_rebuild_nothing() -> None:
    changed = {Path("/o/a.pdf"), Path("/c/offices/other.yaml"), Path("/c/notes.txt")}
    assert select_rebuilds(changed, [A, B], shared=[Path("/themes")]) == ()


def test_inputs_of_a_report(tree: MakeTree) -> None:
    root = tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/2024-07/a.md": REPORT.replace("title:", "data: [figures.csv]\ntitle:"),
            "content/2024-07/broken.md": "no front matter",
        }
    )
    content = real(root / "content")
    assert inputs_of(Path("content/2024-07/a.md")) == {
        content / "2024-07/a.md",
        content / "offices/kasachstan.yaml",
        content / "2024-07/figures.csv",  # missing yet: creating it must trigger a rebuild
    }
    assert inputs_of(Path("content/2024-07/broken.md")) == {content / "2024-07/broken.md"}


def test_watch_roots_are_existing_folders_none_inside_another(tmp_path: Path) -> None:
    for folder in ("content/2024-07", "content/offices", "elsewhere/data", "themes"):
        (tmp_path / folder).mkdir(parents=True)
    root = real(tmp_path)
    report = WatchedReport(
        _job("a"),
        frozenset({root / "content/2024-07/a.md", root / "elsewhere/data/x.csv", root / "gone/y"}),
    )
    roots = watch_roots([tmp_path / "content"], [report], [tmp_path / "themes"])
    assert roots == (root / "content", root / "elsewhere/data", root / "themes")


# --- bounded watch runs -----------------------------------------------------------------


def _fake_build(job: Job) -> BuildResult:
    return BuildResult(job.source, Status.BUILT, job.output)


def _consume(events: Iterator[WatchEvent], into: queue.Queue[WatchEvent | None]) -> None:
    try:
        for event in events:
            into.put(event)
    finally:
        into.put(None)  # the loop ended


def _next(
    events: queue.Queue[WatchEvent | None], kind: type, deadline: float, poke: Path | None = None
) -> WatchEvent:
    """The next event of ``kind``; ``poke`` is rewritten meanwhile, as the watcher may not yet
    have been listening when it was first saved."""
    while time.monotonic() < deadline:
        try:
            event = events.get(timeout=0.5)
        except queue.Empty:
            if poke is not None:
                poke.write_text(poke.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            continue
        assert event is not None, "the watch loop ended early"
        if isinstance(event, kind):
            return event
    pytest.fail(f"no {kind.__name__} event within {TIMEOUT} s")


@pytest.mark.parametrize("out_dir", [Path("output"), Path(".")])  # ".": around the inputs
def test_saving_an_office_file_rebuilds_its_report(tree: MakeTree, out_dir: Path) -> None:
    root = tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/offices/usbekistan.yaml": OFFICE,
            "content/2024-07/a.md": REPORT,
            "content/2024-07/b.md": REPORT.replace("kasachstan", "usbekistan"),
        }
    )
    events: queue.Queue[WatchEvent | None] = queue.Queue()
    stop = threading.Event()
    loop = watch_builds([Path("content")], out_dir, _fake_build, stop_event=stop, debounce_ms=100)
    thread = threading.Thread(target=_consume, args=(loop, events), daemon=True)
    thread.start()
    deadline = time.monotonic() + TIMEOUT
    try:
        first = [_next(events, Built, deadline), _next(events, Built, deadline)]
        assert [e.result.source for e in first if isinstance(e, Built)] == [
            Path("content/2024-07/a.md"),
            Path("content/2024-07/b.md"),
        ]
        watching = _next(events, Watching, deadline)
        assert isinstance(watching, Watching)
        assert real(root / "content") in watching.folders

        office = root / "content/offices/usbekistan.yaml"
        office.write_text(OFFICE + "web: https://example.org\n", encoding="utf-8")
        rebuilt = _next(events, Built, deadline, poke=office)
        assert isinstance(rebuilt, Built)
        assert rebuilt.result.source == Path("content/2024-07/b.md")
        assert rebuilt.because == (real(office),)
    finally:
        stop.set()
        thread.join(timeout=TIMEOUT)
    assert not thread.is_alive(), "the watch loop did not stop"


def test_watch_command_builds_prints_and_stops_cleanly(tree: MakeTree) -> None:
    root = tree({"content/offices/kasachstan.yaml": OFFICE, "content/2024-07/a.md": REPORT})
    stop = threading.Event()

    def build_then_stop(job: Job) -> BuildResult:
        stop.set()  # checked before watching starts: the command returns after this build
        return build(job)

    out, err = io.StringIO(), io.StringIO()
    args = parse(["watch"])
    status = watch_command(args, Printer(out, err), stop_event=stop, builder=build_then_stop)

    assert status == 0, err.getvalue()
    lines = out.getvalue().splitlines()
    assert lines[0].endswith(f"] built {Path('output/2024-07/a.pdf')}")
    assert lines[-1] == "stopped watching"
    assert (root / "output/2024-07/a.pdf").read_bytes().startswith(b"%PDF")


def test_watch_prints_the_problems_of_a_failed_build(tree: MakeTree) -> None:
    tree({"content/offices/kasachstan.yaml": OFFICE, "content/a.md": "---\ntitle: x\n---\n"})
    stop = threading.Event()

    def build_then_stop(job: Job) -> BuildResult:
        stop.set()
        return build(job)

    out, err = io.StringIO(), io.StringIO()
    status = watch_command(
        parse(["watch"]), Printer(out, err), stop_event=stop, builder=build_then_stop
    )

    assert status == 0
    assert "] failed content/a.md: 3 problems" in out.getvalue()
    assert "content/a.md:1:1: date: missing" in err.getvalue()


def test_ctrl_c_ends_watching_with_status_0(tree: MakeTree) -> None:
    tree({"content/offices/kasachstan.yaml": OFFICE, "content/a.md": REPORT})

    def interrupted(job: Job) -> BuildResult:
        raise KeyboardInterrupt

    out, err = io.StringIO(), io.StringIO()
    assert watch_command(parse(["watch"]), Printer(out, err), builder=interrupted) == 0
    assert out.getvalue() == "stopped watching\n"


def test_watch_of_a_missing_folder_is_a_usage_error(tree: MakeTree) -> None:
    tree({})
    ran = run(["watch", "nowhere"])
    assert ran.status == 2
    assert "nowhere: no such file or folder" in ran.err


def test_a_deleted_report_file_is_reported_and_rebuilt_when_it_returns(tree: MakeTree) -> None:
    root = tree({"content/offices/kasachstan.yaml": OFFICE, "content/a.md": REPORT})
    report = root / "content/a.md"
    events: queue.Queue[WatchEvent | None] = queue.Queue()
    stop = threading.Event()
    loop = watch_builds([Path("content/a.md")], Path("output"), _fake_build, stop_event=stop)
    thread = threading.Thread(target=_consume, args=(loop, events), daemon=True)
    thread.start()
    deadline = time.monotonic() + TIMEOUT
    try:
        _next(events, Watching, deadline)
        office = root / "content/offices/kasachstan.yaml"
        _next(events, Built, deadline, poke=office)  # now the watcher surely listens
        report.unlink()
        trouble = _next(events, Trouble, deadline)
        assert isinstance(trouble, Trouble)
        assert trouble.message == f"{Path('content/a.md')}: no such file or folder"
        report.write_text(REPORT, encoding="utf-8")
        rebuilt = _next(events, Built, deadline, poke=report)
        assert isinstance(rebuilt, Built) and rebuilt.because == (real(report),)
    finally:
        stop.set()
        thread.join(timeout=TIMEOUT)
    assert not thread.is_alive(), "the watch loop did not stop"


def test_watch_command_prints_a_line_per_rebuild(tree: MakeTree) -> None:
    root = tree({"content/offices/kasachstan.yaml": OFFICE, "content/2024-07/a.md": REPORT})
    office = root / "content/offices/kasachstan.yaml"
    out, err = io.StringIO(), io.StringIO()
    stop = threading.Event()

    def command() -> None:
        args = parse(["watch", "content", "-o", "pdf"])
        watch_command(
            args, Printer(out, err), stop_event=stop, builder=_fake_build, debounce_ms=100
        )

    thread = threading.Thread(target=command, daemon=True)
    thread.start()
    deadline = time.monotonic() + TIMEOUT
    try:
        while "rebuilt" not in out.getvalue():
            assert time.monotonic() < deadline, f"no rebuild within {TIMEOUT} s: {out.getvalue()}"
            if "watching" in out.getvalue():
                office.write_text(office.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            time.sleep(0.5)
    finally:
        stop.set()
        thread.join(timeout=TIMEOUT)
    assert not thread.is_alive(), "the watch command did not stop"
    rebuilt = next(line for line in out.getvalue().splitlines() if "rebuilt" in line)
    pdf, changed = Path("pdf/2024-07/a.pdf"), Path("content/offices/kasachstan.yaml")
    assert rebuilt.endswith(f"] rebuilt {pdf} ({changed} changed)")
    assert out.getvalue().endswith("stopped watching\n")


# --- planning as `build` plans ------------------------------------------------------------


def _watch_once(argv: list[str], builder: Builder | None = None) -> tuple[int, list[str]]:
    """``watch`` that stops after its first builds (the stop is checked before watching)."""
    stop = threading.Event()
    stop.set()
    out, err = io.StringIO(), io.StringIO()
    status = watch_command(parse(argv), Printer(out, err), stop_event=stop, builder=builder)
    assert err.getvalue() == ""
    return status, out.getvalue().splitlines()


def _build_json(*argv: str) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["build", "--json", "-j", "1", *argv]) == 0
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


def test_watch_builds_at_its_start_only_what_is_not_up_to_date(tree: MakeTree) -> None:
    root = tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/a.md": REPORT,
            "content/b.md": REPORT,
        }
    )
    assert _build_json()["built"] == 2
    (root / "content/b.md").write_text(REPORT + "\nOne more line.\n", encoding="utf-8")
    built: list[Path] = []

    def counting(job: Job) -> BuildResult:
        built.append(job.source)
        return build(job)

    status, lines = _watch_once(["watch"], counting)

    assert status == 0
    assert built == [Path("content/b.md")]
    assert lines[0].endswith(f"] up to date {Path('output/a.pdf')}")
    assert lines[1].endswith(f"] built {Path('output/b.pdf')}")


def test_build_after_watch_finds_what_watch_built_up_to_date(tree: MakeTree) -> None:
    tree({"content/offices/kasachstan.yaml": OFFICE, "content/a.md": REPORT})
    status, lines = _watch_once(["watch"])  # the real builder
    assert status == 0 and lines[0].endswith(f"] built {Path('output/a.pdf')}")

    summary = _build_json()
    assert (summary["built"], summary["up_to_date"]) == (0, 1)
    # And a second watch builds nothing either.
    assert _watch_once(["watch"])[1][0].endswith(f"] up to date {Path('output/a.pdf')}")


def test_a_strict_watch_plans_as_a_strict_build(tree: MakeTree) -> None:
    tree({"content/offices/kasachstan.yaml": OFFICE, "content/a.md": REPORT})
    _watch_once(["watch"])
    # Another mode, other PDFs: a strict build does not take the plain one as up to date.
    assert _build_json("--strict")["built"] == 1
    assert _watch_once(["watch", "--strict"])[1][0].endswith(
        "up to date " + str(Path("output/a.pdf"))
    )
