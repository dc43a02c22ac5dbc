"""``output/manifest.json``: what the output folder holds, for the headquarters archive.

One entry per PDF, keyed by its path below the output folder. The file is rewritten
after every build: the entries of PDFs this run did not touch are carried over with
:func:`merge`. It is written deterministically (entries sorted by output path, keys
sorted, two-space indent, final newline) so that an unchanged archive gives an unchanged
manifest, and atomically, so a reader never sees half a file.
"""

from __future__ import annotations

import io
import json
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from lagebericht.archive.info import ArchiveError
from lagebericht.output import write_atomic
from lagebericht.problems import Code, Problem, Severity

MANIFEST_VERSION = 1
"""Version of the file layout; a manifest of another version is not read."""


@dataclass(frozen=True)
class ManifestEntry:
    """One archived PDF.

    ``output`` is relative to the folder of the manifest, ``source`` is the report file as
    the build was given it (relative to the folder the build ran in); both POSIX.
    """

    source: str
    output: str
    sha256: str
    size: int
    pages: int
    title: str
    office: str
    """Office name (``Auslandsbüro Kasachstan``)."""
    date: str
    """ISO date of the report (``2024-07-05``)."""
    language: str
    report: str | None
    """Report-type label from the front matter (``Lagebericht``); None: the default."""
    toolkit: str
    """Version of lagebericht that built the PDF."""
    pdfa: str | None
    """PDF/A conformance level (``2a``), or None for a plain PDF."""
    pdfua: str | None = None
    """PDF/UA part (``1``); None in entries written before PDFs were tagged."""
    print: bool = False
    """Built for a print shop (``--print``: bleed, TrimBox, BleedBox); a manifest written
    before this key existed lists plain PDFs only, so a missing key reads as false."""

    def __post_init__(self) -> None:
        for name in ("source", "output"):
            value = getattr(self, name)
            if not value or "\\" in value or PurePosixPath(value).is_absolute():
                raise ValueError(f"{name} must be a relative POSIX path, not {value!r}")
        if ".." in PurePosixPath(self.output).parts:
            raise ValueError(f"output must stay inside the output folder, not {self.output!r}")


def page_count(pdf: bytes) -> int:
    """Number of pages of ``pdf``; :class:`ArchiveError` if it cannot be read."""
    import pikepdf  # here: writing the manifest must not load it, slow to import

    try:
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            return len(doc.pages)
    except pikepdf.PdfError as err:
        raise ArchiveError(f"not a readable PDF: {err}") from err


def merge(
    old: Mapping[str, ManifestEntry],
    new: Mapping[str, ManifestEntry],
    removed: Collection[str] = (),
) -> dict[str, ManifestEntry]:
    """The manifest after a build: ``old`` without ``removed``, updated with ``new``.

    ``new``: the PDFs built in this run; ``removed``: output paths whose PDF is gone
    (a failed report's stale PDF was deleted). A path in both ``new`` and ``removed``
    keeps its new entry: the PDF that was just written exists.
    """
    merged = {key: entry for key, entry in old.items() if key not in removed}
    merged.update(new)
    return merged


def write_manifest(path: Path, entries: Mapping[str, ManifestEntry]) -> None:
    """Write ``entries`` to ``path`` atomically; raises :class:`OutputError`."""
    for key, entry in entries.items():
        if key != entry.output:
            raise ValueError(f"manifest key {key!r} is not the entry's output {entry.output!r}")
    document = {
        "manifest_version": MANIFEST_VERSION,
        "reports": [asdict(entries[key]) for key in sorted(entries)],
    }
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(path, text.encode("utf-8"))


def read_manifest(path: Path) -> tuple[dict[str, ManifestEntry], tuple[Problem, ...]]:
    """The entries of the manifest at ``path``, keyed by output path, and warnings.

    A missing manifest is empty, with no warning. A corrupt one (unreadable, not JSON,
    not a manifest, another version) reads as empty and a bad entry is left out, each
    with a warning saying so: the next write no longer lists what they described.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, ()
    except (OSError, UnicodeDecodeError) as err:
        return {}, (_ignored(path, f"cannot read the manifest: {err}"),)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        return {}, (_ignored(path, f"not valid JSON: {err.msg}", err.lineno, err.colno),)
    if not isinstance(document, dict) or not isinstance(document.get("reports"), list):
        return {}, (_ignored(path, "not a manifest: no list of reports"),)
    version = document.get("manifest_version")
    if version != MANIFEST_VERSION:
        return {}, (_ignored(path, f"unknown manifest version {version!r}"),)
    entries: dict[str, ManifestEntry] = {}
    problems: list[Problem] = []
    for number, item in enumerate(document["reports"], start=1):
        try:
            entry = _entry(item)
            if entry.output in entries:
                raise ValueError(f"a second entry for {entry.output}")
        except ValueError as err:
            message = f"manifest entry {number} ignored ({err}); it is not carried over"
            problems.append(Problem(path, None, None, message, Severity.WARNING, Code.MANIFEST))
            continue
        entries[entry.output] = entry
    return entries, tuple(problems)


# The JSON types of each field (annotations are strings under ``from __future__``).
_TYPES: Mapping[str, tuple[type, ...]] = MappingProxyType(
    {
        field.name: {
            "int": (int,),
            "str": (str,),
            "str | None": (str, type(None)),
            "bool": (bool,),
        }[str(field.type)]
        for field in fields(ManifestEntry)
    }
)
# Keys an entry written by an earlier version of lagebericht lacks.
_LATER = frozenset({"pdfua", "print"})


def _entry(item: Any) -> ManifestEntry:
    if not isinstance(item, dict):
        raise ValueError("not an object")
    if not set(_TYPES) - _LATER <= set(item) <= set(_TYPES):
        raise ValueError(f"expected the keys {', '.join(sorted(_TYPES))}")
    item = {"pdfua": None, **item}
    for key, allowed in _TYPES.items():
        if key not in item:
            continue
        # bool is an int to Python, but not a page count or size to a reader.
        if not isinstance(item[key], allowed) or (isinstance(item[key], bool) != (bool in allowed)):
            raise ValueError(f"{key} has the wrong type")
    return ManifestEntry(**item)


def _ignored(path: Path, reason: str, line: int | None = None, col: int | None = None) -> Problem:
    message = f"manifest ignored ({reason}); it is rewritten from this build's reports"
    return Problem(path, line, col, message, Severity.WARNING, Code.MANIFEST)
