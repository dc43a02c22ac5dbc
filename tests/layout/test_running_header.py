"""The running header on later pages: shortened at a word boundary, with an ellipsis."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from lagebericht.layout import render_pdf
from lagebericht.layout.fonts import family_of
from lagebericht.layout.geometry import Geometry
from lagebericht.layout.pages import shorten_at_word
from lagebericht.theme import load_theme
from tests.layout.factories import FILLER, para, report, text
from tests.pdf_inspect import chars

LONG_TITLE = (
    "Kazakhstan and the Shanghai Cooperation Organisation between Security Cooperation, "
    "Economic Integration and Regional Competition"
)
PREFIX = "Lagebericht · Auslandsbüro Kasachstan (Astana) · "


def _header_line(pdf: bytes, page: int) -> tuple[str, float, float]:
    """The topmost line of ``page`` (0-based): its text, left and right edge."""
    found = chars(pdf)[page]
    top = min(float(str(c["top"])) for c in found)
    line = sorted(
        (c for c in found if abs(float(str(c["top"])) - top) < 1), key=lambda c: float(str(c["x0"]))
    )
    return (
        "".join(str(c["text"]) for c in line),
        float(str(line[0]["x0"])),
        float(str(line[-1]["x1"])),
    )


def _measure(value: str) -> float:
    width: float = stringWidth(value, "Helvetica", 10)  # reportlab has no type hints
    return width


def test_long_title_is_shortened_after_a_whole_word() -> None:
    theme = load_theme()
    body = tuple(para(text(FILLER * 6)) for _ in range(8))
    pdf = render_pdf(report(body, title=LONG_TITLE), theme)
    header, left, right = _header_line(pdf, 1)
    full = PREFIX + LONG_TITLE
    assert header.endswith("…"), header
    kept = header.removesuffix("…")
    assert full.startswith(kept) and len(kept) > len(PREFIX), header
    # The cut is at a word boundary: the next character of the full header is a space.
    assert full[len(kept)] == " ", header
    assert not kept.endswith(("·", " ", ",")), header
    geometry = Geometry.of(theme)
    assert right <= left + geometry.frame_width + 0.5
    # And it is the longest such run: one more word would not fit.
    font, size = family_of(theme).regular, theme.sizes.small
    longer = kept + " " + full[len(kept) + 1 :].split(" ")[0] + "…"
    assert stringWidth(longer, font, size) > geometry.frame_width
    # Every page after the first carries the same shortened header.
    assert _header_line(pdf, 2)[0] == header


def test_header_that_fits_is_drawn_whole() -> None:
    body = tuple(para(text(FILLER * 6)) for _ in range(8))
    header, _, _ = _header_line(render_pdf(report(body, title="Short")), 1)
    assert header == PREFIX + "Short"


def test_shortened_text_is_the_longest_run_of_whole_words_that_fits() -> None:
    value = "alpha beta gamma delta"
    width = _measure("alpha beta gamm…")
    assert shorten_at_word(value, width, _measure) == "alpha beta…"
    assert shorten_at_word(value, _measure(value), _measure) == value
    assert shorten_at_word(value, _measure(value) - 1, _measure) == ("alpha beta gamma…")


def test_no_separator_is_left_before_the_ellipsis() -> None:
    value = "Lagebericht · Auslandsbüro Kasachstan · Title"
    width = _measure("Lagebericht · Auslandsbüro Kasachstan ·…")
    assert shorten_at_word(value, width, _measure) == "Lagebericht · Auslandsbüro Kasachstan…"


def test_no_break_space_holds_its_words_together() -> None:
    value = "Report 12\u00a0July today"
    width = _measure("Report 12\u00a0Ju…")
    assert shorten_at_word(value, width, _measure) == "Report…"


def test_only_a_first_word_too_wide_is_cut() -> None:
    value = "Überlieferungsgeschichte und mehr"
    width = _measure("Überlieferungs…")
    shortened = shorten_at_word(value, width, _measure)
    assert shortened == "Überlieferungs…"
    assert _measure(shortened) <= width
