"""validate / read_report: a valid report file becomes a Report."""

from __future__ import annotations

import datetime as dt

from lagebericht.load import read_document
from lagebericht.model import (
    Emphasis,
    Footnote,
    FootnoteRef,
    Link,
    Office,
    Paragraph,
    Person,
    Strong,
    Text,
)
from lagebericht.problems import Severity
from lagebericht.validate import read_report, validate
from tests.files import WriteFiles
from tests.validate.reports import FRONT, valid, write_report

FULL = """---
report: Länderbericht
date: 2024-07-05
language: de-DE
office: kasachstan
title: Kasachstan und die SOZ
subtitle: Ein Gipfel in Astana
authors:
  - Anna Muster
  - name: Max Beispiel
    role: Referent
summary: |
  Der Gipfel in *Astana* zeigte
  [Spannungen](https://example.org).
keywords: [SOZ, Astana]
classification: Nur für den Dienstgebrauch
draft: true
---
Die Mitgliedstaaten[^members] tagten.

[^members]: China, *Russland* und andere.
"""


def test_full_report(files: WriteFiles) -> None:
    result = valid(files, FULL)
    report = result.report
    assert result.warnings == ()
    assert report.source == write_report(files, FULL)
    assert report.label == "Länderbericht"
    assert report.date == dt.date(2024, 7, 5)
    assert report.language == "de-DE"
    assert report.office == Office(
        name="Auslandsbüro Kasachstan",
        city="Astana",
        head=Person(name="Dr. Anna Muster", role="Leiterin des Auslandsbüros"),
        address=("Straße 1", "Astana"),
    )
    assert report.title == "Kasachstan und die SOZ"
    assert report.subtitle == "Ein Gipfel in Astana"
    assert report.authors == (
        Person(name="Anna Muster"),
        Person(name="Max Beispiel", role="Referent"),
    )
    assert report.summary == (
        Text(text="Der Gipfel in "),
        Emphasis(children=(Text(text="Astana"),)),
        Text(text=" zeigte "),
        Link(href="https://example.org", children=(Text(text="Spannungen"),)),
        Text(text="."),
    )
    assert report.keywords == ("SOZ", "Astana")
    assert report.classification == "Nur für den Dienstgebrauch"
    assert report.draft is True
    assert report.body == (
        Paragraph(
            content=(
                Text(text="Die Mitgliedstaaten"),
                FootnoteRef(label="members", number=1),
                Text(text=" tagten."),
            ),
            line=19,
        ),
    )
    assert report.footnotes == (
        Footnote(
            label="members",
            number=1,
            paragraphs=(
                (
                    Text(text="China, "),
                    Emphasis(children=(Text(text="Russland"),)),
                    Text(text=" und andere."),
                ),
            ),
            line=21,
        ),
    )


def test_minimal_report_defaults(files: WriteFiles) -> None:
    report = valid(files, FRONT + "Text.\n").report
    assert report.label is None
    assert report.subtitle is None
    assert report.authors == ()
    assert report.summary == ()
    assert report.keywords == ()
    assert report.draft is False
    assert report.body == (Paragraph(content=(Text(text="Text."),), line=7),)


def test_validate_takes_a_raw_document(files: WriteFiles) -> None:
    raw = read_document(write_report(files, FRONT + "**Fett**\n"))
    body = validate(raw).report.body
    assert body == (Paragraph(content=(Strong(children=(Text(text="Fett"),)),), line=7),)


def test_single_author_string_is_accepted(files: WriteFiles) -> None:
    text = FRONT.replace("---\ntitle", "---\nauthors: Anna Muster\ntitle")
    assert valid(files, text).report.authors == (Person(name="Anna Muster"),)


def test_inline_office_mapping(files: WriteFiles) -> None:
    text = FRONT.replace("office: kasachstan", "office:\n  name: Büro Bischkek\n  city: Bischkek")
    office = valid(files, text, offices={}).report.office
    assert office == Office(name="Büro Bischkek", city="Bischkek")


def test_nearest_offices_folder_wins(files: WriteFiles) -> None:
    root = files(
        {
            "offices/kasachstan.yaml": "name: Outer\n",
            "content/offices/kasachstan.yaml": "name: Inner\n",
            "content/2024-07/r.md": FRONT,
        }
    )
    assert read_report(root / "content" / "2024-07" / "r.md").report.office.name == "Inner"


def test_bom_and_crlf_report_is_valid(files: WriteFiles) -> None:
    text = "\ufeff" + (FRONT + "Absatz eins\nweiter.\n\n- **A:** b\n").replace("\n", "\r\n")
    report = valid(files, text).report
    assert report.title == "Kasachstan und die SOZ"
    assert report.body[0] == Paragraph(content=(Text(text="Absatz eins weiter."),), line=7)
    assert report.body[1].line == 10  # type: ignore[union-attr]


def test_warnings_come_with_a_valid_report(files: WriteFiles) -> None:
    result = valid(files, FRONT + "Text.\n\n[^n]: Unused.\n")
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.severity is Severity.WARNING
    assert warning.line == 9
    assert warning.path == write_report(files, FRONT)
    assert result.report.footnotes == ()
