"""A footnote is printed on the page of its reference, below the body text, whatever the placement.

References are tagged with a marker word ``Mk<n>q`` right before them and notes start with
``Nt<n>z``; both are shorter than six letters, so hyphenation cannot split them.
"""

from __future__ import annotations

import pytest

from lagebericht.layout import render_pdf
from lagebericht.model import BulletList, Footnote, Inline, Paragraph, Report, Section
from tests.layout.factories import FILLER, bullets, para, ref, report, section, text
from tests.pdf_inspect import chars, number, page_texts

BODY_SIZE = 10.5


def marked_note(number: int, lines: int = 1) -> Footnote:
    body = f"Nt{number}z " + "Further detail on the member states and observers. " * (lines * 2)
    return Footnote(label=f"n{number}", number=number, paragraphs=((text(body),),), line=1)


def page_of(texts: list[str], needle: str) -> int:
    pages = [i for i, t in enumerate(texts) if needle in t.replace("\n", " ")]
    assert len(pages) == 1, f"{needle!r} found on pages {pages}"
    return pages[0]


def word_top(page_chars: list[dict[str, object]], word: str) -> float:
    """``top`` of the first character of ``word`` on a page (pdfplumber coordinates)."""
    line = "".join(str(c["text"]) for c in page_chars)
    index = line.index(word)
    return number(page_chars[index], "top")


def assert_notes_with_references(r: Report) -> list[str]:
    pdf = render_pdf(r)
    texts = page_texts(pdf)
    per_page = chars(pdf)
    for fn in r.footnotes:
        n = fn.number
        ref_page = page_of(texts, f"Mk{n}q")
        assert page_of(texts, f"Nt{n}z") == ref_page, f"note {n} not on the page of its reference"
        body_bottom = max(
            number(c, "bottom")
            for c in per_page[ref_page]
            if abs(number(c, "size") - BODY_SIZE) < 0.01
        )
        assert word_top(per_page[ref_page], f"Nt{n}z") > body_bottom, f"note {n} above body"
    return texts


@pytest.mark.parametrize("filler_sentences", range(0, 60, 3))
def test_reference_moving_across_a_page_break(filler_sentences: int) -> None:
    # The reference walks line by line over the end of page 1 and the start of page 2:
    # last line of a page, first line of the next, inside a paragraph that splits.
    lead = "Sentence one of many that fill the page. " * filler_sentences
    body = (
        para(text(FILLER * 8)),
        para(text(FILLER * 4)),
        para(text(lead + "The member states Mk1q"), ref(1), text(" reaffirmed. " + FILLER * 3)),
    )
    assert_notes_with_references(report(body, (marked_note(1, lines=2),)))


def test_reference_in_a_bullet_item() -> None:
    items = [("Lead:", FILLER * 2) for _ in range(14)]
    body: tuple[Paragraph | BulletList | Section, ...] = (
        para(text(FILLER * 6)),
        bullets(*items),
        section("Economy", para(text("Trade Mk1q"), ref(1), text(" " + FILLER))),
    )
    # A note reference inside a bullet argument's text.
    bullet_with_ref = bullets(("Lead:", FILLER))
    from lagebericht.model import BulletItem

    item = BulletItem(
        lead=(text("Energy Cooperation:"),),
        content=(text(FILLER + " producers Mk2q"), ref(2), text(" and consumers.")),
        line=1,
    )
    body = (*body, bullet_with_ref, BulletList(items=(item,) * 1, line=1))
    assert_notes_with_references(report(body, (marked_note(1), marked_note(2, lines=3))))


def test_many_notes_on_one_page() -> None:
    runs: list[Inline] = []
    notes = []
    for n in range(1, 9):
        runs += [text(f" Point Mk{n}q"), ref(n), text(". " + FILLER[:120])]
        notes.append(marked_note(n))
    texts = assert_notes_with_references(report((para(*runs),), tuple(notes)))
    assert len(texts) == 1


