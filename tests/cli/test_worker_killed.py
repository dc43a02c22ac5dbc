"""A worker killed from outside (the out-of-memory killer sends SIGKILL) fails only the
report it was building: the batch says so and builds the others."""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_signals import alive, build_midway, group_members, pdfs

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Linux: /proc, process groups"
)

REPORTS = 12


def _busy_worker(batch: int) -> int:
    """A worker of the batch that is building: seen running (not waiting for work) in a
    few samples in a row, so not just taking its next report."""
    deadline = time.monotonic() + 30
    running: dict[int, int] = {}
    while time.monotonic() < deadline:
        members = group_members(batch)
        running = {
            pid: running.get(pid, 0) + 1
            for pid in alive(batch)
            if pid != batch and members.get(pid) == "R"
        }
        for pid, samples in running.items():
            if samples >= 3:
                return pid
        time.sleep(0.01)
    raise AssertionError("no worker was seen building")


def test_a_killed_worker_fails_its_report_and_the_batch_goes_on(tmp_path: Path) -> None:
    with build_midway(tmp_path, REPORTS) as proc:
        os.kill(_busy_worker(proc.pid), signal.SIGKILL)
        stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 1, stdout + stderr
    killed = re.findall(
        r"^content/r\d\d\.md: the process building it was killed \(SIGKILL",
        stderr,
        re.MULTILINE,
    )
    assert len(killed) == 1, stderr
    assert f"{REPORTS - 1} built, 0 up to date, 1 failed" in stdout, stdout
    assert len(pdfs(tmp_path / "output")) == REPORTS - 1
    assert "internal error" not in stderr
