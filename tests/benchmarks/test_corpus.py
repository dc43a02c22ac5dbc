"""The benchmark's generated inputs (fast: nothing is built; the benchmark itself runs with
``python3 tasks.py bench``)."""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.corpus import SEED, repeated_body, split_seed, write_month, write_scaled


def test_repeated_body_keeps_every_copys_footnotes_distinct() -> None:
    _, body = split_seed(SEED.read_text(encoding="utf-8"))
    text = repeated_body(body, 3)
    labels = re.findall(r"\[\^([^\]]+)\]:", text)
    assert labels == ["members-1", "members-2", "members-3"]
    assert text.count("[^members-2]") == 2  # its reference and its definition


def test_scaled_and_month_reports_are_written_beside_their_offices(tmp_path: Path) -> None:
    scaled = write_scaled(tmp_path / "s", 2)
    assert (scaled.parent / "offices" / "kasachstan.yaml").is_file()
    assert "(x2)" in scaled.read_text(encoding="utf-8")
    month = write_month(tmp_path / "m", 3)
    texts = {p.read_text(encoding="utf-8") for p in month}
    assert len(texts) == 3
