"""A package's entry points imported on first use (PEP 562), so that importing one of its
light submodules does not load the whole stage."""

from __future__ import annotations

from collections.abc import Callable, Collection
from importlib import import_module
from typing import Any


def forward(package: str, module: str, names: Collection[str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that finds ``names`` in ``module``."""

    def __getattr__(name: str) -> Any:
        if name in names:
            return getattr(import_module(module), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
