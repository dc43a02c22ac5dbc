"""End to end: build the seed report with the real command line and inspect the PDF.

The expected words come from the seed (``tests/seed_text.py``), not from the Markdown
file, so a loss anywhere between the author's text and the printed page is caught.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

from tests.e2e.pdf_words import PdfText, PdfWord, read_pdf, with_text
from tests.seed_text import Match, SeedReport, load_seed, match_in_order, words

REPO = Path(__file__).resolve().parents[2]
SOURCE = "content/2024-07/astana-sco.md"
PDF_NAME = "astana-sco.pdf"
STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")
# At most this many other words may stand between two consecutive body words: a running
# header and footer fit; a duplicated paragraph or a footnote set in body size does not.
MAX_FOREIGN_RUN = 40
# Position tolerance (pt) for "starts at the same x".
X_TOLERANCE = 1.0


def run_build(out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lagebericht", "build", SOURCE, "-o", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def first_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("build")
    return run_build(out), out / PDF_NAME


@pytest.fixture(scope="module")
def pdf_path(first_build: tuple[subprocess.CompletedProcess[str], Path]) -> Path:
    result, pdf = first_build
    assert result.returncode == 0, f"build exited {result.returncode}:\n{result.stderr}"
    assert pdf.is_file(), f"build wrote no {pdf.name}: {sorted(pdf.parent.rglob('*'))}"
    return pdf


@pytest.fixture(scope="module")
def seed() -> SeedReport:
    return load_seed()


@pytest.fixture(scope="module")
def text(pdf_path: Path) -> PdfText:
    return read_pdf(pdf_path)


@dataclass(frozen=True)
class Body:
    """The seed's body words located in the PDF's body flow."""

    flow: list[PdfWord]
    expected: list[str]
    match: Match

    def word(self, k: int) -> PdfWord:
        """The PDF word where expected word ``k`` starts."""
        return self.flow[self._span(k)[0]]

    def last_word(self, k: int) -> PdfWord:
        """The PDF word where expected word ``k`` ends (differs if hyphenated)."""
        return self.flow[self._span(k)[1]]

    def words_of(self, start: int, end: int, *, require: bool = True) -> list[PdfWord]:
        """PDF words (both parts of hyphenated ones) of expected words ``start:end``."""
        spans = [self._span(k) if require else self.match.spans[k] for k in range(start, end)]
        return [self.flow[i] for span in spans if span for i in sorted(set(span))]

    def _span(self, k: int) -> tuple[int, int]:
        span = self.match.spans[k]
        if span is None:
            pytest.fail(
                f"seed body word #{k} {self.expected[k]!r} is not in the PDF in order "
                "(see test_body_words_in_order)"
            )
        return span


@pytest.fixture(scope="module")
def body(text: PdfText, seed: SeedReport) -> Body:
    flow = with_text(text.flow)
    expected = seed.body_words()
    found = [w.found() for w in flow]
    return Body(flow, expected, match_in_order(expected, found, window=MAX_FOREIGN_RUN + 1))


def contains_run(haystack: Sequence[str], needle: Sequence[str]) -> int | None:
    """Index where ``needle`` occurs contiguously in ``haystack``, or ``None``."""
    n = len(needle)
    return next(
        (i for i in range(len(haystack) - n + 1) if list(haystack[i : i + n]) == list(needle)),
        None,
    )


def body_lines(body: Body, page: int) -> set[int]:
    """Lines of ``page`` that are body text: most of their words are seed body words.

    A footer word that happens to equal a body word ("of" in "Page 1 of 3") does not make
    its line a body line.
    """
    matched = {i for span in body.match.spans if span for i in span}
    per_line: dict[int, list[bool]] = {}
    for i, w in enumerate(body.flow):
        if w.page == page:
            per_line.setdefault(w.line, []).append(i in matched)
    return {line for line, hits in per_line.items() if sum(hits) >= 0.6 * len(hits)}


def line_start(body: Body, page: int, line: int) -> float:
    return min(w.x0 for w in body.flow if w.page == page and w.line == line)


# --- the build itself -------------------------------------------------------------------


def test_build_succeeds_without_warnings(
    first_build: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    result, pdf = first_build
    assert result.returncode == 0, f"build exited {result.returncode}:\n{result.stderr}"
    assert pdf.is_file()
    # The seed report is clean input: its one footnote is referenced, nothing is missing.
    assert "warning" not in result.stderr.lower(), result.stderr


# --- a) every word of the seed, in order; the page-1 header ------------------------------


def test_body_words_in_order(body: Body) -> None:
    problems = []
    for k in body.match.missing[:5]:
        wanted = " ".join(body.expected[max(0, k - 6) : k + 6])
        start = body.match.searched_from[k]
        near = " ".join(w.text for w in body.flow[start : start + MAX_FOREIGN_RUN + 1])
        problems.append(
            f"seed body word #{k} {body.expected[k]!r} (…{wanted}…) is not among the next "
            f"{MAX_FOREIGN_RUN + 1} words of the PDF body text: {near}"
        )
    missing = len(body.match.missing)
    assert not problems, f"{missing} of {len(body.expected)} words missing:\n" + "\n".join(problems)


def test_page_one_header(text: PdfText, body: Body, seed: SeedReport) -> None:
    page1 = with_text(text.pages[0])
    norms = [w.norm for w in page1]
    shown = " ".join(w.text for w in page1[:40])
    for what, needle in [
        ("report-type label", words(seed.label)),
        ("office line (with umlaut)", words(seed.office_line)),
        ("title", words(seed.title)),
        ("date in English", words("July 5, 2024")),
    ]:
        assert contains_run(norms, needle) is not None, f"{what} {needle} not on page 1: {shown}"
    title_at = contains_run(norms, words(seed.title))
    assert title_at is not None
    first_body_word = body.word(0)
    assert first_body_word.page == 0, "the body does not start on page 1"
    assert page1[title_at].bottom < first_body_word.top, "the title is not above the body"


# --- b) the footnote -------------------------------------------------------------------


def test_footnote_reference_is_superscript(text: PdfText, body: Body, seed: SeedReport) -> None:
    ref = body.last_word(seed.footnote_ref_after)  # "states"
    # The number is a text object of its own (its Link's marked content), placed where
    # the word ends to the precision of the PDF's numbers.
    after = [
        w
        for w in text.pages[ref.page]
        if abs(w.baseline - ref.baseline) < ref.size and -0.001 <= w.x0 - ref.x1 < 2.0
    ]
    assert after, f"nothing printed right after {ref.text!r} on page {ref.page + 1}"
    number = min(after, key=lambda w: w.x0)
    assert number.text == "1", f"expected footnote number 1 after {ref.text!r}, got {number.text!r}"
    assert number.size < ref.size - 0.1, f"number {number.size} pt, body {ref.size} pt"
    assert number.baseline < ref.baseline - 0.5, "footnote number is not raised"


def test_footnote_at_bottom_of_referencing_page(
    text: PdfText, body: Body, seed: SeedReport
) -> None:
    page = body.last_word(seed.footnote_ref_after).page
    expected = seed.footnote_words()
    small = with_text([w for w in text.pages[page] if w.size < text.body_size - 0.01])
    m = match_in_order(expected, [w.found() for w in small])
    if m.missing:
        elsewhere = [
            i + 1
            for i, p in enumerate(text.pages)
            if not match_in_order(expected, [w.found() for w in with_text(p)]).missing
        ]
        pytest.fail(
            f"footnote text not on page {page + 1} (the referencing page) in type smaller "
            f"than the body ({text.body_size} pt); first missing: {expected[m.missing[0]]!r}; "
            f"the full note text is on pages {elsewhere or 'none'}"
        )
    spans = [span for span in m.spans if span]
    note = [small[i] for span in spans for i in sorted(set(span))]
    lines = body_lines(body, page)
    last_body = max(w.bottom for w in body.flow if w.page == page and w.line in lines)
    first_note = min(w.top for w in note)
    assert first_note > last_body, (
        f"footnote top {first_note:.1f} is not below the last body line ({last_body:.1f})"
    )

    # Its number, raised, just left of the note text.
    first = note[0]
    numbers = [
        w
        for w in text.pages[page]
        if w.text == "1"
        and abs(w.baseline - first.baseline) < first.size
        and 0 <= first.x0 - w.x1 < 20
    ]
    assert numbers, f"no footnote number 1 before {first.text!r}"
    assert numbers[0].baseline < first.baseline - 0.3, "number in the note is not superscript"

    # Italic exactly where the author wrote *…*.
    italic_idx: set[int] = set()
    for phrase in seed.footnote_italics:
        at = contains_run(expected, words(phrase))
        assert at is not None
        italic_idx.update(range(at, at + len(words(phrase))))
    for k, span in enumerate(spans):
        for w in {small[i] for i in span}:
            if k in italic_idx:
                assert w.italic, f"{w.text!r} in the note should be italic, font {w.fontname}"
            else:
                assert not w.italic, f"{w.text!r} in the note should be upright, font {w.fontname}"


# --- c) fonts ----------------------------------------------------------------------------


def iter_fonts(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Every font dictionary reachable from the document catalog (pages, forms, annots)."""
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject] = [reader.trailer["/Root"]]
    while stack:
        obj: PdfObject | None = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):  # stream objects included
            # "/BaseFont" too: a font dictionary that omits its /Type still counts.
            if obj.get("/Type") == "/Font" or "/BaseFont" in obj:
                yield obj
            stack.extend(v for k, v in obj.items() if k != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def test_all_fonts_embedded_and_none_standard(pdf_path: Path) -> None:
    fonts = list(iter_fonts(PdfReader(pdf_path)))
    assert fonts, "no fonts found at all"
    problems: list[str] = []
    for font in fonts:
        name = str(font.get("/BaseFont", "?"))
        bare = name.lstrip("/").split("+", 1)[-1]
        if bare.startswith(STANDARD_14):
            problems.append(f"{name}: one of the 14 standard fonts")
        subtype = font.get("/Subtype")
        if subtype in ("/Type0", "/Type3"):
            continue  # Type0: its descendant CIDFont is checked itself; Type3: glyphs inline
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else None
        if not isinstance(descriptor, DictionaryObject) or not any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
        ):
            problems.append(f"{name} ({subtype}): not embedded")
    assert not problems, "\n".join(problems)


