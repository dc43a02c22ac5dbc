"""Validation stage: :class:`RawDocument` → :class:`ValidReport` (a frozen ``Report``)."""

from lagebericht.validate.report import ValidReport, read_report, validate

__all__ = ["ValidReport", "read_report", "validate"]
