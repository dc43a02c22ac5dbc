"""Properties: arbitrary Unicode in every text field builds a PDF that shows it, or fails
with the toolkit's own error — never anything else.

Three layers: the models straight into the layout; the Markdown and inline layer (body
text, escaped so that it is read as text); and whole report files through the command
line (front matter written by a YAML emitter, so any string can be expressed).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lagebericht.build import Pipeline
from lagebericht.cli import main
from lagebericht.layout import render_pdf
from lagebericht.model import (
    BlockQuote,
    BulletItem,
    BulletList,
    Emphasis,
    Footnote,
    FootnoteRef,
    Heading,
    Office,
    Paragraph,
    Person,
    Report,
    Section,
    Strong,
    Text,
)
from lagebericht.problems import LageberichtError
from lagebericht.theme import load_theme
from tests.font_coverage import font_cmap
from tests.hostile.conftest import write_tree
from tests.hostile.pdftext import normalise, pdf_text, shows

THEME = load_theme()

# Characters all four faces of the default fonts have: such text must reach the PDF.
_FONT_CHARS = sorted(
    frozenset.intersection(*(font_cmap(path) for path in THEME.font_paths.values()))
)
_COVERED = st.sampled_from([chr(c) for c in _FONT_CHARS if not chr(c).isspace() and c >= 32])
COVERED = st.text(st.one_of(_COVERED, st.just(" ")), min_size=1, max_size=40).filter(
    lambda s: bool(normalise(s))
)
# Anything at all (emoji, CJK, controls, private use, unassigned): printed or refused.
ANY = st.text(min_size=1, max_size=20).filter(lambda s: bool(normalise(s)))


@st.composite
def _texts(draw: st.DrawFn, count: int) -> list[str]:
    """``count`` texts the fonts can draw; in about half the examples one is anything."""
    texts = draw(st.lists(COVERED, min_size=count, max_size=count))
    if draw(st.booleans()):
        texts[draw(st.integers(0, count - 1))] = draw(ANY)
    return texts


TEXT = st.one_of(COVERED, ANY)


def _build_model(report: Report) -> bytes | None:
    """The PDF, or None when the toolkit refused the report with its own error."""
    try:
        Pipeline.for_theme(THEME).glyphs(report)  # the build's own glyph check
        return render_pdf(report, THEME)
    except LageberichtError:
        return None


def _report(fields: list[str]) -> Report:
    title, subtitle, label, city, person, para, lead, head, quote, note, strong = fields
    return Report(
        source=Path("p.md"),
        label=label,
        date=dt.date(2024, 7, 5),
        language="de",
        office=Office(name=city, city=city, head=Person(name=person, role=person)),
        title=title,
        subtitle=subtitle,
        authors=(Person(name=person, role=person),),
        summary=(Text(text=para),),
        classification=label,
        body=(
            Paragraph(
                content=(
                    Text(text=para + " "),
                    Strong(children=(Emphasis(children=(Text(text=strong),)),)),
                    FootnoteRef(label="a", number=1),
                ),
                line=7,
            ),
            BulletList(
                items=(BulletItem(lead=(Text(text=lead),), content=(Text(text=para),), line=9),),
                line=9,
            ),
            Section(
                heading=Heading(level=2, content=(Text(text=head),), line=11),
                blocks=(
                    BlockQuote(
                        paragraphs=(Paragraph(content=(Text(text=quote),), line=13),), line=13
                    ),
                ),
            ),
        ),
        footnotes=(Footnote(label="a", number=1, paragraphs=((Text(text=note),),), line=15),),
    )


@given(_texts(11))
def test_any_text_in_the_model_is_printed_or_refused(fields: list[str]) -> None:
    report = _report(fields)
    pdf = _build_model(report)
    if pdf is None:
        return
    for text in fields:
        assert shows(pdf, text), (text, pdf_text(pdf))


def _escaped(text: str) -> str:
    """Markdown that reads as ``text``: ASCII punctuation backslash-escaped, lines joined
    (a blank line would start a new paragraph, which is fine, but `    ` a code block)."""
    text = re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)
    return " ".join(text.split())


def _markdown_shows(pdf: bytes, text: str) -> bool:
    # Markdown turns each run of whitespace into one space; normalise drops them anyway.
    return shows(pdf, text)


@given(_texts(3))
# found by this test: pypdf 4.2 reads "„!“" + U+FEFF as "“" (tests/hostile/pdftext.py)
@example(texts=['"', '"', "!\ufeff"])
def test_any_text_in_the_body_is_printed_or_refused(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    para, emphasis, note = texts
    body = (
        f"{_escaped(para)}[^a]\n\n*{_escaped(emphasis)}* **{_escaped(emphasis)}**\n\n"
        f"- **Lead:** {_escaped(para)}\n\n> {_escaped(note)}\n\n[^a]: {_escaped(note)}\n"
    )
    _build_file(tmp_path_factory, body, {}, [para, emphasis, note])


@given(
    st.fixed_dictionaries(
        {
            "title": TEXT,
            "subtitle": TEXT,
            "report": TEXT,
            "classification": TEXT,
            "authors": st.lists(TEXT, min_size=1, max_size=2),
            "keywords": st.lists(TEXT, max_size=2),
        }
    )
)
def test_any_text_in_the_front_matter_is_printed_or_refused(
    tmp_path_factory: pytest.TempPathFactory, fields: dict[str, object]
) -> None:
    shown = [fields["title"], fields["subtitle"], fields["report"], *fields["authors"]]  # type: ignore[misc]
    _build_file(tmp_path_factory, "Text.\n", fields, [str(s) for s in shown])


def _build_file(
    tmp_path_factory: pytest.TempPathFactory,
    body: str,
    fields: dict[str, object],
    expected: list[str],
) -> None:
    root = tmp_path_factory.mktemp("prop")
    front: dict[str, object] = {
        "date": "2024-07-05",
        "language": "de",
        "office": {"name": "Büro"},
        "title": "T",
    }
    front |= fields
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, width=10**6) + "---\n\n" + body
    write_tree(root, {"r.md": text})
    status, err = _run(root)
    assert status in (0, 1), err
    assert "Traceback" not in err and "internal error" not in err, err
    if status == 1:
        assert all(re.match(r"^\S.*?:(\d+:)?( |\d)", line) for line in err.splitlines() if line), (
            err
        )
        assert not (root / "out" / "r.pdf").exists()
        return
    pdf = (root / "out" / "r.pdf").read_bytes()
    for value in expected:
        if value.strip() in ("null", "~", "true", "false"):
            continue
        assert _markdown_shows(pdf, value), (value, pdf_text(pdf))


def _run(root: Path) -> tuple[int, str]:
    import contextlib
    import io
    import os

    err = io.StringIO()
    cwd = os.getcwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(["build", "r.md", "-o", "out", "-j", "1"])
    finally:
        os.chdir(cwd)
    return status, err.getvalue()


@pytest.mark.slow
@settings(max_examples=300)
@given(_texts(11))
def test_any_text_in_the_model_heavier(fields: list[str]) -> None:
    test_any_text_in_the_model_is_printed_or_refused.hypothesis.inner_test(fields)  # type: ignore[attr-defined]
