"""Golden tests: each document's per-page text lines match ``expected/<name>.json``.

Regenerate after an intended change with ``python3 tasks.py goldens`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.goldens.documents import DOCUMENTS, Document, build
from tests.goldens.summary import differences, load, report, summarise

EXPECTED = Path(__file__).resolve().parent / "expected"


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.name)
def test_pages_match_golden(doc: Document) -> None:
    path = EXPECTED / f"{doc.name}.json"
    assert path.is_file(), f"no golden {path}: run `python3 tasks.py goldens`"
    found = differences(load(path), summarise(doc.name, build(doc.name)))
    assert not found, report(doc.name, found)


def test_every_document_has_a_golden_and_no_golden_is_orphaned() -> None:
    stored = {p.stem for p in EXPECTED.glob("*.json")}
    assert stored == {d.name for d in DOCUMENTS}
