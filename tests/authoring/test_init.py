"""``lagebericht init``: a project a field office can build at once, and the refusals."""

from __future__ import annotations

import datetime as dt
import io
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from lagebericht.authoring.init import OfficeDetails, office_file_text, plan_project
from lagebericht.cli import main
from lagebericht.model import Office
from lagebericht.model.report import Person
from lagebericht.validate import read_report

NAME = "Auslandsbüro Kasachstan"
INIT = ["init", "buero", "--office", "kasachstan", "--name", NAME, "--city", "Astana"]


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder, outside the repository's content/."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_init_new_check_build(
    empty: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(INIT) == 0
    said = capsys.readouterr()
    month = f"{dt.date.today():%Y-%m}"
    sample = f"content/{month}/kasachstan-beispiel.md"
    assert sorted(_files(empty / "buero")) == [
        f"content/{month}/bilder/kasachstan-beispiel.svg",
        sample,
        "content/offices/kasachstan.yaml",
        "lagebericht.toml",
    ]
    assert f"created buero/{sample}" in said.out
    assert "  cd buero\n" in said.out
    assert 'lagebericht new kasachstan today --title "…"' in said.out
    assert said.err == ""

    monkeypatch.chdir(empty / "buero")
    assert main(["new", "kasachstan", "today", "--title", "Wahlen im Herbst"]) == 0
    assert main(["check"]) == 0
    said = capsys.readouterr()
    # Only the warnings that the drafts are unfinished: nothing else is wrong with them.
    for line in said.err.splitlines():
        assert ": warning: draft: the report is still a draft" in line or (
            ": warning: placeholder " in line and "wahlen-im-herbst" in line
        ), line
    assert "kasachstan-beispiel.md" in said.err  # the sample is a draft
    assert "2 ok, 0 failed" in said.out
    assert main(["check", "--strict"]) == 1  # drafts are refused where it counts
    capsys.readouterr()

    assert main(["build", "--jobs", "1"]) == 0
    for stem in ("kasachstan-beispiel", "kasachstan-wahlen-im-herbst"):
        pdf = empty / "buero" / "output" / month / f"{stem}.pdf"
        assert len(PdfReader(io.BytesIO(pdf.read_bytes())).pages) >= 1


def test_project_file_is_the_agreed_format_at_its_defaults(empty: Path) -> None:
    assert main(INIT) == 0
    text = (empty / "buero" / "lagebericht.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {
        "project": {"content": "content", "output": "output", "theme": "auslandsbuero"},
        "build": {"pdfa": False, "strict": False},
    }
    assert "# jobs = " in text


def test_office_file_has_every_field_explained_and_the_given_ones_set() -> None:
    office = OfficeDetails("kasachstan", NAME, city="Astana", head="Dr. Anna Muster")
    text = office_file_text(office)
    for name, field in Office.model_fields.items():
        match = re.search(rf"^# (.+)\n#? ?{name}:", text, re.MULTILINE)
        assert match, f"{name} is missing from the office file"
        assert match.group(1).split()[0] in (field.description or "")
    assert yaml.safe_load(text) == {
        "name": NAME,
        "city": "Astana",
        "head": {"name": "Dr. Anna Muster"},
    }
    # Uncommenting every example gives a valid office (the examples are right).
    fields = "|".join([*Office.model_fields, *Person.model_fields])
    switched_on = re.sub(rf"^(\s*)# (?=\s*(?:(?:{fields}):|- ))", r"\1", text, flags=re.MULTILINE)
    Office.model_validate(yaml.safe_load(switched_on))


@pytest.mark.parametrize("language", ["de", "en", "en-GB", "ru", "kk"])
def test_sample_report_validates_without_warnings(tmp_path: Path, language: str) -> None:
    files = plan_project(
        tmp_path,
        OfficeDetails("bishkek", "Büro Bischkek"),
        language=language,
        today=dt.date(2025, 3, 4),
    )
    for file in files:
        file.path.parent.mkdir(parents=True, exist_ok=True)
        file.path.write_text(file.text, encoding="utf-8")
    sample = files[-1].path
    assert sample.parent == tmp_path / "content" / "2025-03"

    valid = read_report(sample)

    assert valid.warnings == ()
    assert valid.report.draft
    assert valid.report.language == language
    assert valid.report.office.name == "Büro Bischkek"


def test_init_refuses_to_overwrite_and_writes_nothing(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = empty / "buero" / "content" / "offices" / "kasachstan.yaml"
    office.parent.mkdir(parents=True)
    office.write_text("name: Mein Büro\n", encoding="utf-8")

    assert main(INIT) == 1

    err = capsys.readouterr().err
    assert "buero/content/offices/kasachstan.yaml already exists" in err
    assert "--force" in err
    assert _files(empty / "buero") == {"content/offices/kasachstan.yaml": "name: Mein Büro\n"}


def test_init_twice_names_every_existing_file_and_force_replaces_them(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(INIT) == 0
    project = empty / "buero" / "lagebericht.toml"
    project.write_text("# mine\n", encoding="utf-8")
    capsys.readouterr()

    assert main(INIT) == 1
    err = capsys.readouterr().err
    assert err.count("buero/") == 4
    assert project.read_text(encoding="utf-8") == "# mine\n"

    assert main([*INIT, "--force"]) == 0
    assert "replaced buero/lagebericht.toml" in capsys.readouterr().out
    assert project.read_text(encoding="utf-8").startswith("# lagebericht project file")


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("Kasachstan", 'did you mean "kasachstan"?'),
        ("../kasachstan", 'did you mean "kasachstan"?'),
        ("zentral asien", 'did you mean "zentral-asien"?'),
        ("true", "YAML reads `office: true` in a report as true, not as text"),
        ("", "must not be empty"),
        ("k" * 61, "at most 60 characters"),
        ("-x", "lower-case letters"),
    ],
)
def test_bad_key_is_wrong_usage(
    empty: Path, capsys: pytest.CaptureFixture[str], key: str, says: str
) -> None:
    assert main(["init", f"--office={key}", "--name", NAME]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f'lagebericht init: --office: "{key}" cannot be an office key')
    assert says in err
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--name", " ", "--name: must not be empty"),
        ("--city", "Astana\nAlmaty", "--city: must be one line"),
        ("--head", "x" * 301, "--head: at most 300 characters"),
        ("--language", "klingonisch", "language: expected a language tag"),
    ],
)
def test_bad_option_is_wrong_usage(
    empty: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, says: str
) -> None:
    argv = ["init", "--office", "kasachstan", "--name", NAME, option, value]
    assert main(argv) == 2
    assert says in capsys.readouterr().err
    assert list(empty.iterdir()) == []


def test_init_into_a_file_is_wrong_usage(empty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (empty / "buero").write_text("", encoding="utf-8")
    assert main(INIT) == 2
    assert "buero: not a folder" in capsys.readouterr().err


def test_init_in_the_working_folder_needs_no_cd(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--office", "kasachstan", "--name", NAME]) == 0
    out = capsys.readouterr().out
    assert "created lagebericht.toml" in out
    assert "cd " not in out


def test_new_without_offices_points_to_init(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "kasachstan", "today", "--title", "Wahlen"]) == 1
    err = capsys.readouterr().err
    assert "no offices/ folder in content" in err
    assert "lagebericht init --office kasachstan --name" in err
    assert list(empty.iterdir()) == []
