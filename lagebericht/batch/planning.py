"""Which reports of a batch need building: those whose inputs or PDF changed since the
last build into the same output folder."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lagebericht.batch.inputs import (
    file_sha256,
    fingerprint,
    read_inputs,
    theme_files,
    toolkit_fingerprint,
)
from lagebericht.batch.state import read_state
from lagebericht.job import Job

if TYPE_CHECKING:
    from lagebericht.theme import Theme


@dataclass(frozen=True)
class BatchOptions:
    jobs: int = 1
    """Worker processes (1: build in this process)."""
    force: bool = False
    """Rebuild even what is up to date."""
    strict: bool = False
    pdfa: bool = False
    debug: bool = False
    theme: Theme | None = None
    """The theme, loaded once for the batch (``None``: each build loads the default)."""


@dataclass(frozen=True)
class Planned:
    """A report of the batch and whether its PDF is still current."""

    job: Job
    fingerprint: str | None
    up_to_date: bool
    language: str | None = None
    """``language:`` of the front matter as written (the batch loads its dictionaries once)."""


def plan(
    jobs: Iterable[Job], out_dir: Path, options: BatchOptions, theme_folders: Sequence[Path]
) -> list[Planned]:
    """Which reports need building: those whose inputs or output changed since last time."""
    state = read_state(out_dir)
    # The toolkit and the theme are the same for every report: hashed once per batch.
    theme = fingerprint(theme_files(theme_folders), "")
    mode = f"{toolkit_fingerprint()} {theme} pdfa={options.pdfa} strict={options.strict}"
    planned = []
    for job in jobs:
        if job.blocked is not None or job.output is None:
            planned.append(Planned(job, None, False))
            continue
        inputs = read_inputs(job.source)
        current = fingerprint(inputs.files, mode)
        last = state.get(output_key(out_dir, job.output))
        up_to_date = (
            not options.force
            and last is not None
            and last.fingerprint == current
            and file_sha256(job.output) == last.sha256
        )
        planned.append(Planned(job, current, up_to_date, inputs.language))
    return planned


def output_key(out_dir: Path, output: Path) -> str:
    """``output`` as recorded in the state and the manifest: relative to ``out_dir``, POSIX."""
    try:
        return output.relative_to(out_dir).as_posix()
    except ValueError:
        return output.as_posix()
