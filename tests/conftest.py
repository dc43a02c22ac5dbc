"""Settings of the environment that would change what the tests see."""

from __future__ import annotations

import pytest

from lagebericht.document_date import SOURCE_DATE_EPOCH


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    # A reproducible-build environment may set it; the tests expect the report's date
    # unless they set it themselves.
    monkeypatch.delenv(SOURCE_DATE_EPOCH, raising=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The project runs `pytest -q` without a marker filter: stress tests and full-size
    # limits (marked `slow`) stay out of that run unless asked for with `-m slow`.
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
