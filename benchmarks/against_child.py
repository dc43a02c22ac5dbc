"""Runs in its own process, for :mod:`benchmarks.against`: builds with whichever
lagebericht ``PYTHONPATH`` puts first and prints one JSON object of CPU times (seconds).

    python benchmarks/against_child.py inprocess SCALED SEED OUT_DIR REPEATS
    python benchmarks/against_child.py month OUT_DIR REPORT...

``inprocess``: the seed once (imports, fonts, dictionaries), then ``SCALED`` ``REPEATS``
times, each build call timed. ``month``: the reports one after another in this process,
as a batch worker builds them, each timed (the first is the cold one).

It imports nothing from the benchmarks package and only what every lagebericht since the
batch pipeline has (``build``, ``Job``, ``Pipeline.for_theme``, ``load_theme``), so that
an older tree can be measured with it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def main(argv: list[str]) -> int:
    from lagebericht.build import Pipeline, build
    from lagebericht.job import Job
    from lagebericht.theme import load_theme

    pipeline = Pipeline.for_theme(load_theme())

    def once(source: Path, out_dir: Path) -> float:
        started = time.process_time()
        result: Any = build(Job(source, out_dir / f"{source.stem}.pdf"), pipeline=pipeline)
        spent = time.process_time() - started
        if result.info is None:
            raise SystemExit(f"against: {source} failed: {result.problems}")
        return spent

    if argv[0] == "inprocess":
        scaled, seed, out_dir, repeats = Path(argv[1]), Path(argv[2]), Path(argv[3]), int(argv[4])
        once(seed, out_dir)
        times = [once(scaled, out_dir) for _ in range(repeats)]
    elif argv[0] == "month":
        out_dir = Path(argv[1])
        times = [once(Path(source), out_dir) for source in argv[2:]]
    else:
        raise SystemExit(f"against: unknown measurement {argv[0]!r}")
    print(json.dumps({"times": times}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
