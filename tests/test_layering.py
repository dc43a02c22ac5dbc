"""Stages import downward only: no module of lagebericht imports a package of a higher stage.

The order is the one documented in ``lagebericht/__init__.py``. Every import counts: at the
top of a module, inside a function (the lazy imports that keep start-up fast), and under
``if TYPE_CHECKING:`` — a type named from a higher stage ties the lower stage to it just
the same; a lower stage that must describe a higher one's result declares a ``Protocol``
(as ``build.Validated`` does). The module names handed to ``lazy.forward`` and
``importlib.import_module`` count too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import lagebericht

PACKAGE = Path(lagebericht.__file__).parent

# Lowest first. A stage is a set of top-level names below ``lagebericht``; the root package
# itself (``__version__``) is infrastructure.
STAGES: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "infrastructure",
        frozenset(
            {"", "problems", "limits", "wording", "word_lists", "cache", "job", "lazy"}
            | {"document_date"}
            | {"project"}
        ),
    ),
    ("load", frozenset({"load"})),
    ("model", frozenset({"model"})),
    ("text", frozenset({"text"})),
    ("theme", frozenset({"theme"})),
    ("validate", frozenset({"validate"})),
    ("layout", frozenset({"layout"})),
    ("output", frozenset({"output"})),
    ("archive", frozenset({"archive"})),
    ("build", frozenset({"build", "theme_choice"})),
    ("batch", frozenset({"batch"})),
    ("authoring", frozenset({"authoring"})),
    ("cli", frozenset({"cli", "__main__"})),
)
RANK = {name: rank for rank, (_, names) in enumerate(STAGES) for name in names}
_DYNAMIC = {"forward", "import_module"}  # calls that import the module named by a string


def module_name(path: Path) -> str:
    """``lagebericht/layout/svg.py`` → ``lagebericht.layout.svg`` (a package: its folder)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """``(line, module)`` for every import in ``source``, wherever it is written; relative
    imports resolved against ``module``."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            if base == "lagebericht":  # `from lagebericht import layout` imports a package
                for alias in node.names:
                    yield node.lineno, f"{base}.{alias.name}"
        elif isinstance(node, ast.Call):
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else None
            if isinstance(function, ast.Name):
                name = function.id
            if name in _DYNAMIC:
                for argument in node.args:
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                        yield node.lineno, argument.value


def stage_of(module: str) -> str | None:
    """The top-level name below ``lagebericht`` that decides ``module``'s stage."""
    parts = module.split(".")
    if parts[0] != "lagebericht":
        return None
    return parts[1] if len(parts) > 1 else ""


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    """``module:line imports target (stage a above stage b)`` for each upward import."""
    own = RANK[stage_of(module) or ""]
    found = []
    for line, target in sorted(imported_modules(source, module, is_package)):
        top = stage_of(target)
        if top is None or top not in RANK:
            continue  # not ours, or a name imported from the root package (see below)
        if RANK[top] > own:
            found.append(
                f"{module}:{line} imports {target} "
                f"({STAGES[RANK[top]][0]} is above {STAGES[own][0]})"
            )
    return found


def modules() -> Iterator[tuple[Path, str]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, module_name(path)


def test_every_module_has_a_stage() -> None:
    unplaced = sorted(name for _, name in modules() if (stage_of(name) or "") not in RANK)
    assert unplaced == [], "add these to STAGES (and to lagebericht/__init__.py's table)"


def test_no_module_imports_a_higher_stage() -> None:
    found = [
        problem
        for path, name in modules()
        for problem in violations(path.read_text(encoding="utf-8"), name, path.stem == "__init__")
    ]
    assert found == []


def test_the_documented_order_is_the_checked_one() -> None:
    doc = lagebericht.__doc__ or ""
    table = [
        line.split()[0] for line in doc.splitlines() if line.startswith("    ") and line.split()
    ]
    assert table == [stage for stage, _ in STAGES]


def test_imports_anywhere_in_a_module_count() -> None:
    source = """
from typing import TYPE_CHECKING
import lagebericht.problems
from . import story
from ..build import build
if TYPE_CHECKING:
    from lagebericht.cli.printer import Printer
def f():
    from lagebericht.batch import discover
__getattr__ = forward(__name__, "lagebericht.authoring.watch", ["x"])
"""
    assert violations(source, "lagebericht.layout.figures") == [
        "lagebericht.layout.figures:5 imports lagebericht.build (build is above layout)",
        "lagebericht.layout.figures:7 imports lagebericht.cli.printer (cli is above layout)",
        "lagebericht.layout.figures:9 imports lagebericht.batch (batch is above layout)",
        "lagebericht.layout.figures:10 imports lagebericht.authoring.watch "
        "(authoring is above layout)",
    ]


def test_a_name_imported_from_the_root_package_is_not_a_stage() -> None:
    # `from lagebericht import __version__` is infrastructure; `from lagebericht import cli`
    # is the package cli.
    assert violations("from lagebericht import __version__", "lagebericht.load.text") == []
    assert violations("from lagebericht import cli", "lagebericht.load.text") == [
        "lagebericht.load.text:1 imports lagebericht.cli (cli is above load)"
    ]


def test_the_orders_issue_12_names() -> None:
    # validate must not import layout, theme must not import validate, text must not
    # import theme: each pair is checked by the order.
    assert RANK["text"] < RANK["theme"] < RANK["validate"] < RANK["layout"]


# What prints or ends the process: only the command line may.
_PRINTING_CALLS = {"print", "exit", "quit", "breakpoint"}
_PRINTING_ATTRIBUTES = {
    ("sys", "exit"),
    ("sys", "stdout"),
    ("sys", "stderr"),
    ("sys", "__stdout__"),
    ("sys", "__stderr__"),
    ("os", "_exit"),
    ("os", "abort"),
}
# A worker process whose batch is gone ends itself: not the user's process.
_ALLOWED = {"lagebericht.batch.execute": {"os._exit"}}


def prints_or_exits(source: str, module: str) -> list[str]:
    """``module:line what`` for each print, ``exit`` or use of the standard streams."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _PRINTING_CALLS
        ):
            found.append(f"{module}:{node.lineno} {node.func.id}()")
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and (node.value.id, node.attr) in _PRINTING_ATTRIBUTES
        ):
            found.append(f"{module}:{node.lineno} {node.value.id}.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module in {"sys", "os"}:
            found.extend(
                f"{module}:{node.lineno} {node.module}.{alias.name}"
                for alias in node.names
                if (node.module, alias.name) in _PRINTING_ATTRIBUTES
            )
    allowed = _ALLOWED.get(module, set())
    return sorted(
        (f for f in found if f.split()[-1] not in allowed),
        key=lambda f: int(f.split()[0].rpartition(":")[2]),
    )


def test_only_the_command_line_prints_or_exits() -> None:
    found = [
        problem
        for path, name in modules()
        if stage_of(name) not in RANK or RANK[stage_of(name) or ""] != RANK["cli"]
        for problem in prints_or_exits(path.read_text(encoding="utf-8"), name)
    ]
    assert found == []


def test_prints_and_exits_are_found() -> None:
    source = """
import sys
from sys import stderr
def f():
    print("x")
    sys.stdout.write("y")
    sys.exit(1)
"""
    assert prints_or_exits(source, "lagebericht.build") == [
        "lagebericht.build:3 sys.stderr",
        "lagebericht.build:5 print()",
        "lagebericht.build:6 sys.stdout",
        "lagebericht.build:7 sys.exit",
    ]
