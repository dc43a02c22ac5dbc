"""Bounds on what a report template builds while it runs, checked before it is built.

A template of a few hundred bytes can ask for gigabytes (``'%0999999999d' % 1``,
``'x'.center(10**9)``, ``big | join`` over a list of aliases) or loop for hours. The output
limit alone comes too late: by then the value exists. So each operation that makes a
string, list or number larger than its operands is estimated from the operands first and
refused if the result would be longer than a report may be (:func:`max_report_bytes`):

- operators: ``*`` (text, lists, whole numbers), ``**``, ``%`` (printf formatting) and
  ``+``, through the sandbox's ``call_binop``; ``~`` through the code generator;
- text methods (``center``, ``ljust``, ``rjust``, ``zfill``, ``expandtabs``, ``join``,
  ``replace``, ``translate``, ``format``, ``format_map``) and ``lipsum``, through the
  sandbox's ``call``;
- filters that build text or lists (:data:`FILTER_CHECKS`), wrapped when the environment
  is made, so ``map('center', …)`` is checked too;
- printing a value, which turns nested lists into text (``finalize``).

Work is counted in steps (loop iterations and calls) against :data:`MAX_TEMPLATE_STEPS` and a
wall-clock limit, and text collected by ``{% set %}`` blocks, macros and ``{% filter %}``
against :data:`MAX_CAPTURED_FACTOR` reports' worth. Every refusal is a :class:`TooMuch`
raised inside the template's own code, so the caller finds the template line in the
traceback.
"""

from __future__ import annotations

import functools
import inspect
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.utils import Namespace

from lagebericht.limits import (
    MAX_CAPTURED_FACTOR,
    MAX_COPY_WORK,
    MAX_REPORT_BYTES_VARIABLE,
    MAX_TEMPLATE_INT_BITS,
    MAX_TEMPLATE_SECONDS,
    MAX_TEMPLATE_STEPS,
)

_FLOAT_CHARS = 330  # '%f' % 1e308 has 309 digits
_OBJECT_CHARS = 100  # dates, functions, undefined values: their text is short


class TooMuch(SecurityError):
    """An operation would build more than a report needs; the message is for the author."""


