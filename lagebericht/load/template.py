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
- Bounds: every operation that builds a string, list or number larger than its operands
  is checked before it allocates, loop iterations and calls are counted, and the output is
  produced piece by piece and stopped at the report size limit
  (:func:`lagebericht.limits.max_report_bytes`); see :mod:`lagebericht.load.template_bounds`.
  A macro calling itself ends in Python's recursion limit, reported as an error.

Every failure is an :class:`InputError` naming the report file and the file line of the
template code; Markdown problems found later in the rendered text are moved back to the
template line that rendered them (:mod:`lagebericht.load.template_lines`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import (
    SecurityError,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

from lagebericht.limits import MAX_REPORT_BYTES_VARIABLE, describe_bytes, max_report_bytes
from lagebericht.load.template_bounds import (
    FILTER_CHECKS,
    Budget,
    CapturedText,
    CountedLoop,
    check_binop,
    check_call,
    checked_filter,
    checked_format,
    checked_lipsum,
)
from lagebericht.load.template_data import read_data_files
from lagebericht.load.template_filters import FilterError, report_filters
from lagebericht.load.template_lines import (
    LineMap,
    LineMarks,
    last_line,
    mark_count,
    remove_marks,
)
from lagebericht.load.yaml_tree import KeyPath, Location
from lagebericht.problems import Code, InputError, Problem

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
        rendered = _bounded(template.generate(context), environment.budget.text_limit)
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


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with ``~`` and the buffers of blocks counted."""

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.captured_text()")

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        # Jinja writes `t_1.append(…)` on a line with no template line of its own, so an
        # error there (collected text too long) would point at the block's first line.
        self.writeline("pass", node)
        super().visit_Output(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("str_join(environment.budget.parts((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write(")))")


class _Sandbox(ImmutableSandboxedEnvironment):
    """The report templates' environment (see the module docstring); one per rendering."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _CodeGenerator

    def __init__(self, language: object) -> None:
        super().__init__(
            loader=BaseLoader(),
            undefined=StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=[LineMarks],
            finalize=self._finalize,
        )
        self.budget = Budget(max_report_bytes())
        self.filters.update(report_filters(language))
        for name in FILTER_CHECKS.keys() & self.filters.keys():
            self.filters[name] = checked_filter(self.budget, name, self.filters[name])
        self.globals["lipsum"] = checked_lipsum(self.budget, generate_lorem_ipsum)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's tree, each ``{% for %}`` reading its items through
        :meth:`counted_loop` (a loop whose body prints nothing makes no other call)."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            counter = nodes.EnvironmentAttribute("counted_loop", lineno=loop.iter.lineno)
            loop.iter = nodes.Call(counter, [loop.iter], [], None, None, lineno=loop.iter.lineno)
            loop.iter.set_environment(self)
        return tree

    def counted_loop(self, iterable: Any) -> CountedLoop:
        return self.budget.counted(iterable)

    def captured_text(self) -> CapturedText:
        return self.budget.buffer()

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        check_binop(self.budget, operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Context, function: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.budget.step()
        args = check_call(self.budget, function, args, kwargs)
        return super().call(context, function, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        is_map = value.__name__ == "format_map"
        return checked_format(self.budget, value.__self__, wrapped, is_map)

    def _finalize(self, value: object) -> object:
        if value is None:
            raise FilterError(
                "a value printed here is empty (null, or nothing after the `:` in a data file)"
            )
        self.budget.printed(value)
        return value


class _TooLong(Exception):
    def __init__(self, line: int, limit: int) -> None:
        self.line = line
        super().__init__(
            f"template: the rendered text is longer than {describe_bytes(limit)}, the "
            f"limit for a report ({MAX_REPORT_BYTES_VARIABLE}); "
            "does a loop run more often than intended?"
        )


_MARK_BYTES = 4  # a line marker is one character of plane 15: four bytes in UTF-8


def _bounded(pieces: Iterator[str], limit: int) -> str:
    """Join the output pieces, stopping as soon as their text passes ``limit`` bytes."""
    collected: list[str] = []
    size = 0
    for piece in pieces:
        collected.append(piece)
        size += len(piece.encode("utf-8", errors="replace")) - _MARK_BYTES * mark_count(piece)
        if size > limit:
            raise _TooLong(last_line(collected) or 1, limit)
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
