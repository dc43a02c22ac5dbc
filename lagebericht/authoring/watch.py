"""``lagebericht watch``: build, then rebuild each report whenever one of its inputs is saved.

At the start only the reports that are not up to date are built, decided as ``build``
decides (the state file in the output folder); every build is recorded there, so that a
later ``build`` finds the PDFs watch wrote up to date.

The decision what to rebuild (:func:`select_rebuilds`) is a pure function; the loop
(:func:`watch_builds`) yields what happened as values, and the command prints them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lagebericht.batch.discover import discover
from lagebericht.job import Job
from lagebericht.problems import Problem, UsageError

if TYPE_CHECKING:
    from lagebericht.batch.planning import BatchOptions, ChooseTheme, Planned
    from lagebericht.build import BuildResult

Builder = Callable[[Job], "BuildResult"]


def real(path: Path | str) -> Path:
    """Absolute, symbolic links resolved: the form in which paths are compared here."""
    return Path(os.path.realpath(path))


@dataclass(frozen=True)
class WatchedReport:
    """A report to build and the files its build reads (besides the theme)."""

    job: Job
    inputs: frozenset[Path]
    """The report file, its office file and its data files, as :func:`real` paths."""


@dataclass(frozen=True)
class Rebuild:
    """A report to build again, and the changed paths that are the reason."""

    job: Job
    because: tuple[Path, ...]


def inputs_of(source: Path) -> frozenset[Path]:
    """The files a build of ``source`` reads besides the theme (its office and data files
    included, whether they exist yet or not: creating a missing one must trigger a rebuild)."""
    from lagebericht.batch.inputs import report_inputs

    return frozenset(real(path) for path in report_inputs(source))


def select_rebuilds(
    changed: Iterable[Path], reports: Sequence[WatchedReport], shared: Iterable[Path] = ()
) -> tuple[Rebuild, ...]:
    """The reports to rebuild after ``changed`` (all :func:`real` paths), in report order.

    A report is rebuilt when one of its inputs changed; every report is rebuilt when
    something inside a ``shared`` folder (the themes) changed.
    """
    changed = sorted(set(changed))
    folders = tuple(shared)
    everyone = tuple(p for p in changed if any(p.is_relative_to(f) for f in folders))
    rebuilds = []
    for watched in reports:
        because = tuple(p for p in changed if p in watched.inputs) + everyone
        if because:
            rebuilds.append(Rebuild(watched.job, because))
    return tuple(rebuilds)


def watch_roots(
    paths: Iterable[Path], reports: Iterable[WatchedReport], shared: Iterable[Path] = ()
) -> tuple[Path, ...]:
    """The existing folders to watch, none inside another: the PATH folders (the folder of
    a PATH file), the folders of all inputs, and ``shared``."""
    candidates = {real(p) if p.is_dir() else real(p).parent for p in paths}
    candidates.update(path.parent for watched in reports for path in watched.inputs)
    candidates.update(real(folder) for folder in shared)
    existing = sorted(folder for folder in candidates if folder.is_dir())
    roots: list[Path] = []
    for folder in existing:  # sorted: a parent comes before what is inside it
        if not any(folder.is_relative_to(root) for root in roots):
            roots.append(folder)
    return tuple(roots)


def theme_folders() -> tuple[Path, ...]:
    """Folders whose changes affect every report: the toolkit's themes."""
    from lagebericht.theme.load import THEMES_DIR

    return (real(THEMES_DIR),)


@dataclass(frozen=True)
class Built:
    """One report was built (``because`` is empty for the first build)."""

    result: BuildResult
    because: tuple[Path, ...] = ()


@dataclass(frozen=True)
class UpToDate:
    """One report was not built at the start: its PDF is up to date."""

    job: Job


@dataclass(frozen=True)
class Tracking:
    """What ``build`` plans with: its options (strict, PDF/A) and each report's theme
    (``choose``), or one theme's folders for all."""

    options: BatchOptions
    choose: ChooseTheme | None = None
    theme_folders: tuple[Path, ...] = ()
    root: Path | None = None
    """The project folder: the manifest names sources relative to it, as ``build`` does."""


@dataclass(frozen=True)
class Watching:
    """Waiting for changes in these folders (again after the set of folders changed)."""

    folders: tuple[Path, ...]


