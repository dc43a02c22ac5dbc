"""Runs in its own process: times the build call alone, cold (first in the process) and
warm (repeated), and prints one JSON object.

    python -m benchmarks.inprocess SOURCE OUT_DIR REPEATS [WARMUP_SOURCE]

With ``WARMUP_SOURCE`` that report is built once first (so fonts, dictionaries and imports
are loaded) and ``SOURCE`` is timed only warm.

The theme is loaded once, before the first timed call, and handed to every build, as
``lagebericht build`` does for a batch (until issue 7 each timed call loaded it twice).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    source, out_dir, repeats = Path(argv[0]), Path(argv[1]), int(argv[2])
    warmup = Path(argv[3]) if len(argv) > 3 else None
    # The CLI imports this much and loads the theme before it builds anything; the build
    # call imports the rest.
    from lagebericht.build import Pipeline, Status, build
    from lagebericht.job import Job
    from lagebericht.theme import load_theme

    pipeline = Pipeline.for_theme(load_theme())

    def once(path: Path) -> tuple[float, int]:
        job = Job(path, out_dir / (path.name.split(".")[0] + ".pdf"))
        started = time.perf_counter()
        result = build(job, pipeline=pipeline)
        elapsed = time.perf_counter() - started
        if result.status is not Status.BUILT or result.info is None:
            raise SystemExit(f"benchmark: {path} failed: {result.problems}")
        return elapsed, result.info.pages

    cold: float | None = None
    if warmup is not None:
        once(warmup)
    else:
        cold, _ = once(source)
    warm = []
    pages = 0
    for _ in range(repeats):
        elapsed, pages = once(source)
        warm.append(elapsed)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"cold": cold, "warm": warm, "pages": pages, "peak_kib": peak_kib}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
