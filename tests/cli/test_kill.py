"""A build killed with SIGKILL midway leaves no partial PDF, and the next build recovers."""

from __future__ import annotations

import ctypes
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from lagebericht.batch.state import read_state
from lagebericht.output import remove_leftovers, write_atomic
from tests.cli.conftest import MakeTree

# Process groups, signals and file locks are POSIX's (the Windows fallback is tested by
# posing as Windows).
fcntl = pytest.importorskip("fcntl", reason="POSIX only: process groups, signals, file locks")

OFFICE = "name: Auslandsbüro Kasachstan\ncity: Astana\n"
BODY = "The member states met in Astana and agreed on many things. " * 120


def report(n: int) -> str:
    return (
        f"---\ndate: 2024-07-05\nlanguage: en\noffice: kasachstan\ntitle: Report {n}\n---\n\n"
        + f"{BODY}\n\n" * 3
    )


# prctl option: orphaned descendants are re-parented to this process instead of PID 1.
PR_SET_CHILD_SUBREAPER = 36


def adopt_orphans(on: bool) -> bool:
    """Make this process the reaper of its orphaned descendants (Linux); True if it is."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0) == 0)


def reap_group(pgid: int) -> None:
    """Reap this process's children in process group ``pgid``, waiting for each to end."""
    while True:
        try:
            os.waitpid(-pgid, 0)
        except ChildProcessError:
            return


def test_sigkill_midway_leaves_only_whole_pdfs(tree: MakeTree) -> None:
    files = {"content/offices/kasachstan.yaml": OFFICE}
    files |= {f"content/r{n:02}.md": report(n) for n in range(30)}
    root = tree(files)
    cmd = [sys.executable, "-m", "lagebericht", "build", "content", "-j", "2"]
    # The killed build's workers lose their parent. Adopted by this test, they stay
    # zombies until it reaps them, as under a PID 1 that does not reap (containers): the
    # next build runs beside them, and the test leaves no zombie behind.
    adopted = adopt_orphans(True)
    try:
        proc = subprocess.Popen(
            cmd,
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        # A PDF is on disk before the build has recorded it (the worker writes it, then
        # the batch notes the result): under load, three PDFs may exist with none
        # recorded yet. Wait for both, so that the kill lands after a recorded report.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (
            len(list((root / "output").glob("*.pdf"))) >= 3 and read_state(root / "output")
        ):
            time.sleep(0.05)
        # Kill the whole process group (the workers too) in the middle of the batch.
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        adopt_orphans(False)  # those orphaned by now stay adopted
    try:
        check_the_killed_build(root, cmd, recorded=len(read_state(root / "output")))
    finally:
        reap_group(proc.pid)
    if adopted:
        with pytest.raises(ProcessLookupError):
            os.killpg(proc.pid, 0)  # no process of the killed build is left, not even a zombie


def check_the_killed_build(root: Path, cmd: list[str], recorded: int) -> None:
    """``recorded``: the reports the killed build had recorded as finished."""
    pdfs = sorted((root / "output").glob("*.pdf"))
    assert 3 <= len(pdfs) < 30, "the kill was meant to land midway"
    for pdf in pdfs:  # every PDF under its final name is whole
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), pdf
    # Leftover .part files of the killed build are cleared by the next build…
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not list((root / "output").rglob("*.part"))
    assert len(list((root / "output").glob("*.pdf"))) == 30
    # …and what the killed build had recorded as finished, and only that, is not built
    # again (a PDF it wrote but had not recorded yet is).
    summary = re.search(r"(\d+) built, (\d+) up to date, 0 failed", done.stdout)
    assert summary is not None, done.stdout
    built, up_to_date = map(int, summary.groups())
    assert built + up_to_date == 30
    assert 1 <= recorded <= len(pdfs)
    assert up_to_date == recorded


# A process that has begun writing a PDF the way a build does (write_atomic's own
# _new_part), then waits for its stdin to close.
WRITER = """
import sys
from pathlib import Path
from lagebericht.output import _new_part
handle, lock = _new_part(Path(sys.argv[1]))
handle.write(b"%PDF partial")
handle.flush()
print(handle.name, flush=True)
sys.stdin.read()
"""


