"""Builds with and without the disk cache give the same bytes; a damaged entry is made
again; the German dictionary, the fonts' kerning, the logo and the compiled imprint templates
are kept in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GERMAN = ROOT / "content/2024-07/astana-sco.de.md"


def build(cache: str, out: Path) -> bytes:
    env = {"LAGEBERICHT_CACHE_DIR": cache, "PATH": "/usr/bin:/bin", "HOME": str(out)}
    done = subprocess.run(
        [sys.executable, "-m", "lagebericht", "build", str(GERMAN), "-o", str(out), "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return (out / "astana-sco.de.pdf").read_bytes()


def test_a_build_from_the_cache_gives_the_same_bytes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    without = build("off", tmp_path / "a")
    assert not cache.exists()
    first = build(str(cache), tmp_path / "b")
    kept = {p.parent.name for p in cache.rglob("*.pickle")}
    assert kept == {"hyphenation", "kerning", "logo"}
    assert len(list((cache / "templates").glob("*.cache"))) == 2  # imprint and licence
    again = build(str(cache), tmp_path / "c")
    for entry in [*cache.rglob("*.pickle"), *cache.rglob("*.cache")]:
        entry.write_bytes(entry.read_bytes()[:40])  # damaged: made again
    repaired = build(str(cache), tmp_path / "d")
    assert without == first == again == repaired
    assert build(str(cache), tmp_path / "e") == without
