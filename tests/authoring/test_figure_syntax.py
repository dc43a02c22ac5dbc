"""What ``schema``, ``new`` and ``init`` tell an author about figures is true: their
examples of a figure with its ``Alt:`` line validate as written, and ``check`` names the
file, line and column of a figure without alternative text."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

from PIL import Image

from lagebericht.authoring.init import OfficeDetails, plan_project
from lagebericht.authoring.scaffold import report_text
from lagebericht.authoring.schema import schema_json
from lagebericht.model import Figure
from lagebericht.validate import read_report

from .conftest import OFFICE, MakeTree, run

FRONT = """\
---
date: 2024-07-05
language: de
office: kasachstan
title: Abbildungen
---

"""
FIRST = 8  # the body's first line


def _png() -> bytes:
    # Sharp enough for print at any placed size, so alt text is the only warning.
    out = io.BytesIO()
    Image.new("RGB", (2400, 1200), "#3a6ea5").save(out, format="PNG")
    return out.getvalue()


def _figure(tree: MakeTree, body: str) -> Figure:
    root = tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/2024-07/bilder/karte.png": _png(),
            "content/2024-07/a.md": FRONT + body,
        }
    )
    valid = read_report(root / "content/2024-07/a.md")
    assert valid.warnings == ()
    (figure,) = valid.report.body
    assert isinstance(figure, Figure)
    return figure


def test_the_schema_shows_the_figure_syntax_as_it_validates(tree: MakeTree) -> None:
    description = json.loads(schema_json())["description"]
    assert description.startswith("Front matter of a report file")
    spans = re.findall(r"`([^`]+)`", description)
    image = next(span for span in spans if span.startswith("!["))
    alt, decorative = (span for span in spans if span.startswith("Alt:"))

    figure = _figure(tree, f"{image}\n{alt}\n")
    assert figure.caption and figure.credit == "Credit"
    assert figure.alt_text == "what the image shows"

    assert _figure(tree, f"{image}\n{decorative}\n").decorative


def test_the_new_scaffold_shows_a_figure_that_validates(tree: MakeTree) -> None:
    text = report_text("kasachstan", dt.date(2024, 7, 5), None, "de")
    heading = text.split("---\n")[1].split("\n\n")[0]  # the comment that opens it
    example = [line[4:] for line in heading.splitlines() if line.startswith("#   ")]
    assert [line.split("(")[0].split(":")[0] for line in example] == ["![Caption]", "Alt"]
    figure = _figure(tree, "\n".join(example) + "\n")
    assert figure.alt_text == "What the image shows."


def test_the_init_sample_has_a_described_figure(tmp_path: Path) -> None:
    files = plan_project(tmp_path, OfficeDetails("bishkek", "Büro Bischkek"), language="en")
    for file in files:
        file.path.parent.mkdir(parents=True, exist_ok=True)
        file.path.write_text(file.text, encoding="utf-8")
    picture, sample = files[-2].path, files[-1].path
    assert picture.relative_to(sample.parent) == Path("bilder/bishkek-example.svg")

    valid = read_report(sample)
    assert valid.warnings == ()
    figures = [block for section in valid.report.body for block in getattr(section, "blocks", ())]
    (figure,) = [block for block in figures if isinstance(block, Figure)]
    assert figure.file == picture.resolve()
    assert figure.alt_text == "Bar chart: 12 events in 2023, 15 in 2024."


def test_check_names_file_line_and_column_and_strict_refuses(tree: MakeTree) -> None:
    tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/2024-07/bilder/karte.png": _png(),
            "content/2024-07/a.md": FRONT + "Text.\n\n![Karte](bilder/karte.png)\n",
        }
    )
    where = f"content/2024-07/a.md:{FIRST + 2}:1"

    ran = run(["check"])
    assert ran.status == 0
    assert f'{where}: warning: figure "bilder/karte.png" has no alternative text' in ran.err

    ran = run(["check", "--json"])
    (problem,) = json.loads(ran.out)["reports"][0]["warnings"]
    assert (problem["line"], problem["column"], problem["code"]) == (FIRST + 2, 1, "figure-alt")

    ran = run(["check", "--strict"])
    assert ran.status == 1
    refused = [line for line in ran.err.splitlines() if line.startswith(f"{where}: figure ")]
    assert len(refused) == 1 and refused[0].endswith("(refused with --strict)")
