"""Inline syntax-tree nodes → the model's inline runs (Text, Emphasis, Strong, Link…)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it.tree import SyntaxTreeNode

from lagebericht.model import Emphasis, FootnoteRef, Inline, LineBreak, Link, Strong, Text
from lagebericht.problems import Code, Problem
from lagebericht.validate.markdown_source import BodySource

# A reference the footnote plugin could not resolve stays in the text as written.
_LEFTOVER_REF = re.compile(r"\[\^([^\]\s]+)\]")
_LINK_SCHEMES = ("http://", "https://", "mailto:")


class FootnoteNumbers:
    """Footnote numbers 1, 2, 3… in order of first reference; one instance per report."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def number(self, label: str, assign: bool) -> int:
        """The label's number; a new label gets the next one if ``assign`` (else 0)."""
        if label not in self._numbers and assign:
            self._numbers[label] = len(self._numbers) + 1
        return self._numbers.get(label, 0)

    def get(self, label: str) -> int | None:
        return self._numbers.get(label)


class InlineConverter:
    """Converts the inline content of blocks, collecting problems; one instance per report."""

    def __init__(
        self, source: BodySource, numbers: FootnoteNumbers, footnotes_allowed: bool = True
    ) -> None:
        self.source = source
        self.numbers = numbers
        self.footnotes_allowed = footnotes_allowed
        self.problems: list[Problem] = []
        self._reported: set[tuple[int, int]] = set()

    def runs(
        self, inline: SyntaxTreeNode, block: SyntaxTreeNode, assign: bool = True
    ) -> tuple[Inline, ...]:
        """Runs of an ``inline`` node that belongs to the block node ``block``.

        ``assign`` is false for footnotes nobody references: checked, but numbering nothing.
        """
        return merge_text(self._convert(inline.children, block, assign))

    def _convert(
        self, nodes: Iterable[SyntaxTreeNode], block: SyntaxTreeNode, assign: bool
    ) -> list[Inline]:
        runs: list[Inline] = []
        for node in nodes:
            kind = node.type
            if kind == "text":
                self._check_leftover_refs(node.content, block)
                runs.append(Text(text=node.content))
            elif kind in ("code_inline", "html_inline", "text_special"):
                # Code is printed as text; raw HTML is printed literally, never interpreted.
                runs.append(Text(text=node.content))
            elif kind == "softbreak":
                runs.append(Text(text=" "))
            elif kind == "hardbreak":
                runs.append(LineBreak())
            elif kind == "em":
                runs.append(Emphasis(children=self.runs(node, block, assign)))
            elif kind == "strong":
                runs.append(Strong(children=self.runs(node, block, assign)))
            elif kind == "link":
                runs.append(self._link(node, block, assign))
            elif kind == "footnote_ref":
                label = str(node.meta["label"])
                runs.append(FootnoteRef(label=label, number=self.numbers.number(label, assign)))
            elif kind == "image":
                self._error(block, "![", self._image_message())
            else:
                self._error(block, None, f"{kind.replace('_', ' ')} is not supported")
        return runs

    def _image_message(self) -> str:
        if not self.footnotes_allowed:  # the summary: no figures there either
            return "images are not possible here; remove the image"
        return (
            "an image must stand alone as a figure: put it in a paragraph of its own, "
            "with an empty line before and after it"
        )

    def _link(self, node: SyntaxTreeNode, block: SyntaxTreeNode, assign: bool) -> Inline:
        href = str(node.attrs.get("href", ""))
        children = self.runs(node, block, assign)
        if not href.lower().startswith(_LINK_SCHEMES):
            self._error(
                block,
                f"]({href}",
                "link: expected an address starting with https://, http:// or mailto:, "
                f'got "{href}"',
                Code.LINK_SCHEME,
            )
        return Link(href=href, children=children)

    def _check_leftover_refs(self, text: str, block: SyntaxTreeNode) -> None:
        for match in _LEFTOVER_REF.finditer(text):
            needle = match.group(0)
            if not self.footnotes_allowed:
                message = f"footnotes are not possible here; remove {needle}"
                self._error(block, needle, message, Code.FOOTNOTE)
                continue
            positions = [p for p in self.source.find(block, needle) if p not in self._reported]
            if not positions:
                continue  # written as \[^x]: the author wants the brackets printed
            self._reported.add(positions[0])
            line, column = positions[0]
            self.problems.append(
                Problem(
                    self.source.path,
                    line,
                    column,
                    f"footnote {needle}: referenced but never defined; add a line "
                    f'"{needle}: text of the note" below the text, or remove the reference',
                    code=Code.FOOTNOTE,
                )
            )

    def _error(
        self,
        block: SyntaxTreeNode,
        needle: str | None,
        message: str,
        code: Code = Code.UNSUPPORTED_MARKDOWN,
    ) -> None:
        found = self.source.find(block, needle) if needle else []
        line, column = found[0] if found else (self.source.line_of(block), None)
        self.problems.append(Problem(self.source.path, line, column, message, code=code))


def merge_text(runs: Iterable[Inline]) -> tuple[Inline, ...]:
    """Join adjacent Text runs and drop empty ones (the parser splits text at markup)."""
    merged: list[Inline] = []
    for run in runs:
        if isinstance(run, Text):
            if not run.text:
                continue
            if merged and isinstance(merged[-1], Text):
                merged[-1] = Text(text=merged[-1].text + run.text)
                continue
        merged.append(run)
    return tuple(merged)
