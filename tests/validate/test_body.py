"""parse_body: Markdown body → blocks, bullet arguments, sections, inline runs, line numbers."""

from __future__ import annotations

from pathlib import Path

from lagebericht.model import (
    BlockQuote,
    BulletItem,
    BulletList,
    Emphasis,
    FootnoteRef,
    Heading,
    LineBreak,
    Link,
    Paragraph,
    Section,
    Strong,
    Text,
)
from lagebericht.problems import Problem, Severity
from lagebericht.validate.body import Body, parse_body
from lagebericht.validate.markdown_source import MAX_FOOTNOTE_LABEL
from tests.in_time import finishes_within

PATH = Path("content/r.md")


def parse(body: str, first_line: int = 1) -> Body:
    return parse_body(PATH, body, first_line)


def clean(body: str, first_line: int = 1) -> Body:
    result = parse(body, first_line)
    assert result.problems == ()
    return result


def only(found: tuple[Problem, ...]) -> Problem:
    assert len(found) == 1, found
    return found[0]


def test_paragraph_runs_and_line() -> None:
    body = clean("\nErster *kursiver* und **fetter** Text\nmit Umbruch.\n", first_line=8)
    assert body.blocks == (
        Paragraph(
            content=(
                Text(text="Erster "),
                Emphasis(children=(Text(text="kursiver"),)),
                Text(text=" und "),
                Strong(children=(Text(text="fetter"),)),
                Text(text=" Text mit Umbruch."),
            ),
            line=9,
        ),
    )


def test_hard_break_code_link_and_raw_html() -> None:
    body = parse("a\\\nb `code` [Seite](https://example.org) <b>x</b>\n")
    # Code and HTML are kept as text, each with a warning (tests/validate/test_content_loss.py).
    assert [p.severity for p in body.problems] == [Severity.WARNING, Severity.WARNING]
    assert body.blocks[0] == Paragraph(
        content=(
            Text(text="a"),
            LineBreak(),
            Text(text="b code "),
            Link(href="https://example.org", children=(Text(text="Seite"),)),
            Text(text=" <b>x</b>"),
        ),
        line=1,
    )


def test_html_block_is_kept_as_literal_text() -> None:
    body = parse("<div>\nroh\n</div>\n")
    assert only(body.problems).severity is Severity.WARNING
    assert body.blocks == (Paragraph(content=(Text(text="<div>\nroh\n</div>"),), line=1),)


def test_bullet_arguments() -> None:
    body = clean(
        "- **Divergent Security Interests:** The member states differ.\n"
        "- **Energy**: oil and *gas*\n"
        "- plain item\n"
        "- **only bold**\n"
        "- **Mixed *lead*:** rest\n"
    )
    assert body.blocks == (
        BulletList(
            items=(
                BulletItem(
                    lead=(Text(text="Divergent Security Interests:"),),
                    content=(Text(text="The member states differ."),),
                    line=1,
                ),
                BulletItem(
                    lead=(Text(text="Energy:"),),
                    content=(Text(text="oil and "), Emphasis(children=(Text(text="gas"),))),
                    line=2,
                ),
                BulletItem(content=(Text(text="plain item"),), line=3),
                BulletItem(content=(Strong(children=(Text(text="only bold"),)),), line=4),
                BulletItem(
                    lead=(
                        Text(text="Mixed "),
                        Emphasis(children=(Text(text="lead"),)),
                        Text(text=":"),
                    ),
                    content=(Text(text="rest"),),
                    line=5,
                ),
            ),
            line=1,
        ),
    )
    items = body.blocks[0].items
    assert [item.is_argument for item in items] == [True, True, False, False, True]


def test_item_with_two_paragraphs_is_joined_by_a_line_break() -> None:
    body = clean("- first\n\n  second\n")
    item = body.blocks[0].items[0]  # type: ignore[union-attr]
    assert item.content == (Text(text="first"), LineBreak(), Text(text="second"))


def test_block_quote() -> None:
    body = clean("Intro.\n\n> Zitat eins\n>\n> Zitat zwei\n", first_line=10)
    assert body.blocks[1] == BlockQuote(
        paragraphs=(
            Paragraph(content=(Text(text="Zitat eins"),), line=12),
            Paragraph(content=(Text(text="Zitat zwei"),), line=14),
        ),
        line=12,
    )


