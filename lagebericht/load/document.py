"""Read a report file into a :class:`RawDocument`: front matter + Markdown with positions.

A ``*.md.j2`` report's body is rendered as a template here (:mod:`lagebericht.load.template`):
later stages see only the rendered Markdown, plus where each of its lines came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lagebericht.limits import MAX_REPORT_BYTES_VARIABLE, describe_bytes, max_report_bytes
from lagebericht.load.files import outside_root, read_regular
from lagebericht.load.offices import project_root
from lagebericht.load.split import split_front_matter
from lagebericht.load.text import decode_text
from lagebericht.load.yaml_tree import KeyPath, Location, parse_yaml_mapping
from lagebericht.problems import Code, InputError, Problem

if TYPE_CHECKING:
    from lagebericht.load.template_lines import LineMap

TEMPLATE_SUFFIX = ".md.j2"


def is_template(path: Path) -> bool:
    """True for a report that is rendered as a template (``*.md.j2``)."""
    return path.name.endswith(TEMPLATE_SUFFIX)


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
    """Markdown body, newlines normalised to ``\\n``; for a ``*.md.j2`` report the rendered text."""
    body_line: int
    """1-based file line of the body's first line."""
    key_locations: Mapping[KeyPath, Location] = field(default_factory=dict)
    """1-based file ``(line, column)`` of each mapping key (where ``title:`` is written)."""
    template_lines: LineMap | None = None
    """For a ``*.md.j2`` report: the template line that rendered each line of ``body``."""

    def body_problems(self, problems: Iterable[Problem]) -> tuple[Problem, ...]:
        """Problems found in ``body`` (lines counted from ``body_line``) at their file lines.

        For a rendered template, the line is the template line that rendered the text, and
        the message says so; the text itself is not in the file. A problem repeated by a
        loop is reported once.
        """
        if self.template_lines is None:
            return tuple(problems)
        relocated = (self.template_lines.relocate(problem) for problem in problems)
        return tuple(dict.fromkeys(relocated))


def read_document(path: Path) -> RawDocument:
    """Read and split the report file at ``path``; raises :class:`InputError` if malformed."""
    data = read_limited(path)
    parts = split_front_matter(path, decode_text(path, data))
    mapping = parse_yaml_mapping(
        path, parts.front_matter, parts.front_matter_line, root=(1, 1), what="front matter"
    )
    body, lines = parts.body, None
    if is_template(path):
        # Imported only here: a plain .md never needs Jinja2, which is slow to import.
        from lagebericht.load.template import render_body

        rendered = render_body(path, mapping.data, mapping.locations, body, parts.body_line)
        body, lines = rendered.text, rendered.lines
    return RawDocument(
        path=path,
        front_matter=mapping.data,
        locations=mapping.locations,
        body=body,
        body_line=parts.body_line,
        key_locations=mapping.key_locations,
        template_lines=lines,
    )


def read_limited(path: Path) -> bytes:
    """The bytes of the report file at ``path``, refused above the size limit.

    Only a regular file inside the project root is read, and at most one byte more than
    the limit, so neither a named pipe nor a device such as ``/dev/zero`` behind a symbolic
    link can hang the build or fill the memory, and no link makes a message quote a file
    from elsewhere (``/etc/passwd``).
    """
    refused = outside_root(path, project_root(path))
    if refused is not None:
        raise InputError([Problem(path, None, None, refused, code=Code.UNREADABLE_FILE)])
    limit = max_report_bytes()
    message = (
        f"the file is larger than {describe_bytes(limit)}, the limit for a report; "
        f"is it the right file? (the limit is set by {MAX_REPORT_BYTES_VARIABLE})"
    )
    return read_regular(path, limit, message)
