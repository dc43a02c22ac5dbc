"""Names in the PDF: the ``nohyphen:`` lists of theme and report keep them whole in German."""

from __future__ import annotations

import re
from pathlib import Path

from lagebericht.layout import render_pdf
from lagebericht.model import Report
from lagebericht.theme import THEMES_DIR, Theme, load_theme
from tests.layout.factories import para, report, text
from tests.pdf_inspect import page_texts

# A narrow column (90 mm) in which the names often reach the end of a line.
NARROW = """\
extends: auslandsbuero
page:
  margin_left: 60
  margin_right: 60
"""
SENTENCES = [
    f"Am {day}. Juli sprach Generalsekretär Guterres{', wie berichtet,' * (day % 3)} mit "
    f"{'dem ' * (day % 2)}Außenminister Andrés über Wasserwirtschaft und Grenzsicherung."
    for day in range(1, 25)
]


def narrow_theme(tmp_path: Path, nohyphen: str) -> Theme:
    folder = tmp_path / "themes" / "schmal"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.yaml").write_text(NARROW + nohyphen, encoding="utf-8")
    return load_theme("schmal", [tmp_path / "themes", THEMES_DIR])


def german(nohyphen: tuple[str, ...] = ()) -> Report:
    body = tuple(para(text(" ".join(SENTENCES[i : i + 4]))) for i in range(0, 24, 4))
    return report(body, language="de").model_copy(update={"nohyphen": nohyphen})


def split_names(pdf: bytes) -> set[str]:
    """The names whose head ends a line with a hyphen."""
    lines = "\n".join(page_texts(pdf))
    heads = re.findall(r"(\w+)-\n(\w+)", lines)
    return {name for name in ("Guterres", "Andrés") for a, b in heads if a + b == name}


def test_theme_and_report_lists_keep_names_whole_in_german(tmp_path: Path) -> None:
    plain = render_pdf(german(), narrow_theme(tmp_path, ""))
    assert split_names(plain)  # a German capital tells nothing
    listed = render_pdf(german(("guterres",)), narrow_theme(tmp_path, "nohyphen: [Andrés]\n"))
    assert split_names(listed) == set()
    text_ = "".join(page_texts(listed))
    assert text_.count("Guterres") == text_.count("Andrés") == len(SENTENCES)