# --- d) bullet arguments -----------------------------------------------------------------


def test_bullet_arguments(text: PdfText, body: Body, seed: SeedReport) -> None:
    blocks = list(zip(seed.blocks, seed.block_spans(), strict=True))
    assert len(seed.leads) == 9

    # Left edge of the body paragraphs, per page (a layout may mirror margins).
    left: dict[int, float] = {}
    for block, (start, end) in blocks:
        if block.kind == "paragraph":
            for w in body.words_of(start, end, require=False):
                x = line_start(body, w.page, w.line)
                left[w.page] = min(left.get(w.page, x), x)
    assert left, "no body paragraph lines found"

    for block, (start, end) in blocks:
        if block.lead is None:
            continue
        n = len(words(block.lead))
        lead = body.words_of(start, start + n)
        first = lead[0]
        where = f"{block.lead!r} (page {first.page + 1})"
        assert all(w.bold for w in lead), f"{where}: lead-in fonts {[w.fontname for w in lead]}"
        assert lead[-1].text.endswith(":"), f"{where}: colon not part of the bold lead-in"
        argument = body.word(start + n)
        assert not argument.bold, f"{where}: argument text is bold ({argument.fontname})"

        page_left = left.get(first.page, min(left.values()))
        assert first.x0 > page_left + 3, (
            f"{where}: item text at x={first.x0:.1f} is not indented (body at {page_left:.1f})"
        )
        assert has_bullet(text, first, page_left), f"{where}: no bullet left of the item"

        lines = {(w.page, w.line) for w in body.words_of(start, end, require=False)}
        continuation = sorted(lines - {(first.page, first.line)})
        assert continuation, f"{where}: item fits on one line; cannot check the hanging indent"
        starts = [round(line_start(body, p, ln), 1) for p, ln in continuation]
        assert all(abs(x - first.x0) <= X_TOLERANCE for x in starts), (
            f"{where}: continuation lines start at {starts}, item text at {first.x0:.1f}"
        )


