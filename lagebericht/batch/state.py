"""What the last build wrote into an output folder: per PDF, its inputs' fingerprint and hash.

Kept in ``<output>/.lagebericht-state.json``; a missing or unreadable state only means
that everything is rebuilt.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lagebericht.output import write_atomic

STATE_FILE = ".lagebericht-state.json"


@dataclass(frozen=True)
class Built:
    """One PDF as the last build left it."""

    fingerprint: str
    sha256: str


def read_state(out_dir: Path) -> dict[str, Built]:
    """The recorded PDFs by output path relative to ``out_dir`` (POSIX)."""
    try:
        raw = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
        return {
            key: Built(str(value["fingerprint"]), str(value["sha256"]))
            for key, value in raw["pdfs"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_state(out_dir: Path, pdfs: Mapping[str, Built]) -> None:
    data = {
        "pdfs": {
            key: {"fingerprint": b.fingerprint, "sha256": b.sha256}
            for key, b in sorted(pdfs.items())
        }
    }
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    write_atomic(out_dir / STATE_FILE, text.encode())
