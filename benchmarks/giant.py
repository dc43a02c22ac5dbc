"""Issue 14's two largest hostile reports, each under the 2 MB report limit, built whole by
``lagebericht build`` and measured (wall time, peak RSS of the build process):

- ``paragraph``: one paragraph of 1.9 MB of random German words of the German seed;
- ``bullets``: 100,000 bullet items of a few such words each.

    python -m benchmarks.giant paragraph|bullets [--runs 3] [--profile FILE]

``--profile`` builds once under cProfile instead and writes the stats to FILE (read them
with ``python -m pstats FILE``). The tests in tests/hostile/test_giant.py build the same
reports (``-m slow``) and hold them to 10 s and 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GERMAN_SEED = ROOT / "content" / "2024-07" / "astana-sco.de.md"
OFFICE = "name: Auslandsbüro Kasachstan\ncity: Astana\n"
FRONT = (
    "---\ndate: 2024-07-05\nlanguage: de\noffice: kasachstan\ntitle: Ein sehr langer Bericht\n"
    "---\n\n"
)
PARAGRAPH_BYTES = 1_900_000
BULLETS = 100_000


def _words() -> list[str]:
    body = GERMAN_SEED.read_text(encoding="utf-8").split("---\n", 2)[2]
    # Plain words only: no Markdown markup, footnote references or headings in the text.
    return [w for w in body.split() if w.isalpha()]


def paragraph_body(size: int = PARAGRAPH_BYTES) -> str:
    """One paragraph of ``size`` bytes (UTF-8) of the seed's German words in random order."""
    rnd = random.Random(14)
    words = _words()
    parts: list[str] = []
    length = 0
    while length < size:
        word = rnd.choice(words)
        parts.append(word)
        length += len(word.encode("utf-8")) + 1
    text = " ".join(parts)
    return text.encode("utf-8")[:size].decode("utf-8", "ignore").rsplit(" ", 1)[0] + "\n"


def bullets_body(count: int = BULLETS) -> str:
    """``count`` bullet items of one or two of the seed's German words each."""
    rnd = random.Random(14)
    words = _words()
    return "".join(
        "- " + " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 2))) + "\n"
        for _ in range(count)
    )


BODIES = {"paragraph": paragraph_body, "bullets": bullets_body}
REPORT = "content/2024-07/giant.md"


def write_report(root: Path, kind: str, body: str | None = None) -> Path:
    """The report of ``kind`` (or with ``body``) and its office file under ``root``;
    returns the report."""
    office = root / "content" / "offices" / "kasachstan.yaml"
    office.parent.mkdir(parents=True, exist_ok=True)
    office.write_text(OFFICE, encoding="utf-8")
    report = root / REPORT
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(FRONT + (body if body is not None else BODIES[kind]()), encoding="utf-8")
    return report


def _env() -> dict[str, str]:
    # A budget past the default 60 s: a slow build is measured, not stopped.
    return {**os.environ, "LAGEBERICHT_BUILD_SECONDS": "600"}


def measure(root: Path) -> dict[str, float]:
    """One ``lagebericht build`` of the report under ``root`` as a child process: wall
    and CPU seconds, and peak RSS (MB) of that child alone (run through a fresh interpreter, so
    that RUSAGE_CHILDREN holds only it)."""
    code = (
        "import json, resource, subprocess, sys, time\n"
        "started = time.monotonic()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'status': done.returncode, 'stderr': done.stderr[-2000:],\n"
        "                  'seconds': time.monotonic() - started,\n"
        "                  'cpu': usage.ru_utime + usage.ru_stime,\n"
        "                  'peak_mb': usage.ru_maxrss / 1024}))\n"
    )
    build = [sys.executable, "-m", "lagebericht", "build", REPORT, "-o", "out", "-j", "1"]
    done = subprocess.run(
        [sys.executable, "-c", code, *build], cwd=root, capture_output=True, text=True, env=_env()
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def _profile(root: Path, target: Path) -> None:
    import cProfile

    os.chdir(root)
    from lagebericht.cli import main

    profile = cProfile.Profile()
    profile.enable()
    status = main(["build", REPORT, "-o", "out", "-j", "1"])
    profile.disable()
    profile.dump_stats(str(target))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"status {status}, peak RSS {peak:.0f} MB (with cProfile), stats in {target}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=sorted(BODIES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="build once under cProfile")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lagebericht-giant-") as tmp:
        root = Path(tmp)
        write_report(root, args.kind)
        if args.profile is not None:
            os.environ.update(_env())
            _profile(root, args.profile.resolve())
            return 0
        for _ in range(args.runs):
            load = Path("/proc/loadavg").read_text().split()[0]
            result = measure(root)
            print(
                f"{args.kind}: status {result['status']:.0f}, {result['seconds']:.1f} s "
                f"({result['cpu']:.1f} s CPU), "
                f"peak RSS {result['peak_mb']:.0f} MB (load {load}, "
                f"{time.strftime('%H:%M:%S')})",
                flush=True,
            )
            if result["status"]:
                print(result["stderr"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
