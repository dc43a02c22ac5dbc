"""A parallel batch loads what every build needs once, before it forks its workers."""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from lagebericht.batch import BatchOptions, plan
from lagebericht.batch.execute import _fork_context
from lagebericht.build import Status, build, prepare
from lagebericht.job import Job
from lagebericht.layout.hyphenation import _dictionary
from lagebericht.theme import load_theme
from tests.files import OFFICE, REPORT

from .conftest import MakeTree

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is Linux's")


def _dictionaries_loaded(language: str) -> int:
    # Runs in a worker: how many times the dictionary was parsed there (0: inherited).
    before = _dictionary.cache_info().misses
    _dictionary(language)
    return _dictionary.cache_info().misses - before


@linux_only
def test_workers_are_forked_on_linux() -> None:
    context = _fork_context()
    assert context is not None and context.get_start_method() == "fork"


@linux_only
def test_a_worker_forked_after_prepare_does_not_load_the_dictionary_again() -> None:
    prepare(load_theme(), ["de"])
    with ProcessPoolExecutor(max_workers=1, mp_context=_fork_context()) as pool:
        assert pool.submit(_dictionaries_loaded, "de").result() == 0


def test_bad_input_does_not_stop_prepare(tmp_path: Path) -> None:
    # The builds of the reports concerned say what is wrong.
    prepare(load_theme(), ["", "xx-nonsense", "de-DE-1996", "../../etc", "x" * 400])
    (tmp_path / "damaged.ttf").write_bytes(b"not a font")
    theme = load_theme()
    damaged = {face: tmp_path / "damaged.ttf" for face in theme.font_paths}
    prepare(theme.model_copy(update={"font_paths": damaged}), ["de"])


def test_a_bug_met_by_prepare_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    import lagebericht.layout.hyphenation

    def broken(language: str) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(lagebericht.layout.hyphenation, "hyphenator_for", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        prepare(load_theme(), ["de"])


def test_a_spawned_worker_builds_the_same_bytes(tree: MakeTree) -> None:
    # macOS and Windows start workers fresh (spawn): nothing inherited, same PDF.
    root = tree({"content/offices/kasachstan.yaml": OFFICE, "content/a.md": REPORT})
    here = build(Job(root / "content/a.md", root / "here/a.pdf"))
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        job = Job(root / "content/a.md", root / "there/a.pdf")
        there = pool.submit(build, job).result(timeout=300)
    assert here.status is there.status is Status.BUILT
    assert (root / "here/a.pdf").read_bytes() == (root / "there/a.pdf").read_bytes()


def test_planning_notes_each_report_language(tree: MakeTree) -> None:
    root = tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/en.md": REPORT,
            "content/de.md": REPORT.replace("language: en", "language: de"),
            "content/broken.md": "no front matter",
        }
    )
    jobs = [Job(root / f"content/{n}.md", root / f"out/{n}.pdf") for n in ("en", "de", "broken")]
    planned = plan(jobs, root / "out", BatchOptions(), ())
    assert [p.language for p in planned] == ["en", "de", None]


def test_pages_of_a_real_build_are_the_pdfs_pages(tree: MakeTree) -> None:
    from pypdf import PdfReader

    long = REPORT + "\n" + "\n\n".join(["The member states met in Astana. " * 40] * 12) + "\n"
    root = tree({"content/offices/kasachstan.yaml": OFFICE, "content/long.md": long})
    result = build(Job(root / "content/long.md", root / "out/long.pdf"))
    assert result.info is not None and result.info.pages > 1
    assert result.info.pages == len(PdfReader(root / "out/long.pdf").pages)
