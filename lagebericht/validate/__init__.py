"""Validation stage: :class:`RawDocument` → :class:`ValidReport` (a frozen ``Report``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lagebericht.validate.report import ValidReport, read_report, validate

__all__ = ["ValidReport", "read_report", "validate"]


def __getattr__(name: str) -> Any:
    # The stage's entry points are imported on first use, so that a light submodule (the
    # Markdown parser that planning uses to find images) comes without all of validation
    # and its pydantic models (~0.2 s).
    if name in __all__:
        from lagebericht.validate import report

        return getattr(report, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
