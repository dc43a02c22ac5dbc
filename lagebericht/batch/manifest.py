"""The batch's entries in ``<output>/manifest.json`` (the file format: archive.manifest)."""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import lagebericht
from lagebericht.batch.planning import output_key
from lagebericht.build import BuildResult, Status
from lagebericht.output import folder_lock
from lagebericht.problems import Code, OutputError, Problem, Severity

if TYPE_CHECKING:
    from lagebericht.archive.manifest import ManifestEntry

MANIFEST_FILE = "manifest.json"


def update_manifest(
    results: Sequence[BuildResult],
    out_dir: Path,
    orphans: Collection[str] = (),
    root: Path | None = None,
) -> tuple[Problem, ...]:
    """Record this run in ``<out_dir>/manifest.json``: what was built replaces its entry,
    what failed (its PDF removed) leaves, and so do the ``orphans`` removed (output keys,
    see :mod:`lagebericht.batch.orphans`); warnings if the old manifest was unreadable.

    Sources are named relative to ``root`` (the project folder; default: the working
    folder), so a build run from a subfolder records the same names. The manifest is read
    and written under the folder's lock, so a build running beside this one keeps its
    entries."""
    return _update(results, out_dir, orphans, root, unless_unreadable=False)


def record_in_manifest(
    results: Sequence[BuildResult], out_dir: Path, root: Path | None = None
) -> tuple[Problem, ...]:
    """:func:`update_manifest` while the batch runs, so that a build ended midway leaves a
    manifest listing every PDF it recorded as built. An unreadable manifest is left alone
    (the problems say why): :func:`update_manifest` warns about it once the batch is done."""
    return _update(results, out_dir, (), root, unless_unreadable=True)


def _update(
    results: Sequence[BuildResult],
    out_dir: Path,
    orphans: Collection[str],
    root: Path | None,
    *,
    unless_unreadable: bool,
) -> tuple[Problem, ...]:
    from lagebericht.archive.manifest import merge, read_manifest, write_manifest

    if not out_dir.is_dir():
        return ()
    path = out_dir / MANIFEST_FILE
    new, removed = _changes(results, out_dir, root)
    with folder_lock(out_dir):
        old, warnings = read_manifest(path)
        if warnings and unless_unreadable:
            return warnings
        try:
            write_manifest(path, merge(old, new, [*removed, *orphans]))
        except OutputError as err:
            message = f"cannot write the manifest: {err.reason}"
            problem = Problem(path, None, None, message, Severity.WARNING, Code.MANIFEST)
            return (*warnings, problem)
    return warnings


def _changes(
    results: Sequence[BuildResult], out_dir: Path, root: Path | None
) -> tuple[dict[str, ManifestEntry], list[str]]:
    """The entries of the PDFs built and the output keys of the reports that failed."""
    from lagebericht.archive.manifest import ManifestEntry

    new: dict[str, ManifestEntry] = {}
    removed: list[str] = []
    for result in results:
        if result.output is None:
            continue
        key = output_key(out_dir, result.output)
        if result.status is Status.FAILED:
            removed.append(key)
        elif result.status is Status.BUILT and result.info is not None:
            info = result.info
            new[key] = ManifestEntry(
                source=Path(os.path.relpath(result.source, root)).as_posix(),
                output=key,
                sha256=info.sha256,
                size=info.size,
                pages=info.pages,
                title=info.title,
                office=info.office,
                date=info.date,
                language=info.language,
                report=info.label,
                toolkit=lagebericht.__version__,
                pdfa=info.pdfa,
                print=info.print,
                pdfua=info.pdfua,
            )
    return new, removed
