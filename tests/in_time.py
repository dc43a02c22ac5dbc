"""Inputs that once took time quadratic or worse in their length, run where a regression
fails by a timeout instead of hanging the tests."""

from __future__ import annotations

import subprocess
import sys


def finishes_within(seconds: float, script: str) -> None:
    """Run the Python ``script`` in a subprocess; fail if it raises or outlives ``seconds``
    (the fixed code takes a fraction of them, the broken one minutes or hours)."""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=seconds)
