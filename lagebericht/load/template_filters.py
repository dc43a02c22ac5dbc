"""Filters for report templates: numbers and dates written the way the report's language does.

Values from data files are text (``"8.4"``, ``"2024-08-15"``), so both filters accept text
as well as numbers and dates. They compute only; nothing here reads files or the network
(Babel's locale data ships inside the Babel package).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

import babel
from babel.dates import format_date
from babel.numbers import format_decimal


class FilterError(ValueError):
    """A filter got a value it cannot format; the message is for the author."""


Filter = Callable[..., str]


def report_filters(language: object) -> dict[str, Filter]:
    """The filters for a report in ``language`` (its front-matter value, checked here)."""

    def locale() -> babel.Locale:
        try:
            return babel.Locale.parse(str(language).strip(), sep="-")
        except (ValueError, TypeError, babel.UnknownLocaleError):
            raise FilterError(
                f"the report's language {language!r} is not known, so numbers and dates "
                "cannot be formatted; set `language:` to a tag like de, en or ru"
            ) from None

    def number(value: object, digits: int | None = None) -> str:
        """``8.4`` → ``8,4`` in German; ``digits`` fixes the decimal places (rounded)."""
        amount = _decimal(value)
        if digits is None:
            return str(format_decimal(amount, locale=locale()))
        if not isinstance(digits, int) or not 0 <= digits <= 12:
            raise FilterError(f"number: decimal places must be 0 to 12, got {digits!r}")
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return str(format_decimal(amount, format=pattern, locale=locale()))

    def date(value: object, format: str = "long") -> str:
        """``2024-08-15`` → ``15. August 2024``; ``format`` is short/medium/long/full or a
        CLDR pattern such as ``MMMM yyyy`` (→ ``August 2024``)."""
        day, where = _date(value), locale()
        try:
            return str(format_date(day, format=format, locale=where))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise FilterError(f"date: cannot use the format {format!r}: {error}") from None

    return {"number": number, "date": date}


def _decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise FilterError(f"number: expected a number, got {value!r}")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest form: 0.1, not 0.1000000000000000055…
    if isinstance(value, str):
        try:
            amount = Decimal(value.strip())
        except InvalidOperation:
            amount = Decimal("NaN")
        if amount.is_finite():
            return amount
    raise FilterError(
        f"number: expected a number written with a decimal point like 8.4, got {value!r}"
    )


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FilterError(f"date: expected an ISO date like 2024-08-15, got {value!r}")
