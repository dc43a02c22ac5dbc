"""Group a flat run of headings and blocks into nested sections (``##`` holds its ``###``)."""

from __future__ import annotations

from collections.abc import Iterable

from lagebericht.model import Block, Heading, Section


def group_sections(items: Iterable[Heading | Block]) -> tuple[Block, ...]:
    """Each heading takes the blocks up to the next heading of the same or a higher level.

    Blocks before the first heading stay at the top; a ``###`` before any ``##`` becomes a
    top-level section of its own.
    """
    top: list[Block] = []
    open_sections: list[tuple[Heading, list[Block]]] = []

    def close_last() -> None:
        heading, blocks = open_sections.pop()
        section = Section(heading=heading, blocks=tuple(blocks))
        (open_sections[-1][1] if open_sections else top).append(section)

    for item in items:
        if isinstance(item, Heading):
            while open_sections and open_sections[-1][0].level >= item.level:
                close_last()
            open_sections.append((item, []))
        else:
            (open_sections[-1][1] if open_sections else top).append(item)
    while open_sections:
        close_last()
    return tuple(top)
