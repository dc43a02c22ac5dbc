"""Profiles the warm in-process build of the seed body ×N (as ``inprocess.py`` times it):
the seed is built once first, then the scaled report under cProfile.

    python -m benchmarks.profile_build [--copies 20] [--repeats 1] [--limit 40]

Prints pstats sorted by own time, then by cumulative time. The build uses a disk cache
folder of its own (a temporary one), never the user's.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="seed body copies")
    parser.add_argument("--repeats", type=int, default=1, help="profiled builds")
    parser.add_argument("--limit", type=int, default=40, help="rows per table")
    args = parser.parse_args(argv)
    before = os.environ.get("LAGEBERICHT_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="lagebericht-profile-") as tmp:
        os.environ["LAGEBERICHT_CACHE_DIR"] = str(Path(tmp) / "cache")
        try:
            _profile(Path(tmp), args.copies, args.repeats, args.limit)
        finally:
            if before is None:
                del os.environ["LAGEBERICHT_CACHE_DIR"]
            else:
                os.environ["LAGEBERICHT_CACHE_DIR"] = before
    return 0


def _profile(work: Path, copies: int, repeats: int, limit: int) -> None:
    # imported here: the cache folder is set before lagebericht reads it
    from benchmarks.corpus import write_scaled, write_seed
    from lagebericht.build import Pipeline, Status, build
    from lagebericht.job import Job
    from lagebericht.theme import load_theme

    seed = write_seed(work / "in")
    source = write_scaled(work / "in", copies)
    pipeline = Pipeline.for_theme(load_theme())

    def once(path: Path) -> None:
        result = build(Job(path, work / f"{path.stem}.pdf"), pipeline=pipeline)
        if result.status is not Status.BUILT:
            raise SystemExit(f"profile: {path} failed: {result.problems}")

    once(seed)  # fonts, dictionaries and imports loaded: the build below is warm
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(repeats):
        once(source)
    profile.disable()
    stats = pstats.Stats(profile, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(limit)
    stats.sort_stats("cumtime").print_stats(limit)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
