"""Read a report file into a :class:`RawDocument`: front matter + Markdown with positions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lagebericht.load.split import split_front_matter
from lagebericht.load.text import decode_text
from lagebericht.load.yaml_tree import KeyPath, Location, parse_yaml_mapping
from lagebericht.problems import InputError, Problem


@dataclass(frozen=True)
class RawDocument:
    """A report file as read: nothing checked yet except that it is well-formed."""

    path: Path
    """The report file, as given."""
    front_matter: dict[str, object]
    """The parsed YAML mapping; scalars are text except ``null`` and ``true``/``false``."""
    locations: Mapping[KeyPath, Location]
    """1-based file ``(line, column)`` of each value, e.g. ``("authors", 0, "name")``;
    ``()`` is the opening ``---`` line."""
    body: str
    """Markdown body, newlines normalised to ``\\n``."""
    body_line: int
    """1-based file line of the body's first line."""
    key_locations: Mapping[KeyPath, Location] = field(default_factory=dict)
    """1-based file ``(line, column)`` of each mapping key (where ``title:`` is written)."""


def read_document(path: Path) -> RawDocument:
    """Read and split the report file at ``path``; raises :class:`InputError` if malformed."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            [Problem(path, None, None, f"cannot read the file: {error.strerror}")]
        ) from None
    parts = split_front_matter(path, decode_text(path, data))
    mapping = parse_yaml_mapping(
        path, parts.front_matter, parts.front_matter_line, root=(1, 1), what="front matter"
    )
    return RawDocument(
        path=path,
        front_matter=mapping.data,
        locations=mapping.locations,
        body=parts.body,
        body_line=parts.body_line,
        key_locations=mapping.key_locations,
    )
