"""Footnote definitions → numbered :class:`Footnote` values; duplicates and unused notes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markdown_it.tree import SyntaxTreeNode

from lagebericht.model import Footnote, Inline
from lagebericht.problems import Code, Problem, Severity
from lagebericht.validate.inline_runs import InlineConverter

ParagraphsOf = Callable[[SyntaxTreeNode, str, bool], tuple[list[tuple[Inline, ...]], list[int]]]
"""Converts the paragraphs inside a node: ``(node, container name, assign numbers)``."""


@dataclass(frozen=True)
class FootnoteDefinition:
    """A ``[^label]: …`` definition as written, in source order."""

    label: str
    node: SyntaxTreeNode


@dataclass(frozen=True)
class Notes:
    footnotes: tuple[Footnote, ...]
    problems: tuple[Problem, ...]


def convert_footnotes(
    definitions: list[FootnoteDefinition], paragraphs_of: ParagraphsOf, inline: InlineConverter
) -> Notes:
    """Convert the definitions whose label the body references, ordered by number.

    Must run after the body was converted: a note's number is its first reference, and a
    reference inside a note numbers a further note after all those of the body.
    """
    source = inline.source
    problems: list[Problem] = []
    first: dict[str, FootnoteDefinition] = {}
    for definition in definitions:
        label = definition.label
        if label in first:
            problems.append(
                Problem(
                    source.path,
                    source.line_of(definition.node),
                    1,
                    f"footnote [^{label}]: defined twice (first on line "
                    f"{source.line_of(first[label].node)}); keep only one definition",
                    code=Code.FOOTNOTE,
                )
            )
            paragraphs_of(definition.node, "a footnote", False)  # still check its text
        else:
            first[label] = definition

    footnotes: list[Footnote] = []
    pending = dict(first)
    # In order of number. Converting a note may number labels it references: they come
    # after every label numbered so far, so the walk through the numbers meets them.
    walked = 0
    while (numbered := inline.numbers.label(walked + 1)) is not None:
        walked += 1
        label = numbered
        if label not in pending:
            continue  # referenced but not defined: reported with the reference
        definition = pending.pop(label)
        runs, _ = paragraphs_of(definition.node, "a footnote", True)
        line = source.line_of(definition.node)
        if not runs:
            problems.append(
                Problem(
                    source.path,
                    line,
                    1,
                    f"footnote [^{label}]: the note has no text",
                    code=Code.FOOTNOTE,
                )
            )
        number = inline.numbers.number(label, assign=False)
        footnotes.append(Footnote(label=label, number=number, paragraphs=tuple(runs), line=line))

    for label, definition in pending.items():
        paragraphs_of(definition.node, "a footnote", False)  # still check its text
        problems.append(
            Problem(
                source.path,
                source.line_of(definition.node),
                1,
                f"footnote [^{label}]: defined but never referenced; add [^{label}] to the "
                "text where the note belongs, or remove the definition",
                Severity.WARNING,
                Code.UNUSED_FOOTNOTE,
            )
        )
    return Notes(tuple(footnotes), tuple(problems))
