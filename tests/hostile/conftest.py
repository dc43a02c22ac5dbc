"""Hostile-input tests: throwaway content trees; ``slow`` tests only with ``-m slow``."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Small by default (the whole property set runs in well under a minute); `-m slow` or
# HYPOTHESIS_PROFILE=slow for a heavier search.
settings.register_profile(
    "default",
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "slow",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

MakeTree = Callable[[Mapping[str, str | bytes]], Path]


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


@pytest.fixture
def tree(tmp_path: Path) -> MakeTree:
    return lambda files: write_tree(tmp_path, files)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The project runs `pytest -q` without a marker filter: heavy tests stay out of that
    # run unless asked for with `-m slow`.
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if "slow" in item.keywords and "hostile" in str(item.path):
            item.add_marker(skip)
