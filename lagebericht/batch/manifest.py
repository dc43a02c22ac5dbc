"""The batch's entries in ``<output>/manifest.json`` (the file format: archive.manifest)."""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path

import lagebericht
from lagebericht.batch.planning import output_key
from lagebericht.build import BuildResult, Status
from lagebericht.problems import Code, OutputError, Problem, Severity

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
    folder), so a build run from a subfolder records the same names."""
    from lagebericht.archive.manifest import ManifestEntry, merge, read_manifest, write_manifest

    if not out_dir.is_dir():
        return ()
    path = out_dir / MANIFEST_FILE
    old, warnings = read_manifest(path)
    new: dict[str, ManifestEntry] = {}
    removed: list[str] = list(orphans)
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
            )
    try:
        write_manifest(path, merge(old, new, removed))
    except OutputError as err:
        message = f"cannot write the manifest: {err.reason}"
        return (*warnings, Problem(path, None, None, message, Severity.WARNING, Code.MANIFEST))
    return warnings
