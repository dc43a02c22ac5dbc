"""This tree against an earlier revision, measured in turn in one sitting: is it slower?

    python -m benchmarks.against REV [--rounds 5] [--copies 100] [--month 20]

Checks REV out into a temporary git worktree and measures both trees with this virtual
environment, alternating tree by tree in every round (so a busy moment hits both), in
CPU time (wall time on shared cores says little):

- the seed's whole process (``python -m lagebericht build SEED --force -j 1``, the
  child's CPU time: imports, theme, one build);
- the warm in-process build of the seed body ×``copies`` (median of 3 calls);
- a month of ``month`` distinct seed-sized reports built one after another in one
  process, as a batch worker builds them (median per report, the first left out).

Both trees get their bytecode compiled first: with ``PYTHONDONTWRITEBYTECODE`` set, a
fresh worktree would compile every module in every run. Prints a Markdown table of
medians and ranges and the ratio of this tree to REV.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import ROOT, write_month, write_scaled, write_seed

PYTHON = sys.executable
CHILD = Path(__file__).resolve().parent / "against_child.py"
MEASUREMENTS = ("seed, whole process", "×{copies}, build call, warm", "month, per report, warm")


@dataclass
class Tree:
    name: str
    path: Path
    samples: dict[str, list[float]] = field(default_factory=dict)
    """Seconds per sample, by measurement."""

    def add(self, measurement: str, seconds: float) -> None:
        self.samples.setdefault(measurement, []).append(seconds)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the revision to measure against (a commit, tag, branch)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of every measurement")
    parser.add_argument("--copies", type=int, default=100, help="seed body copies, in process")
    parser.add_argument("--month", type=int, default=20, help="reports of the month batch")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lagebericht-against-") as tmp:
        work = Path(tmp)
        other = work / "tree"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(other), args.rev],
            cwd=ROOT,
            check=True,
        )
        try:
            trees = [Tree(args.rev, other), Tree("this tree", ROOT)]
            _measure(trees, work, args.rounds, args.copies, args.month)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT)
    print(table(trees, args.copies))
    return 0


def _measure(trees: list[Tree], work: Path, rounds: int, copies: int, month: int) -> None:
    inputs = work / "in"
    seed = write_seed(inputs)
    scaled = write_scaled(inputs, copies)
    reports = write_month(inputs / "month", month)
    names = [m.format(copies=copies) for m in MEASUREMENTS]
    for tree in trees:
        _compile(tree.path)
    for number in range(1, rounds + 1):
        print(f"round {number} of {rounds} ...", file=sys.stderr)
        for tree in trees:
            out = work / "out" / tree.path.name
            out.mkdir(parents=True, exist_ok=True)
            tree.add(names[0], _whole_process(tree.path, seed, out))
            times = _child(tree.path, "inprocess", str(scaled), str(seed), str(out), "3")
            tree.add(names[1], statistics.median(times))
            times = _child(tree.path, "month", str(out), *map(str, reports))
            tree.add(names[2], statistics.median(times[1:] or times))


def _environment(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree)}


def _compile(tree: Path) -> None:
    env = {k: v for k, v in _environment(tree).items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(tree / "lagebericht")],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _whole_process(tree: Path, seed: Path, out: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [PYTHON, "-m", "lagebericht", "build", str(seed), "--force", "-j", "1", "-o", str(out)],
        cwd=tree,
        env=_environment(tree),
        check=True,
        capture_output=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _child(tree: Path, *args: str) -> list[float]:
    done = subprocess.run(
        [PYTHON, str(CHILD), *args],
        cwd=tree,
        env=_environment(tree),
        check=True,
        capture_output=True,
        text=True,
    )
    times: list[float] = json.loads(done.stdout)["times"]
    return times


def table(trees: Sequence[Tree], copies: int) -> str:
    """Medians (ranges) per measurement and tree, and the last tree's ratio to the first."""
    names = [m.format(copies=copies) for m in MEASUREMENTS]
    head = ["measurement (CPU)", *(tree.name for tree in trees), "ratio"]
    rows = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    for name in names:
        cells = [name]
        for tree in trees:
            values = tree.samples.get(name, [])
            cells.append(
                f"{1000 * statistics.median(values):.0f} ms "
                f"({1000 * min(values):.0f}–{1000 * max(values):.0f})"
                if values
                else "-"
            )
        first, last = trees[0].samples.get(name), trees[-1].samples.get(name)
        ratio = statistics.median(last) / statistics.median(first) if first and last else None
        cells.append(f"{ratio:.2f}×" if ratio is not None else "-")
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