def test_stress_dozens_of_notes_in_order() -> None:
    body: list[Paragraph | BulletList] = []
    notes = []
    for i in range(40):
        n = i + 1
        filler = FILLER * (1 + i % 4)
        body.append(para(text(filler + f"Mk{n}q"), ref(n), text(" " + FILLER[: 40 + 7 * i])))
        notes.append(marked_note(n, lines=1 + i % 3))
        if i % 5 == 4:
            body.append(bullets(("Lead:", FILLER * 2), ("Other lead:", FILLER)))
    texts = assert_notes_with_references(report(tuple(body), tuple(notes)))
    assert len(texts) > 5


def test_a_note_longer_than_a_page_continues_on_the_next() -> None:
    words = [f"w{i}" for i in range(2400)]  # far more than one page of 8 pt lines
    long_note = Footnote(
        label="n1", number=1, paragraphs=((text("Nt1z " + " ".join(words)),),), line=1
    )
    body = (para(text(FILLER * 3 + "Mk1q"), ref(1), text(" " + FILLER)),)
    pdf = render_pdf(report(body, (long_note,)))
    texts = page_texts(pdf)
    assert len(texts) >= 2
    assert page_of(texts, "Mk1q") == page_of(texts, "Nt1z") == 0
    # Nothing cut: every word of the note, in order, over the pages.
    flat = " ".join(t.replace("\n", " ") for t in texts).split()
    found = [w for w in flat if w.startswith("w") and w[1:].isdigit()]
    assert found == words
    # Never over the footer: note lines end above the footer rule on every page.
    for page in chars(pdf):
        note_bottoms = [
            number(c, "bottom")
            for c in page
            if str(c["text"]).isdigit() is False
            and abs(number(c, "size") - 8.0) < 0.01
            and number(c, "top") < 800
        ]
        footer_top = 841.89 - (12 * 72 / 25.4 + 10)  # rule 10 pt above the footer baseline
        assert max(note_bottoms, default=0) < footer_top


def test_a_long_note_near_the_page_end_keeps_its_first_lines_there() -> None:
    words = [f"d{i}" for i in range(700)]
    note_text = "Nt1z " + " ".join(words)
    long_note = Footnote(label="n1", number=1, paragraphs=((text(note_text),),), line=1)
    body = (
        para(text(FILLER * 14)),
        para(text(FILLER * 6 + "Mk1q"), ref(1), text(" " + FILLER * 4)),
        para(text(FILLER * 6)),
    )
    texts = page_texts(render_pdf(report(body, (long_note,))))
    assert page_of(texts, "Mk1q") == page_of(texts, "Nt1z")
    assert page_of(texts, "d699") > page_of(texts, "Nt1z"), "the note was meant to continue"
    flat = " ".join(t.replace("\n", " ") for t in texts).split()
    assert [w for w in flat if w.startswith("d") and w[1:].isdigit()] == words


def test_a_paragraph_whose_notes_outgrow_the_page() -> None:
    # 120 references in one paragraph: its notes need several pages, so the paragraph is
    # split into parts short enough that each part's notes fit below it.
    runs: list[Inline] = []
    notes = []
    for n in range(1, 121):
        runs += [text(f" Point Mk{n}q"), ref(n), text(".")]
        notes.append(marked_note(n))
    texts = assert_notes_with_references(report((para(*runs),), tuple(notes)))
    assert len(texts) >= 3


def test_a_trial_copy_of_the_frame_shares_the_notes() -> None:
    # reportlab deep-copies the frame to measure a KeepTogether group: copying every note
    # of the report each time made long reports slow.
    import copy

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as RLParagraph

    from lagebericht.layout.footnotes import FootnoteFrame, FootnoteLedger

    notes = {n: RLParagraph(f"Note {n}", ParagraphStyle("n")) for n in range(1, 50)}
    ledger = FootnoteLedger(notes=notes, width=400, line_height=10)
    frame = FootnoteFrame(0, 0, 400, 600, ledger=ledger)
    frame.pieces.append(ledger.note(1))
    clone = copy.deepcopy(frame)
    assert clone.ledger is ledger
    assert len(clone.pieces) == 1 and clone.pieces is not frame.pieces
    assert (clone._x1, clone._y1, clone.width, clone.height) == (0, 0, 400, 600)