@dataclass(frozen=True)
class Trouble:
    """Reports could not be found (a folder unreadable, a PATH deleted); watching goes on."""

    problems: tuple[Problem, ...] = ()
    message: str | None = None
    """A problem with a PATH argument itself (``content/a.md: no such file or folder``)."""


WatchEvent = Built | UpToDate | Watching | Trouble


def _survey(paths: Sequence[Path], out_dir: Path) -> tuple[list[WatchedReport], list[Problem]]:
    found = discover(paths, out_dir)
    reports = [WatchedReport(job, inputs_of(job.source)) for job in found.jobs]
    return reports, list(found.problems)


def watch_builds(
    paths: Sequence[Path],
    out_dir: Path,
    builder: Builder,
    *,
    tracking: Tracking | None = None,
    stop_event: threading.Event | None = None,
    debounce_ms: int = 1600,
    shared: Sequence[Path] | None = None,
) -> Iterator[WatchEvent]:
    """Build every report under ``paths``, then rebuild on changes until ``stop_event`` is
    set (or Ctrl-C, which raises :class:`KeyboardInterrupt` from the iteration).

    With ``tracking``, the reports up to date are not built at the start, and every build
    is recorded in the output folder's state (without, every report is built, nothing kept).

    Raises :class:`UsageError` if ``paths`` are unusable at the start; later (a PATH
    deleted while watching) that becomes a :class:`Trouble` and watching goes on.
    A change inside a ``shared`` folder (default: the toolkit's themes) rebuilds every report.
    """
    import watchfiles

    shared = theme_folders() if shared is None else tuple(real(folder) for folder in shared)
    reports, problems = _survey(paths, out_dir)
    if problems:
        yield Trouble(tuple(problems))
    for item in _plan([watched.job for watched in reports], out_dir, tracking):
        if item.up_to_date:
            yield UpToDate(item.job)
        else:
            yield from _build(item, out_dir, builder, tracking)
    while not (stop_event is not None and stop_event.is_set()):
        roots = watch_roots(paths, reports, shared)
        yield Watching(roots)
        # The PDFs we write are never inputs; ignoring them spares a survey per build
        # (unless the output folder holds the inputs too, as with `-o .`).
        output = real(out_dir)
        around = any(root.is_relative_to(output) for root in roots)
        ignore = watchfiles.DefaultFilter(ignore_paths=() if around else (str(output),))
        changes = watchfiles.watch(
            *roots, watch_filter=ignore, stop_event=stop_event, debounce=debounce_ms
        )
        for batch in changes:
            changed = {real(path) for _, path in batch}
            try:
                fresh, new_problems = _survey(paths, out_dir)
            except UsageError as err:  # e.g. a PATH file deleted: keep the last known reports
                yield Trouble(message=str(err))
                continue
            if new_problems and new_problems != problems:
                yield Trouble(tuple(new_problems))
            reports, problems = fresh, new_problems
            for rebuild in select_rebuilds(changed, reports, shared):
                # Saved is meant as rebuilt, even where nothing changed (forced).
                [item] = _plan([rebuild.job], out_dir, tracking, force=True)
                yield from _build(item, out_dir, builder, tracking, rebuild.because)
            if watch_roots(paths, reports, shared) != roots:
                break  # an input appeared in a new folder: watch again with the new set
        else:
            return  # stop_event set


def _plan(
    jobs: Sequence[Job], out_dir: Path, tracking: Tracking | None, force: bool = False
) -> list[Planned]:
    from dataclasses import replace

    from lagebericht.batch.planning import Planned, plan

    if tracking is None:
        return [Planned(job, None, False) for job in jobs]
    options = replace(tracking.options, force=force)
    return plan(jobs, out_dir, options, tracking.theme_folders, choose=tracking.choose)


def _build(
    item: Planned,
    out_dir: Path,
    builder: Builder,
    tracking: Tracking | None,
    because: tuple[Path, ...] = (),
) -> Iterator[WatchEvent]:
    from lagebericht.batch.execute import record

    result = builder(item.job)
    # Recorded before the event is handed on: the consumer may stop after it.
    warnings = record(item, result, out_dir, tracking.root) if tracking is not None else []
    yield Built(result, because)
    if warnings:
        yield Trouble(tuple(warnings))
