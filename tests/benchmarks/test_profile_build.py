"""benchmarks/profile_build.py: the profile of a warm build names the line breaker."""

from __future__ import annotations

import pytest

from benchmarks.profile_build import main


def test_the_profile_of_a_warm_build_shows_the_setting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LAGEBERICHT_CACHE_DIR", raising=False)
    assert main(["--copies", "1", "--limit", "400"]) == 0
    out = capsys.readouterr().out
    assert "Ordered by: internal time" in out
    assert "Ordered by: cumulative time" in out
    assert "(build_items)" in out and "(break_lines)" in out
