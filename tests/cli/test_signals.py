"""Signals and concurrency: a build's workers end with it, an interrupted build leaves
records that match its PDFs, and builds side by side into one folder lose no record."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from lagebericht.batch.state import STATE_FILE
from tests.cli.conftest import MakeTree
from tests.cli.test_kill import BODY, OFFICE, adopt_orphans, reap_group, report

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Linux: /proc, prctl, process groups"
)

BUILD = [sys.executable, "-m", "lagebericht", "build"]


def long_report(n: int) -> str:
    """A report that takes a worker a while (the signals must land mid-build)."""
    return report(n) + f"{BODY}\n\n" * 8


def group_members(pgid: int) -> dict[int, str]:
    """The processes of process group ``pgid`` and their states (``Z``: a zombie)."""
    members = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        # pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid:
            members[int(entry.name)] = fields[0]
    return members


def alive(pgid: int) -> list[int]:
    return [pid for pid, state in group_members(pgid).items() if state not in "ZX"]


def pdfs(out: Path) -> list[Path]:
    return sorted(out.glob("*.pdf"))


@contextmanager
def build_midway(root: Path, reports: int) -> Iterator[subprocess.Popen[str]]:
    """A ``--jobs 2`` build of ``reports`` reports in its own process group, once it has
    written a few PDFs and both workers run; the group is reaped at the end (the workers
    are adopted by this process, as by a PID 1 that does not reap)."""
    files = {"content/offices/kasachstan.yaml": OFFICE}
    files |= {f"content/r{n:02}.md": long_report(n) for n in range(reports)}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    adopt_orphans(True)
    proc = subprocess.Popen(
        [*BUILD, "content", "-j", "2"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (
            len(pdfs(root / "output")) < 3 or len(alive(proc.pid)) < 3
        ):
            time.sleep(0.02)
        assert len(alive(proc.pid)) == 3, "the batch and its two workers"
        yield proc
    finally:
        end_group(proc)


def end_group(proc: subprocess.Popen[str]) -> None:
    """Stop adopting orphans; whatever is left of the group (workers that outlived the
    batch) goes, so that the test can reap it."""
    adopt_orphans(False)
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
    reap_group(proc.pid)


def wait_for_the_group_to_end(pgid: int, seconds: float) -> list[int]:
    """The processes of the group still alive after ``seconds`` at most."""
    deadline = time.monotonic() + seconds
    while (left := alive(pgid)) and time.monotonic() < deadline:
        time.sleep(0.02)
    return left


def rebuild(root: Path) -> tuple[int, int]:
    """Build again (no --force): (built, up to date)."""
    done = subprocess.run([*BUILD, "content", "-j", "2"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    summary = re.search(r"(\d+) built, (\d+) up to date, 0 failed", done.stdout)
    assert summary is not None, done.stdout
    built, up_to_date = map(int, summary.groups())
    return built, up_to_date


def listed(out: Path) -> dict[str, str]:
    """The manifest's PDFs and their SHA-256."""
    reports = json.loads((out / "manifest.json").read_text())["reports"]
    return {entry["output"]: entry["sha256"] for entry in reports}


def recorded(out: Path) -> dict[str, str]:
    state = json.loads((out / STATE_FILE).read_text())["pdfs"]
    return {key: value["sha256"] for key, value in state.items()}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sigkill_of_the_batch_ends_its_workers_and_a_rebuild_lists_every_pdf(
    tmp_path: Path,
) -> None:
    with build_midway(tmp_path, 12) as proc:
        os.kill(proc.pid, signal.SIGKILL)  # the batch only: nobody tells the workers
        proc.wait()
        assert wait_for_the_group_to_end(proc.pid, 5) == []
    out = tmp_path / "output"
    # What the killed build recorded is listed, and matches its PDF.
    assert recorded(out).items() <= listed(out).items()
    for key, digest in recorded(out).items():
        assert sha256(out / key) == digest
    built, up_to_date = rebuild(tmp_path)
    assert built + up_to_date == 12 and up_to_date >= 1
    assert sorted(listed(out)) == [p.name for p in pdfs(out)] and len(pdfs(out)) == 12


@pytest.mark.parametrize(
    ("signum", "group"),
    [(signal.SIGINT, True), (signal.SIGTERM, False)],
    ids=["ctrl-c", "sigterm"],
)
def test_an_interrupted_build_stops_at_once_and_records_what_it_wrote(
    tmp_path: Path, signum: int, group: bool
) -> None:
    with build_midway(tmp_path, 12) as proc:
        sent = time.monotonic()
        # Ctrl-C in a terminal reaches the whole process group; `kill` only the batch.
        (os.killpg if group else os.kill)(proc.pid, signum)
        _, err = proc.communicate(timeout=10)
        assert time.monotonic() - sent < 2
        assert proc.returncode == 130
        assert err.strip().splitlines() == ["lagebericht: interrupted"]
        assert wait_for_the_group_to_end(proc.pid, 2) == []
    out = tmp_path / "output"
    written = pdfs(out)
    # (A PDF renamed into place just before the signal, its result not yet in, is gone.)
    assert 1 <= len(written) < 12, "the signal was meant to land midway"
    # Every PDF left is whole, recorded and listed, with its own hash.
    for pdf in written:
        assert recorded(out)[pdf.name] == listed(out)[pdf.name] == sha256(pdf)
    assert not list(out.glob(".*.part"))
    assert rebuild(tmp_path) == (12 - len(written), len(written))
    assert sorted(listed(out)) == [p.name for p in pdfs(out)]


def test_builds_side_by_side_into_one_folder_keep_every_record(tree: MakeTree) -> None:
    files = {"content/offices/kasachstan.yaml": OFFICE}
    for part in "ab":
        files |= {f"content/{part}/{part}{n}.md": report(n) for n in range(6)}
    root = tree(files)
    for _ in range(3):
        builds = [
            subprocess.Popen(
                [*BUILD, f"content/{part}", "-o", "output", "-j", "1", "--force"],
                cwd=root,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for part in "ab"
        ]
        for build in builds:
            _, err = build.communicate(timeout=120)
            assert build.returncode == 0, err
        out = root / "output"
        expected = sorted(f"{part}{n}.pdf" for part in "ab" for n in range(6))
        assert sorted(recorded(out)) == expected
        assert sorted(listed(out)) == expected


def test_ctrl_c_while_the_workers_start_leaves_no_traceback_and_no_process(
    tree: MakeTree,
) -> None:
    files = {"content/offices/kasachstan.yaml": OFFICE}
    root = tree(files | {f"content/r{n}.md": report(n) for n in range(4)})
    for _ in range(5):
        proc = subprocess.Popen(
            [*BUILD, "content", "-j", "2", "--force"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        adopt_orphans(True)
        try:
            # As soon as the first worker is forked, before it could set itself up.
            while len(alive(proc.pid)) < 2 and proc.poll() is None:
                time.sleep(0.001)
            os.killpg(proc.pid, signal.SIGINT)
            _, err = proc.communicate(timeout=10)
            assert "Traceback" not in err
            assert wait_for_the_group_to_end(proc.pid, 2) == []
        finally:
            end_group(proc)
