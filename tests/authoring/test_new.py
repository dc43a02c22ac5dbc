"""``lagebericht new``: the scaffold's name, content and validity, and the command's errors."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from lagebericht.authoring.scaffold import parse_date, plan_report, report_text
from lagebericht.authoring.slug import slugify
from lagebericht.model import FrontMatter
from lagebericht.problems import UsageError
from lagebericht.validate import read_report

from .conftest import OFFICE, MakeTree, run

OFFICES = {"content/offices/kasachstan.yaml": OFFICE, "content/offices/usbekistan.yaml": OFFICE}


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Kazakhstan - Shanghai Cooperation Organisation",
            "kazakhstan-shanghai-cooperation-organisation",
        ),
        ("Wahlen: Größe und Übermaß", "wahlen-groesse-und-uebermass"),
        ("Казахстан и ШОС — объём", "kazakhstan-i-shos-obem"),
        ("Қазақстан және ШЫҰ", "qazaqstan-zhane-shyu"),
        ("Élection à Genève", "election-a-geneve"),
        ("?!", ""),
    ],
)
def test_slug(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slug_of_a_long_title_is_cut_at_a_word() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 60
    assert slug.endswith("word")


def test_parse_date() -> None:
    assert parse_date("2024-07-05") == dt.date(2024, 7, 5)
    assert parse_date("today", today=dt.date(2025, 1, 2)) == dt.date(2025, 1, 2)
    for bad in ("2024-13-01", "5.7.2024", "20240705", ""):
        with pytest.raises(UsageError, match="ISO date like 2024-07-05"):
            parse_date(bad)


def test_every_front_matter_field_is_written_or_commented_with_an_explanation() -> None:
    text = report_text("kasachstan", dt.date(2024, 7, 5), None, "de")
    front = text.split("---\n")[1]
    for name, field in FrontMatter.model_fields.items():
        match = re.search(rf"^# (.+)\n#? ?{name}:", front, re.MULTILINE)
        assert match, f"{name} is missing from the scaffold"
        assert "``" not in match.group(1)
        assert match.group(1).strip("` ").split()[0] in " ".join((field.description or "").split())


@pytest.mark.parametrize(
    ("language", "title"), [("de", "Wahlen in Kasachstan"), ("en", None), ("ru", "Итоги")]
)
def test_scaffold_passes_validation_without_warnings(
    tree: MakeTree, language: str, title: str | None
) -> None:
    root = tree(OFFICES)
    scaffold = plan_report(
        root / "content", "kasachstan", dt.date(2024, 8, 1), title=title, language=language
    )
    scaffold.path.parent.mkdir(parents=True)
    scaffold.path.write_text(scaffold.text, encoding="utf-8")

    valid = read_report(scaffold.path)

    assert valid.warnings == ()
    report = valid.report
    assert report.language == language
    assert report.draft is True  # a new report is a draft until the line is deleted
    assert report.title == (title or "TODO: title of the report")
    assert [note.number for note in report.footnotes] == [1]
    assert "- **TODO Lead:** " in scaffold.text


def test_scaffold_with_every_example_switched_on_still_passes(tree: MakeTree) -> None:
    root = tree(OFFICES)
    scaffold = plan_report(root / "content", "kasachstan", dt.date(2024, 8, 1))
    front, body = scaffold.text.split("\n---\n", 1)
    field_line = re.compile(r"^# (\s*(- |[a-z]+:))", re.MULTILINE)  # not the explanations
    switched_on = field_line.sub(r"\1", front)
    path = root / "content" / "all.md"
    path.write_text(f"{switched_on}\n---\n{body}", encoding="utf-8")

    report = read_report(path).report

    assert report.subtitle and report.summary and report.keywords and report.classification
    assert [a.name for a in report.authors] == ["Dr. Anna Muster", "Max Beispiel"]


def test_new_writes_the_file_below_the_month(tree: MakeTree) -> None:
    root = tree(OFFICES)
    ran = run(["new", "kasachstan", "2024-08-01", "--title", "Wahlen: erste Ergebnisse"])
    path = Path("content/2024-08/kasachstan-wahlen-erste-ergebnisse.md")
    assert ran.status == 0, ran.err
    assert ran.out.splitlines()[0] == f"created {path}"
    assert 'title: "Wahlen: erste Ergebnisse"' in (root / path).read_text(encoding="utf-8")
    assert ran.err == ""


def test_new_without_title_names_the_file_by_date(tree: MakeTree) -> None:
    root = tree(OFFICES)
    ran = run(["new", "usbekistan", "2024-08-01", "--language", "en", "--content", "content"])
    assert ran.status == 0, ran.err
    text = (root / "content/2024-08/usbekistan-2024-08-01.md").read_text(encoding="utf-8")
    assert "\nlanguage: en\n" in text and "\noffice: usbekistan\n" in text


def test_new_never_overwrites_without_force(tree: MakeTree) -> None:
    root = tree({**OFFICES, "content/2024-08/kasachstan-x.md": "mine\n"})
    ran = run(["new", "kasachstan", "2024-08-01", "--title", "X"])
    assert ran.status == 1
    assert "already exists" in ran.err and "--force" in ran.err
    assert (root / "content/2024-08/kasachstan-x.md").read_text() == "mine\n"

    forced = run(["new", "kasachstan", "2024-08-01", "--title", "X", "--force"])
    assert forced.status == 0, forced.err
    assert forced.out.startswith("replaced ")
    assert (root / "content/2024-08/kasachstan-x.md").read_text().startswith("---\n")


def test_unknown_office_lists_the_known_ones(tree: MakeTree) -> None:
    root = tree(OFFICES)
    ran = run(["new", "kasachtan", "2024-08-01"])
    assert ran.status == 1
    assert 'unknown office "kasachtan"; did you mean "kasachstan"?' in ran.err
    assert "known offices: kasachstan, usbekistan" in ran.err
    assert not (root / "content/2024-08").exists()


def test_no_offices_folder(tree: MakeTree) -> None:
    tree({"content/2024-07/a.md": "x"})
    ran = run(["new", "kasachstan", "2024-08-01", "--content", "content"])
    assert ran.status == 1
    assert "no offices/ folder" in ran.err
    assert str(Path("content/offices/kasachstan.yaml")) in ran.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["new", "kasachstan", "2024-02-30"],
            'ISO date like 2024-07-05 (or "today"), got "2024-02-30"',
        ),
        (["new", "kasachstan", "2024-08-01", "--language", "xx"], "language tag like de"),
        (["new", "kasachstan", "2024-08-01", "--title", " "], "title: must not be empty"),
    ],
)
def test_bad_arguments_are_usage_errors(tree: MakeTree, argv: list[str], message: str) -> None:
    tree(OFFICES)
    ran = run(argv)
    assert ran.status == 2
    assert message in ran.err
    assert ran.err.startswith("lagebericht new: ")
    assert ran.out == ""