def test_nested_sections() -> None:
    body = clean(
        "Vorab.\n\n## Eins\n\nA\n\n### Eins.a\n\nB\n\n### Eins.b\n\nC\n\n## Zwei\n\nD\n",
        first_line=5,
    )

    def heading(level: int, text: str, line: int) -> Heading:
        return Heading(level=level, content=(Text(text=text),), line=line)

    def para(text: str, line: int) -> Paragraph:
        return Paragraph(content=(Text(text=text),), line=line)

    assert body.blocks == (
        para("Vorab.", 5),
        Section(
            heading=heading(2, "Eins", 7),
            blocks=(
                para("A", 9),
                Section(heading=heading(3, "Eins.a", 11), blocks=(para("B", 13),)),
                Section(heading=heading(3, "Eins.b", 15), blocks=(para("C", 17),)),
            ),
        ),
        Section(heading=heading(2, "Zwei", 19), blocks=(para("D", 21),)),
    )


def test_subsection_before_any_section_stays_at_top_level() -> None:
    body = clean("### Klein\n\nText\n")
    assert body.blocks == (
        Section(
            heading=Heading(level=3, content=(Text(text="Klein"),), line=1),
            blocks=(Paragraph(content=(Text(text="Text"),), line=3),),
        ),
    )


def test_footnotes_are_numbered_in_order_of_first_reference() -> None:
    body = clean(
        "Zuerst b[^b], dann a[^a], wieder b[^b].\n\n"
        "[^a]: Note A.\n"
        "[^b]: Note B with *italic* words.\n",
        first_line=7,
    )
    assert body.blocks[0] == Paragraph(
        content=(
            Text(text="Zuerst b"),
            FootnoteRef(label="b", number=1),
            Text(text=", dann a"),
            FootnoteRef(label="a", number=2),
            Text(text=", wieder b"),
            FootnoteRef(label="b", number=1),
            Text(text="."),
        ),
        line=7,
    )
    assert [(n.label, n.number, n.line) for n in body.footnotes] == [("b", 1, 10), ("a", 2, 9)]
    assert body.footnotes[0].paragraphs == (
        (
            Text(text="Note B with "),
            Emphasis(children=(Text(text="italic"),)),
            Text(text=" words."),
        ),
    )


def test_reference_inside_a_note_is_numbered_after_the_body() -> None:
    body = clean(
        "[^inner]: Inner note.\n\nText[^outer] und[^last].\n\n"
        "[^outer]: Outer note, see[^inner].\n\n[^last]: Last.\n"
    )
    assert [(n.label, n.number) for n in body.footnotes] == [
        ("outer", 1),
        ("last", 2),
        ("inner", 3),
    ]
    assert body.footnotes[0].paragraphs[0][-2] == FootnoteRef(label="inner", number=3)


def test_footnote_with_two_paragraphs() -> None:
    body = clean("Text[^n].\n\n[^n]: Erster.\n\n    Zweiter.\n")
    assert body.footnotes[0].paragraphs == ((Text(text="Erster."),), (Text(text="Zweiter."),))


def test_footnote_definitions_are_not_body_blocks() -> None:
    body = clean("Text[^n].\n\n[^n]: Note.\n\nMore.\n")
    assert [block.line for block in body.blocks] == [1, 5]  # type: ignore[union-attr]


def test_undefined_footnote_reference_is_located() -> None:
    problem = only(parse("Erste Zeile.\nZweite [^x] Zeile.\n", first_line=20).problems)
    assert (problem.line, problem.column) == (21, 8)
    assert problem.message.startswith("footnote [^x]: referenced but never defined")


def test_escaped_footnote_reference_is_literal_text() -> None:
    body = clean("Klammer \\[^x] bleibt.\n")
    assert body.blocks[0] == Paragraph(content=(Text(text="Klammer [^x] bleibt."),), line=1)


def test_each_undefined_reference_is_reported() -> None:
    found = parse("a [^x] b [^x]\n\n- c [^y]\n").problems
    assert [(p.line, p.column, p.message[:13]) for p in found] == [
        (1, 3, "footnote [^x]"),
        (1, 10, "footnote [^x]"),
        (3, 5, "footnote [^y]"),
    ]


def test_duplicate_footnote_definition_reports_the_second() -> None:
    problem = only(parse("Text[^a].\n\n[^a]: One.\n[^a]: Two.\n", first_line=6).problems)
    assert problem.line == 9
    assert problem.message == (
        "footnote [^a]: defined twice (first on line 8); keep only one definition"
    )