def has_bullet(text: PdfText, first: PdfWord, page_left: float) -> bool:
    """A glyph or a drawn shape on the item's first line, left of its text."""
    top, bottom = first.top, first.bottom

    def beside(x0: float, y0: float, x1: float, y1: float) -> bool:
        return page_left - 30 <= x0 and x1 <= first.x0 + 0.1 and y0 < bottom and y1 > top

    glyphs = any(
        c["text"].strip() and beside(c["x0"], c["top"], c["x1"], c["bottom"])
        for c in text.chars[first.page]
    )
    return glyphs or any(beside(*shape) for shape in text.shapes[first.page])


# --- e) page numbers ---------------------------------------------------------------------


def test_page_numbers_on_every_page(text: PdfText) -> None:
    total = len(text.pages)
    for i, words_on_page in enumerate(text.pages, start=1):
        line = " ".join(w.text for w in words_on_page)
        if re.search(rf"\bPage\s+{i}\s+of\s+{total}\b", line):
            continue
        # Page 1 may show a bare number, in the top or bottom margin band.
        height = text.page_heights[i - 1]
        bare = any(
            w.text == str(i) and (w.bottom < 0.15 * height or w.top > 0.85 * height)
            for w in words_on_page
        )
        assert i == 1 and bare, f"page {i}: no 'Page {i} of {total}' printed"


# --- f) reproducible bytes ---------------------------------------------------------------


def test_build_is_byte_identical(pdf_path: Path, tmp_path: Path) -> None:
    # Past a second boundary, so an embedded timestamp would differ.
    time.sleep(1.1)
    result = run_build(tmp_path)
    assert result.returncode == 0, result.stderr
    first, second = pdf_path.read_bytes(), (tmp_path / PDF_NAME).read_bytes()
    if first != second:
        at = next(
            (i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
            min(len(first), len(second)),
        )
        pytest.fail(
            f"builds differ ({len(first)} vs {len(second)} bytes) from offset {at}: "
            f"{first[max(0, at - 40) : at + 40]!r} vs {second[max(0, at - 40) : at + 40]!r}"
        )
