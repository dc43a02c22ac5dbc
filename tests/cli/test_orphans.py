"""Orphans: the PDFs of reports that were deleted or renamed leave the output folder."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from lagebericht.batch.state import STATE_FILE
from lagebericht.cli import main
from tests.cli.conftest import without_timing

from .conftest import MakeTree

pytestmark = pytest.mark.usefixtures("fake_pipeline")

REPORTS = {
    "content/2024-07/a.md": "alpha\n",
    "content/2024-07/b.md": "beta\n",
    "content/2024-08/c.md": "gamma\n",
}


@pytest.fixture
def root(tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content tree built once into output/; the working folder is its root."""
    path = tree(REPORTS)
    monkeypatch.chdir(path)
    assert main(["build", "-j", "1"]) == 0
    return path


def build(*args: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["build", "-j", "1", *args])
    return status, without_timing(out.getvalue())


def recorded(root: Path) -> tuple[set[str], set[str]]:
    """The output paths in the state and in the manifest."""
    state = json.loads((root / "output" / STATE_FILE).read_text())["pdfs"]
    manifest = json.loads((root / "output/manifest.json").read_text())["reports"]
    return set(state), {entry["output"] for entry in manifest}


def test_the_pdf_of_a_deleted_report_is_removed_with_its_records(root: Path) -> None:
    (root / "content/2024-07/b.md").unlink()
    status, lines = build()
    assert status == 0
    assert lines == [
        "up to date output/2024-07/a.pdf",
        "up to date output/2024-08/c.pdf",
        "removed output/2024-07/b.pdf (its source content/2024-07/b.md is gone)",
        "0 built, 2 up to date, 0 failed, 1 orphan removed",
    ]
    assert not (root / "output/2024-07/b.pdf").exists()
    assert recorded(root) == ({"2024-07/a.pdf", "2024-08/c.pdf"},) * 2
    # Said once: the next build has nothing more to remove.
    assert build() == (0, [*lines[:2], "0 built, 2 up to date, 0 failed"])


def test_a_renamed_report_replaces_its_pdf(root: Path) -> None:
    (root / "content/2024-07/b.md").rename(root / "content/2024-07/beta.md")
    status, lines = build()
    assert status == 0
    assert "built output/2024-07/beta.pdf" in lines
    assert "removed output/2024-07/b.pdf (its source content/2024-07/b.md is gone)" in lines
    assert sorted(p.name for p in (root / "output/2024-07").iterdir()) == ["a.pdf", "beta.pdf"]


def test_a_report_renamed_to_the_same_pdf_keeps_it(root: Path) -> None:
    (root / "content/2024-07/b.md").rename(root / "content/2024-07/b.md.j2")
    status, lines = build()
    assert status == 0 and "built output/2024-07/b.pdf" in lines
    assert not any(line.startswith("removed") for line in lines)
    assert (root / "output/2024-07/b.pdf").exists()
    assert "2024-07/b.pdf" in recorded(root)[1]


def test_only_the_folders_searched_are_judged(root: Path) -> None:
    (root / "content/2024-08/c.md").unlink()
    assert build("content/2024-07") == (
        0,
        [
            "built output/a.pdf",
            "built output/b.pdf",
            "2 built, 0 up to date, 0 failed",
        ],
    )
    assert (root / "output/2024-08/c.pdf").exists()
    # A file named by itself judges nothing either.
    assert not any("removed" in line for line in build("content/2024-07/a.md")[1])
    assert (root / "output/2024-08/c.pdf").exists()


def test_keep_orphans_keeps_them_and_says_so(root: Path) -> None:
    (root / "content/2024-08/c.md").unlink()
    before = recorded(root)
    status, lines = build("--keep-orphans")
    assert status == 0
    assert lines[-2:] == [
        "kept output/2024-08/c.pdf (its source content/2024-08/c.md is gone; --keep-orphans)",
        "0 built, 2 up to date, 0 failed, 1 orphan kept",
    ]
    assert (root / "output/2024-08/c.pdf").exists()
    assert recorded(root) == before


def test_a_pdf_changed_since_the_build_is_not_deleted(root: Path) -> None:
    (root / "content/2024-08/c.md").unlink()
    (root / "output/2024-08/c.pdf").write_bytes(b"%PDF someone else's")
    status, lines = build()
    assert status == 0
    assert lines[-2] == (
        "kept output/2024-08/c.pdf (its source content/2024-08/c.md is gone; it is no longer "
        "the PDF the build made, so it is not the build's to delete)"
    )
    assert (root / "output/2024-08/c.pdf").read_bytes() == b"%PDF someone else's"


def test_files_the_build_did_not_make_stay(root: Path) -> None:
    (root / "output/2024-08/notes.pdf").write_bytes(b"%PDF mine")
    (root / "output/2024-07/readme.txt").write_text("mine")
    (root / "content/2024-08/c.md").unlink()
    assert build()[0] == 0
    assert (root / "output/2024-08/notes.pdf").exists()
    assert (root / "output/2024-07/readme.txt").exists()


def test_a_state_without_sources_judges_nothing(root: Path) -> None:
    state_file = root / "output" / STATE_FILE
    state = json.loads(state_file.read_text())
    for entry in state["pdfs"].values():
        del entry["source"]  # as written before sources were recorded
    state_file.write_text(json.dumps(state))
    (root / "content/2024-08/c.md").unlink()
    assert not any("removed" in line for line in build()[1])
    assert (root / "output/2024-08/c.pdf").exists()


def test_the_source_is_recorded_relative_to_the_output_folder(
    root: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = json.loads((root / "output" / STATE_FILE).read_text())["pdfs"]
    assert state["2024-07/b.pdf"]["source"] == "../content/2024-07/b.md"
    # Run from another folder, with absolute paths: the orphan is still found.
    (root / "content/2024-07/b.md").unlink()
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    status, lines = build(str(root / "content"), "-o", str(root / "output"))
    assert status == 0
    removed = root / "output/2024-07/b.pdf"
    assert f"removed {removed} (its source {root / 'content/2024-07/b.md'} is gone)" in lines
    assert not removed.exists()


def test_json_lists_and_counts_them(root: Path) -> None:
    (root / "content/2024-07/b.md").unlink()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["build", "--json"]) == 0
    summary = json.loads(out.getvalue())
    assert (summary["orphans_removed"], summary["orphans_kept"]) == (1, 0)
    assert summary["orphans"] == [
        {
            "output": "output/2024-07/b.pdf",
            "source": "content/2024-07/b.md",
            "removed": True,
            "kept_because": None,
        }
    ]