@contextmanager
def writer_midway(target: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """The writer process and its ``.part`` file; the process is reaped at the end."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        yield proc, Path(proc.stdout.readline().strip())
    finally:
        proc.kill()
        proc.communicate()


def test_part_files_of_a_live_build_are_left_alone(tmp_path: Path) -> None:
    with writer_midway(tmp_path / "a.pdf") as (writer, part):
        assert part.parent == tmp_path and part.name.endswith(".part")
        assert remove_leftovers(tmp_path) == []
        assert part.exists()
        writer.communicate(input="")  # the writer ends, as a killed one would: unfinished
        assert writer.returncode == 0
        assert remove_leftovers(tmp_path) == [part]
        assert not part.exists()


@pytest.mark.skipif(not hasattr(os, "waitid"), reason="needs os.waitid to keep a zombie")
def test_part_files_of_a_killed_writer_are_removed_while_it_is_a_zombie(
    tmp_path: Path,
) -> None:
    # Where PID 1 does not reap (as in containers), a killed worker stays a zombie, and
    # os.kill(pid, 0) still finds it: its .part must go all the same.
    with writer_midway(tmp_path / "a.pdf") as (writer, part):
        writer.send_signal(signal.SIGKILL)
        # Wait for its end without reaping it: it stays a zombie.
        os.waitid(os.P_PID, writer.pid, os.WEXITED | os.WNOWAIT)
        os.kill(writer.pid, 0)  # the pid is still taken
        # The same file under the name the writer's pid used to be part of.
        named = part.with_name(f".a.pdf.{writer.pid}.xyz.part")
        part.rename(named)
        assert remove_leftovers(tmp_path) == [named]


def test_a_part_file_named_after_a_live_process_but_not_written_is_removed(
    tmp_path: Path,
) -> None:
    # A killed writer's pid reused by a live process (here: this one) says nothing.
    reused = tmp_path / f".a.pdf.{os.getpid()}.xyz.part"
    odd = tmp_path / "sub" / ".b.pdf.part"
    odd.parent.mkdir()
    for path in (reused, odd):
        path.write_bytes(b"%PDF partial")
    assert remove_leftovers(tmp_path) == [reused, odd]


@pytest.mark.parametrize("moment", ["before it opens it to lock", "before the lock is taken"])
def test_a_part_file_removed_before_its_writer_locked_it_is_made_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    made: list[str] = []
    real_temporary_file = tempfile.NamedTemporaryFile
    real_flock = fcntl.flock

    def cleaned_up(name: str) -> None:  # by a concurrent build, once
        if len(made) == 1:
            assert remove_leftovers(tmp_path) == [Path(name)]

    def new_file(**kwargs: Any) -> Any:
        handle = real_temporary_file(**kwargs)
        made.append(handle.name)
        if moment == "before it opens it to lock":
            cleaned_up(handle.name)
        return handle

    def flock(fd: int, operation: int) -> None:
        if operation == fcntl.LOCK_EX and moment == "before the lock is taken":
            cleaned_up(made[-1])
        real_flock(fd, operation)

    monkeypatch.setattr("lagebericht.output.tempfile.NamedTemporaryFile", new_file)
    monkeypatch.setattr("lagebericht.output.fcntl.flock", flock)
    write_atomic(tmp_path / "a.pdf", b"%PDF whole")
    assert len(made) == 2
    assert os.listdir(tmp_path) == ["a.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF whole"


def test_a_part_file_is_in_use_until_it_is_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace = os.replace

    def cleaned_up_first(src: Path, dst: Path) -> None:  # by a concurrent build
        assert remove_leftovers(tmp_path) == []
        replace(src, dst)

    monkeypatch.setattr("lagebericht.output.os.replace", cleaned_up_first)
    write_atomic(tmp_path / "a.pdf", b"%PDF whole")
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF whole"


def test_without_file_locks_only_old_part_files_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("lagebericht.output.sys.platform", "win32")
    fresh = tmp_path / ".a.pdf.abc.part"
    old = tmp_path / ".b.pdf.def.part"
    for path in (fresh, old):
        path.write_bytes(b"%PDF partial")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    assert remove_leftovers(tmp_path) == [old]
    assert fresh.exists()
