"""Reading an input file safely: only a regular file, never more than its size limit.

A named pipe would block the build for ever, a device such as ``/dev/zero`` never ends and
a socket cannot be read at all: each is refused with a message before its content is
touched. The file is opened without blocking (opening a pipe with no writer waits) and
checked again on the open descriptor, so a file swapped after the first look is caught.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from lagebericht.limits import MAX_DATA_BYTES_VARIABLE, describe_bytes, max_data_bytes
from lagebericht.problems import Code, InputError, Problem

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def on_disk(path: Path) -> Path:
    """``path``, or the same path in the other Unicode normalisation form if only that one
    exists: a report's text is read composed (NFC, ``load.text``), while macOS writes file
    names decomposed (NFD), and a Linux file system keeps whichever form it was given."""
    if exists(path):
        return path
    for form in ("NFD", "NFC"):
        other = Path(unicodedata.normalize(form, str(path)))
        if other != path and exists(other):
            return other
    return path


def exists(path: Path) -> bool:
    """``Path.exists``, but ``False`` where it raises for a name the file system refuses."""
    try:
        return path.exists()
    except OSError:  # a name longer than the file system allows: no such file either
        return False


def not_regular(mode: int) -> str | None:
    """What a file of ``mode`` is when it is not a regular file (``a named pipe``…)."""
    if stat.S_ISREG(mode):
        return None
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def kind_problem(path: Path) -> str | None:
    """Why ``path`` (followed through links) cannot be read as a file, or ``None``.

    Only looks at the file's kind, never opens it.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return f"cannot read the file: {error.strerror or error}"
    kind = not_regular(mode)
    return None if kind is None else _refusal(kind)


def outside_root(path: Path, root: Path) -> str | None:
    """Why ``path`` must not be read: it is a link that leads out of ``root``; or ``None``.

    Decided on the names alone: the file it leads to is never opened.
    """
    try:
        target = path.resolve()
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop (Python < 3.13)
        return f"cannot read the file: {error}"
    if target.is_relative_to(root.resolve()):
        return None
    return (
        f"the file is a link to a file outside the project folder {root}; copy the file "
        "into the project instead (it was not read)"
    )


def _refusal(kind: str) -> str:
    return f"the file is {kind}, not a regular file; only regular files are read"


def read_regular(path: Path, limit: int, too_large: str) -> bytes:
    """The bytes of the regular file at ``path``; :class:`InputError` if it is of another
    kind, unreadable, or larger than ``limit`` bytes (message ``too_large``)."""
    refused = kind_problem(path)
    if refused is not None:
        raise _error(path, None, refused, Code.UNREADABLE_FILE)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        raise _error(path, None, message, Code.UNREADABLE_FILE) from None
    try:
        info = os.fstat(fd)
        kind = not_regular(info.st_mode)
        if kind is not None:  # swapped for a pipe or device since the look above
            raise _error(path, None, _refusal(kind), Code.UNREADABLE_FILE)
        if info.st_size > limit:
            raise _error(path, 1, too_large, Code.FILE_TOO_LARGE)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            # At most one byte past the limit: a file that grows while read stays bounded.
            data = handle.read(limit + 1)
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        raise _error(path, None, message, Code.UNREADABLE_FILE) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _error(path, 1, too_large, Code.FILE_TOO_LARGE)
    return data


def _error(path: Path, line: int | None, message: str, code: Code) -> InputError:
    return InputError([Problem(path, line, None, message, code=code)])


def read_data_file(path: Path) -> bytes:
    """The bytes of a template's data file (YAML or CSV), refused above its size limit."""
    limit = max_data_bytes()
    message = (
        f"the data file is larger than {describe_bytes(limit)}, the limit for a data file; "
        f"reduce it to the rows the report needs (the limit is set by {MAX_DATA_BYTES_VARIABLE})"
    )
    return read_regular(path, limit, message)
