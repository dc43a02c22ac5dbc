"""A build killed with SIGKILL midway leaves no partial PDF, and the next build recovers."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from lagebericht.output import remove_leftovers
from tests.cli.conftest import MakeTree

OFFICE = "name: Auslandsbüro Kasachstan\ncity: Astana\n"
BODY = "The member states met in Astana and agreed on many things. " * 120


def report(n: int) -> str:
    return (
        f"---\ndate: 2024-07-05\nlanguage: en\noffice: kasachstan\ntitle: Report {n}\n---\n\n"
        + f"{BODY}\n\n" * 3
    )


def test_sigkill_midway_leaves_only_whole_pdfs(tree: MakeTree) -> None:
    files = {"content/offices/kasachstan.yaml": OFFICE}
    files |= {f"content/r{n:02}.md": report(n) for n in range(30)}
    root = tree(files)
    cmd = [sys.executable, "-m", "lagebericht", "build", "content", "-j", "2"]
    proc = subprocess.Popen(
        cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((root / "output").glob("*.pdf"))) < 3:
        time.sleep(0.05)
    # Kill the whole process group (the workers too) in the middle of the batch.
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    pdfs = sorted((root / "output").glob("*.pdf"))
    assert 3 <= len(pdfs) < 30, "the kill was meant to land midway"
    for pdf in pdfs:  # every PDF under its final name is whole
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), pdf
    # Leftover .part files of the killed build are cleared by the next build…
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not list((root / "output").rglob("*.part"))
    assert len(list((root / "output").glob("*.pdf"))) == 30
    # …and what the killed build had recorded as finished is not built again.
    summary = re.search(r"(\d+) built, (\d+) up to date, 0 failed", done.stdout)
    assert summary is not None, done.stdout
    built, up_to_date = map(int, summary.groups())
    assert built + up_to_date == 30 and 1 <= up_to_date <= len(pdfs)


def test_part_files_of_a_live_build_are_left_alone(tmp_path: Path) -> None:
    mine = tmp_path / f".a.pdf.{os.getpid()}.xyz.part"
    dead = tmp_path / ".b.pdf.999999999.xyz.part"
    odd = tmp_path / ".c.pdf.part"
    for path in (mine, dead, odd):
        path.write_bytes(b"%PDF partial")
    assert remove_leftovers(tmp_path) == [dead]
    assert mine.exists() and odd.exists() and not dead.exists()
