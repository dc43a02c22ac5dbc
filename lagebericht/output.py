"""PDF bytes → a file under the output folder: contained, atomic, never stale.

Every output path is made by :func:`safe_join`, so nothing can be written outside the
output folder. :func:`write_atomic` never leaves a half-written PDF under the final name,
and :func:`remove_stale` deletes the previous PDF of a report whose rebuild failed, so an
outdated version cannot be archived by mistake.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import IO

from lagebericht.problems import OutputError

if sys.platform != "win32":
    import fcntl

# Archived PDFs are read by other users and services; tempfile creates files 0600.
_FILE_MODE = 0o644
# Where there are no file locks (Windows), a .part file this old has no writer any more:
# a writer keeps its .part only for the one write of one file.
_ABANDONED_AFTER = 3600.0

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

    The bytes go to a hidden ``.<name>.<random>.part`` file in the same folder (same file
    system, so the final rename is atomic), are flushed to disk, then renamed over ``path``.
    The writer holds an exclusive lock on its ``.part`` file until after the rename (see
    :func:`remove_leftovers`). On any failure the temporary file is removed;
    operating-system errors become :class:`OutputError` with a plain reason.
    """
    _make_folder(path)
    temporary: Path | None = None
    lock: int | None = None
    try:
        handle, lock = _new_part(path)
        temporary = Path(handle.name)
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _FILE_MODE)
        os.replace(temporary, path)
        temporary = None
    except OSError as err:
        raise OutputError(path, describe(err)) from err
    finally:
        if lock is not None:
            os.close(lock)  # only now: the .part is in use until it is renamed
        # Also on KeyboardInterrupt: a half-written .part must not outlive the run.
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    _fsync_folder(path.parent)


def _new_part(path: Path) -> tuple[IO[bytes], int | None]:
    """A new, empty ``.part`` file beside ``path``, and the descriptor holding the lock
    that marks it as in use (``None`` on Windows, which has no such locks)."""
    while True:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (the caller closes it)
            dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False
        )
        if sys.platform == "win32":
            return handle, None
        try:
            lock = _lock_new(Path(handle.name))
        except BaseException:
            handle.close()
            Path(handle.name).unlink(missing_ok=True)
            raise
        if lock is not None:
            return handle, lock
        # Another build's remove_leftovers found the file in the moment between its
        # creation and the lock, and removed it: make a new one.
        handle.close()


def _lock_new(part: Path) -> int | None:
    """A descriptor holding an exclusive lock on the new file ``part``; ``None`` if the
    file was removed before the lock was taken."""
    assert sys.platform != "win32"  # see _new_part
    try:
        fd = os.open(part, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        # A file system without locks: remove_leftovers cannot lock the file either.
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink > 0:
            return fd
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
    return None


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
    clean up); files of a build that is still writing them are left alone.

    A writer holds an exclusive lock on its ``.part`` file (:func:`write_atomic`), and the
    kernel drops a process's locks when it ends, whether or not its parent has reaped it
    yet: a ``.part`` file that can be locked has no writer. (A process id in the name would
    not tell: a killed worker stays a zombie until reaped, and its number can be reused.)
    Where there are no file locks (Windows), a ``.part`` file is removed once it is older
    than any write takes.
    """
    removed = []
    for part in sorted(out_dir.rglob(".*.part")) if out_dir.is_dir() else ():
        if _remove_abandoned(part):
            removed.append(part)
    return removed


def _remove_abandoned(part: Path) -> bool:
    """Delete ``part`` if no process is writing it; True if it was deleted."""
    try:
        if sys.platform == "win32":
            if time.time() - part.lstat().st_mtime < _ABANDONED_AFTER:
                return False
            part.unlink()
            return True
        # Not following links, not waiting for a writer of a FIFO: only our files count.
        fd = os.open(part, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False  # gone already, or not ours to fight over; the next build tries again
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        # Removed while locked, so that a writer that created it but has not locked it yet
        # finds it gone once it has the lock (see _new_part).
        part.unlink()
    except OSError:
        return False  # locked by a live writer, or already renamed to its final name
    finally:
        os.close(fd)
    return True


@contextlib.contextmanager
def folder_lock(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder ``out_dir`` while its records (state and
    manifest) are read, changed and written, so that two builds into the same folder do
    not lose each other's entries. The folder itself is locked: the records are replaced
    by renaming, and a lock file would be one more file in the archive's folder.

    Without a lock to take (no such folder, a file system without locks, Windows) the
    records are changed all the same.
    """
    fd: int | None = None
    if sys.platform != "win32":
        try:
            fd = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock
