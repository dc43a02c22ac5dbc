"""The command line with a fake pipeline: exit status, messages, what is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebericht import __version__
from lagebericht.batch.state import STATE_FILE
from lagebericht.cli import main
from tests.cli.conftest import without_timing

from .conftest import Files, MakeTree

pytestmark = pytest.mark.usefixtures("fake_pipeline")

GOOD = "a good report\n"
BAD = "first line\nERROR: title: must not be empty\nthird\nERROR: date: not a date\n"


@pytest.fixture
def in_tree(tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> MakeTree:
    """Like ``tree``, and the working folder is the tree's root."""

    def make(files: Files) -> Path:
        root = tree(files)
        monkeypatch.chdir(root)
        return root

    return make


# --- usage -----------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"lagebericht {__version__}"


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["check", "-h"]])
def test_help_exits_0(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert "usage: lagebericht" in capsys.readouterr().out


def test_build_help_documents_the_removal_of_stale_pdfs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["build", "--help"])
    assert "outdated version" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize(
    "argv", [[], ["frobnicate"], ["build", "--no-such-option"], ["check", "-o", "x"]]
)
def test_wrong_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_a_missing_path_exits_2_naming_it(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({"content/a.md": GOOD})
    assert main(["build", "content", "nope/x.md"]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == "lagebericht build: nope/x.md: no such file or folder"
    assert not Path("output").exists()


def test_the_default_content_folder_missing_exits_2(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({})
    assert main(["check"]) == 2
    assert "content: no such file or folder" in capsys.readouterr().err


def test_an_output_folder_that_is_a_file_exits_2(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({"content/a.md": GOOD, "output": "a file"})
    assert main(["build"]) == 2
    assert "output: not a folder" in capsys.readouterr().err


# --- build -----------------------------------------------------------------------------


def test_build_defaults_mirror_content_into_output(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({"content/2024-07/astana-sco.md": GOOD, "content/offices/k.yaml": "name: K"})
    assert main(["build"]) == 0
    captured = capsys.readouterr()
    assert without_timing(captured.out) == [
        "built output/2024-07/astana-sco.pdf",
        "1 built, 0 up to date, 0 failed",
    ]
    assert captured.err == ""
    assert Path("output/2024-07/astana-sco.pdf").read_bytes().startswith(b"%PDF")


def test_a_bad_report_fails_but_the_batch_goes_on(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({"content/a-bad.md": BAD, "content/b-good.md": GOOD})
    assert main(["build", "content", "-o", "out"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "content/a-bad.md:2:1: title: must not be empty",
        "content/a-bad.md:4:1: date: not a date",
    ]
    assert without_timing(captured.out) == [
        "built out/b-good.pdf",
        "1 built, 0 up to date, 1 failed",
    ]
    assert Path("out/b-good.pdf").exists()
    assert not Path("out/a-bad.pdf").exists()


def test_a_failed_rebuild_removes_the_stale_pdf(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = in_tree({"content/a.md": GOOD})
    assert main(["build"]) == 0
    assert (root / "output/a.pdf").exists()
    (root / "content/a.md").write_text(BAD)
    assert main(["build"]) == 1
    assert not (root / "output/a.pdf").exists()
    # Nothing left but the build's own records (no PDF, no partial file).
    assert sorted(p.name for p in (root / "output").iterdir()) == [STATE_FILE, "manifest.json"]


def test_a_failed_rebuild_says_that_the_old_pdf_is_gone(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = in_tree({"content/a.md": GOOD})
    assert main(["build"]) == 0
    (root / "content/a.md").write_text(BAD)
    capsys.readouterr()
    assert main(["build"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/a.md:2:1: title: must not be empty",
        "content/a.md:4:1: date: not a date",
        "content/a.md: output/a.pdf removed: the report failed, so the old PDF is no longer "
        "current",
    ]
    # Failing again: there is no old PDF left, and nothing more to say about it.
    assert main(["build"]) == 1
    assert "removed" not in capsys.readouterr().err


def test_absolute_paths_inside_the_working_folder_are_printed_relative(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = in_tree({"content/2024-07/bad.md": BAD, "content/2024-07/good.md": GOOD})
    assert main(["build", str(root / "content"), "-o", str(root / "output")]) == 1
    captured = capsys.readouterr()
    assert "built output/2024-07/good.pdf" in captured.out
    assert captured.err.startswith("content/2024-07/bad.md:2:1: ")


def test_paths_outside_the_working_folder_stay_absolute(
    tree: MakeTree,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = tree({"content/a.md": GOOD})
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert main(["build", str(root / "content"), "-o", str(root / "output")]) == 0
    assert f"built {root / 'output/a.pdf'}" in capsys.readouterr().out


def test_a_file_given_by_name_lands_in_the_output_folder(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({"content/2024-07/monthly.md.j2": GOOD})
    assert main(["build", "content/2024-07/monthly.md.j2", "-o", "dist"]) == 0
    assert "built dist/monthly.pdf" in capsys.readouterr().out
    assert Path("dist/monthly.pdf").exists()


def test_warnings_are_printed_and_do_not_fail(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({"content/a.md": "x\nWARN: footnote [^x] is never referenced\n"})
    assert main(["build"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "content/a.md:2: warning: footnote [^x] is never referenced"
    ]
    assert "1 built, 0 up to date, 0 failed" in captured.out


def test_strict_turns_a_warning_into_a_failure(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = in_tree({"content/a.md": "x\nWARN: footnote [^x] is never referenced\n"})
    (root / "output").mkdir()
    (root / "output/a.pdf").write_bytes(b"%PDF old")
    assert main(["build", "--strict"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "content/a.md:2: warning: footnote [^x] is never referenced",
        "content/a.md: 1 warning treated as an error (--strict)",
        "content/a.md: output/a.pdf removed: the report failed, so the old PDF is no longer "
        "current",
    ]
    assert "0 built, 0 up to date, 1 failed" in captured.out
    assert not (root / "output/a.pdf").exists()


def test_an_internal_error_is_one_line_and_the_batch_goes_on(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({"content/a.md": "CRASH\n", "content/b.md": "RENDER-CRASH\n", "content/c.md": GOOD})
    assert main(["build"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "content/a.md: internal error: RuntimeError: boom (please report this)",
        "content/b.md: internal error: ValueError: layout bug (please report this)",
    ]
    assert "Traceback" not in captured.err
    assert without_timing(captured.out) == ["built output/c.pdf", "1 built, 0 up to date, 2 failed"]


def test_debug_shows_the_traceback_of_an_internal_error(in_tree: MakeTree) -> None:
    in_tree({"content/a.md": "CRASH\n"})
    with pytest.raises(RuntimeError, match="boom"):
        main(["build", "--debug"])
    with pytest.raises(RuntimeError, match="boom"):
        main(["--debug", "check"])


def test_colliding_reports_both_fail_and_the_others_are_built(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({"content/a.md": GOOD, "content/a.md.j2": GOOD, "content/b.md": GOOD})
    assert main(["build"]) == 1
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert len(err) == 2
    assert err[0].startswith(
        "content/a.md: output/a.pdf would also be written from content/a.md.j2"
    )
    assert err[1].startswith(
        "content/a.md.j2: output/a.pdf would also be written from content/a.md"
    )
    assert without_timing(captured.out) == ["built output/b.pdf", "1 built, 0 up to date, 2 failed"]
    assert not Path("output/a.pdf").exists()


def test_an_unwritable_output_fails_that_report_with_a_reason(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file where the report's output folder should be: works as root too.
    in_tree({"content/2024-07/a.md": GOOD, "content/b.md": GOOD, "output/2024-07": "in the way"})
    assert main(["build"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "content/2024-07/a.md: cannot write output/2024-07/a.pdf: "
        "output/2024-07 is a file, not a folder"
    ]
    assert without_timing(captured.out) == ["built output/b.pdf", "1 built, 0 up to date, 1 failed"]


def test_an_empty_folder_builds_nothing_and_says_so(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({"content/offices/k.yaml": "name: K"})
    assert main(["build"]) == 0
    captured = capsys.readouterr()
    assert without_timing(captured.out) == ["0 built, 0 up to date, 0 failed"]
    assert "no reports found in content" in captured.err


# --- check -----------------------------------------------------------------------------


def test_check_writes_nothing(in_tree: MakeTree, capsys: pytest.CaptureFixture[str]) -> None:
    root = in_tree({"content/a.md": GOOD, "content/b.md": BAD})
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert main(["check"]) == 1
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    captured = capsys.readouterr()
    assert without_timing(captured.out) == ["ok content/a.md", "1 ok, 1 failed"]
    assert captured.err.splitlines()[0] == "content/b.md:2:1: title: must not be empty"


def test_check_keeps_an_existing_pdf_of_a_bad_report(in_tree: MakeTree) -> None:
    root = in_tree({"content/a.md": BAD, "output/a.pdf": "%PDF old"})
    assert main(["check"]) == 1
    assert (root / "output/a.pdf").exists()


def test_check_all_good_exits_0(in_tree: MakeTree, capsys: pytest.CaptureFixture[str]) -> None:
    in_tree({"content/a.md": GOOD, "content/x/b.md.j2": "WARN: w\n"})
    assert main(["check", "content"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2 ok, 0 failed"


def test_check_strict_fails_on_a_warning(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({"content/a.md": "WARN: w\n"})
    assert main(["check", "--strict"]) == 1
    assert "content/a.md: 1 warning treated as an error (--strict)" in capsys.readouterr().err


def test_check_reports_colliding_outputs(
    in_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    in_tree({"content/a.md": GOOD, "content/a.md.j2": GOOD})
    assert main(["check"]) == 1
    assert "would also be written from" in capsys.readouterr().err


def test_every_command_is_one_run_function_given_the_printer() -> None:
    """One dispatch style (issue 12): each command's parser names a ``run(args, printer)``
    function, which the entry point calls with the one Printer."""
    import argparse
    import inspect

    from lagebericht.cli.app import parser
    from lagebericht.cli.printer import Printer

    [commands] = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert commands.choices
    for name, command in commands.choices.items():
        run = command.get_default("run")
        assert callable(run), f"{name} has no run function"
        signature = inspect.signature(run, eval_str=True)
        parameters = [p.annotation for p in signature.parameters.values()]
        assert parameters == [argparse.Namespace, Printer], name
        assert signature.return_annotation is int, name
