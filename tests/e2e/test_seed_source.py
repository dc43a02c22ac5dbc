"""The restored seed report (Markdown + office file) says exactly what the seed says.

Independent of the loader and the layout: reads the files with plain text processing, so a
slip in the restoration is caught even while the pipeline is not there yet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from lagebericht.model.report import Office
from tests.seed_text import SEED_PATH, SeedReport, load_seed, words

REPO = Path(__file__).resolve().parents[2]
REPORT = REPO / "content" / "2024-07" / "astana-sco.md"
OFFICE = REPO / "content" / "offices" / "kasachstan.yaml"

# Of shared/seeds/000_5bff4ba32ec0b01f.txt, the project's seed (tests/data/README.md).
SEED_SHA256 = "6c5d6c0c1c68a97c59f6789536a069d3c86bd4b9c817cbb4665335f4023be9cc"

_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\]")
_ITEM = re.compile(r"^- \*\*([^*]+:)\*\* (.+)$")


@pytest.fixture(scope="module")
def seed() -> SeedReport:
    return load_seed()


def split_report() -> tuple[dict[str, Any], str]:
    text = REPORT.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def test_the_seed_is_an_unchanged_copy_inside_the_repository() -> None:
    # A fresh clone must test on its own, and nobody may "fix" the reference to make a
    # build pass.
    assert SEED_PATH.is_relative_to(REPO)
    assert hashlib.sha256(SEED_PATH.read_bytes()).hexdigest() == SEED_SHA256


def test_front_matter(seed: SeedReport) -> None:
    front, _ = split_report()
    assert front["report"] == seed.label
    assert front["date"] == dt.date(2024, 7, 5)  # the seed's mangled first line
    assert front["language"] == "en"
    assert front["office"] == "kasachstan"
    assert front["title"] == seed.title
    assert front.get("keywords")
    # The seed has neither a lead paragraph nor named authors.
    assert "summary" not in front
    assert "authors" not in front


def test_office_file(seed: SeedReport) -> None:
    office = Office.model_validate(yaml.safe_load(OFFICE.read_text(encoding="utf-8")))
    assert office.line == seed.office_line
    # Nothing the seed does not say.
    assert (office.head, office.address, office.phone, office.email, office.web) == (
        None,
        (),
        None,
        None,
        None,
    )


def test_body_blocks_match_seed(seed: SeedReport) -> None:
    _, body = split_report()
    chunks = [c.strip() for c in re.split(r"\n\s*\n", body) if c.strip()]
    definitions = [c for c in chunks if _FOOTNOTE_DEF.match(c)]
    assert chunks[-len(definitions) :] == definitions, "footnote definitions go at the end"
    blocks: list[tuple[str, str | None, str]] = []
    for chunk in chunks[: -len(definitions)]:
        assert not chunk.startswith("#"), f"no headings in the seed: {chunk[:40]!r}"
        lines = chunk.splitlines()
        if lines[0].startswith("- "):
            for line in lines:
                item = _ITEM.match(line)
                assert item, f"not a bullet argument '- **Lead:** text': {line[:50]!r}"
                blocks.append(("item", item.group(1), f"{item.group(1)} {item.group(2)}"))
        else:
            assert len(lines) == 1, f"paragraph broken across lines: {lines[0][:40]!r}"
            blocks.append(("paragraph", None, _FOOTNOTE_REF.sub("", chunk)))
    got = [(kind, lead, words(text)) for kind, lead, text in blocks]
    want = [(b.kind, b.lead, words(b.text)) for b in seed.blocks]
    assert got == want


def test_footnote(seed: SeedReport) -> None:
    _, body = split_report()
    definition = next(m for line in body.splitlines() if (m := _FOOTNOTE_DEF.match(line)))
    # The note's text exactly, italics and the author's spelling ("Afganistan") included.
    assert definition.group(2) == seed.footnote
    refs = list(_FOOTNOTE_REF.finditer(body.split("\n[^", 1)[0]))
    assert [r.group(1) for r in refs] == [definition.group(1)]
    before = words(_FOOTNOTE_REF.sub("", body[: refs[0].start()]))
    assert len(before) - 1 == seed.footnote_ref_after  # right after "member states"
