"""Themes as data: the default theme, ``extends:``, and theme errors located in their files."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from lagebericht.layout import render_pdf
from lagebericht.problems import InputError
from lagebericht.theme import THEMES_DIR, load_theme
from tests.layout.factories import FILLER, note, para, ref, report, text
from tests.pdf_inspect import page_texts

KOMPAKT = """\
# A small theme that builds on the default one.
extends: auslandsbuero
publisher: Stiftung Beispiel
colours:
  brand: "#7a1f5c"
sizes:
  body: 9.5
  body_leading: 12.5
labels:
  de:
    report: Kurzbericht
"""


def themes(tmp_path: Path, files: dict[str, str]) -> list[Path]:
    """A throwaway themes folder (searched first) in front of the toolkit's own."""
    for name, content in files.items():
        path = tmp_path / "themes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return [tmp_path / "themes", THEMES_DIR]


def problems_of(name: str, search: list[Path]) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_theme(name, search)
    return [p.format() for p in caught.value.problems]


def test_default_theme() -> None:
    theme = load_theme()
    assert theme.name == "auslandsbuero"
    assert theme.labels_for("de-AT").page == "Seite {page} von {total}"
    assert theme.labels_for("tr").report == "Situation Report"  # English fallback
    assert all(path.is_file() for path in theme.font_paths.values())
    assert theme.logo_path is not None and theme.logo_path.suffix == ".svg"


def test_extends_merges_over_the_parent(tmp_path: Path) -> None:
    search = themes(tmp_path, {"kompakt/theme.yaml": KOMPAKT})
    theme = load_theme("kompakt", search)
    assert theme.colours.brand == "#7a1f5c"
    assert theme.colours.accent == load_theme().colours.accent  # inherited
    assert theme.sizes.body == 9.5 and theme.sizes.note == 8
    assert theme.labels_for("de").report == "Kurzbericht"
    assert theme.labels_for("de").page == "Seite {page} von {total}"  # merged per key
    assert theme.folders == (tmp_path / "themes" / "kompakt", THEMES_DIR / "auslandsbuero")
    assert theme.logo_path == THEMES_DIR / "auslandsbuero" / "logo.svg"


def test_a_report_in_the_extended_theme(tmp_path: Path) -> None:
    theme = load_theme("kompakt", themes(tmp_path, {"kompakt/theme.yaml": KOMPAKT}))
    r = report((para(text(FILLER), ref(1)),), (note(1, "Note"),), language="de", label=None)
    pdf = render_pdf(r, theme)
    first = page_texts(pdf)[0]
    assert "Kurzbericht" in first
    assert "Stiftung Beispiel" in first  # footer and imprint publisher
    assert "Impressum" in first  # template inherited from the parent theme
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        sizes = {round(c["size"], 1) for c in doc.pages[0].chars if c["text"] == "m"}
    assert 9.5 in sizes and 10.5 not in sizes


def test_a_child_template_overrides_the_parents(tmp_path: Path) -> None:
    search = themes(
        tmp_path,
        {
            "kompakt/theme.yaml": KOMPAKT,
            "kompakt/licence.xml.j2": "Alle Rechte vorbehalten.",
        },
    )
    r = report((para(text("Body.")),), language="de")
    last = page_texts(render_pdf(r, load_theme("kompakt", search)))[-1]
    assert "Alle Rechte vorbehalten." in last and "CC BY-SA" not in last


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (KOMPAKT + "colour:\n  brand: red\n", ":12:1: colour: unknown field"),
        (KOMPAKT.replace('"#7a1f5c"', '"red"'), ":5:10: colours.brand: 'red' is not a colour"),
        (KOMPAKT + "fonts:\n  italic: Missing.ttf\n", ":13:11: fonts.italic: no font file"),
        (KOMPAKT + "page:\n  size: A3\n", ":13:9: page.size: "),
        (KOMPAKT.replace("body: 9.5", "body: -1"), ":7:9: sizes.body: "),
        (KOMPAKT + "  en:\n    page: Page {page}\n", ":13:5: labels.en: "),
        (KOMPAKT.replace("extends: auslandsbuero", "extends: auslandsburo"), ":2:10: extends"),
        (KOMPAKT + "logo: nope.svg\n", ":12:7: logo: no SVG file"),
        (KOMPAKT + "fonts: [a, b\n", ":13:1: theme: YAML syntax error"),
    ],
)
def test_theme_errors_name_file_line_and_field(tmp_path: Path, content: str, expected: str) -> None:
    search = themes(tmp_path, {"kompakt/theme.yaml": content})
    messages = problems_of("kompakt", search)
    assert any(expected in m and "kompakt/theme.yaml" in m for m in messages), messages


def test_default_fonts_ship_inside_the_theme_with_their_licence() -> None:
    folder = THEMES_DIR / "auslandsbuero" / "fonts"
    assert set(load_theme().font_paths.values()) == set(folder.glob("Roboto-*.ttf"))
    assert "Apache License" in (folder / "LICENSE").read_text()


def test_a_child_replacing_one_face_keeps_the_parents_others(tmp_path: Path) -> None:
    parent = load_theme()
    search = themes(tmp_path, {"kompakt/theme.yaml": KOMPAKT + "fonts:\n  italic: Kursiv.ttf\n"})
    (tmp_path / "themes" / "kompakt" / "Kursiv.ttf").write_bytes(
        parent.font_paths["bold_italic"].read_bytes()
    )
    paths = load_theme("kompakt", search).font_paths
    assert paths["italic"] == tmp_path / "themes" / "kompakt" / "Kursiv.ttf"
    assert paths["regular"] == parent.font_paths["regular"]
    assert paths["bold"] == parent.font_paths["bold"]


