"""YAML text → a mapping plus the file line and column of every key and value.

The node tree is composed first (``yaml.compose`` style) and walked by hand so that every
key path keeps its position and duplicate keys are reported instead of silently overwritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lagebericht.limits import MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_VALUES
from lagebericht.load.text import decode_text
from lagebericht.load.yaml_hints import syntax_hint
from lagebericht.problems import Code, InputError, Problem

KeyPath = tuple[str | int, ...]
"""Where a value sits in the YAML tree: ``("authors", 0, "name")``."""

Location = tuple[int, int]
"""1-based ``(line, column)`` in the file."""


class TextLoader(yaml.SafeLoader):
    """Safe loading where every plain scalar is text except ``null`` and ``true``/``false``.

    Authors write titles like ``1984``, phone numbers, ``language: no`` (Norwegian) and dates;
    YAML 1.1 would turn them into numbers, ``False`` or ``datetime.date`` (or crash on
    ``2024-13-01``). As text, the models decide what a field means and report it clearly.
    """


_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
TextLoader.yaml_implicit_resolvers = {}
TextLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
TextLoader.add_implicit_resolver(
    _NULL_TAG, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


@dataclass(frozen=True)
class YamlMapping:
    """A parsed YAML mapping with the file position of every value and every key."""

    data: dict[str, object]
    locations: Mapping[KeyPath, Location]
    """Position of each value (``()`` is the mapping itself)."""
    key_locations: Mapping[KeyPath, Location] = field(default_factory=dict)
    """Position of each mapping key, by the key path it introduces."""


def parse_yaml_mapping(
    path: Path, text: str, first_line: int, root: Location, what: str
) -> YamlMapping:
    """Parse ``text`` (starting on file line ``first_line``) that must hold one mapping.

    ``root`` is where problems about the whole mapping point; ``what`` names it in messages
    (``front matter``, ``office file``). Raises :class:`InputError` with every problem found.
    """
    loader = TextLoader(text)
    try:
        node = loader.get_single_node()
        walker = _Walker(path, first_line, loader, what)
        if node is None:
            return YamlMapping({}, {(): root})
        if not isinstance(node, MappingNode):
            raise InputError(
                [
                    Problem(
                        path,
                        *walker.position(node),
                        f"{what}: expected fields like `title: …`, one per line; "
                        f"got {_node_kind(node)}",
                        code=Code.YAML_STRUCTURE,
                    )
                ]
            )
        data = walker.mapping(node, ())
    except yaml.MarkedYAMLError as error:
        raise InputError([_syntax_problem(path, text, first_line, what, error)]) from None
    except _TooBig as error:
        raise InputError(
            [Problem(path, *error.location, f"{what}: {error}", code=Code.YAML_STRUCTURE)]
        ) from None
    except RecursionError:
        # PyYAML composes nested collections recursively: `[[[[…` thousands deep.
        message = f"{what}: lists or mappings are nested too deeply"
        raise InputError(
            [Problem(path, first_line, None, message, code=Code.YAML_STRUCTURE)]
        ) from None
    except yaml.YAMLError as error:
        raise InputError(
            [
                Problem(
                    path, first_line, None, f"{what}: invalid YAML: {error}", code=Code.YAML_SYNTAX
                )
            ]
        ) from None
    finally:
        loader.dispose()
    if walker.problems:
        raise InputError(walker.problems)
    return YamlMapping(data, {(): root, **walker.locations}, walker.key_locations)


def read_yaml_file(path: Path, what: str) -> YamlMapping:
    """Read a whole YAML file (an office file) that must hold one mapping."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            [
                Problem(
                    path,
                    None,
                    None,
                    f"cannot read the file: {error.strerror}",
                    code=Code.UNREADABLE_FILE,
                )
            ]
        ) from None
    return parse_yaml_mapping(path, decode_text(path, data), 1, (1, 1), what)


def _syntax_problem(
    path: Path, text: str, first_line: int, what: str, error: yaml.MarkedYAMLError
) -> Problem:
    mark = error.problem_mark or error.context_mark
    details = "; ".join(str(part) for part in (error.context, error.problem) if part)
    message = f"{what}: YAML syntax error: {details}"
    hint = syntax_hint(error, text.split("\n"), first_line)
    if hint is not None:
        message += f" ({hint})"
    if mark is None:
        return Problem(path, first_line, None, message, code=Code.YAML_SYNTAX)
    column = mark.column + 1
    return Problem(path, first_line + mark.line, column, message, code=Code.YAML_SYNTAX)


def _node_kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return f'the text "{node.value}"'


class _TooBig(Exception):
    """The YAML expands to more values, or deeper nesting, than any report needs."""

    def __init__(self, location: Location, message: str) -> None:
        self.location = location
        super().__init__(message)


