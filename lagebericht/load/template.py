"""Render the body of a ``*.md.j2`` report: a sandboxed Jinja2 template fed by data files.

The design, in the order :func:`render_body` works:

- The front matter is plain YAML, never templated. It is parsed first, as for any report,
  to find ``data:`` and to hand the template ``report`` (the front-matter mapping, scalars
  as text). Only the body is a template; its output replaces the body.
- Names in the template: ``report``; ``data``, every data file by stem
  (``data["astana-2024-08"]``); and each stem that is a valid name on its own
  (``daten/kennzahlen.csv`` → ``kennzahlen``). See :mod:`lagebericht.load.template_data`.
- The environment: :class:`ImmutableSandboxedEnvironment` (no attribute escapes such as
  ``''.__class__``, and the data cannot be changed by ``.append()``), ``StrictUndefined``
  (a misspelt name is an error, not an empty string), autoescape off (the output is
  Markdown; escaping happens in the layout), ``trim_blocks``/``lstrip_blocks`` (a line
  holding only ``{% for … %}`` leaves no blank line behind), no loader (``{% include %}``,
  ``{% import %}`` and ``{% extends %}`` are refused: a report template is one file).
  Printing ``null`` from a data file is an error, as "None" in a report is never meant.
- Bounds: the sandbox limits ``range()`` to 100,000 items; ``*`` and ``**`` are checked
  before they build a huge string, list or number; the output is produced piece by piece
  and stopped at :data:`MAX_RENDERED_BYTES`; a macro calling itself ends in Python's
  recursion limit, reported as an error. Not bounded: time spent in loops that print
  nothing (nested loops over large ranges) and single filter calls such as
  ``|center(10**9)`` — a template is written by the office, not by an attacker; the
  sandbox keeps it from reaching files, the network or the toolkit's internals.

Every failure is an :class:`InputError` naming the report file and the file line of the
template code; Markdown problems found later in the rendered text are moved back to the
template line that rendered them (:mod:`lagebericht.load.template_lines`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
from jinja2.exceptions import (
    SecurityError,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from lagebericht.load.template_data import read_data_files
from lagebericht.load.template_filters import FilterError, report_filters
from lagebericht.load.template_lines import LineMap, LineMarks, last_line, remove_marks
from lagebericht.load.yaml_tree import KeyPath, Location
from lagebericht.problems import Code, InputError, Problem

MAX_RENDERED_BYTES = 5_000_000
"""A monthly report is a few pages; more than this is a runaway loop."""
_MAX_POWER_BITS = 100_000
_TEMPLATE_FILE = "<template>"  # Jinja's file name for a template made from a string


@dataclass(frozen=True)
class RenderedBody:
    """The body a template rendered, and the file line each of its lines came from."""

    text: str
    lines: LineMap


def render_body(
    path: Path,
    front_matter: Mapping[str, object],
    locations: Mapping[KeyPath, Location],
    body: str,
    body_line: int,
) -> RenderedBody:
    """Render ``body`` (file line ``body_line`` on) of the template report at ``path``."""
    data = read_data_files(path, front_matter.get("data"), locations)
    environment = _Sandbox(front_matter.get("language"))
    try:
        template = environment.from_string(body)
    except TemplateSyntaxError as error:
        message = f"template syntax error: {error.message}"
        raise InputError(
            [Problem(path, body_line + error.lineno - 1, None, message, code=Code.TEMPLATE)]
        ) from None
    except RecursionError:
        message = "template syntax error: expressions are nested too deeply"
        raise InputError([Problem(path, body_line, None, message, code=Code.TEMPLATE)]) from None
    names = {stem: value for stem, value in data.items() if stem.isidentifier()}
    context = {**names, "data": data, "report": dict(front_matter)}
    try:
        rendered = _bounded(template.generate(context))
    except _TooLong as error:
        raise InputError(
            [Problem(path, body_line + error.line - 1, None, str(error), code=Code.TEMPLATE)]
        ) from None
    except _AUTHOR_ERRORS as error:
        line = _template_line(error)
        message = _render_message(error, sorted(context))
        raise InputError(
            [Problem(path, body_line + line - 1, None, message, code=Code.TEMPLATE)]
        ) from None
    text, sources = remove_marks(rendered, 1)
    return RenderedBody(text, LineMap(body_line, tuple(body_line + s - 1 for s in sources)))


# What a template's own expressions raise: Jinja's errors, and Python's for a value of the
# wrong kind (text plus a number, a missing index, 1/0, a range too large). Anything else
# is a bug of lagebericht or Jinja and must surface as an internal error.
_AUTHOR_ERRORS = (
    TemplateError,
    TypeError,
    ValueError,
    LookupError,
    ArithmeticError,
    AttributeError,
    RecursionError,
)


class _Sandbox(ImmutableSandboxedEnvironment):
    """The report templates' environment (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, language: object) -> None:
        super().__init__(
            loader=BaseLoader(),
            undefined=StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=[LineMarks],
            finalize=_no_null,
        )
        self.filters.update(report_filters(language))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**" and _too_large_power(left, right):
            raise SecurityError(f"{left} ** {right} is too large a number")
        return super().call_binop(context, operator, left, right)


