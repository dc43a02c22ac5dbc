"""Every command works from any folder inside a project, and nothing is written into the
content tree."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from lagebericht.cli import main
from tests.files import OFFICE, REPORT, write_files

PROJECT = '[project]\ncontent = "berichte"\noutput = "pdf"\n'


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_files(
        tmp_path,
        {
            "lagebericht.toml": PROJECT,
            "berichte/offices/kasachstan.yaml": OFFICE,
            "berichte/2024-07/a.md": REPORT,
            "berichte/2024-08/b.md": REPORT.replace("2024-07-05", "2024-08-01"),
        },
    )


def test_build_in_a_subfolder_builds_the_project_into_its_output(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "berichte" / "2024-07")
    status, out, _ = run(["build", "-j", "1"])
    assert status == 0
    assert "built ../../pdf/2024-07/a.pdf" in out and "built ../../pdf/2024-08/b.pdf" in out
    assert sorted(p.name for p in (project / "pdf").rglob("*.pdf")) == ["a.pdf", "b.pdf"]
    assert not list((project / "berichte").rglob("*.pdf"))
    manifest = json.loads((project / "pdf" / "manifest.json").read_text())
    assert [e["source"] for e in manifest["reports"]] == [
        "berichte/2024-07/a.md",
        "berichte/2024-08/b.md",
    ]
    # The same reports seen from the project folder: still up to date.
    monkeypatch.chdir(project)
    status, out, _ = run(["build", "-j", "1"])
    assert status == 0 and "0 built, 2 up to date" in out


def test_build_dot_in_a_subfolder_writes_into_the_projects_output(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "berichte")
    status, _, _ = run(["build", ".", "-j", "1"])
    assert status == 0
    assert (project / "pdf" / "2024-07" / "a.pdf").is_file()
    assert not (project / "berichte" / "pdf").exists()


def test_an_output_folder_inside_the_folder_built_is_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "lagebericht.toml").unlink()
    monkeypatch.chdir(project / "berichte")
    status, out, err = run(["build", ".", "-j", "1"])
    assert status == 2 and out == ""
    assert 'the output folder "output" lies inside ".", a folder being built' in err
    assert "-o DIR" in err and "lagebericht.toml" in err
    assert not (project / "berichte" / "output").exists()


def test_an_output_folder_inside_the_content_tree_is_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No project file: the content tree is the folder that holds the offices/ folder.
    (project / "lagebericht.toml").unlink()
    monkeypatch.chdir(project / "berichte")
    status, out, err = run(["build", "2024-07", "-j", "1"])
    assert status == 2 and out == ""
    assert 'the output folder "output" lies inside ".", a folder being built' in err
    assert not (project / "berichte" / "output").exists()
    # Outside the content tree, the same build is fine.
    status, _, err = run(["build", "2024-07", "-j", "1", "-o", "../pdf"])
    assert status == 0, err
    assert (project / "pdf" / "a.pdf").is_file()


def test_check_in_a_subfolder_checks_the_project(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "berichte" / "2024-08")
    status, out, _ = run(["check"])
    assert status == 0
    assert out.splitlines() == [
        "ok ../2024-07/a.md",
        "ok ../2024-08/b.md",
        "2 ok, 0 failed",
    ]


def test_new_writes_into_the_projects_content(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "berichte" / "2024-07")
    status, out, _ = run(["new", "kasachstan", "2024-09-01", "--title", "Wahlen"])
    assert status == 0, out
    assert (project / "berichte" / "2024-09" / "kasachstan-wahlen.md").is_file()


def test_build_defaults_come_from_the_project_and_options_win(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "lagebericht.toml").write_text(PROJECT + "[build]\nstrict = true\n")
    report = project / "berichte" / "2024-07" / "a.md"
    # An unused footnote is a warning: under [build] strict = true the report fails.
    report.write_text(REPORT + "\n[^unused]: Never referenced.\n", encoding="utf-8")
    monkeypatch.chdir(project)
    status, _, err = run(["build", "-j", "1"])
    assert status == 1 and "treated as an error (--strict)" in err
    assert run(["check"])[0] == 1
    assert run(["build", "-j", "1", "--no-strict"])[0] == 0


def test_a_broken_project_file_stops_every_command(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "lagebericht.toml").write_text('[project]\ncontnet = "x"\n')
    monkeypatch.chdir(project / "berichte")
    status, _, err = run(["check"])
    assert status == 2
    assert err == (
        '../lagebericht.toml:2: project.contnet: unknown key; did you mean "content"? '
        "[project] knows: content, output, theme\n"
    )


def test_preview_writes_into_the_projects_output_with_the_reports_theme(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "berichte")
    status, out, err = run(["preview", "2024-07/a.md"])
    assert status == 0, err
    assert out.splitlines() == ["../pdf/preview/a/page-1.png"]
    report = project / "berichte" / "2024-07" / "a.md"
    report.write_text(REPORT.replace("---\n\n", "theme: zweispaltig\n---\n\n", 1))
    status, out, err = run(["preview", "2024-07/a.md"])
    assert status == 1 and out == ""
    assert err.startswith('2024-07/a.md:6:8: theme: unknown theme "zweispaltig"; did you mean')


def test_watch_builds_each_report_with_its_theme(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from lagebericht.cli.app import parser
    from lagebericht.cli.authoring import watch_command
    from lagebericht.cli.printer import Printer

    report = project / "berichte" / "2024-08" / "b.md"
    report.write_text(REPORT.replace("---\n\n", "theme: zweispaltig\n---\n\n", 1))
    monkeypatch.chdir(project / "berichte")
    stop = threading.Event()
    stop.set()  # build once, then return instead of watching
    out, err = io.StringIO(), io.StringIO()
    status = watch_command(parser().parse_args(["watch"]), Printer(out, err), stop_event=stop)
    assert status == 0
    assert "built ../pdf/2024-07/a.pdf" in out.getvalue()
    assert "failed 2024-08/b.md: 1 problem" in out.getvalue()
    assert '2024-08/b.md:6:8: theme: unknown theme "zweispaltig"' in err.getvalue()
    # Recorded as build records it: sources named from the project folder.
    manifest = json.loads((project / "pdf" / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["source"] for entry in manifest["reports"]] == ["berichte/2024-07/a.md"]


def test_watch_refuses_an_output_folder_inside_the_content(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    status, _, err = run(["watch", "-o", "berichte/pdf"])
    assert status == 2
    assert 'the output folder "berichte/pdf" lies inside "berichte"' in err
    assert "change output in lagebericht.toml" in err


@pytest.mark.parametrize("folder", ["berichte/bilder", "berichte/2024-07"])
def test_preview_refuses_an_output_folder_inside_the_content(
    project: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    monkeypatch.chdir(project)
    status, out, err = run(["preview", "berichte/2024-07/a.md", "-o", folder])
    assert status == 2 and out == ""
    assert f'lagebericht preview: the output folder "{folder}" lies inside "berichte"' in err
    assert "pictures are never written into the content tree" in err
    assert not list((project / "berichte").rglob("*.png"))


def test_preview_without_a_project_file_refuses_the_content_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The working folder is the project and holds offices/: its output/ would lie in the
    # content tree, which build refuses as well.
    write_files(tmp_path, {"offices/kasachstan.yaml": OFFICE, "2024-07/a.md": REPORT})
    monkeypatch.chdir(tmp_path)
    status, _, err = run(["build", "2024-07"])
    assert status == 2 and "PDFs are never written into the content tree" in err
    status, _, err = run(["preview", "2024-07/a.md"])
    assert status == 2
    assert 'the output folder "output/preview/a" lies inside "."' in err
    assert "pictures are never written into the content tree" in err
    assert not list(tmp_path.rglob("*.png"))
