"""What tagging costs (issue 16: at most 10 %): builds with and without it, in one process.

    python -m benchmarks.tagging [--runs 9] [--copies 10] [--json FILE]

Times are the process's CPU time. Tagged is what every build does: marked content
while the pages are drawn and the structure tree written with pikepdf. Untagged
(``Pipeline.for_theme(theme, tagged=False)``, there only for this measurement) draws the
same pages without marks and skips the pikepdf pass. Both alternate, warm, in one
process, on the seed and on its body ×``copies``; each is built once first, unmeasured,
so imports (pikepdf's too) and caches are loaded. Also printed: what importing pikepdf
costs a process, which every build now pays once.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.corpus import write_scaled, write_seed

LIMIT = 0.10  # issue 16, point 6


def _timed(source: Path, out_dir: Path, tagged: bool) -> float:
    from lagebericht.build import Pipeline, Status, build
    from lagebericht.job import Job
    from lagebericht.theme import load_theme

    pipeline = Pipeline.for_theme(load_theme(), tagged=tagged)
    job = Job(source, out_dir / f"{source.stem}-{'tagged' if tagged else 'plain'}.pdf")
    # CPU time of this process (qpdf runs in it too): the machine is shared, and other
    # processes' load would otherwise blur a difference of a few per cent.
    started = time.process_time()
    result = build(job, pipeline=pipeline)
    elapsed = time.process_time() - started
    if result.status is not Status.BUILT:
        raise SystemExit(f"benchmark: {source} failed: {result.problems}")
    return elapsed


def measure(source: Path, out_dir: Path, runs: int) -> dict[str, float]:
    """Median seconds of a warm build with and without tagging, and their ratio."""
    _timed(source, out_dir, True)
    _timed(source, out_dir, False)
    tagged: list[float] = []
    plain: list[float] = []
    for _ in range(runs):
        tagged.append(_timed(source, out_dir, True))
        plain.append(_timed(source, out_dir, False))
    on, off = statistics.median(tagged), statistics.median(plain)
    return {"tagged": on, "untagged": off, "cost": on / off - 1}


def pikepdf_import() -> float:
    """Seconds a fresh interpreter needs to import pikepdf (median of five)."""
    code = "import time; t = time.perf_counter(); import pikepdf; print(time.perf_counter() - t)"
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(5)
    ]
    return statistics.median(runs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.tagging", description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="measured builds of each kind")
    parser.add_argument("--copies", type=int, default=10, help="size of the scaled input")
    parser.add_argument("--json", type=Path, help="write the measurements to this file")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="lagebericht-bench-tags-") as tmp:
        work = Path(tmp)
        inputs = {
            "seed": write_seed(work / "seed"),
            f"seed body ×{args.copies}": write_scaled(work / "scaled", args.copies),
        }
        for name, source in inputs.items():
            results[name] = measure(source, work / "out", args.runs)
    importing = pikepdf_import()
    print("| input | tagged (ms) | untagged (ms) | tagging costs |")
    print("|---|---:|---:|---:|")
    for name, row in results.items():
        print(
            f"| {name} | {row['tagged'] * 1000:.0f} | {row['untagged'] * 1000:.0f} "
            f"| {row['cost']:+.1%} |"
        )
    print(f"\nimporting pikepdf, once per process: {importing * 1000:.0f} ms")
    worst = max(row["cost"] for row in results.values())
    verdict = "PASS" if worst <= LIMIT else "FAIL"
    print(
        f"- tagging costs at most {worst:+.1%} of a warm build (target <= {LIMIT:.0%}): {verdict}"
    )
    if args.json:
        document = {"inputs": results, "pikepdf_import": importing}
        args.json.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
