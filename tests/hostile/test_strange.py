"""Valid but strange input builds a correct PDF that shows what was written."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from lagebericht.cli import main
from tests.hostile.conftest import MakeTree
from tests.hostile.corpus import OFFICE, OFFICE_FILE, REPORT
from tests.hostile.pdftext import body_text, normalise, pdf_text, shows

PDF = "output/report.pdf"

# Markup of HTML, XML and reportlab's paragraph language, and PDF syntax.
HOSTILE = (
    '<b>fett</b> <font color="red" size="40">rot</font> <para> <br/> ]]> <!-- c --> '
    '<script>alert(1)</script> <a href="javascript:x">a</a> %PDF-1.4 /JS (x) \\ {{ x }}'
)
WORD = "".join(chr(ord("a") + i % 26) for i in range(10_000))


def _shows_word(pdf: bytes) -> bool:
    """WORD is printed whole: its lines read in order, whatever else (the imprint, a
    running header) the layout puts between the pieces of a note broken over a page.
    Quotation marks around a quote's first and last line, a list item's bullet and a
    bullet argument's lead are no part of the word."""
    lines = (
        normalise(line).strip('"•').removeprefix("Lead:") for line in body_text(pdf).split("\n")
    )
    word_lines = (line for line in lines if re.fullmatch(r"[A-Za-z0-9]+", line))
    return WORD in "".join(line for line in word_lines if line != "Imprint")


