"""A cache on disk for what is slow to prepare and the same in every process.

Parsing pyphen's German hyphenation patterns is slow, and every ``lagebericht build``
would pay it again; loading the parsed patterns from this cache is many times faster. So
are the kerning pairs of the theme's fonts, read with fontTools (``layout.kerning``). The
theme's logo, read once with svglib, is kept as reportlab drawing operations, so a build
does not import svglib for it. Jinja2 keeps the compiled imprint templates in a folder of
it (:meth:`DiskCache.folder_for`).

Each entry is a pickle named after everything it was made from (the kind, a key naming
the source file's size and modification time or its bytes, the versions of the libraries
that made it, and Python's). An entry that is missing, unreadable, damaged or of the wrong
type is made again; a folder that cannot be written is simply not written. Pickles run code
when loaded, so entries are read only from a folder owned by the user and not writable by
others, and only if the file itself is the user's.

``LAGEBERICHT_CACHE_DIR`` names the folder (default: the platform's user cache folder,
``~/.cache/lagebericht`` on Linux); ``off`` turns the cache off. The folder may be deleted
at any time.

Entries are named after their sources' paths, so every new virtual environment, clone or
library version adds entries and leaves the old ones behind. The folder is therefore
bounded (:data:`MAX_BYTES`): an entry loaded is marked as used, and whenever a new entry
takes the folder beyond the bound, the files used longest ago are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ENVIRONMENT_VARIABLE = "LAGEBERICHT_CACHE_DIR"
OFF = "off"

DAMAGED_ENTRY = (
    OSError,
    EOFError,
    pickle.UnpicklingError,
    ValueError,
    TypeError,
    AttributeError,
    ImportError,
    LookupError,
    ArithmeticError,
    MemoryError,
)
"""What loading a missing, truncated, damaged or outdated pickle raises (bytes of real entries
flipped, cut and replaced at random raised each of these); anything else is a bug."""


MAX_BYTES = 128 * 1024 * 1024
"""The most the cache folder holds (its entries and the libraries' files in it together);
some 30 virtual environments' worth of hyphenation dictionaries, kerning pairs and
templates."""

KEPT_AFTER_PRUNING = 0.75
"""Pruning removes files until the folder holds at most this share of the bound, so that
not every new entry prunes again."""

UNFINISHED_SECONDS = 3600
"""A temporary file younger than this may still be being written; an older one was left by
a process that was killed, and is pruned like an entry."""


@dataclass(frozen=True)
class DiskCache:
    """Entries under ``folder``; ``None`` makes every value afresh. The folder holds at
    most ``limit`` bytes (:data:`MAX_BYTES`)."""

    folder: Path | None
    limit: int = MAX_BYTES

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> DiskCache:
        named = environ.get(ENVIRONMENT_VARIABLE)
        if named is not None:
            return cls(None if named.strip().lower() in (OFF, "") else Path(named))
        from platformdirs import user_cache_dir

        return cls(Path(user_cache_dir("lagebericht", appauthor=False)))

    def get(self, kind: str, key: Iterable[str], expected: type[T], make: Callable[[], T]) -> T:
        """The cached value for ``(kind, key)``, or ``make()``'s, which is then stored.

        ``expected`` is the value's type: anything else found in the cache is made again.
        """
        folder = self.folder_for(kind)
        if folder is None:
            return make()
        path = folder / f"{_digest(kind, key)}.pickle"
        found = _load(path)
        if isinstance(found, expected):
            _mark_used(path)
            return found
        value = make()
        if _store(path, value) and self.folder is not None:
            prune(self.folder, self.limit)
        return value

    def folder_for(self, kind: str) -> Path | None:
        """``folder/kind``, made if need be, for this cache's entries of ``kind`` or a
        library's own cache files (Jinja2's compiled templates); ``None`` when the cache is
        off, or that folder cannot be made or others can write to it."""
        if self.folder is None:
            return None
        folder = self.folder / kind
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if _private(folder.stat()) and _private(self.folder.stat()):
                return folder
        except OSError:
            pass
        return None


def file_key(path: Path) -> str:
    """A source file named by where it is, its size and when it was last changed."""
    info = path.stat()
    return f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}"


def bytes_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest(kind: str, key: Iterable[str]) -> str:
    python = f"{sys.implementation.cache_tag}|{pickle.HIGHEST_PROTOCOL}"
    return hashlib.sha256("\0".join((kind, python, *key)).encode()).hexdigest()[:32]


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (always true where there are no
    POSIX owners)."""
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _load(path: Path) -> object:
    """The entry at ``path``, in a folder :meth:`DiskCache.folder_for` found private."""
    try:
        with path.open("rb") as file:
            if not _private(os.fstat(file.fileno())):
                return None
            return pickle.load(file)
    except DAMAGED_ENTRY:
        return None  # made again


def _mark_used(path: Path) -> None:
    """The entry's time set to now: pruning removes the entries used longest ago first."""
    # A folder the user may read but not write: nothing is pruned there either.
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(root: Path, limit: int) -> int:
    """Files of the cache folder ``root`` removed, those used longest ago first, while its
    kinds' folders hold more than ``limit`` bytes (down to :data:`KEPT_AFTER_PRUNING` of
    it); the number of bytes removed. Temporary files being written are left alone, and
    folders that are not private are neither counted nor touched."""
    now = time.time()
    files: list[tuple[float, int, str]] = []
    try:
        kinds = [entry.path for entry in os.scandir(root) if entry.is_dir(follow_symlinks=False)]
        for kind in kinds:
            if not _private(os.stat(kind, follow_symlinks=False)):
                continue
            for entry in os.scandir(kind):
                if not entry.is_file(follow_symlinks=False):
                    continue
                info = entry.stat(follow_symlinks=False)
                unfinished = entry.name.startswith(".") or entry.name.endswith(".tmp")
                if unfinished and now - info.st_mtime < UNFINISHED_SECONDS:
                    continue
                files.append((info.st_mtime, info.st_size, entry.path))
    except OSError:
        return 0  # gone, or not readable: nothing to prune
    total = sum(size for _, size, _ in files)
    if total <= limit:
        return 0
    removed = 0
    for _, size, path in sorted(files):
        if total - removed <= limit * KEPT_AFTER_PRUNING:
            break
        try:
            os.unlink(path)
        except OSError:
            continue  # removed by another process meanwhile, or in use (Windows)
        removed += size
    return removed


def _store(path: Path, value: object) -> bool:
    """Whether ``value`` was written at ``path``."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        # Written beside, then renamed: a reader never sees half an entry.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return False  # read-only, full or foreign folder, or a value that cannot be kept
    return True
