"""Separate the front matter (between ``---`` lines at the top) from the Markdown body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lagebericht.problems import Code, InputError, Problem

_OPENING = "---"
_CLOSINGS = ("---", "...")
_EXAMPLE = "a line `---`, fields such as `title: …`, and another `---` line"


@dataclass(frozen=True)
class SplitText:
    """The two parts of a report file, with the file lines they start on (1-based)."""

    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


def split_front_matter(path: Path, text: str) -> SplitText:
    """Split ``text`` (newlines already ``\\n``) into front matter and body."""
    if not text.strip():
        raise InputError(
            [
                Problem(
                    path,
                    1,
                    None,
                    f"the file is empty; a report starts with {_EXAMPLE}",
                    code=Code.FRONT_MATTER,
                )
            ]
        )
    lines = text.split("\n")
    if lines[0].rstrip() != _OPENING:
        found = lines[0].strip()
        raise InputError(
            [
                Problem(
                    path,
                    1,
                    1,
                    f"missing front matter: the file must start with {_EXAMPLE}; "
                    f'the first line is "{found}"',
                    code=Code.FRONT_MATTER,
                )
            ]
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSINGS:
            return SplitText(
                front_matter="\n".join(lines[1:index]) + "\n",
                front_matter_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    raise InputError(
        [
            Problem(
                path,
                1,
                1,
                "front matter is not closed: the `---` line here opens it, "
                "add another `---` line after the last field",
                code=Code.FRONT_MATTER,
            )
        ]
    )
