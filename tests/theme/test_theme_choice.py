"""Choosing a report's theme: --theme > front matter `theme:` > project file > default;
names checked with "did you mean", each theme loaded once, `lagebericht themes`."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from lagebericht.cli import main
from lagebericht.project import Project
from lagebericht.theme.catalog import ThemeCatalog, ThemeRequest
from lagebericht.theme.load import THEMES_DIR
from lagebericht.theme_choice import ThemeChooser
from tests.files import OFFICE, REPORT, write_files

KOMPAKT = "extends: auslandsbuero\ncolours: {brand: '#7a1f5c'}\n"
ENGER = "extends: kompakt\nsizes: {body: 9}\n"


def with_theme(name: str) -> str:
    """REPORT with `theme: name` as line 6 of the file."""
    return REPORT.replace("title: Kazakhstan and the SCO\n", f"title: T\ntheme: {name}\n")


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_files(
        tmp_path,
        {
            "templates/kompakt/theme.yaml": KOMPAKT,
            "templates/enger/theme.yaml": ENGER,
            "content/offices/kasachstan.yaml": OFFICE,
            "content/a.md": REPORT,
            "content/b.md": with_theme("enger"),
        },
    )
    monkeypatch.chdir(root)
    return root


def chosen(chooser: ThemeChooser, requested: str | None) -> str | None:
    request = None if requested is None else ThemeRequest(requested, Path("r.md"), 6, 8)
    choice = chooser.choose(request)
    assert choice.problems == ()
    return None if choice.theme is None else choice.theme.name


def test_option_wins_over_front_matter_over_project_over_default(project: Path) -> None:
    plain = ThemeChooser.for_project(Project(Path(".")))
    assert chosen(plain, None) == "auslandsbuero"
    assert chosen(plain, "enger") == "enger"
    with_project = Project(Path("."), Path("lagebericht.toml"), theme="kompakt", theme_line=3)
    assert chosen(ThemeChooser.for_project(with_project), None) == "kompakt"
    assert chosen(ThemeChooser.for_project(with_project), "enger") == "enger"
    forced = ThemeChooser.for_project(with_project, "auslandsbuero-zweispaltig")
    assert chosen(forced, "enger") == "auslandsbuero-zweispaltig"


def test_each_theme_is_loaded_once(project: Path) -> None:
    chooser = ThemeChooser.for_project(Project(Path(".")))
    first = chooser.choose(ThemeRequest("enger", Path("a.md")))
    again = chooser.choose(ThemeRequest("enger", Path("b.md")))
    assert first.theme is again.theme is not None
    assert first.folders == (
        Path("templates/enger"),
        Path("templates/kompakt"),
        THEMES_DIR / "auslandsbuero",
    )


def test_an_unknown_front_matter_theme_fails_that_report_only(project: Path) -> None:
    (project / "content" / "b.md").write_text(with_theme("zweispaltig"), encoding="utf-8")
    expected = (
        'content/b.md:6:8: theme: unknown theme "zweispaltig"; did you mean '
        '"auslandsbuero-zweispaltig"? known themes: auslandsbuero, '
        "auslandsbuero-zweispaltig, enger, kompakt"
    )
    status, out, err = run(["build", "-j", "1"])
    assert status == 1 and expected in err.splitlines()
    assert "built output/a.pdf" in out and not (project / "output" / "b.pdf").exists()
    status, out, err = run(["check"])
    assert status == 1 and expected in err.splitlines()
    assert "ok content/a.md" in out


def test_a_theme_that_is_not_text_is_a_front_matter_error(project: Path) -> None:
    (project / "content" / "b.md").write_text(with_theme("[a, b]"), encoding="utf-8")
    status, _, err = run(["check", "content/b.md"])
    assert status == 1
    assert err.startswith("content/b.md:6:8: theme: ")


def test_an_unknown_option_theme_is_wrong_usage(project: Path) -> None:
    status, out, err = run(["build", "--theme", "kompkat"])
    assert status == 2 and out == ""
    assert err == (
        'lagebericht build: --theme: unknown theme "kompkat"; did you mean "kompakt"? '
        "known themes: auslandsbuero, auslandsbuero-zweispaltig, enger, kompakt\n"
    )
    assert not (project / "output").exists()


def test_an_unknown_project_theme_is_located_in_the_project_file(project: Path) -> None:
    (project / "lagebericht.toml").write_text('[project]\ntheme = "auslandsbuero-2"\n')
    status, _, err = run(["check"])
    assert status == 1
    assert err.startswith('lagebericht.toml:2: theme: unknown theme "auslandsbuero-2"; did you')


def test_themes_by_path(project: Path) -> None:
    write_files(project, {"eigene/rot/theme.yaml": "extends: kompakt\n"})
    (project / "content" / "b.md").write_text(with_theme("../eigene/rot"), encoding="utf-8")
    status, _, err = run(["build", "-j", "1"])
    assert status == 0, err
    status, _, err = run(["check", "--theme", "eigene/nichts"])
    assert status == 2
    assert "--theme: no theme folder eigene/nichts (a folder with theme.yaml)" in err
    write_files(project, {"gruen/theme.yaml": "extends: kompakt\n"})
    status, _, err = run(["check", "--theme", "gruen"])
    assert status == 2
    assert err.endswith("(a theme folder is given as a path: ./gruen)\n")
    assert run(["check", "--theme", "./gruen"])[0] == 0


def test_a_changed_theme_rebuilds_only_its_reports(project: Path) -> None:
    def statuses() -> dict[str, str]:
        status, out, _ = run(["build", "--json", "-j", "1"])
        assert status == 0
        return {r["source"]: r["status"] for r in json.loads(out)["reports"]}

    assert statuses() == {"content/a.md": "built", "content/b.md": "built"}
    (project / "templates" / "enger" / "theme.yaml").write_text(ENGER + "columns: 2\n")
    assert statuses() == {"content/a.md": "up to date", "content/b.md": "built"}
    (project / "templates" / "kompakt" / "theme.yaml").write_text(KOMPAKT + "columns: 1\n")
    assert statuses() == {"content/a.md": "up to date", "content/b.md": "built"}


def test_themes_lists_where_each_comes_from(project: Path) -> None:
    write_files(project, {"templates/auslandsbuero/theme.yaml": "extends: kompakt\n"})
    (project / "lagebericht.toml").write_text('[project]\ntheme = "kompakt"\n')
    status, out, _ = run(["themes"])
    assert status == 0
    assert [line.split() for line in out.splitlines()] == [
        ["auslandsbuero", "built-in"],
        ["auslandsbuero-zweispaltig", "built-in", "extends", "auslandsbuero"],
        [
            "auslandsbuero",
            "project",
            "templates/auslandsbuero",
            "(replaces",
            "the",
            "built-in",
            "theme)",
            "extends",
            "kompakt",
        ],
        ["enger", "project", "templates/enger", "extends", "kompakt"],
        ["kompakt", "project", "templates/kompakt", "extends", "auslandsbuero"],
        ["default:", "kompakt", "(lagebericht.toml:2)"],
    ]


def test_themes_names_a_broken_theme_file(project: Path) -> None:
    (project / "templates" / "enger" / "theme.yaml").write_text("extends: [\n")
    status, out, err = run(["themes"])
    assert status == 1
    assert "enger" in out and err.startswith("templates/enger/theme.yaml:")


def test_the_built_in_two_column_theme() -> None:
    catalog = ThemeCatalog()
    assert catalog.names() == ["auslandsbuero", "auslandsbuero-zweispaltig"]
    theme = catalog.load(ThemeRequest("auslandsbuero-zweispaltig", Path("x.md")))
    assert theme.columns == 2
    assert theme.folders[1] == THEMES_DIR / "auslandsbuero"
