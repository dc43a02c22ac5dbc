"""Inline syntax-tree nodes → the model's inline runs (Text, Emphasis, Strong, Link…)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it.tree import SyntaxTreeNode

from lagebericht.load import Location
from lagebericht.model import Emphasis, FootnoteRef, Inline, LineBreak, Link, Strong, Text
from lagebericht.problems import Code, Problem, Severity
from lagebericht.validate.markdown_source import MAX_FOOTNOTE_LABEL, BodySource, FirstFree
from lagebericht.validate.raw_html import html_message, is_closing_tag, tag_name

# A reference the footnote plugin could not resolve stays in the text as written; one
# with a longer label is no reference (MAX_FOOTNOTE_LABEL).
_LEFTOVER_REF = re.compile(rf"\[\^([^\]\s]{{1,{MAX_FOOTNOTE_LABEL}}})\]")
# So does a reference-style link `[text][label]` (or `[label][]`) whose label is not defined.
_UNDEFINED_LINK = re.compile(r"\[([^\[\]^]*)\]\[([^\[\]]*)\]")
_LINK_SCHEMES = ("http://", "https://", "mailto:")


class FootnoteNumbers:
    """Footnote numbers 1, 2, 3… in order of first reference; one instance per report."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._labels: list[str] = []  # by number - 1

    def number(self, label: str, assign: bool) -> int:
        """The label's number; a new label gets the next one if ``assign`` (else 0)."""
        if label not in self._numbers and assign:
            self._labels.append(label)
            self._numbers[label] = len(self._labels)
        return self._numbers.get(label, 0)

    def label(self, number: int) -> str | None:
        """The label numbered ``number``, if one is yet."""
        return self._labels[number - 1] if 0 < number <= len(self._labels) else None

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
        self._located: set[tuple[int, int]] = set()  # positions a problem already points at
        self._open_tags: set[tuple[int, str]] = set()  # (block id, tag) warned about, unclosed
        # (block id, needle, taken set) → the block (kept alive, so that its id stays its
        # own) and where the search for a free position in it goes on
        self._cursors: dict[tuple[int, str, int], tuple[SyntaxTreeNode, FirstFree]] = {}

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
                self._check_undefined_links(node.content, block)
                runs.append(Text(text=node.content))
            elif kind == "text_special":  # a backslash escape or an entity such as &amp;
                runs.append(Text(text=node.content))
            elif kind == "code_inline":
                runs.append(Text(text=node.content))
                self._code_span(node, block)
            elif kind == "html_inline":
                # Raw HTML is printed literally, never interpreted.
                runs.append(Text(text=node.content))
                self._html(node, block)
            elif kind == "softbreak":
                runs.append(Text(text=" "))
            elif kind == "hardbreak":
                runs.append(LineBreak())
            elif kind == "em":
                runs.append(Emphasis(children=self.runs(node, block, assign)))
            elif kind == "strong":
                runs.append(Strong(children=self.runs(node, block, assign)))
            elif kind == "s":
                # No struck-through type: printed as written, so deleted text does not
                # read as current text.
                runs.extend((Text(text=node.markup), *self.runs(node, block, assign)))
                runs.append(Text(text=node.markup))
                self._strikethrough(node, block)
            elif kind == "link":
                runs.append(self._link(node, block, assign))
            elif kind == "footnote_ref":
                label = str(node.meta["label"])
                runs.append(FootnoteRef(label=label, number=self.numbers.number(label, assign)))
            elif kind == "image":
                self._error(block, "![", self._image_message())
            else:
                runs.extend(self._unknown(node, block, assign))
        return runs

    def _unknown(self, node: SyntaxTreeNode, block: SyntaxTreeNode, assign: bool) -> list[Inline]:
        """A construct this converter does not know (a parser change): its text is kept."""
        name = node.type.replace("_", " ")
        self._warn(
            block,
            node.markup or None,
            f"not supported: {name}; its text is printed as plain text, without the markup",
        )
        if node.children:
            return list(self.runs(node, block, assign))
        return [Text(text=node.content)]

    def _code_span(self, node: SyntaxTreeNode, block: SyntaxTreeNode) -> None:
        marks = node.markup
        self._warn(
            block,
            self._written(block, f"{marks}{node.content}{marks}", marks),
            f"inline code {marks}{node.content}{marks} is printed as ordinary text (a report "
            "has no code font); remove the backticks",
        )

    def _strikethrough(self, node: SyntaxTreeNode, block: SyntaxTreeNode) -> None:
        marks = node.markup
        inner = "".join(child.content for child in node.children)  # exact if only plain text
        self._warn(
            block,
            self._written(block, f"{marks}{inner}{marks}", marks),
            f"strikethrough ({marks}…{marks}) is not supported: the text is printed as "
            "written, with the tildes; remove the tildes, or the text",
        )

    def _html(self, node: SyntaxTreeNode, block: SyntaxTreeNode) -> None:
        name = tag_name(node.content)
        key = (id(block), name or "")
        if is_closing_tag(node.content) and key in self._open_tags:
            self._open_tags.discard(key)  # its opening tag's warning covers it
            return
        if name is not None and not is_closing_tag(node.content):
            self._open_tags.add(key)
        self._warn(block, node.content, html_message(node.content))

    def _image_message(self) -> str:
        if not self.footnotes_allowed:  # the summary: no figures there either
            return "images are not possible here; remove the image"
        return (
            "an image must stand alone as a figure: put it in a paragraph of its own, "
            "with an empty line before and after it (the line below the image may only "
            'give its alternative text: "Alt: what the image shows")'
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
        title = str(node.attrs.get("title") or "")
        if title:
            self._warn(
                block,
                self._written(block, f'"{title}"', f"'{title}'", f"({title})", title),
                f'link title "{title}" is not shown in the PDF; remove it, or write it into '
                "the text",
            )
        if not node.children:  # `[](…)`; an image inside is an error of its own
            self._warn(
                block,
                f"[]({href}",
                f"the link to {href} has no text, so nothing of it is printed; write the text "
                f"between the brackets: [text]({href})",
            )
        return Link(href=href, children=children)

    def _check_leftover_refs(self, text: str, block: SyntaxTreeNode) -> None:
        for match in _LEFTOVER_REF.finditer(text):
            needle = match.group(0)
            if not self.footnotes_allowed:
                message = f"footnotes are not possible here; remove {needle}"
                self._error(block, needle, message, Code.FOOTNOTE)
                continue
            position = self._first_free(block, needle, self._reported)
            if position is None:
                continue  # written as \[^x]: the author wants the brackets printed
            self._reported.add(position)
            line, column = position
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

    def _check_undefined_links(self, text: str, block: SyntaxTreeNode) -> None:
        for match in _UNDEFINED_LINK.finditer(text):
            written = match.group(0)
            if not self.source.contains(block, written):
                continue  # written as \[…]: the author wants the brackets
            label = match.group(2) or match.group(1)
            instead = f"write [{match.group(1)}](https://…)"
            if self.footnotes_allowed:  # the body, not the summary: definitions are possible
                instead = f'add a line "[{label}]: https://…" below the text, or {instead}'
            self._warn(
                block,
                written,
                f"link {written}: [{label}] is not defined, so the text is printed as "
                f"written, brackets and all; {instead}",
            )

    def _written(self, block: SyntaxTreeNode, *candidates: str) -> str:
        """The first of ``candidates`` (ways to write one thing) found in the block's source."""
        return next((c for c in candidates if self.source.contains(block, c)), candidates[-1])

    def _error(
        self,
        block: SyntaxTreeNode,
        needle: str | None,
        message: str,
        code: Code = Code.UNSUPPORTED_MARKDOWN,
    ) -> None:
        self._problem(block, needle, message, Severity.ERROR, code)

    def _warn(
        self,
        block: SyntaxTreeNode,
        needle: str | None,
        message: str,
        code: Code = Code.UNSUPPORTED_MARKDOWN,
    ) -> None:
        self._problem(block, needle, message, Severity.WARNING, code)

    def _problem(
        self,
        block: SyntaxTreeNode,
        needle: str | None,
        message: str,
        severity: Severity,
        code: Code,
    ) -> None:
        """A problem at ``needle``'s first position in ``block`` that no other problem has
        taken (the second of two equal images points at the second), else at the block."""
        free = self._first_free(block, needle, self._located) if needle else None
        if free is not None:
            self._located.add(free)
        line, column = free if free is not None else (self.source.line_of(block), None)
        self.problems.append(Problem(self.source.path, line, column, message, severity, code))

    def _first_free(
        self, block: SyntaxTreeNode, needle: str, taken: set[Location]
    ) -> Location | None:
        key = (id(block), needle, id(taken))
        if key not in self._cursors:
            self._cursors[key] = (block, FirstFree(self.source.positions(block, needle)))
        return self._cursors[key][1].first(taken)


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
