"""Settings of the environment that would change what the tests see."""

from __future__ import annotations

import pytest

from lagebericht.document_date import SOURCE_DATE_EPOCH


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    # A reproducible-build environment may set it; the tests expect the report's date
    # unless they set it themselves.
    monkeypatch.delenv(SOURCE_DATE_EPOCH, raising=False)
