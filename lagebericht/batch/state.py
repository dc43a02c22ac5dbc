"""What the last build wrote into an output folder: per PDF, its inputs' fingerprint, its
hash and the report it was made from.

Kept in ``<output>/.lagebericht-state.json``; a missing or unreadable state only means
that everything is rebuilt (and that no PDF is known to be an orphan, see
:mod:`lagebericht.batch.orphans`).
"""

from __future__ import annotations

import json
import os
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
    source: str | None = None
    """The report it was made from, relative to the output folder (``../content/a.md``,
    POSIX; absolute where no relative path exists): right from whatever folder the next
    build runs in, and after the project is moved as a whole. ``None`` in a state written
    before sources were recorded."""


def recorded_source(out_dir: Path, source: Path) -> str:
    """``source`` as :attr:`Built.source` records it."""
    absolute = os.path.abspath(source)
    try:
        return Path(os.path.relpath(absolute, os.path.abspath(out_dir))).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return Path(absolute).as_posix()


def source_path(out_dir: Path, recorded: str) -> Path:
    """The source a :attr:`Built.source` names, in the form ``out_dir`` was given in
    (``output`` + ``../content/a.md`` → ``content/a.md``)."""
    return Path(os.path.normpath(out_dir / recorded))


def read_state(out_dir: Path) -> dict[str, Built]:
    """The recorded PDFs by output path relative to ``out_dir`` (POSIX)."""
    try:
        raw = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
        return {
            key: Built(
                str(value["fingerprint"]),
                str(value["sha256"]),
                value["source"] if isinstance(value.get("source"), str) else None,
            )
            for key, value in raw["pdfs"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_state(out_dir: Path, pdfs: Mapping[str, Built]) -> None:
    data = {
        "pdfs": {
            key: {"fingerprint": b.fingerprint, "sha256": b.sha256}
            | ({} if b.source is None else {"source": b.source})
            for key, b in sorted(pdfs.items())
        }
    }
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    write_atomic(out_dir / STATE_FILE, text.encode())
