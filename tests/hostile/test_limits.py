"""Limits: a 1,000-page report builds in bounded memory; inputs that would exhaust memory
are refused."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.hostile.conftest import write_tree

OFFICE = "name: Auslandsbüro Kasachstan\ncity: Astana\n"
PEAK_RSS_LIMIT_MB = 500  # measured: 1,045 pages, 177 MB peak, 48 s (2200 sections)

# Runs the build as its child and prints the child's peak resident memory, so that the
# figure is that build's alone (RUSAGE_CHILDREN of the test process would be the largest
# of all its children so far).
_MEASURE = """
import json, resource, subprocess, sys, time
started = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
print(json.dumps({"status": done.returncode, "stderr": done.stderr[-2000:],
                  "peak_mb": peak_kb / 1024, "seconds": time.monotonic() - started}))
"""


def _long_report(sections: int) -> str:
    paragraph = (
        "The member states have varying security priorities, and the organisation lacks a "
        "unified command structure and a rapid response capability, which limits its "
        "ability to respond to crises in the region[^n{n}]. "
    ) * 4
    parts = ["---\ndate: 2024-07-05\nlanguage: en\noffice: kasachstan\ntitle: Long\n---\n"]
    for n in range(sections):
        parts.append(f"## Section {n}\n\n" + paragraph.format(n=n) + "\n\n")
        parts.append(
            f"- **Lead {n}:** {paragraph.format(n=n).replace('[^n' + str(n) + ']', '')}\n\n"
        )
        parts.append(f"[^n{n}]: Note {n} with *italic* words.\n\n")
    return "".join(parts)


@pytest.mark.slow
def test_a_1000_page_report_builds_in_bounded_memory(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"content/offices/kasachstan.yaml": OFFICE, "content/long.md": _long_report(2200)},
    )
    build = [sys.executable, "-m", "lagebericht", "build", "content/long.md", "-o", "out"]
    env_limit = {"LAGEBERICHT_MAX_REPORT_BYTES": "20000000"}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *build],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=3600,
        env={**__import__("os").environ, **env_limit},
    )
    result = json.loads(done.stdout)
    assert result["status"] == 0, result["stderr"]
    pages = len(PdfReader(root / "out/long.pdf").pages)
    print(f"{pages} pages, peak RSS {result['peak_mb']:.0f} MB, {result['seconds']:.0f} s")
    assert pages >= 1000
    assert result["peak_mb"] < PEAK_RSS_LIMIT_MB


@pytest.mark.slow
def test_a_report_linked_to_an_endless_device(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"content/offices/kasachstan.yaml": OFFICE})
    (root / "content/zero.md").symlink_to("/dev/zero")
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))"
    code = f"{limit}; import sys; from lagebericht.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, "build", "content", "-o", "out", "-j", "1"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "content/zero.md: the file is a device, not a regular file" in done.stderr
    assert "internal error" not in done.stderr