def _check_repeat(sequence: object, times: object) -> None:
    too_long = (
        isinstance(sequence, str | list | tuple)
        and isinstance(times, int)
        and len(sequence) * times > MAX_RENDERED_BYTES
    )
    if too_long:
        raise SecurityError("repeating this value makes it longer than a report can be")


def _too_large_power(base: object, exponent: object) -> bool:
    if not isinstance(base, int) or not isinstance(exponent, int) or abs(base) <= 1:
        return False
    return base.bit_length() * exponent > _MAX_POWER_BITS


def _no_null(value: object) -> object:
    if value is None:
        raise FilterError(
            "a value printed here is empty (null, or nothing after the `:` in a data file)"
        )
    return value


class _TooLong(Exception):
    def __init__(self, line: int) -> None:
        self.line = line
        megabytes = MAX_RENDERED_BYTES // 1_000_000
        super().__init__(
            f"template: the rendered text is longer than {megabytes} MB; "
            "does a loop run more often than intended?"
        )


def _bounded(pieces: Iterator[str]) -> str:
    """Join the output pieces, stopping at :data:`MAX_RENDERED_BYTES`."""
    collected: list[str] = []
    size = 0
    for piece in pieces:
        collected.append(piece)
        size += len(piece.encode("utf-8", errors="replace"))
        if size > MAX_RENDERED_BYTES:
            raise _TooLong(last_line(collected) or 1)
    return "".join(collected)


def _template_line(error: BaseException) -> int:
    """Jinja rewrites tracebacks so that template frames carry template lines: the innermost
    one is where the template failed (inside a macro: the macro's line)."""
    line = 1
    frame = error.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename == _TEMPLATE_FILE:
            line = frame.tb_lineno
        frame = frame.tb_next
    return line


def _render_message(error: Exception, names: list[str]) -> str:
    if isinstance(error, UndefinedError):
        known = ", ".join(names)
        return f"template: {error.message}; the names defined are {known}"
    if isinstance(error, SecurityError):
        return f"template: not allowed: {error.message}"
    if isinstance(error, TemplateNotFound):
        return (
            "template: {% include %}, {% import %} and {% extends %} are not available; "
            "a report template is one file"
        )
    if isinstance(error, FilterError):
        return f"template: {error}"
    if isinstance(error, RecursionError):
        return "template: a macro calls itself without end"
    if isinstance(error, TemplateError):
        return f"template: {error}"
    if isinstance(error, TypeError):
        return (
            f"template: {error} (values from data files are text: "
            "turn them into numbers with `|float` or `|int`)"
        )
    return f"template: {type(error).__name__}: {error}"
