"""Validation stage: :class:`RawDocument` → :class:`ValidReport` (a frozen ``Report``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lagebericht.lazy import forward

if TYPE_CHECKING:
    from lagebericht.validate.report import ValidReport, read_report, validate

__all__ = ["ValidReport", "read_report", "validate"]

# Imported on first use, so that a light submodule (the Markdown parser that planning uses
# to find images) comes without all of validation and its pydantic models, slow to import.
__getattr__ = forward(__name__, "lagebericht.validate.report", __all__)
