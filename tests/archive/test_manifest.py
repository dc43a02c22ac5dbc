"""``output/manifest.json``: round trip, deterministic text, corrupt files, merging."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from lagebericht.archive.info import ArchiveError
from lagebericht.archive.manifest import (
    ManifestEntry,
    merge,
    page_count,
    read_manifest,
    write_manifest,
)
from lagebericht.problems import Severity


def entry(output: str = "2024-07/astana-sco.pdf", **changes: Any) -> ManifestEntry:
    base = ManifestEntry(
        source="content/2024-07/astana-sco.md",
        output=output,
        sha256="0" * 64,
        size=1234,
        pages=2,
        title="Kazakhstan - Shanghai Cooperation Organisation",
        office="Auslandsbüro Kasachstan",
        date="2024-07-05",
        language="en",
        report="Lagebericht",
        toolkit="0.1.0",
        pdfa="2a",
        pdfua="1",
    )
    return dataclasses.replace(base, **changes)


def keyed(*entries: ManifestEntry) -> dict[str, ManifestEntry]:
    return {e.output: e for e in entries}


def test_round_trip(tmp_path: Path) -> None:
    entries = keyed(entry(), entry("2024-08/b.pdf", pdfa=None, report=None, title="Ä “x”"))
    path = tmp_path / "manifest.json"
    write_manifest(path, entries)
    assert read_manifest(path) == (entries, ())


def test_both_levels_are_recorded_and_older_entries_lack_pdf_ua(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    write_manifest(path, keyed(entry()))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["reports"][0]["pdfa"], document["reports"][0]["pdfua"]) == ("2a", "1")
    # An entry written before PDFs were tagged has no "pdfua": read, not ignored.
    del document["reports"][0]["pdfua"]
    document["reports"][0]["pdfa"] = "2b"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert read_manifest(path) == (keyed(entry(pdfa="2b", pdfua=None)), ())


def test_the_text_is_deterministic(tmp_path: Path) -> None:
    a, b = entry("b/z.pdf"), entry("a/y.pdf")
    write_manifest(tmp_path / "one.json", {a.output: a, b.output: b})
    write_manifest(tmp_path / "two.json", {b.output: b, a.output: a})
    text = (tmp_path / "one.json").read_text(encoding="utf-8")
    assert text == (tmp_path / "two.json").read_text(encoding="utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    document = json.loads(text)
    assert [r["output"] for r in document["reports"]] == ["a/y.pdf", "b/z.pdf"]
    assert text == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert "Auslandsbüro" in text  # readable, not \u-escaped


def test_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    write_manifest(tmp_path / "manifest.json", keyed(entry()))
    write_manifest(tmp_path / "manifest.json", keyed(entry(), entry("x.pdf")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]


def test_a_key_must_be_the_output_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not the entry's output"):
        write_manifest(tmp_path / "m.json", {"other.pdf": entry()})


def test_a_missing_manifest_is_empty_without_warning(tmp_path: Path) -> None:
    assert read_manifest(tmp_path / "manifest.json") == ({}, ())


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"reports": [', "not valid JSON"),
        (b"\xff\xfe", "cannot read"),
        (b"[]", "no list of reports"),
        (b'{"manifest_version": 99, "reports": []}', "unknown manifest version 99"),
    ],
)
def test_a_corrupt_manifest_is_empty_with_a_warning(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "manifest.json"
    path.write_bytes(content)
    entries, warnings = read_manifest(path)
    assert entries == {}
    (warning,) = warnings
    assert warning.severity is Severity.WARNING
    assert warning.path == path
    assert expected in warning.message


def test_invalid_json_is_located(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text('{\n  "reports": [,]\n}\n')
    (warning,) = read_manifest(path)[1]
    assert (warning.line, warning.column) == (2, 15)


def test_a_bad_entry_is_left_out_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    write_manifest(path, keyed(entry(), entry("b.pdf")))
    document = json.loads(path.read_text())
    good = document["reports"][0]
    document["reports"] += [
        {**good, "output": "c.pdf", "pages": "2"},  # wrong type
        {**good, "output": "d.pdf", "size": True},  # a bool is no size
        {k: v for k, v in good.items() if k != "sha256"} | {"output": "e.pdf"},
        {**good, "output": "/etc/passwd"},
        {**good, "output": "../outside.pdf"},
        {**good, "source": "C:\\reports\\x.md", "output": "f.pdf"},
        "not an object",
        good,  # a duplicate
    ]
    path.write_text(json.dumps(document))
    entries, warnings = read_manifest(path)
    assert sorted(entries) == ["2024-07/astana-sco.pdf", "b.pdf"]
    assert len(warnings) == 8
    assert all("not carried over" in w.message for w in warnings)


def test_merge_keeps_untouched_replaces_rebuilt_and_drops_removed() -> None:
    old = keyed(entry("a.pdf"), entry("b.pdf"), entry("c.pdf"))
    new = keyed(entry("b.pdf", size=99), entry("d.pdf"))
    merged = merge(old, new, removed={"c.pdf", "gone.pdf"})
    assert merged == keyed(entry("a.pdf"), entry("b.pdf", size=99), entry("d.pdf"))
    assert old == keyed(entry("a.pdf"), entry("b.pdf"), entry("c.pdf")), "inputs unchanged"


def test_merge_a_rebuilt_path_wins_over_removed() -> None:
    merged = merge(keyed(entry("a.pdf")), keyed(entry("a.pdf", size=1)), removed=["a.pdf"])
    assert merged == keyed(entry("a.pdf", size=1))


def test_merge_without_removals() -> None:
    assert merge({}, keyed(entry())) == keyed(entry())


def test_entries_reject_paths_that_are_not_relative_posix() -> None:
    with pytest.raises(ValueError, match="relative POSIX"):
        entry("/abs.pdf")
    with pytest.raises(ValueError, match="relative POSIX"):
        entry(source="content\\x.md")
    with pytest.raises(ValueError, match="inside the output folder"):
        entry("../x.pdf")


def test_page_count(seed_pdf: bytes, archived: bytes) -> None:
    assert page_count(seed_pdf) == page_count(archived) == 2


def test_page_count_of_garbage_is_an_archive_error() -> None:
    with pytest.raises(ArchiveError):
        page_count(b"garbage")
