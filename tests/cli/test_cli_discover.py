"""Which files are reports, and which PDF each becomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebericht.batch.discover import discover
from lagebericht.job import Job, report_stem
from lagebericht.problems import UsageError

from .conftest import MakeTree


def _pairs(jobs: tuple[Job, ...], root: Path) -> list[tuple[str, str | None]]:
    return [
        (
            job.source.relative_to(root).as_posix(),
            None if job.output is None else job.output.relative_to(root).as_posix(),
        )
        for job in jobs
    ]


def test_folder_structure_is_mirrored_below_the_folder_given(tree: MakeTree) -> None:
    root = tree(
        {
            "content/2024-07/astana-sco.md": "x",
            "content/2024-08/almaty.md.j2": "x",
            "content/top.md": "x",
        }
    )
    found = discover([root / "content"], root / "output")
    assert _pairs(found.jobs, root) == [
        ("content/2024-07/astana-sco.md", "output/2024-07/astana-sco.pdf"),
        ("content/2024-08/almaty.md.j2", "output/2024-08/almaty.pdf"),
        ("content/top.md", "output/top.pdf"),
    ]
    assert found.problems == ()


def test_a_file_given_by_name_lands_directly_in_the_output_folder(tree: MakeTree) -> None:
    root = tree({"content/2024-07/monthly.md.j2": "x", "content/2024-07/a.md": "x"})
    found = discover(
        [root / "content/2024-07/monthly.md.j2", root / "content/2024-07/a.md"], root / "out"
    )
    assert _pairs(found.jobs, root) == [
        ("content/2024-07/monthly.md.j2", "out/monthly.pdf"),
        ("content/2024-07/a.md", "out/a.pdf"),
    ]


def test_offices_data_files_and_hidden_files_are_not_reports(tree: MakeTree) -> None:
    root = tree(
        {
            "content/offices/kasachstan.yaml": "name: x",
            "content/offices/readme.md": "x",
            "content/2024-07/offices/nested.md": "x",
            "content/2024-07/data.yaml": "a: 1",
            "content/2024-07/data.csv": "a,b",
            "content/2024-07/figure.png": b"\x89PNG",
            "content/2024-07/.draft.md": "x",
            "content/.git/notes.md": "x",
            "content/2024-07/notes.md.bak": "x",
            "content/2024-07/.md": "x",
            "content/2024-07/report.md": "x",
        }
    )
    found = discover([root / "content"], root / "output")
    assert _pairs(found.jobs, root) == [
        ("content/2024-07/report.md", "output/2024-07/report.pdf"),
    ]


def test_order_is_sorted_below_each_folder_and_follows_the_arguments(tree: MakeTree) -> None:
    root = tree({"b/z.md": "x", "b/a/y.md": "x", "b/a.md": "x", "a/x.md": "x"})
    found = discover([root / "b", root / "a"], root / "out")
    assert [job.source.relative_to(root).as_posix() for job in found.jobs] == [
        "b/a/y.md",
        "b/a.md",
        "b/z.md",
        "a/x.md",
    ]
    assert found == discover([root / "b", root / "a"], root / "out")


def test_relative_arguments_keep_their_form(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree({"content/2024-07/a.md": "x"})
    monkeypatch.chdir(tree({}))
    (job,) = discover([Path("content")], Path("output")).jobs
    assert job.source == Path("content/2024-07/a.md")
    assert job.output == Path("output/2024-07/a.pdf")


def test_two_sources_with_one_output_are_both_refused(tree: MakeTree) -> None:
    root = tree({"content/a.md": "x", "content/a.md.j2": "x", "content/b.md": "x"})
    jobs = discover([root / "content"], root / "out").jobs
    blocked = {job.source.name: job.blocked for job in jobs}
    assert blocked["b.md"] is None
    assert blocked["a.md"] is not None and "a.md.j2" in blocked["a.md"]
    assert blocked["a.md.j2"] is not None and "a.md" in blocked["a.md.j2"]
    assert "a.pdf" in blocked["a.md"]


def test_a_named_file_colliding_with_a_folders_report_is_refused(tree: MakeTree) -> None:
    root = tree({"content/x.md": "x", "other/x.md": "x"})
    jobs = discover([root / "content", root / "other/x.md"], root / "out").jobs
    assert all(job.blocked for job in jobs)


def test_outputs_differing_only_in_case_collide(tree: MakeTree) -> None:
    # Archives end up on Windows and macOS, where A.pdf and a.pdf are one file.
    root = tree({"content/A.md": "x", "content/sub/x.md": "x", "other/a.md": "x"})
    jobs = discover([root / "content", root / "other"], root / "out").jobs
    assert {job.source.name: bool(job.blocked) for job in jobs} == {
        "A.md": True,
        "x.md": False,
        "a.md": True,
    }


def test_the_same_file_named_twice_is_one_job(tree: MakeTree) -> None:
    root = tree({"content/a.md": "x"})
    jobs = discover([root / "content/a.md", root / "content/a.md"], root / "out").jobs
    assert len(jobs) == 1 and jobs[0].blocked is None


def test_a_missing_path_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="nope: no such file or folder"):
        discover([tmp_path / "nope"], tmp_path / "out")


def test_a_file_that_is_not_a_report_is_a_usage_error(tree: MakeTree) -> None:
    root = tree({"content/offices/k.yaml": "name: x"})
    with pytest.raises(UsageError, match=r"k\.yaml: not a report"):
        discover([root / "content/offices/k.yaml"], root / "out")


def test_an_empty_folder_has_no_jobs(tmp_path: Path) -> None:
    assert discover([tmp_path], tmp_path / "out").jobs == ()


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("a.md", "a"),
        ("a.md.j2", "a"),
        ("a.b.md", "a.b"),
        ("a.j2", None),
        ("a.yaml", None),
        (".md", None),
        (".md.j2", None),
        ("a.MD", None),
    ],
)
def test_report_stem(name: str, stem: str | None) -> None:
    assert report_stem(name) == stem
