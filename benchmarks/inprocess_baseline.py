"""Runs in its own process: the bare-reportlab baseline script on SOURCE, timed warm (after
one untimed run), so its milliseconds per page can stand beside lagebericht's.

    python -m benchmarks.inprocess_baseline SOURCE OUT_PDF REPEATS

Prints one JSON object: the warm times, the page count and the process's peak RSS.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from benchmarks.baseline_reportlab import main as baseline


def main(argv: list[str]) -> int:
    source, target, repeats = Path(argv[0]), Path(argv[1]), int(argv[2])
    baseline(source, target)  # fonts registered, imports done: like a warm build call
    warm = []
    for _ in range(repeats):
        started = time.perf_counter()
        baseline(source, target)
        warm.append(time.perf_counter() - started)
    pages = len(PdfReader(target).pages)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"warm": warm, "pages": pages, "peak_kib": peak_kib}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