class _Walker:
    """Builds Python values from nodes, recording positions; lives for one parse.

    Aliases are expanded as they are met, so ``&a [*b, *b, …]`` chains (a "billion laughs")
    would build billions of values: the walk stops at :data:`MAX_YAML_VALUES` values,
    :data:`MAX_YAML_DEPTH` levels and :data:`MAX_YAML_ALIASES` uses of aliases (a list of
    aliases to one long text is few values but much text).
    """

    def __init__(self, path: Path, first_line: int, loader: TextLoader, what: str) -> None:
        self.path = path
        self.what = what
        self.first_line = first_line
        self.loader = loader
        self.locations: dict[KeyPath, Location] = {}
        self.key_locations: dict[KeyPath, Location] = {}
        self.problems: list[Problem] = []
        self._open: set[int] = set()  # ids of collections being built: catches alias cycles
        self._count = 0
        self._depth = 0
        self._seen: set[int] = set()  # ids of nodes met: an alias is the same node again
        self._aliases = 0

    def position(self, node: Node) -> Location:
        return (self.first_line + node.start_mark.line, node.start_mark.column + 1)

    def value(self, node: Node, key_path: KeyPath) -> object:
        self._count += 1
        if self._count > MAX_YAML_VALUES:
            raise _TooBig(
                self.position(node),
                f"more than {MAX_YAML_VALUES:,} values; an alias (`*name`) is repeated "
                "too often, or the file is not meant as front matter",
            )
        self._check_alias(node, key_path)
        self.locations[key_path] = self.position(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if self._depth >= MAX_YAML_DEPTH:
            name = key_path_name(key_path[:1]) or self.what  # the field, not 100 × [1]
            raise _TooBig(
                self.position(node),
                f"{name}: lists or mappings nested more than {MAX_YAML_DEPTH} levels deep",
            )
        self._depth += 1
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node, key_path)
            if isinstance(node, SequenceNode):
                return self.sequence(node, key_path)
            return self.scalar(node)
        finally:
            self._depth -= 1

    def _check_alias(self, node: Node, key_path: KeyPath) -> None:
        if id(node) not in self._seen:
            self._seen.add(id(node))
            return
        self._aliases += 1
        if self._aliases > MAX_YAML_ALIASES:
            # PyYAML keeps no place of the alias itself: the nearest key's, else the anchor's
            keys = (key_path[:end] for end in range(len(key_path), 0, -1))
            place = next((self.key_locations[k] for k in keys if k in self.key_locations), None)
            raise _TooBig(
                place or self.position(node),
                f"more than {MAX_YAML_ALIASES:,} uses of aliases (`*name`); "
                "write the values out, or is the file not meant for a report?",
            )

    def scalar(self, node: Node) -> object:
        # Only the two implicit types of TextLoader; explicit tags (`!!int x`, `!custom`) are
        # no part of the authoring format, so their text is kept as written.
        if node.tag in (_BOOL_TAG, _NULL_TAG):
            return self.loader.construct_object(node, deep=True)
        return str(node.value)

    def mapping(self, node: MappingNode, key_path: KeyPath) -> dict[str, object]:
        if not self._enter(node, key_path):
            return {}
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(
                    key_node, f"{key_path_name(key_path) or self.what}: a key must be a plain name"
                )
                continue
            key = str(key_node.value)
            child = (*key_path, key)
            if key in result:
                first = self.key_locations[child][0]
                self._problem(
                    key_node,
                    f"{key_path_name(child)}: duplicate field, it is already set on line {first}; "
                    "keep only one of them",
                )
                continue
            self.key_locations[child] = self.position(key_node)
            result[key] = self.value(value_node, child)
        self._open.discard(id(node))
        return result

    def sequence(self, node: SequenceNode, key_path: KeyPath) -> list[object]:
        if not self._enter(node, key_path):
            return []
        result = [self.value(item, (*key_path, index)) for index, item in enumerate(node.value)]
        self._open.discard(id(node))
        return result

    def _enter(self, node: Node, key_path: KeyPath) -> bool:
        if id(node) in self._open:
            self._problem(
                node, f"{key_path_name(key_path) or self.what}: an alias refers to itself"
            )
            return False
        self._open.add(id(node))
        return True

    def _problem(self, node: Node, message: str) -> None:
        problem = Problem(self.path, *self.position(node), message, code=Code.YAML_STRUCTURE)
        self.problems.append(problem)


def key_path_name(key_path: KeyPath) -> str:
    """``("authors", 0, "name")`` → ``authors[1].name`` (items counted from 1, as people do)."""
    name = ""
    for part in key_path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def text_values(value: object, key_path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every string in ``value`` (lists and mappings walked) with its key path."""
    if isinstance(value, str):
        yield key_path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_values(item, (*key_path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_values(item, (*key_path, key))