def _overflowing(pdf: bytes) -> int:
    """Characters drawn beyond a page's right edge (a word that was never broken)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return sum(1 for page in document.pages for c in page.chars if c["x1"] > page.width)


def _yaml(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _build(tree: MakeTree, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> bytes:
    root = tree(files)
    monkeypatch.chdir(root)
    assert main(["build", REPORT, "-o", "output", "-j", "1"]) == 0
    return (root / PDF).read_bytes()


def test_markup_characters_in_every_field_are_printed_literally(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = _yaml(HOSTILE)
    office = (
        f"name: {h}\ncity: {h}\ncountry: {h}\nhead: {{name: {h}, role: {h}}}\n"
        f"address: [{h}]\nphone: {h}\nemail: a@example.org\nweb: www.example.org\n"
    )
    report = (
        f"---\ndate: 2024-07-05\nlanguage: en\noffice: kasachstan\ntitle: {h}\n"
        f"subtitle: {h}\nreport: {h}\nclassification: {h}\n"
        f"authors: [{h}, {{name: {h}, role: {h}}}]\n"
        f"keywords: [{h}]\n---\n\n"
        # In Markdown, raw HTML stays literal text; the inline-code form keeps `\` and `{{`.
        f"`{HOSTILE}`\n\n## `{HOSTILE}`\n\n- **Lead:** `{HOSTILE}`\n\n> `{HOSTILE}`\n\n"
        f"Note[^a] and {HOSTILE}.\n\n[^a]: `{HOSTILE}`\n"
    )
    pdf = _build(tree, monkeypatch, {REPORT: report, OFFICE_FILE: office})
    text = pdf_text(pdf)
    # Title, subtitle, body, heading, bullet, quote and note: the literal markup is shown.
    assert text.count("<script>alert(1)</script>") >= 8, text
    assert shows(pdf, HOSTILE)
    assert "fett" in text and "<b>fett</b>" in text  # never interpreted as bold


def test_a_summary_with_markup_characters(tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> None:
    report = (
        "---\ndate: 2024-07-05\nlanguage: de\noffice: kasachstan\ntitle: T\n"
        f"summary: {_yaml('AT&T <b>x</b> & <font size=90>y</font> ]]>')}\n---\n\nText.\n"
    )
    pdf = _build(tree, monkeypatch, {REPORT: report, OFFICE_FILE: OFFICE})
    assert "AT&T <b>x</b> & <font size=90>y</font> ]]>" in pdf_text(pdf)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(f"P{WORD}\n", id="paragraph"),
        pytest.param(f"> Q{WORD}\n", id="quote"),
        pytest.param(f"- X{WORD}\n", id="plain-bullet"),
        pytest.param(f"Note[^a].\n\n[^a]: N{WORD}\n", id="footnote"),
        pytest.param(f"**B{WORD}**\n", id="bold"),
    ],
)
def test_a_10000_character_word(body: str, tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> None:
    report = "---\ndate: 2024-07-05\nlanguage: en\noffice: kasachstan\ntitle: T\n---\n\n" + body
    pdf = _build(tree, monkeypatch, {REPORT: report, OFFICE_FILE: OFFICE})
    assert _shows_word(pdf)
    assert _overflowing(pdf) == 0


def test_a_10000_character_word_in_a_heading(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = "---\ndate: 2024-07-05\nlanguage: en\noffice: kasachstan\ntitle: T\n---\n\n"
    pdf = _build(tree, monkeypatch, {REPORT: report + f"## H{WORD}\n", OFFICE_FILE: OFFICE})
    assert _shows_word(pdf)
    assert _overflowing(pdf) == 0


def test_a_10000_character_word_in_a_bullet_argument(tree: MakeTree) -> None:
    report = "---\ndate: 2024-07-05\nlanguage: en\noffice: kasachstan\ntitle: T\n---\n\n"
    root = tree({REPORT: report + f"- **Lead:** X{WORD}\n", OFFICE_FILE: OFFICE})
    command = [sys.executable, "-m", "lagebericht", "build", REPORT, "-o", "output", "-j", "1"]
    # In a process of its own: a hang (breaking the word once cost the square of its
    # length: 6,000 letters took 19 s) must not stall the suite.
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=20)
    assert done.returncode == 0, done.stderr
    assert _shows_word((root / PDF).read_bytes())
    assert _overflowing((root / PDF).read_bytes()) == 0


def test_deep_nesting_where_it_is_allowed(tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> None:
    """200 alternating sections and subsections; emphasis nested 30 deep."""
    sections = "".join(
        f"## Teil {n}\n\nText {n}.\n\n### Unter {n}\n\nMehr {n}.\n\n" for n in range(100)
    )
    nested = "".join("*_" if n % 2 == 0 else "**" for n in range(6)) + "tief"
    nested += "".join("_*" if n % 2 == 0 else "**" for n in reversed(range(6)))
    body = f"{nested}\n\n" + sections
    report = "---\ndate: 2024-07-05\nlanguage: de\noffice: kasachstan\ntitle: T\n---\n\n" + body
    pdf = _build(tree, monkeypatch, {REPORT: report, OFFICE_FILE: OFFICE})
    text = pdf_text(pdf)
    assert "tief" in text and "Unter 99" in text and "Mehr 99." in text


def _notes(paragraph: int) -> str:
    """300 footnotes, ``paragraph`` references to a paragraph."""
    refs = [f"Satz {n}[^n{n}]." for n in range(300)]
    text = "\n\n".join(" ".join(refs[i : i + paragraph]) for i in range(0, 300, paragraph))
    notes = "".join(f"[^n{n}]: Anmerkung {n}.\n\n" for n in range(300))
    return (
        "---\ndate: 2024-07-05\nlanguage: de\noffice: kasachstan\ntitle: T\n---\n\n"
        + text
        + "\n\n"
        + notes
    )


def test_many_footnotes(tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = _build(tree, monkeypatch, {REPORT: _notes(3), OFFICE_FILE: OFFICE})
    text = pdf_text(pdf)
    assert all(f"Anmerkung {n}." in text for n in range(300))


def test_a_paragraph_with_300_footnotes(tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = _build(tree, monkeypatch, {REPORT: _notes(300), OFFICE_FILE: OFFICE})
    text = pdf_text(pdf)
    assert all(f"Anmerkung {n}." in text for n in range(300))


def test_a_huge_table(tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "".join(f"| Zeile {n} | {n * 7} | Wert {n} |\n" for n in range(1500))
    table = "| Name | Zahl | Text |\n|---|--:|---|\n" + rows
    report = "---\ndate: 2024-07-05\nlanguage: de\noffice: kasachstan\ntitle: T\n---\n\n"
    pdf = _build(tree, monkeypatch, {REPORT: report + table, OFFICE_FILE: OFFICE})
    text = pdf_text(pdf)
    assert "Zeile 0" in text and "Zeile 1499" in text and "10493" in text


def test_the_size_limit_is_configurable(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = "---\ndate: 2024-07-05\nlanguage: de\noffice: kasachstan\ntitle: T\n---\n\nText.\n"
    root = tree({REPORT: report, OFFICE_FILE: OFFICE})
    monkeypatch.chdir(root)
    monkeypatch.setenv("LAGEBERICHT_MAX_REPORT_BYTES", "50")
    assert main(["build", REPORT, "-o", "output", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert f"{REPORT}:1: the file is larger than 50 bytes" in err
    assert "LAGEBERICHT_MAX_REPORT_BYTES" in err
    assert not Path(root / PDF).exists()
    monkeypatch.setenv("LAGEBERICHT_MAX_REPORT_BYTES", "5000")
    assert main(["build", REPORT, "-o", "output", "-j", "1"]) == 0


def test_file_names_too_long_for_the_file_system_fail_their_own_report(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Linux refuses names over 255 bytes (ENAMETOOLONG) where it looks a file up: an image
    # or a data file so named is a located error of its report, and the batch goes on.
    name = "a" * 5000
    front = "---\ndate: 2024-07-05\nlanguage: en\noffice: kasachstan\ntitle: T\n"
    root = tree(
        {
            "content/image.md": front + f"---\n\nText.\n\n![x]({name}.png)\n",
            "content/data.md.j2": front + f"data:\n  - {name}.csv\n---\n\nText.\n",
            "content/good.md": front + "---\n\nText.\n",
            OFFICE_FILE: OFFICE,
        }
    )
    monkeypatch.chdir(root)
    assert main(["build", "content", "-o", "output", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert f'content/image.md:10:1: image "{name}.png": no such file' in err
    assert f"content/data.md.j2:7:5: data: {name}.csv: cannot read the file" in err
    assert (root / "output/good.pdf").is_file()
