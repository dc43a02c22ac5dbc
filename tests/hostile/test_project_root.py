"""Nothing from outside the project: office files are looked up only inside the project
root, never through a link that leaves it; a report linked to a file elsewhere is refused
without being read."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebericht.cli import main
from lagebericht.load.offices import find_offices_folder
from tests.hostile.conftest import write_tree
from tests.hostile.corpus import OFFICE, OFFICE_FILE, REPORT, front

GOOD = {REPORT: front() + "\nText.\n", OFFICE_FILE: OFFICE}
PLANTED = "name: Planted Office\ncity: Elsewhere\n"
SECRET = "root:x:0:0:SECRET-FIRST-LINE:/root:/bin/bash\n"


def _planted_tree(tmp_path: Path) -> Path:
    """``shared/offices/`` planted above a project ``shared/me`` that has no offices."""
    write_tree(tmp_path, {"shared/offices/kasachstan.yaml": PLANTED})
    return write_tree(tmp_path / "shared/me", {REPORT: front() + "\nText.\n"})


def test_an_offices_folder_above_the_working_folder_is_not_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_planted_tree(tmp_path))
    assert main(["build", "content", "-o", "output"]) == 1
    err = capsys.readouterr().err
    assert f'{REPORT}:4:9: office: cannot look up "kasachstan": no `offices` folder' in err
    assert not (tmp_path / "shared/me/output/2024-07/report.pdf").exists()


def test_an_offices_folder_above_the_folder_named_is_not_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _planted_tree(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert main(["check", str(project / "content")]) == 1
    assert 'office: cannot look up "kasachstan"' in capsys.readouterr().err


def test_a_project_file_bounds_the_lookup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _planted_tree(tmp_path)
    (project / "lagebericht.toml").write_text("[project]\n", encoding="utf-8")
    monkeypatch.chdir(project / "content")
    assert main(["check", "2024-07"]) == 1
    assert 'office: cannot look up "kasachstan"' in capsys.readouterr().err


def test_offices_inside_the_project_are_found_from_any_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = write_tree(tmp_path / "project", GOOD)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert main(["check", str(project / "content")]) == 0, capsys.readouterr().err


def test_an_offices_link_out_of_the_project_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"outside/offices/kasachstan.yaml": PLANTED})
    project = write_tree(tmp_path / "project", {REPORT: front() + "\nText.\n"})
    (project / "content/offices").symlink_to(tmp_path / "outside/offices")
    monkeypatch.chdir(project)
    assert main(["build", "content", "-o", "output"]) == 1
    err = capsys.readouterr().err
    assert f'{REPORT}:4:9: office: cannot look up "kasachstan"' in err
    assert "a link out of it is not followed" in err


@pytest.mark.parametrize("argument", ["content", "content/2024-07/passwd.md"])
def test_a_report_linked_out_of_the_project_is_refused_unread(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argument: str,
) -> None:
    write_tree(tmp_path, {"passwd": SECRET})
    project = write_tree(tmp_path / "project", GOOD)
    (project / "content/2024-07/passwd.md").symlink_to(tmp_path / "passwd")
    monkeypatch.chdir(project)
    assert main(["check", argument]) == 1
    err = capsys.readouterr().err
    assert "SECRET" not in err
    assert (
        "content/2024-07/passwd.md: the file is a link to a file outside the project folder" in err
    )


def test_the_library_default_stops_below_a_shared_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A program reading a report outside the working folder, without a project file: the
    # lookup never goes up into a folder that others can write (a shared /tmp).
    project = _planted_tree(tmp_path)
    (tmp_path / "shared").chmod(0o1777)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert find_offices_folder(project / REPORT) is None
    write_tree(project, {OFFICE_FILE: OFFICE})
    assert find_offices_folder(project / REPORT) == project / "content/offices"
