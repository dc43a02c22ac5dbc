"""Runs one command as a child and prints its wall time and peak memory as JSON.

    python -m benchmarks.measure COMMAND ...

Peak memory is ``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the largest resident set of any
process below this one (for ``--jobs 2``: the largest single process, not their sum). A
fresh wrapper per measurement keeps one measurement's peak out of the next. The child's
standard output is passed on as ``stdout`` (the in-process benchmark's JSON).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        return done.returncode
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"wall": wall, "peak_kib": peak_kib, "stdout": done.stdout}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
