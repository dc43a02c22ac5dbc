"""PATH arguments → the reports to process, each with the PDF it becomes.

Reports are the ``*.md`` and ``*.md.j2`` files; anything under a folder named ``offices/``
and anything hidden (a name starting with ``.``) is not. Below a folder given, the folder
structure is mirrored into the output folder (``content/2024-07/a.md`` →
``output/2024-07/a.pdf``); a file given by name lands directly in the output folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from lagebericht.job import Job, report_stem
from lagebericht.load.files import kind_problem, outside_root
from lagebericht.load.offices import root_for_argument
from lagebericht.output import safe_join
from lagebericht.problems import (
    Code,
    LageberichtError,
    OutputError,
    Problem,
    UsageError,
    printable_name,
)

NOT_REPORT_FOLDERS = frozenset({"offices"})
"""Folders whose files are never reports (office files live there)."""


@dataclass(frozen=True)
class Discovery:
    """What was found: the jobs in a deterministic order, and folders that could not be read."""

    jobs: tuple[Job, ...]
    problems: tuple[Problem, ...] = ()
    folders: tuple[Path, ...] = ()
    """The folders searched (the PATH arguments that are folders, not the files named)."""


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _is_utf8(name: str) -> bool:
    # A name that is not UTF-8 reaches Python with its bad bytes as lone surrogates
    # (os.fsdecode); it cannot be written into a PDF, a manifest or a UTF-8 log.
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _not_utf8(path: Path, what: str) -> Problem:
    return Problem(
        path,
        None,
        None,
        f"the {what} name is not UTF-8 text; rename the {what} (skipped)",
        code=Code.ENCODING,
    )


def _job(source: Path, out_dir: Path, relative_pdf: PurePath, root: Path) -> Job:
    try:
        return Job(source, safe_join(out_dir, relative_pdf), root=root)
    except OutputError as err:
        return Job(source, None, blocked=f"cannot write {err.path}: {err.reason}", root=root)


def _walk(folder: Path, out_dir: Path) -> tuple[list[Job], list[Problem]]:
    root = root_for_argument(folder)
    found: list[tuple[tuple[str, ...], Job]] = []
    problems: list[Problem] = []

    def unreadable(err: OSError) -> None:
        # os.walk would otherwise skip an unreadable folder silently.
        where = Path(err.filename) if err.filename else folder
        problems.append(
            Problem(
                where,
                None,
                None,
                f"cannot read folder: {err.strerror}",
                code=Code.UNREADABLE_FOLDER,
            )
        )

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        here = Path(dirpath)
        relative_dir = here.relative_to(folder)
        dirnames[:] = [d for d in dirnames if not _is_hidden(d) and d not in NOT_REPORT_FOLDERS]
        for name in [d for d in dirnames if not _is_utf8(d)]:
            problems.append(_not_utf8(here / name, "folder"))
            dirnames.remove(name)
        for name in filenames:
            stem = report_stem(name)
            if stem is None or _is_hidden(name):
                continue
            if not _is_utf8(name):
                problems.append(_not_utf8(here / name, "file"))
                continue
            refused = kind_problem(here / name) or outside_root(here / name, root)
            if refused is not None:
                problems.append(
                    Problem(here / name, None, None, refused, code=Code.UNREADABLE_FILE)
                )
                continue
            relative = relative_dir / name
            job = _job(here / name, out_dir, relative_dir / f"{stem}.pdf", root)
            found.append((relative.parts, job))
    found.sort(key=lambda item: item[0])
    return [job for _, job in found], problems


def _from_argument(path: Path, out_dir: Path) -> tuple[list[Job], list[Problem]]:
    if path.is_dir():
        return _walk(path, out_dir)
    shown = printable_name(str(path))
    if not path.exists():
        raise UsageError(f"{shown}: no such file or folder")
    stem = report_stem(path.name)
    if stem is None or not path.is_file():
        raise UsageError(f"{shown}: not a report (reports are *.md and *.md.j2 files)")
    if not _is_utf8(str(path)):
        return [], [_not_utf8(path, "file")]
    return [_job(path, out_dir, PurePath(f"{stem}.pdf"), root_for_argument(path))], []


def _collision_key(path: Path) -> str:
    # Case-insensitive on purpose: archives are copied to Windows and macOS, where
    # A.pdf and a.pdf are one file.
    return os.path.normpath(os.path.abspath(path)).casefold()


def _without_duplicates(jobs: Iterable[Job]) -> list[Job]:
    """Drop a job that repeats an earlier one exactly (same file named twice)."""
    seen: set[tuple[str, str | None]] = set()
    unique: list[Job] = []
    for job in jobs:
        key = (
            os.path.realpath(job.source),
            None if job.output is None else _collision_key(job.output),
        )
        if key not in seen:
            seen.add(key)
            unique.append(job)
    return unique


def _block_collisions(jobs: list[Job]) -> list[Job]:
    """Two reports with the same output are both refused rather than one overwriting."""
    sources: dict[str, list[Path]] = {}
    for job in jobs:
        if job.output is not None:
            sources.setdefault(_collision_key(job.output), []).append(job.source)
    result: list[Job] = []
    for job in jobs:
        others = [] if job.output is None else sources[_collision_key(job.output)]
        if len(others) > 1 and job.blocked is None:
            rivals = ", ".join(str(s) for s in others if s != job.source)
            reason = f"{job.output} would also be written from {rivals}; rename one of them"
            job = replace(job, blocked=reason)
        result.append(job)
    return result


def discover(paths: Sequence[Path], out_dir: Path) -> Discovery:
    """The jobs for the PATH arguments, in argument order and sorted below each folder.

    Raises :class:`UsageError` for a path that does not exist or is not a report.
    """
    jobs: list[Job] = []
    problems: list[Problem] = []
    for path in paths:
        found, unreadable = _from_argument(path, out_dir)
        jobs.extend(found)
        problems.extend(unreadable)
    folders = tuple(path for path in paths if path.is_dir())
    # A file named and also found below a folder named is reported once.
    unique_problems = tuple(dict.fromkeys(problems))
    return Discovery(tuple(_block_collisions(_without_duplicates(jobs))), unique_problems, folders)


def select_month(jobs: Sequence[Job], month: str) -> tuple[Job, ...]:
    """The jobs whose front matter ``date`` lies in ``month`` (``2024-07``).

    A report whose front matter cannot be read stays in, so that its problems are
    reported rather than silently skipped.
    """
    from lagebericht.load import read_document  # only when selecting: keeps --help fast

    selected = []
    for job in jobs:
        try:
            date = read_document(job.source).front_matter.get("date")
        except LageberichtError:
            selected.append(job)
            continue
        if isinstance(date, str) and date.strip().startswith(f"{month}-"):
            selected.append(job)
    return tuple(selected)