class Budget:
    """What one rendering may still build and do; lives for one rendering."""

    def __init__(self, text_limit: int) -> None:
        self.text_limit = text_limit
        self.steps = 0
        self.captured = 0
        self.deadline = time.monotonic() + MAX_TEMPLATE_SECONDS

    def step(self, count: int = 1) -> None:
        """Count loop iterations or calls; refuse past the step and time limits."""
        before = self.steps
        self.steps += count
        if self.steps > MAX_TEMPLATE_STEPS:
            raise TooMuch(
                f"the template runs more than {MAX_TEMPLATE_STEPS:,} loop iterations and "
                "calls; does a loop run more often than intended?"
            )
        if before // 1024 != self.steps // 1024 and time.monotonic() > self.deadline:
            raise TooMuch(
                f"the template runs longer than {MAX_TEMPLATE_SECONDS} s; "
                "does a loop run more often than intended?"
            )

    def text(self, size: int, what: str) -> None:
        """Refuse ``what`` if it would make a text (or list) longer than a report."""
        if size > self.text_limit:
            raise TooMuch(
                f"{what} would make {size:,} characters or items, more than the "
                f"{self.text_limit:,} a report may have ({MAX_REPORT_BYTES_VARIABLE})"
            )

    def capture(self, size: int) -> None:
        """Count text collected by a block (``{% set %}``, a macro, ``{% filter %}``)."""
        self.captured += size
        limit = MAX_CAPTURED_FACTOR * self.text_limit
        if self.captured > limit:
            raise TooMuch(
                f"the template collects more than {limit:,} characters in "
                "{% set %} blocks, macros or {% filter %} blocks; "
                "does a loop run more often than intended?"
            )

    def printed(self, value: object) -> None:
        """Refuse to print a value whose text would be longer than a report."""
        if not isinstance(value, str):
            self.text(text_size(value, self.text_limit), "printing this value")

    def counted(self, iterable: Iterable[Any]) -> CountedLoop:
        return CountedLoop(iterable, self)

    def buffer(self) -> CapturedText:
        return CapturedText(self)

    def parts(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """The operands of ``~``, checked before they are joined."""
        self.text(sum_sizes(parts, self.text_limit), "joining these values with `~`")
        return parts


class CountedLoop:
    """A ``{% for %}`` loop's iterable that counts each iteration as a step.

    ``len`` is passed through so that ``loop.length`` does not read the items in advance.
    """

    def __init__(self, iterable: Iterable[Any], budget: Budget) -> None:
        self._iterable = iterable
        self._budget = budget

    def __iter__(self) -> Iterator[Any]:
        for item in self._iterable:
            self._budget.step()
            yield item

    def __len__(self) -> int:
        return len(self._iterable)  # type: ignore[arg-type]  # TypeError: LoopContext counts


class CapturedText(list[str]):
    """The buffer a block's output is collected in (the code generator's ``t_1 = []``)."""

    def __init__(self, budget: Budget) -> None:
        super().__init__()
        self._budget = budget

    def append(self, piece: str) -> None:
        self._budget.capture(len(piece))
        super().append(piece)

    def extend(self, pieces: Iterable[str]) -> None:
        pieces = tuple(pieces)
        self._budget.capture(sum(len(piece) for piece in pieces))
        super().extend(pieces)


# --- sizes --------------------------------------------------------------------------------


def text_size(value: object, limit: int) -> int:
    """About how many characters ``str(value)`` has, computed without building it.

    Nested lists are walked without recursion and the walk stops as soon as the count passes
    ``limit`` (a list of a thousand references to a list of a thousand long texts is small in
    memory and enormous as text). Escapes in the ``repr`` of texts inside lists are not
    counted: at most a small factor.
    """
    total = 0
    pending: list[object] = [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str | bytes):
            total += len(item) + 3
        elif isinstance(item, bool) or item is None:
            total += 5
        elif isinstance(item, int):
            total += item.bit_length() * 30103 // 100000 + 2
        elif isinstance(item, float):
            total += _FLOAT_CHARS
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            pending.extend(item)
        elif isinstance(item, Mapping):
            total += 2 + 4 * len(item)
            for key, entry in item.items():
                pending.append(key)
                pending.append(entry)
        elif isinstance(item, Namespace):
            total += 13
            pending.append(object.__getattribute__(item, "_Namespace__attrs"))
        else:
            total += _OBJECT_CHARS
    return total


def sum_sizes(values: Iterable[object], limit: int) -> int:
    total = 0
    for value in values:
        total += text_size(value, limit)
        if total > limit:
            break
    return total


def _count(value: object) -> int:
    """A count argument (width, repetitions) as a number; anything else counts as 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    return int(value) if abs(value) < 1e18 else 10**18


def check_binop(budget: Budget, operator: str, left: object, right: object) -> None:
    """Refuse ``left <operator> right`` if its result would be too large."""
    if operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            _check_bits(left.bit_length() + right.bit_length(), f"{operator}")
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, str | bytes | list | tuple) and isinstance(times, int):
                budget.text(len(sequence) * times, "repeating this value with `*`")
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
            _check_bits(left.bit_length() * min(right, 10**18), "**")
    elif operator == "%" and isinstance(left, str | bytes):
        pattern = left if isinstance(left, str) else left.decode("latin-1")
        budget.text(printf_size(pattern, right, budget.text_limit), "formatting with `%`")
    elif operator == "+":
        both = (str, bytes, list, tuple)
        if isinstance(left, both) and isinstance(right, both):
            budget.text(len(left) + len(right), "joining these values with `+`")


def _check_bits(bits: int, operator: str) -> None:
    if bits > MAX_TEMPLATE_INT_BITS:
        raise TooMuch(
            f"`{operator}` would make a number of about {bits * 30103 // 100000:,} digits; "
            "no report needs numbers that large"
        )


_PRINTF = re.compile(
    r"%(?:\([^)]*\))?[-#0 +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?[hlL]?."
)


def printf_size(pattern: str, values: object, limit: int) -> int:
    """An upper bound for the length of ``pattern % values``."""
    numbers = values if isinstance(values, tuple) else (values,)
    star = sum(abs(_count(number)) for number in numbers)  # widths given as `*`
    size = len(pattern) + sum_sizes(numbers, limit)
    for match in _PRINTF.finditer(pattern):
        for part in (match.group("width"), match.group("precision")):
            size += star if part == "*" else _digits(part)
        if size > limit:
            break
    return size


def _digits(text: str | None) -> int:
    if not text:
        return 0
    return int(text) if len(text) < 19 else 10**18


def format_size(pattern: str, args: tuple[Any, ...], kwargs: Mapping[str, Any], limit: int) -> int:
    """An upper bound for the length of ``pattern.format(*args, **kwargs)``."""
    values = sum_sizes((*args, *kwargs.values()), limit)
    numbers = sum(abs(_count(value)) for value in (*args, *kwargs.values()))
    size = len(pattern)
    try:
        fields = list(string.Formatter().parse(pattern))
    except ValueError:
        return size  # str.format reports the broken pattern itself
    for _, name, spec, _ in fields:
        if name is None:
            continue
        size += values + sum(_digits(width) for width in re.findall(r"\d+", spec or ""))
        if spec and "{" in spec:
            size += numbers
        if size > limit:
            break
    return size


# --- text methods -------------------------------------------------------------------------


def check_call(
    budget: Budget, function: object, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Refuse a call of a text method whose result would be too large; the arguments to call
    it with (the items of ``join`` read into a list first, so that they can be measured)."""
    owner = getattr(function, "__self__", None)
    name = getattr(function, "__name__", "")
    if isinstance(owner, str | bytes):  # ''.encode() reaches the same methods of bytes
        check = _TEXT_METHODS.get(name)
        if name == "join" and args and not _sized(args[0]):
            args = (list(args[0]), *args[1:])
        if check is not None:
            budget.text(check(owner, args, kwargs, budget.text_limit), f"`.{name}()`")
    return args


def _sized(value: object) -> bool:
    return isinstance(value, list | tuple | str | Mapping | set | frozenset)


def _width_size(text: str, args: tuple[Any, ...], kwargs: dict[str, Any], limit: int) -> int:
    width = args[0] if args else kwargs.get("width", 0)
    return max(len(text), _count(width))


def _expandtabs_size(text: str, args: tuple[Any, ...], kwargs: dict[str, Any], limit: int) -> int:
    tabsize = args[0] if args else kwargs.get("tabsize", 8)
    return len(text) + text.count("\t") * max(0, _count(tabsize))


def _join_size(text: str, args: tuple[Any, ...], kwargs: dict[str, Any], limit: int) -> int:
    items = args[0] if args and _sized(args[0]) else ()
    return sum_sizes(items, limit) + len(text) * len(items)


def _replace_size(text: Any, args: tuple[Any, ...], kwargs: dict[str, Any], limit: int) -> int:
    kind = type(text)
    if len(args) < 2 or not isinstance(args[0], kind) or not isinstance(args[1], kind):
        return len(text)
    count = args[2] if len(args) > 2 else kwargs.get("count", -1)
    return replaced_size(text, args[0], args[1], count)


def replaced_size(text: Any, old: Any, new: Any, count: object = -1) -> int:
    """The length of ``text.replace(old, new, count)``, computed without replacing."""
    found = text.count(old) if old else len(text) + 1
    counted = _count(count)
    if count is not None and counted >= 0:
        found = min(found, counted)
    return len(text) + found * (len(new) - len(old))


def _translate_size(text: str, args: tuple[Any, ...], kwargs: dict[str, Any], limit: int) -> int:
    table = args[0] if args else None
    if not isinstance(table, Mapping):
        return len(text)
    longest = max((len(value) for value in table.values() if isinstance(value, str)), default=1)
    return len(text) * max(1, longest)


def _format_size(text: str, args: tuple[Any, ...], kwargs: dict[str, Any], limit: int) -> int:
    return format_size(text, args, kwargs, limit)


def _format_map_size(text: str, args: tuple[Any, ...], kwargs: dict[str, Any], limit: int) -> int:
    mapping = args[0] if args and isinstance(args[0], Mapping) else {}
    return format_size(text, (), mapping, limit)


_SizeOfCall = Callable[[Any, tuple[Any, ...], dict[str, Any], int], int]
_TEXT_METHODS: dict[str, _SizeOfCall] = {
    "center": _width_size,
    "ljust": _width_size,
    "rjust": _width_size,
    "zfill": _width_size,
    "expandtabs": _expandtabs_size,
    "join": _join_size,
    "replace": _replace_size,
    "translate": _translate_size,
    "format": _format_size,
    "format_map": _format_map_size,
}


def checked_format(
    budget: Budget, text: str, method: Callable[..., str], is_map: bool
) -> Callable[..., str]:
    """The sandbox's ``text.format`` wrapper, with the size checked before formatting."""
    check = _format_map_size if is_map else _format_size

    def checked(*args: Any, **kwargs: Any) -> str:
        budget.text(check(text, args, kwargs, budget.text_limit), "`.format()`")
        return method(*args, **kwargs)

    return functools.update_wrapper(checked, method)


def checked_lipsum(budget: Budget, lipsum: Callable[..., Any]) -> Callable[..., Any]:
    """``lipsum(n, html, min, max)`` makes up to ``n × max`` words."""

    def checked(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
        budget.text(_count(n) * _count(max) * 12, "`lipsum()`")
        return lipsum(n, html, min, max)

    return functools.update_wrapper(checked, lipsum)


# --- filters ------------------------------------------------------------------------------


_Arguments = Mapping[str, Any]


def _value(arguments: _Arguments, limit: int) -> int:
    """The size of a filter's input, for filters whose output is about as long."""
    first = next(iter(arguments.values()), None)
    return text_size(first, limit)


def _center_filter(arguments: _Arguments, limit: int) -> int:
    return max(_value(arguments, limit), _count(arguments["width"]))


def _indent_filter(arguments: _Arguments, limit: int) -> int:
    text = arguments["s"]
    lines = text.count("\n") + 1 if isinstance(text, str) else 1
    width = arguments["width"]
    width_size = len(width) if isinstance(width, str) else _count(width)
    return _value(arguments, limit) + lines * max(0, width_size)


def _wordwrap_filter(arguments: _Arguments, limit: int) -> int:
    text = arguments["s"]
    size = text_size(text, limit)
    width = max(1, _count(arguments["width"]))
    wrap = arguments["wrapstring"]
    wrap_size = len(wrap) if isinstance(wrap, str) else 1
    if not isinstance(text, str):
        return size * (1 + wrap_size)  # a break after every character at most
    # textwrap cuts a long word one piece of `width` at a time, copying the rest each time
    longest = max((len(word) for word in text.split()), default=0)
    if longest * (longest // width) > MAX_COPY_WORK:
        raise TooMuch(
            f"the filter `wordwrap` would cut a word of {longest:,} characters into pieces "
            f"of {width}, which takes too long"
        )
    # a break at a space takes the space's place; a word cut in pieces gets extra breaks
    spaces = sum(1 for char in text if char.isspace())
    return size + spaces * max(0, wrap_size - 1) + (size // width + 1) * wrap_size


def _replace_filter(arguments: _Arguments, limit: int) -> int:
    text, old, new = arguments["s"], arguments["old"], arguments["new"]
    if not all(isinstance(part, str) for part in (text, old, new)):
        return text_size(text, limit) * max(1, text_size(new, limit))
    count = arguments["count"]
    return replaced_size(text, old, new, -1 if count is None else count)


def _format_filter(arguments: _Arguments, limit: int) -> int:
    pattern = arguments["value"]
    if not isinstance(pattern, str):
        return 0
    values = arguments["kwargs"] or arguments["args"]
    return printf_size(pattern, values, limit)


def _join_filter(arguments: _Arguments, limit: int) -> int:
    items = arguments["value"]
    separator = arguments["d"]
    gap = len(separator) if isinstance(separator, str) else text_size(separator, limit)
    return sum_sizes(items, limit) + gap * len(items)


def _truncate_filter(arguments: _Arguments, limit: int) -> int:
    return _value(arguments, limit) + text_size(arguments["end"], limit)


def _tojson_filter(arguments: _Arguments, limit: int) -> int:
    size = text_size(arguments["value"], limit)
    indent = arguments["indent"]
    width = len(indent) if isinstance(indent, str) else _count(indent)
    return size + size * max(0, width)  # each item on its own line, indented per level


def _sum_filter(arguments: _Arguments, limit: int) -> int:
    """``sum`` adds lists or texts one at a time, copying the total each time."""
    start, items = arguments["start"], arguments["iterable"]
    if not isinstance(start, str | bytes | list | tuple) or not isinstance(items, list | tuple):
        return 0
    sizes = [len(item) if isinstance(item, str | list | tuple) else 1 for item in items]
    total = len(start) + sum(sizes)
    if total * len(items) // 2 > MAX_COPY_WORK:
        raise TooMuch(
            f"the filter `sum` would add {len(items):,} lists of {total:,} items in all one "
            "at a time, which takes too long"
        )
    return total


def _urlize_filter(arguments: _Arguments, limit: int) -> int:
    """Each word may become a link: its text twice plus ``target``, ``rel`` and markup."""
    text = arguments["value"]
    size = text_size(text, limit)
    words = (len(text.split()) if isinstance(text, str) else size) + 1
    extra = sum(
        len(arguments[name] or "")
        for name in ("target", "rel")
        if isinstance(arguments[name], str | None)
    )
    return 2 * size + words * (extra + 40)


def _count_filter(name: str) -> Callable[[_Arguments, int], int]:
    def items(arguments: _Arguments, limit: int) -> int:
        return _count(arguments[name])

    return items


FILTER_CHECKS: dict[str, Callable[[_Arguments, int], int]] = {
    "center": _center_filter,
    "indent": _indent_filter,
    "wordwrap": _wordwrap_filter,
    "replace": _replace_filter,
    "format": _format_filter,
    "join": _join_filter,
    "truncate": _truncate_filter,
    "tojson": _tojson_filter,
    "sum": _sum_filter,
    "urlize": _urlize_filter,
    "batch": _count_filter("linecount"),
    "slice": _count_filter("slices"),
    **{
        name: _value
        for name in (
            "string",
            "pprint",
            "e",
            "escape",
            "forceescape",
            "safe",
            "urlencode",
            "upper",
            "lower",
            "title",
            "capitalize",
            "trim",
            "striptags",
            "wordcount",
            "xmlattr",
        )
    },
}
"""Filters that build text or lists, and the size of what they would build."""


_ANY_ARGUMENTS = inspect.Signature(
    [
        inspect.Parameter("value", inspect.Parameter.POSITIONAL_ONLY),
        inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL),
        inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD),
    ]
)


def checked_filter(budget: Budget, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (the filter ``name``), refusing calls whose result would be too large."""
    estimate = FILTER_CHECKS[name]
    # Jinja passes the environment or context first to a filter marked so. Filters with an
    # async variant are a marked wrapper around a function that may itself be unmarked
    # (its signature is the one ``inspect`` shows).
    skip = 1 if hasattr(function, "jinja_pass_arg") else 0
    inner = inspect.unwrap(function)
    try:
        signature = inspect.signature(inner)
    except ValueError:  # a C function without one (MarkupSafe 2.0's escape): its input first
        signature = _ANY_ARGUMENTS
    parameters = list(signature.parameters.values())[1 if hasattr(inner, "jinja_pass_arg") else 0 :]
    own = signature.replace(parameters=parameters)

    def checked(*args: Any, **kwargs: Any) -> Any:
        try:
            bound = own.bind(*args[skip:], **kwargs)
        except TypeError:
            return function(*args, **kwargs)  # the filter reports its wrong arguments
        bound.apply_defaults()
        first = parameters[0].name
        if name == "join" and not _sized(bound.arguments[first]):
            # a generator (`map`, `select`): read it so that its items can be measured
            bound.arguments[first] = list(bound.arguments[first])
        budget.text(estimate(bound.arguments, budget.text_limit), f"the filter `{name}`")
        return function(*args[:skip], *bound.args, **bound.kwargs)

    return functools.update_wrapper(checked, function)
