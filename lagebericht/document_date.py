"""The moment a PDF says it was made (Info /CreationDate and /ModDate, XMP dates).

The clock would make every build differ; the report's date is the only date its input
fixes, so a PDF is dated 00:00 UTC of that day. A reproducible-build environment that sets
``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/) decides
the moment instead. Shared by the layout (plain PDF) and the archive (PDF/A) stages.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping

from lagebericht.problems import LageberichtError

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def document_moment(date: dt.date, environ: Mapping[str, str] | None = None) -> dt.datetime:
    """``date`` at 00:00 UTC, or ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when set.

    Raises :class:`LageberichtError` for a ``SOURCE_DATE_EPOCH`` that is not a whole
    number of seconds: the specification asks to fail rather than guess.
    """
    value = (os.environ if environ is None else environ).get(SOURCE_DATE_EPOCH, "").strip()
    if not value:
        return dt.datetime.combine(date, dt.time(0, 0), tzinfo=dt.UTC)
    try:
        if not re.fullmatch(r"\d{1,11}", value):
            raise ValueError(value)
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise LageberichtError(
            f"{SOURCE_DATE_EPOCH}: expected a whole number of seconds since 1970-01-01 UTC "
            f"(e.g. 1720137600), got {value!r}"
        ) from None
