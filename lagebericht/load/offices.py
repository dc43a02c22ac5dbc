"""Where a report's office files are: the nearest ``offices/`` folder above it inside the
project root; the folder that holds it bounds the content tree (figures, SVG references).

The project root is the folder of the project file ``lagebericht.toml`` above the report;
without one, the folder named on the command line (a batch sets it with
:func:`inside_root` while it reads a report), else the working folder when the report lies
in it, else the report's own folder. Nothing above the root is looked at: a shared
temporary folder above a checkout may hold an ``offices/`` folder planted by someone else.

Kept apart from :mod:`lagebericht.validate.office` so that planning a batch (which only
needs the office file's path) does not import validation and pydantic.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from lagebericht.project import find_project

OFFICES_FOLDER = "offices"

# Set for the duration of one report's reading and layout, so that every stage (office,
# figures, SVG references, data files) sees the same root without threading it through.
_ROOT: ContextVar[Path | None] = ContextVar("lagebericht_project_root", default=None)


@contextmanager
def inside_root(root: Path | None) -> Iterator[None]:
    """Look up files of the reports read in this block inside ``root`` (``None``: each
    report's default root, see :func:`project_root`)."""
    token = _ROOT.set(None if root is None else root.resolve())
    try:
        yield
    finally:
        _ROOT.reset(token)


def project_root(report: Path) -> Path:
    """The folder (resolved) that the files of ``report`` must lie in.

    The root set with :func:`inside_root`, else the project file's folder, else the working
    folder if the report lies in it. Else (a program reading a report elsewhere) the
    highest folder above the report that only its owner or the administrator can write:
    never a shared folder such as ``/tmp``.
    """
    chosen = _ROOT.get()
    if chosen is not None:
        return chosen
    return _default_root(Path(os.path.abspath(report.parent)), _private_top)


def root_for_argument(path: Path) -> Path:
    """The project root of the reports found from a PATH argument: the project file's
    folder, else the working folder if ``path`` lies in it, else the folder named (for a
    file: its folder)."""
    folder = Path(os.path.abspath(path if path.is_dir() else path.parent))
    return _default_root(folder, lambda named: named.resolve())


def _default_root(folder: Path, otherwise: Callable[[Path], Path]) -> Path:
    project = find_project(folder)
    if project is not None:
        return project.parent.resolve()
    try:
        cwd = Path.cwd()
    except OSError:  # the working folder was deleted under us
        return otherwise(folder)
    return cwd.resolve() if folder.is_relative_to(cwd) else otherwise(folder)


def _private_top(folder: Path) -> Path:
    folder = folder.resolve()
    user = os.geteuid() if hasattr(os, "geteuid") else None
    if user is None:  # no owners to compare (Windows): the report's own folder
        return folder
    top = folder
    for candidate in (folder, *folder.parents):
        try:
            info = candidate.stat()
        except OSError:
            break
        if info.st_mode & stat.S_IWOTH or info.st_uid not in (user, 0):
            break
        top = candidate
    return top


def find_offices_folder(report: Path, root: Path | None = None) -> Path | None:
    """The ``offices/`` folder of the nearest ancestor folder of ``report`` that has one,
    looking no higher than ``root`` (default :func:`project_root`); an ``offices`` that
    leads out of the root (a symbolic link) is not followed."""
    top = (root or project_root(report)).resolve()
    for folder in _ancestors(report):
        if not folder.resolve().is_relative_to(top):
            return None
        candidate = folder / OFFICES_FOLDER
        if candidate.is_dir() and candidate.resolve().is_relative_to(top):
            return candidate
    return None


def content_root(report: Path) -> Path:
    """The folder a report's figures must lie in (resolved): the one that holds its
    ``offices/`` folder, else the report's own."""
    offices = find_offices_folder(report)
    return (offices.parent if offices is not None else report.parent).resolve()


def _ancestors(report: Path) -> Iterator[Path]:
    # Relative paths stay relative as long as possible, so messages name short paths.
    start = report.parent
    if start.is_absolute() or ".." in start.parts:
        start = start.resolve()
        yield from (start, *start.parents)
        return
    yield from (start, *start.parents)
    yield from Path.cwd().parents
