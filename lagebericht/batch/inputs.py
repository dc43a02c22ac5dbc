"""Every file a report's PDF depends on, and one fingerprint over them (incremental builds).

A report is rebuilt when its fingerprint changes: its source, its office file, its data
files, any file of its theme, the toolkit version, or the options that change the bytes.
Only the front matter is read here (no validation), so planning a batch stays cheap.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import lagebericht
from lagebericht.load import read_document
from lagebericht.load.files import on_disk
from lagebericht.load.offices import find_offices_folder
from lagebericht.problems import InputError

if TYPE_CHECKING:
    from lagebericht.theme.catalog import ThemeRequest


def theme_files(theme_folders: Sequence[Path]) -> list[Path]:
    """Every file of the theme, in a stable order (shared by all reports of a batch)."""
    return [p for folder in theme_folders for p in sorted(folder.rglob("*")) if p.is_file()]


@dataclass(frozen=True)
class ReportInputs:
    """What planning reads from a report's front matter."""

    files: list[Path]
    """See :func:`report_inputs`."""
    language: str | None
    """``language:`` as written (not validated); a batch loads its dictionaries once."""
    theme: ThemeRequest | None = None
    """``theme:`` as written, located (not validated)."""


def report_inputs(source: Path) -> list[Path]:
    """The report's own input files (source, office, data, images), in a stable order,
    missing ones included; the theme's files are common to all reports, see theme_files."""
    return read_inputs(source).files


def read_inputs(source: Path) -> ReportInputs:
    """:func:`report_inputs` and the language, from one reading of the front matter."""
    files = [source]
    try:
        raw = read_document(source)
    except InputError:
        return ReportInputs(files, None)  # it will fail to build anyway; its bytes decide
    front = raw.front_matter
    office = front.get("office")
    if isinstance(office, str):
        folder = find_offices_folder(source)
        if folder is not None:
            files.append(folder / f"{office.strip()}.yaml")
    data = front.get("data")
    if isinstance(data, list):
        files.extend(on_disk(source.parent / str(name)) for name in data)
    # markdown-it percent-encodes an image's address (spaces, umlauts); the file has the
    # real name
    files.extend(on_disk(source.parent / unquote(src)) for src in _image_sources(raw.body))
    language = front.get("language")
    from lagebericht.theme.catalog import requested_theme  # here: keeps --help fast

    return ReportInputs(
        files, language if isinstance(language, str) else None, requested_theme(raw)
    )


def _image_sources(body: str) -> list[str]:
    """The ``![…](file)`` targets of the body, as written (the parser finds them)."""
    if "![" not in body:
        return []  # no image can be written without it: spare parsing (and importing) Markdown
    from lagebericht.validate.markdown_source import new_parser

    found: list[str] = []
    for token in new_parser().parse(body):
        for child in token.children or ():
            src = child.attrGet("src") if child.type == "image" else None
            if isinstance(src, str) and "://" not in src:
                found.append(src)
    return found


def toolkit_fingerprint() -> str:
    """The toolkit version and a hash of its own code: a changed toolkit rebuilds everything."""
    digest = hashlib.sha256(f"lagebericht {lagebericht.__version__}".encode())
    package = Path(lagebericht.__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


_CHUNK = 1 << 20
_MAX_HASHED = 256 << 20  # beyond this an input is refused anyway (size limits); stop reading


def fingerprint(files: Iterable[Path], options: str, base: Path | None = None) -> str:
    """sha256 over ``options`` (toolkit fingerprint included) and every file's name and bytes.

    With ``base`` the names are taken relative to it (the output folder), so the same
    build run from another folder of the project finds its reports up to date.
    """
    digest = hashlib.sha256()
    digest.update(f"{options}\0".encode())
    for path in files:
        digest.update(_name(path, base).encode() + b"\0")
        digest.update((file_sha256(path) or "missing").encode())
    return digest.hexdigest()


def _name(path: Path, base: Path | None) -> str:
    if base is None:
        return str(path)
    try:
        return os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    except ValueError:  # another drive (Windows)
        return os.path.abspath(path)


def file_sha256(path: Path) -> str | None:
    """sha256 of a regular file read in chunks; ``None`` if it is missing or not a regular
    file (a symlink to a device must not be read without end)."""
    try:
        if not path.is_file():
            return None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            read = 0
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                read += len(chunk)
                if read > _MAX_HASHED:
                    return f"over {_MAX_HASHED} bytes, changed {path.stat().st_mtime_ns}"
        return digest.hexdigest()
    except OSError:
        return None
