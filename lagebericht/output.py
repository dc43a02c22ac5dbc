"""PDF bytes → a file under the output folder: contained, atomic, never stale.

Every output path is made by :func:`safe_join`, so nothing can be written outside the
output folder. :func:`write_atomic` never leaves a half-written PDF under the final name,
and :func:`remove_stale` deletes the previous PDF of a report whose rebuild failed, so an
outdated version cannot be archived by mistake.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path, PurePath

from lagebericht.problems import OutputError

# Archived PDFs are read by other users and services; tempfile creates files 0600.
_FILE_MODE = 0o644

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "disk full (no space left on device)",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EISDIR: "a folder is in the way",
    errno.ENAMETOOLONG: "file name too long",
}


def safe_join(root: Path, relative: PurePath) -> Path:
    """``root / relative``, refused (:class:`OutputError`) unless it stays inside ``root``.

    The path returned keeps the form ``root`` was given in (relative stays relative) so
    that messages show what the user typed.
    """
    candidate = root / relative
    # ``..`` is refused outright, even where it would stay inside: output names are made
    # from report names, which never need it.
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise OutputError(candidate, f"outside the output folder {root}")
    # Resolving catches symbolic links (in the folder or at the file) pointing elsewhere.
    inside = root.resolve()
    resolved = candidate.resolve()
    if resolved == inside or not resolved.is_relative_to(inside):
        raise OutputError(candidate, f"outside the output folder {root}")
    return candidate


def describe(err: OSError) -> str:
    """A short, plain-language reason for an operating-system error."""
    if err.errno in _REASONS:
        return _REASONS[err.errno]
    return (err.strerror or str(err) or type(err).__name__).lower()


def _blocking_file(folder: Path) -> Path | None:
    """The nearest ancestor of ``folder`` that exists but is not a folder, if any."""
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None


def _make_folder(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        blocker = _blocking_file(folder)
        if blocker is not None:
            reason = f"{blocker} is a file, not a folder"
        else:
            reason = f"cannot create folder {folder}: {describe(err)}"
        raise OutputError(path, reason) from err


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform lets a folder be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one.

    The bytes go to a hidden ``.<name>.*.part`` file in the same folder (same file system,
    so the final rename is atomic), are flushed to disk, then renamed over ``path``. On any
    failure the temporary file is removed; operating-system errors become
    :class:`OutputError` with a plain reason.
    """
    _make_folder(path)
    temporary: Path | None = None
    try:
        # The writer's process id is in the name: a file left by a killed build can be
        # told from one that a concurrent build is still writing (see remove_leftovers).
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".part", delete=False
        ) as handle:
            temporary = Path(handle.name)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _FILE_MODE)
        os.replace(temporary, path)
        temporary = None
    except OSError as err:
        raise OutputError(path, describe(err)) from err
    finally:
        # Also on KeyboardInterrupt: a half-written .part must not outlive the run.
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    _fsync_folder(path.parent)


def remove_stale(path: Path) -> bool:
    """Delete the PDF left at ``path`` by an earlier build; True if there was one.

    Called when a report fails, so nobody archives the outdated version. A folder at
    ``path`` is left alone (it is not ours to delete).
    """
    if not (path.is_file() or path.is_symlink()):
        return False
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as err:
        raise OutputError(path, f"cannot remove the outdated PDF: {describe(err)}") from err
    return True


def remove_leftovers(out_dir: Path) -> list[Path]:
    """Delete the ``.part`` files of builds that were killed (SIGKILL leaves no chance to
    clean up); files of a build that is still running are left alone."""
    removed = []
    for part in out_dir.rglob(".*.part") if out_dir.is_dir() else ():
        pid = _writer_pid(part.name)
        if pid is None or _alive(pid):
            continue
        try:
            part.unlink()
            removed.append(part)
        except OSError:
            pass  # not ours to fight over; the next build tries again
    return removed


def _writer_pid(name: str) -> int | None:
    # .<pdf name>.<pid>.<random>.part
    pieces = name.split(".")
    try:
        return int(pieces[-3])
    except (IndexError, ValueError):
        return None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