def test_unreferenced_footnote_is_a_warning() -> None:
    body = parse("Text.\n\n[^lonely]: Nobody cites me.\n", first_line=4)
    problem = only(body.problems)
    assert problem.severity == "warning"
    assert problem.line == 6
    assert problem.message.startswith("footnote [^lonely]: defined but never referenced")
    assert body.footnotes == ()


def test_level_1_heading_is_rejected() -> None:
    problem = only(parse("Intro\n\n# Titel\n", first_line=3).problems)
    assert problem.line == 5
    assert problem.message.startswith("heading level 1 (`#`) is not allowed")
    assert "use `##` for sections and `###` for subsections" in problem.message


def test_level_4_heading_is_rejected() -> None:
    problem = only(parse("## A\n\n#### Zu tief\n").problems)
    assert problem.line == 3
    assert problem.message.startswith("heading level 4 (`####`) is not allowed")


def test_image_in_running_text_is_rejected_with_its_column() -> None:
    problem = only(parse("Bild: ![Karte](karte.png)\n").problems)
    assert (problem.line, problem.column) == (1, 7)
    assert problem.message.startswith("an image must stand alone as a figure")


def test_indented_code_block_is_explained() -> None:
    problem = only(parse("Text\n\n    eingerückt\n").problems)
    assert problem.line == 3
    assert "remove the spaces or tab" in problem.message


def test_link_needs_a_web_or_mail_address() -> None:
    problem = only(parse("Siehe [hier](bericht.html).\n").problems)
    assert (problem.line, problem.column) == (1, 12)
    assert problem.message == (
        'link: expected an address starting with https://, http:// or mailto:, got "bericht.html"'
    )


def test_mailto_link_is_fine() -> None:
    body = clean("[Mail](mailto:info@example.org)\n")
    assert body.blocks[0].content[0].href == "mailto:info@example.org"  # type: ignore[union-attr]


def test_all_body_problems_at_once() -> None:
    found = parse("# A\n\n    code\n\nText[^x]\n\n[^y]: unused\n").problems
    assert [(p.line, p.severity.value) for p in found] == [
        (1, "error"),
        (3, "error"),
        (5, "error"),
        (7, "warning"),
    ]


def test_empty_body() -> None:
    assert clean("") == Body(blocks=(), footnotes=(), problems=())


def test_empty_heading_is_rejected() -> None:
    problem = only(parse("Text\n\n##\n", first_line=5).problems)
    assert problem.line == 7
    assert problem.message.startswith("the heading has no text")


def test_empty_bullet_item_is_rejected() -> None:
    problem = only(parse("- a\n-\n- c\n").problems)
    assert problem.line == 2
    assert problem.message.startswith("the bullet item has no text")


def test_block_quote_holds_only_paragraphs() -> None:
    problem = only(parse("> Text\n>\n> - Liste\n").problems)
    assert problem.line == 3
    assert problem.message == "a block quote may contain only text, found a bullet list"


def test_empty_footnote_is_rejected() -> None:
    problem = only(parse("Text[^a]\n\n[^a]:\n", first_line=2).problems)
    assert (problem.line, problem.column) == (4, 1)
    assert problem.message == "footnote [^a]: the note has no text"


def test_a_paragraph_of_unclosed_footnote_brackets_is_read_in_linear_time() -> None:
    # Scanned to the paragraph's end from each "[^", it took time quadratic in its length
    # (minutes).
    script = (
        "from pathlib import Path\n"
        "from lagebericht.validate.body import parse_body\n"
        "parse_body(Path('r.md'), 'Text ' + '[^' * 100_000 + '\\n', 1)\n"
    )
    finishes_within(30, script)


def test_a_long_undefined_footnote_label_is_still_located() -> None:
    label = "x" * MAX_FOOTNOTE_LABEL
    problem = only(parse(f"Text[^{label}].\n").problems)
    assert f"footnote [^{label}]: referenced but never defined" in problem.message


def test_unclosed_footnote_brackets_beside_a_footnote_are_read_in_linear_time() -> None:
    # With a footnote defined, the footnote plugin looks for a label's end one character
    # at a time from every "[^": minutes for these.
    script = (
        "from pathlib import Path\n"
        "from lagebericht.validate.body import parse_body\n"
        "text = 'Text[^a].\\n\\n[^a]: ' + '[^' * 50_000 + '\\n\\n' + '[^' * 50_000 + '\\n'\n"
        "parse_body(Path('r.md'), text, 1)\n"
    )
    finishes_within(30, script)
