"""The lagebericht benchmark: one command, every measurement on the same content, one run.

    python -m benchmarks.run [--runs 7] [--month-runs 3] [--copies 1,10,50,100]
                             [--month-size 100] [--json FILE]

(or ``python3 tasks.py bench``). Prints a Markdown table of medians and whether each target
of issue 7 is met; ``--json`` also writes every single measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.corpus import ROOT, write_month, write_scaled, write_seed

PYTHON = sys.executable
BASELINE = Path(__file__).resolve().parent / "baseline_reportlab.py"

# Targets of issue 7 (2 cores).
RATIO_TARGET = 1.15
MS_PER_PAGE_TARGET = 8.0
PAGES_PER_SECOND_TARGET = 120.0
PEAK_MIB_TARGET = 80.0


@dataclass
class Row:
    name: str
    runs: list[float] = field(default_factory=list)
    """Seconds per run."""
    peaks: list[float] = field(default_factory=list)
    """Peak RSS per run, MiB."""
    pages: int = 0
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def peak(self) -> float:
        return max(self.peaks) if self.peaks else float("nan")


def _lagebericht() -> list[str]:
    script = Path(PYTHON).parent / "lagebericht"
    return [str(script)] if script.exists() else [PYTHON, "-m", "lagebericht"]


def _measure(command: Sequence[str], cache: Path | str | None = None) -> dict[str, Any]:
    """Runs ``command``; ``cache`` is its ``LAGEBERICHT_CACHE_DIR`` (the benchmark's own
    folder, or ``off``), so that no run depends on what the user's cache holds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if cache is not None:
        env["LAGEBERICHT_CACHE_DIR"] = str(cache)
    done = subprocess.run(
        [PYTHON, "-m", "benchmarks.measure", *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark: {' '.join(command)} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _mib(kib: float) -> float:
    return kib / 1024


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def _manifest_pages(out_dir: Path) -> int:
    entries = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    items = entries.get("reports", entries) if isinstance(entries, dict) else entries
    if isinstance(items, dict):
        items = list(items.values())
    return sum(int(item["pages"]) for item in items)


def whole_process(work: Path, seed: Path, runs: int) -> list[Row]:
    """The seed through ``lagebericht build`` (with the disk cache filled by a first,
    unmeasured build, and with it off: the first build on a machine), the baseline script,
    and the baseline script after importing the stack's libraries, in turn (so that a busy
    moment of the machine hits all alike)."""
    ours = Row("seed: `lagebericht build`, whole process")
    cold = Row("seed: `lagebericht build`, whole process, disk cache off")
    base = Row("seed: bare reportlab")
    stack = Row("seed: bare reportlab, importing the stack's libraries first")
    cache = work / "cache"
    command = [*_lagebericht(), "build", str(seed), "--jobs", "1", "-o"]
    _measure([*command, str(_fresh(work / "out-seed"))], cache)
    for _ in range(runs):
        for row, setting in ((ours, cache), (cold, "off")):
            got = _measure([*command, str(_fresh(work / "out-seed"))], setting)
            row.runs.append(got["wall"])
            row.peaks.append(_mib(got["peak_kib"]))
        got = _measure([PYTHON, str(BASELINE), str(seed), str(work / "baseline.pdf")])
        base.runs.append(got["wall"])
        base.peaks.append(_mib(got["peak_kib"]))
        # What no build on this stack can avoid: its libraries (validation, Markdown,
        # templates, YAML, dates, hyphenation) loaded, and at least the baseline's work.
        got = _measure(
            [PYTHON, str(BASELINE), "--with-stack", str(seed), str(work / "baseline.pdf")]
        )
        stack.runs.append(got["wall"])
        stack.peaks.append(_mib(got["peak_kib"]))
    ours.pages = cold.pages = _manifest_pages(work / "out-seed")
    base.pages = stack.pages = _pdf_pages(work / "baseline.pdf")
    base.note = "hand-written Platypus script, same fonts and text"
    return [ours, cold, base, stack]


def largest_whole(work: Path, copies: int, runs: int) -> Row:
    """The largest scaled report, one ``lagebericht build`` per process: its peak memory is
    that of building it (the in-process rows build it several times in one process)."""
    source = write_scaled(work / "scaled", copies)
    row = Row(f"scaling: seed body x{copies}, `lagebericht build`, whole process")
    for _ in range(max(3, runs // 2)):
        out = _fresh(work / "out-largest")
        got = _measure(
            [*_lagebericht(), "build", str(source), "-o", str(out), "--jobs", "1"],
            work / "cache",
        )
        row.runs.append(got["wall"])
        row.peaks.append(_mib(got["peak_kib"]))
        row.pages = _manifest_pages(out)
    return row


def _pdf_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def in_process(work: Path, seed: Path, runs: int) -> tuple[Row, Row]:
    """The build call alone: cold (first call of a process, one per process) and warm."""
    cold, warm = Row("seed: build call, cold (first in process)"), Row("seed: build call, warm")
    for _ in range(runs):
        got = _measure(
            [PYTHON, "-m", "benchmarks.inprocess", str(seed), str(work / "out-in"), "5"],
            work / "cache",
        )
        data = json.loads(got["stdout"])
        cold.runs.append(data["cold"])
        cold.peaks.append(_mib(got["peak_kib"]))
        warm.runs.append(statistics.median(data["warm"]))
        warm.peaks.append(_mib(got["peak_kib"]))
        cold.pages = warm.pages = data["pages"]
    return cold, warm


def scaling(work: Path, seed: Path, copies: Sequence[int], runs: int) -> list[Row]:
    """The seed body N times in one report, warm in-process (seed built first), one process
    per N so each N has its own peak memory."""
    rows = []
    for n in copies:
        source = write_scaled(work / "scaled", n)
        row = Row(f"scaling: seed body x{n}, build call, warm")
        repeats = runs if n <= 10 else max(3, runs // 2)
        got = _measure(
            [
                PYTHON,
                "-m",
                "benchmarks.inprocess",
                str(source),
                str(work / "out-scaled"),
                str(repeats),
                str(seed),
            ],
            work / "cache",
        )
        data = json.loads(got["stdout"])
        row.runs = data["warm"]
        row.peaks = [_mib(got["peak_kib"])]
        row.pages = data["pages"]
        rows.append(row)
    return rows


def floor(work: Path, copies: int, runs: int) -> Row:
    """The floor for ms/page: the bare-reportlab script on the same scaled input, warm."""
    source = write_scaled(work / "scaled", copies)
    name = f"scaling: seed body x{copies}, bare reportlab, warm"
    return _baseline_warm(name, source, work / "baseline-scaled.pdf", max(3, runs // 2))


def seed_floor(work: Path, seed: Path, runs: int) -> Row:
    """The bare-reportlab script on the seed, warm (fonts registered once): the engine's
    own time per seed-sized report, which bounds a month's pages per second."""
    name = "seed: bare reportlab, warm (fonts registered once)"
    return _baseline_warm(name, seed, work / "baseline-seed.pdf", max(10, runs))


def _baseline_warm(name: str, source: Path, target: Path, repeats: int) -> Row:
    got = _measure(
        [PYTHON, "-m", "benchmarks.inprocess_baseline", str(source), str(target), str(repeats)]
    )
    data = json.loads(got["stdout"])
    return Row(name, data["warm"], [_mib(got["peak_kib"])], data["pages"])


def month_floor(work: Path, size: int, runs: int) -> Row:
    """The baseline script over the month's reports in two processes at once (each
    registers its fonts once): bare reportlab's pages per second for the same month."""
    sources = sorted(str(p) for p in (work / "month").glob("*.md"))
    halves = [sources[0::2], sources[1::2]]
    row = Row(f"month: {size} reports, bare reportlab, 2 processes")
    for _ in range(runs):
        out = _fresh(work / "out-month-bare")
        out.mkdir(parents=True)
        started = time.perf_counter()
        running = [
            subprocess.Popen([PYTHON, str(BASELINE), "--each", str(out), *half], cwd=ROOT)
            for half in halves
        ]
        if any(process.wait() != 0 for process in running):
            raise SystemExit("benchmark: the baseline month failed")
        row.runs.append(time.perf_counter() - started)
        row.pages = sum(_pdf_pages(pdf) for pdf in out.glob("*.pdf"))
    return row


def month(work: Path, size: int, jobs: Sequence[int], runs: int) -> list[Row]:
    folder = work / "month"
    write_month(folder, size)
    rows = []
    for count in jobs:
        row = Row(f"month: {size} reports, `lagebericht build --jobs {count}`")
        for _ in range(runs):
            out = _fresh(work / f"out-month-{count}")
            got = _measure(
                [*_lagebericht(), "build", str(folder), "-o", str(out), "--jobs", str(count)],
                work / "cache",
            )
            row.runs.append(got["wall"])
            row.peaks.append(_mib(got["peak_kib"]))
            row.pages = _manifest_pages(out)
        rows.append(row)
    return rows


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import reportlab

        rl = reportlab.Version
    except ImportError:
        rl = "?"
    try:
        import reportlab.lib.rl_accel as accel

        accelerated = type(accel.fp_str).__name__ == "builtin_function_or_method"
    except ImportError:
        accelerated = False
    return (
        f"{os.cpu_count()} cores (nproc), {model}, Python {platform.python_version()}, "
        f"reportlab {rl} ({'with' if accelerated else 'without'} rl_accel), "
        f"{platform.system()} {platform.release()}"
    )


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| measurement | pages | median | runs | ms/page | pages/s | peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        per_page = 1000 * row.median / row.pages if row.pages else float("nan")
        rate = row.pages / row.median if row.median else float("nan")
        lines.append(
            f"| {row.name} | {row.pages} | {1000 * row.median:.0f} ms | {len(row.runs)} "
            f"| {per_page:.1f} | {rate:.0f} | {f'{row.peak:.0f} MiB' if row.peaks else '-'} |"
        )
    return "\n".join(lines)


def verdicts(
    seed: Sequence[Row],
    scaled: Sequence[Row],
    months: Sequence[Row],
    bare: Row | None = None,
    largest: Row | None = None,
    seed_bare: Row | None = None,
) -> list[str]:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    ours, cold, base, stack = seed
    ratio = ours.median / base.median
    out = [
        f"- whole build of the seed / bare reportlab: {ratio:.2f}x "
        f"(target <= {RATIO_TARGET}x): {verdict(ratio <= RATIO_TARGET)}",
        f"- the same, disk cache off (a machine's first build): {cold.median / base.median:.2f}x",
        f"- bare reportlab importing the stack's libraries / bare reportlab: "
        f"{stack.median / base.median:.2f}x (the floor of the first ratio on this stack)",
    ]
    biggest = max(scaled, key=lambda r: r.pages, default=None)
    if biggest is not None:
        per_page = 1000 * biggest.median / biggest.pages
        out.append(
            f"- {biggest.name}: {per_page:.1f} ms/page (target <= {MS_PER_PAGE_TARGET}): "
            f"{verdict(per_page <= MS_PER_PAGE_TARGET)}"
        )
        if largest is not None:
            out.append(
                f"- peak RSS of {largest.name}: {largest.peak:.0f} MiB "
                f"(target <= {PEAK_MIB_TARGET:.0f}): {verdict(largest.peak <= PEAK_MIB_TARGET)}"
            )
        out.append(f"- peak RSS of the in-process process for it: {biggest.peak:.0f} MiB")
        smallest = min(scaled, key=lambda r: r.pages)
        growth = (biggest.median / biggest.pages) / (smallest.median / smallest.pages)
        out.append(f"- ms/page at the largest / at the smallest size: {growth:.2f}x")
        if bare is not None:
            out.append(
                f"- {bare.name}: {1000 * bare.median / bare.pages:.1f} ms/page "
                "(the engine's own floor for the same text)"
            )
    for row in months:
        if "bare reportlab" in row.name:
            out.append(f"- {row.name}: {row.pages / row.median:.0f} pages/s (the engine's floor)")
        if "--jobs 2" in row.name:
            rate = row.pages / row.median
            out.append(
                f"- {row.name}: {rate:.0f} pages/s (target >= {PAGES_PER_SECOND_TARGET:.0f}): "
                f"{verdict(rate >= PAGES_PER_SECOND_TARGET)}"
            )
    if seed_bare is not None:
        ceiling = 2 * seed_bare.pages / seed_bare.median
        out.append(
            f"- bare reportlab's ceiling for a month on 2 cores (two workers that never wait, "
            f"no process start, {1000 * seed_bare.median:.0f} ms per seed): {ceiling:.0f} pages/s"
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.run", description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs of each seed measurement")
    parser.add_argument("--month-runs", type=int, default=3, help="runs of each month build")
    parser.add_argument("--copies", default="1,10,50,100", help="scaling sizes")
    parser.add_argument("--month-size", type=int, default=100, help="reports in the month")
    parser.add_argument("--jobs", default="1,2", help="--jobs values for the month")
    parser.add_argument("--json", type=Path, help="write all measurements to this file")
    args = parser.parse_args(argv)
    copies = [int(c) for c in args.copies.split(",") if c]
    jobs = [int(j) for j in args.jobs.split(",") if j]

    with tempfile.TemporaryDirectory(prefix="lagebericht-bench-") as tmp:
        work = Path(tmp)
        seed = write_seed(work / "seed")
        print(f"machine: {machine()}", file=sys.stderr, flush=True)
        print("seed, whole process ...", file=sys.stderr, flush=True)
        seed_rows = whole_process(work, seed, args.runs)
        print("seed, in process ...", file=sys.stderr, flush=True)
        cold, warm = in_process(work, seed, args.runs)
        print("scaling ...", file=sys.stderr, flush=True)
        scaled = scaling(work, seed, copies, args.runs)
        bare = floor(work, max(copies), args.runs) if copies else None
        largest = largest_whole(work, max(copies), args.runs) if copies else None
        seed_bare = seed_floor(work, seed, args.runs)
        print("month ...", file=sys.stderr, flush=True)
        months = month(work, args.month_size, jobs, args.month_runs)
        months.append(month_floor(work, args.month_size, args.month_runs))
        print("tagging ...", file=sys.stderr, flush=True)
        tags = subprocess.run(
            [PYTHON, "-m", "benchmarks.tagging", "--runs", str(args.runs)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    extra = [row for row in (bare, largest) if row is not None]
    rows = [*seed_rows, cold, warm, seed_bare, *scaled, *extra, *months]
    print(f"Machine: {machine()}\n")
    print(table(rows))
    print()
    print("\n".join(verdicts(seed_rows, scaled, months, bare, largest, seed_bare)))
    print(f"\nTagging (benchmarks/tagging.py):\n\n{tags}", end="")
    if args.json:
        args.json.write_text(
            json.dumps({"machine": machine(), "rows": [row.__dict__ for row in rows]}, indent=2),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