def test_fonts_from_a_python_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = tmp_path / "site" / "schrift_paket" / "files"
    files.mkdir(parents=True)
    (files.parent / "__init__.py").write_text("")
    for face, path in load_theme().font_paths.items():
        (files / f"{face}.ttf").write_bytes(path.read_bytes())
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    faces = "".join(f"  {face}: {face}.ttf\n" for face in ("regular", "bold", "italic"))
    content = KOMPAKT + "fonts:\n  package: schrift_paket\n" + faces + "  bold_italic: x.ttf\n"
    search = themes(tmp_path, {"kompakt/theme.yaml": content})
    assert problems_of("kompakt", search) == [
        f"{tmp_path}/themes/kompakt/theme.yaml:17:16: fonts.bold_italic: no font file {files}/x.ttf"
    ]
    content = content.replace("x.ttf", "bold_italic.ttf")
    search = themes(tmp_path, {"kompakt/theme.yaml": content})
    paths = load_theme("kompakt", search).font_paths
    assert paths == {face: files / f"{face}.ttf" for face in paths} and len(paths) == 4
    no_package = content.replace("schrift_paket", "kein_paket")
    messages = problems_of("kompakt", themes(tmp_path, {"kompakt/theme.yaml": no_package}))
    assert any("fonts.package: no installed Python package 'kein_paket'" in m for m in messages)


def test_unknown_parent_suggests_the_known_one(tmp_path: Path) -> None:
    content = KOMPAKT.replace("extends: auslandsbuero", "extends: auslandsburo")
    messages = problems_of("kompakt", themes(tmp_path, {"kompakt/theme.yaml": content}))
    assert 'did you mean "auslandsbuero"' in messages[0]


def test_extends_cycle(tmp_path: Path) -> None:
    search = themes(
        tmp_path,
        {"a/theme.yaml": "extends: b\n", "b/theme.yaml": "extends: a\n"},
    )
    assert "extends: cycle a → b → a" in problems_of("a", search)[0]


def test_theme_without_fonts_or_english_labels(tmp_path: Path) -> None:
    search = themes(tmp_path, {"solo/theme.yaml": "labels:\n  de: {}\n"})
    messages = " ".join(problems_of("solo", search))
    assert "fonts: missing" in messages
    assert "labels.de.report: missing" in messages


def test_template_syntax_error_names_the_template_line(tmp_path: Path) -> None:
    search = themes(
        tmp_path,
        {
            "kompakt/theme.yaml": KOMPAKT,
            "kompakt/imprint.xml.j2": "<b>{{ labels.imprint }}</b>\n{% if office.city %}\n",
        },
    )
    with pytest.raises(InputError) as caught:
        render_pdf(report((para(text("x")),)), load_theme("kompakt", search))
    (problem,) = caught.value.problems
    assert problem.path.name == "imprint.xml.j2" and problem.line == 2
    assert "template:" in problem.message


def test_every_subpackage_ships_with_the_package() -> None:
    # pyproject lists packages explicitly (for the themes mapping); a new one must be added.
    import tomllib

    root = Path(__file__).resolve().parents[2]
    listed = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    found = {
        ".".join(p.parent.relative_to(root).parts)
        for p in (root / "lagebericht").rglob("__init__.py")
    }
    assert found <= set(listed), f"add to pyproject packages: {sorted(found - set(listed))}"


def test_a_child_themes_nohyphen_list_adds_to_its_parents(tmp_path: Path) -> None:
    search = themes(
        tmp_path,
        {
            "basis/theme.yaml": "extends: auslandsbuero\nnohyphen: [Guterres, Andrés]\n",
            "kind/theme.yaml": "extends: basis\nnohyphen:\n  - Andrés\n  - Tokajew\n",
        },
    )
    assert load_theme("kind", search).nohyphen == ("Guterres", "Andrés", "Tokajew")
    assert load_theme().nohyphen == ()


def test_a_bad_nohyphen_entry_is_located_in_the_theme_that_wrote_it(tmp_path: Path) -> None:
    search = themes(
        tmp_path,
        {
            "basis/theme.yaml": "extends: auslandsbuero\nnohyphen: [Guterres]\n",
            "kind/theme.yaml": "extends: basis\nnohyphen:\n  - Tokajew\n  - Ban Ki-moon\n",
        },
    )
    (problem,) = problems_of("kind", search)
    assert problem.startswith(f"{tmp_path / 'themes' / 'kind' / 'theme.yaml'}:4:")
    assert "nohyphen[3]: one word per entry, without spaces" in problem


def test_margins_that_leave_no_room_for_text_are_refused_at_their_line(tmp_path: Path) -> None:
    folder = tmp_path / "themes" / "schmal"
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text(
        "extends: auslandsbuero\npage:\n  margin_left: 80\n  margin_right: 80\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as error:
        load_theme("schmal", [tmp_path / "themes", THEMES_DIR])
    (problem,) = error.value.problems
    assert (problem.path, problem.line) == (folder / "theme.yaml", 3)
    assert problem.message == (
        "page: the margins leave a text block of 50 × 247 mm on A4; it must be at least 60 mm "
        "each way (the header block, a table and a line of text need it)"
    )
