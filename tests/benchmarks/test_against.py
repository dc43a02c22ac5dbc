"""benchmarks/against.py: this tree against an earlier revision, in turn, in CPU time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.against import CHILD, Tree, table
from benchmarks.corpus import ROOT, write_month, write_scaled, write_seed


def child(tmp_path: Path, *args: str) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LAGEBERICHT_CACHE_DIR": str(tmp_path / "c")}
    done = subprocess.run(
        [sys.executable, str(CHILD), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    times: list[float] = json.loads(done.stdout)["times"]
    return times


def test_the_child_times_each_build_call(tmp_path: Path) -> None:
    seed = write_seed(tmp_path / "in")
    scaled = write_scaled(tmp_path / "in", 2)
    out = tmp_path / "out"
    out.mkdir()
    times = child(tmp_path, "inprocess", str(scaled), str(seed), str(out), "2")
    assert len(times) == 2 and all(t > 0 for t in times)
    assert (out / "seed-x2.pdf").read_bytes().startswith(b"%PDF")
    reports = write_month(tmp_path / "month", 2)
    times = child(tmp_path, "month", str(out), *map(str, reports))
    assert len(times) == 2 and all(t > 0 for t in times)
    assert sorted(p.name for p in out.glob("report-*.pdf")) == ["report-001.pdf", "report-002.pdf"]


def test_a_failed_build_stops_the_child_with_its_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("no front matter\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LAGEBERICHT_CACHE_DIR": str(tmp_path / "c")}
    done = subprocess.run(
        [sys.executable, str(CHILD), "month", str(tmp_path), str(bad)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "against: " in done.stderr and "bad.md failed" in done.stderr


def test_the_table_gives_medians_ranges_and_the_ratio() -> None:
    old, new = Tree("abc1234", Path("old")), Tree("this tree", Path("new"))
    for seconds in (0.50, 0.70, 0.60):
        old.add("seed, whole process", seconds)
    for seconds in (0.66, 0.72, 0.90):
        new.add("seed, whole process", seconds)
    old.add("×100, build call, warm", 1.80)
    new.add("×100, build call, warm", 1.98)
    lines = table([old, new], 100).splitlines()
    assert lines[0] == "| measurement (CPU) | abc1234 | this tree | ratio |"
    assert lines[2] == "| seed, whole process | 600 ms (500–700) | 720 ms (660–900) | 1.20× |"
    assert (
        lines[3] == "| ×100, build call, warm | 1800 ms (1800–1800) | 1980 ms (1980–1980) | 1.10× |"
    )
    assert lines[4] == "| month, per report, warm | - | - | - |"
