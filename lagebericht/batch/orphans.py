"""Orphans: PDFs an earlier build made from a report that is gone (deleted or renamed).

Left in place, an orphan would stay in the output folder and its manifest for ever, and be
archived as if it were current. After a build, every PDF the state records whose source no
longer exists is removed, with its state entry (its manifest entry goes with the manifest
update, :func:`lagebericht.batch.manifest.update_manifest`).

Only reports below the folders this build searched are judged: a build of
``content/2024-07`` leaves the PDFs of ``content/2024-08`` alone, and a build of files named
one by one judges nothing. A PDF whose bytes are no longer those the build wrote is not the
build's to delete, and neither is a file the state does not record (or records without
its source, as states written before sources were recorded do).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lagebericht.batch.inputs import file_sha256
from lagebericht.batch.planning import output_key
from lagebericht.batch.state import Built, read_state, source_path, write_state
from lagebericht.job import Job
from lagebericht.output import describe, folder_lock, safe_join
from lagebericht.problems import Code, OutputError, Problem, Severity


@dataclass(frozen=True)
class Orphan:
    """A recorded PDF whose source is gone, and what became of it."""

    key: str
    """Its path below the output folder (POSIX), as in the state and the manifest."""
    output: Path
    source: Path
    """The report it was made from, which no longer exists."""
    removed: bool
    kept_because: str | None = None
    """Why it is still there (``--keep-orphans``, changed since it was built, …)."""


@dataclass(frozen=True)
class Sweep:
    """The orphans of one build, and what went wrong while removing them."""

    orphans: tuple[Orphan, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def removed(self) -> tuple[str, ...]:
        """Output keys whose PDF and records are gone (for the manifest)."""
        return tuple(o.key for o in self.orphans if o.removed)


def sweep_orphans(
    out_dir: Path, folders: Sequence[Path], jobs: Iterable[Job], *, keep: bool = False
) -> Sweep:
    """Remove (unless ``keep``) the orphans among the PDFs recorded in ``out_dir`` whose
    source lay below one of ``folders``. The outputs of ``jobs`` (the reports found) are
    never orphans: a renamed ``a.md`` → ``a.md.j2`` makes the same ``a.pdf``."""
    if not folders or not out_dir.is_dir():
        return Sweep()
    # The state is read and rewritten whole: a build beside this one waits meanwhile.
    with folder_lock(out_dir):
        return _sweep(out_dir, folders, jobs, keep)


def _sweep(out_dir: Path, folders: Sequence[Path], jobs: Iterable[Job], keep: bool) -> Sweep:
    current = {output_key(out_dir, job.output) for job in jobs if job.output is not None}
    state = read_state(out_dir)
    found = [
        (key, built, source)
        for key, built in sorted(state.items())
        if key not in current and (source := _gone_source(out_dir, built, folders)) is not None
    ]
    orphans: list[Orphan] = []
    problems: list[Problem] = []
    for key, built, source in found:
        try:
            output = safe_join(out_dir, PurePosixPath(key))
        except OutputError:
            continue  # a key pointing outside the folder was not written by a build
        if keep:
            orphans.append(Orphan(key, output, source, False, "--keep-orphans"))
            continue
        orphan, problem = _remove(key, output, source, built)
        orphans.append(orphan)
        if problem is not None:
            problems.append(problem)
    removed = [o.key for o in orphans if o.removed]
    if removed:
        try:
            write_state(out_dir, {k: b for k, b in state.items() if k not in removed})
        except OutputError as err:
            message = f"cannot record the removal of orphans: {err.reason}"
            problems.append(Problem(err.path, None, None, message, Severity.WARNING, Code.ORPHAN))
    return Sweep(tuple(orphans), tuple(problems))


def _gone_source(out_dir: Path, built: Built, folders: Sequence[Path]) -> Path | None:
    """The recorded source if it lay below one of ``folders`` and no longer exists."""
    if built.source is None:
        return None
    source = source_path(out_dir, built.source)
    absolute = Path(os.path.abspath(source))
    below = any(absolute.is_relative_to(os.path.abspath(folder)) for folder in folders)
    if not below or source.exists() or source.is_symlink():
        return None
    return source


def _remove(key: str, output: Path, source: Path, built: Built) -> tuple[Orphan, Problem | None]:
    if output.is_symlink() or (output.exists() and file_sha256(output) != built.sha256):
        because = "it is no longer the PDF the build made, so it is not the build's to delete"
        return Orphan(key, output, source, False, because), None
    try:
        output.unlink(missing_ok=True)
    except OSError as err:
        reason = describe(err)
        message = f"cannot remove this orphan (its source {source} is gone): {reason}"
        problem = Problem(output, None, None, message, Severity.WARNING, Code.ORPHAN)
        return Orphan(key, output, source, False, f"cannot remove it: {reason}"), problem
    return Orphan(key, output, source, True), None
