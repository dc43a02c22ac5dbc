"""Reference-style link definitions (``[label]: https://…``): the unused and the repeated.

markdown-it consumes a definition without leaving a token: one that no link uses, or a
second one for the same label, would vanish from the report without a word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markdown_it.common.utils import normalizeReference

from lagebericht.problems import Code, Problem, Severity
from lagebericht.validate.markdown_source import BodySource

# `[label]` anywhere: every way of using a definition (`[text][label]`, `[label][]`,
# `[label]`) writes its label in brackets.
_BRACKETED = re.compile(r"\[((?:\\.|[^\[\]\\])+)\]")
_DEFINITION_LABEL = re.compile(r"^[\s>]*\[((?:\\.|[^\[\]\\])+)\]:")


def check_link_definitions(source: BodySource, env: Mapping[str, object]) -> list[Problem]:
    """Warnings for the definitions markdown-it recorded in ``env`` while parsing the body."""
    references = env.get("references")
    duplicates = env.get("duplicate_refs")
    defined: dict[str, list[int]] = {}
    if isinstance(references, dict):
        defined = {label: list(ref["map"]) for label, ref in references.items()}
    repeated: list[tuple[str, list[int]]] = []
    if isinstance(duplicates, list):
        repeated = [(ref["label"], list(ref["map"])) for ref in duplicates]
    if not defined:
        return []
    definition_lines = {
        index for _, (start, end) in [*defined.items(), *repeated] for index in range(start, end)
    }
    used = {
        normalizeReference(match.group(1))
        for index, text in enumerate(source.lines)
        if index not in definition_lines
        for match in _BRACKETED.finditer(text)
    }
    problems = []
    for label, (start, _) in defined.items():
        if label not in used:
            shown = _label_as_written(source, start, label)
            problems.append(
                _warning(
                    source,
                    start,
                    f"link definition [{shown}] is not used by any link, so its address is "
                    f"printed nowhere; link to it with [text][{shown}], or remove the line",
                )
            )
    for label, (start, _) in repeated:
        shown = _label_as_written(source, start, label)
        first = source.first_line + defined[label][0]
        problems.append(
            _warning(
                source,
                start,
                f"link definition [{shown}] is defined twice (first on line {first}); links "
                "use the first one, so remove this one",
            )
        )
    return problems


def _label_as_written(source: BodySource, index: int, label: str) -> str:
    """The label as the author wrote it (markdown-it keeps it only in capitals)."""
    match = _DEFINITION_LABEL.match(source.lines[index]) if index < len(source.lines) else None
    return match.group(1) if match else label


def _warning(source: BodySource, index: int, message: str) -> Problem:
    text = source.lines[index] if index < len(source.lines) else ""
    column = text.find("[") + 1 or None
    return Problem(
        source.path,
        source.first_line + index,
        column,
        message,
        Severity.WARNING,
        Code.UNSUPPORTED_MARKDOWN,
    )
