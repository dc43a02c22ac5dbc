"""lagebericht.toml: found upwards like .git, read with tomllib, every mistake located."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebericht.project import (
    PROJECT_FILE,
    Project,
    ProjectFileError,
    current_project,
    find_project,
    load_project,
)

FULL = """\
# lagebericht project file
[project]
content = "berichte"
output = "pdf"
theme = "auslandsbuero-zweispaltig"

[build]
pdfa = true
strict = true
jobs = 3
"""


def write(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / PROJECT_FILE).write_text(text, encoding="utf-8")
    return root / PROJECT_FILE


def problems(root: Path, text: str) -> list[str]:
    file = write(root, text)
    with pytest.raises(ProjectFileError) as caught:
        load_project(file, root)
    return [p.format() for p in caught.value.problems]


def test_found_in_the_nearest_folder_above(tmp_path: Path) -> None:
    outer = write(tmp_path, FULL)
    deep = tmp_path / "berichte" / "2024-07"
    deep.mkdir(parents=True)
    assert find_project(deep) == outer
    inner = write(tmp_path / "berichte", "")
    assert find_project(deep) == inner


def test_paths_are_relative_to_the_file_seen_from_the_working_folder(tmp_path: Path) -> None:
    write(tmp_path, FULL)
    deep = tmp_path / "berichte" / "2024-07"
    deep.mkdir(parents=True)
    project = current_project(deep)
    assert project.root == Path("../..")
    assert project.content == Path("..")
    assert project.output == Path("../../pdf")
    assert project.file == Path("../..") / PROJECT_FILE
    assert (project.theme, project.theme_line) == ("auslandsbuero-zweispaltig", 5)
    assert (project.pdfa, project.strict, project.jobs) == (True, True, 3)
    assert project.themes_folder == Path("../../templates")


def test_every_key_is_optional(tmp_path: Path) -> None:
    write(tmp_path, "# nothing set\n")
    project = current_project(tmp_path)
    assert (project.content, project.output) == (Path("content"), Path("output"))
    assert (project.theme, project.pdfa, project.strict, project.jobs) == (None, False, False, None)


def test_without_a_file_the_working_folder_is_the_project(tmp_path: Path) -> None:
    assert current_project(tmp_path) == Project(Path("."))


def test_unknown_keys_are_located_with_did_you_mean(tmp_path: Path) -> None:
    text = '[project]\ncontent = "c"\noutptu = "o"\n\n[bild]\npdfa = true\n'
    assert problems(tmp_path, text) == [
        'lagebericht.toml:3: project.outptu: unknown key; did you mean "output"? '
        "[project] knows: content, output, theme",
        'lagebericht.toml:5: bild: unknown key; did you mean "[build]"? '
        "known tables: [project], [build]",
    ]


def test_a_key_outside_its_table_says_where_it_belongs(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, 'theme = "x"\n')
    assert found == "lagebericht.toml:1: theme: unknown key; put it under [project]"


def test_wrong_types_are_located(tmp_path: Path) -> None:
    text = '[project]\noutput = 5\n[build]\njobs = 0\npdfa = "yes"\n'
    assert problems(tmp_path, text) == [
        "lagebericht.toml:2: project.output: expected a folder or name as text in quotes, got 5",
        "lagebericht.toml:4: build.jobs: expected a number of at least 1, got 0",
        'lagebericht.toml:5: build.pdfa: expected true or false, got "yes"',
    ]


def test_toml_syntax_errors_are_located(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, '[project]\ncontent = "c"\noutput "o"\n')
    assert found.startswith("lagebericht.toml:3:8: not valid TOML: ")
    assert "(at line" not in found


def test_an_output_folder_inside_the_content_folder_is_refused(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, '[project]\ncontent = "."\noutput = "pdf"\n')
    assert found.startswith("lagebericht.toml:3: output: the output folder pdf ")
    assert "content tree" in found
