"""Alternative text of figures: the ``Alt:`` line below the image, its checks (a warning,
an error under ``--strict`` and ``--pdfa``) and the attributes the layout hands on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lagebericht.build import Pipeline, Status, build, check
from lagebericht.job import Job
from lagebericht.layout.floats import Float
from lagebericht.layout.fonts import family_of
from lagebericht.layout.story import StoryBuilder
from lagebericht.layout.styles import make_styles
from lagebericht.model import Figure, Section
from lagebericht.problems import Code, InputError, Problem, Severity
from lagebericht.theme import load_theme
from lagebericht.validate import read_report

Write = Callable[..., Path]

# The report's body starts on line 8 of the file (conftest.FRONT: 6 lines and an empty one).
FIRST = 8


def figure_of(path: Path) -> Figure:
    (block,) = read_report(path).report.body
    assert isinstance(block, Figure)
    return block


def warnings_of(path: Path) -> list[Problem]:
    return list(read_report(path).warnings)


def errors_of(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read_report(path)
    return [p for p in caught.value.problems if p.severity is Severity.ERROR]


def test_the_alt_line_is_the_alternative_text_and_the_rest_reads_as_before(write: Write) -> None:
    path = write(
        '![Karte *Ili*](bilder/karte.png "ITU / CC BY 2.0")\n'
        "Alt: Eine *Karte* des Flusses Ili\n"
        "mit seinen **drei** Stauseen.\n"
    )
    figure = figure_of(path)
    assert figure.alt_text == "Eine Karte des Flusses Ili mit seinen drei Stauseen."
    assert not figure.decorative
    assert figure.credit == "ITU / CC BY 2.0"
    assert [run.kind for run in figure.caption] == ["text", "emphasis"]
    assert warnings_of(path) == []


@pytest.mark.parametrize(
    "line",
    [
        "Alt: decorative",
        "alt: Decorative.",
        "ALT : DECORATIVE",
        "Alt:decorative",
        "Alt: dekorativ",
        "Alt: Dekorativ.",
        "Alt: декоративное",
    ],
)
def test_a_decorative_image_needs_no_description(write: Write, line: str) -> None:
    path = write(f"![Ornament](bilder/foto.jpg)\n{line}\n")
    figure = figure_of(path)
    assert figure.decorative and figure.alt_text is None
    assert warnings_of(path) == []


def test_the_alt_text_may_follow_on_the_image_line(write: Write) -> None:
    figure = figure_of(write("![Foto](bilder/foto.jpg) Alt: Ein blaues Rechteck.\n"))
    assert figure.alt_text == "Ein blaues Rechteck."


def test_a_figure_without_alt_text_is_a_warning_at_the_image(write: Write) -> None:
    path = write('Text davor.\n\n  ![Karte](bilder/karte.png "Quelle")\n')
    figure = figure_of_second(path)
    assert figure.alt_text is None and not figure.decorative
    (warning,) = warnings_of(path)
    assert (warning.path, warning.line, warning.column) == (path, FIRST + 2, 3)
    assert warning.code is Code.FIGURE_ALT
    assert warning.format().startswith(
        f'{path}:{FIRST + 2}:3: warning: figure "bilder/karte.png" has no alternative text'
    )
    assert '"Alt: what the image shows"' in warning.message
    assert '"Alt: decorative"' in warning.message


def figure_of_second(path: Path) -> Figure:
    _, block = read_report(path).report.body
    assert isinstance(block, Figure)
    return block


@pytest.mark.parametrize(
    ("alt", "says"),
    [
        ("Alt:", 'the "Alt:" line is empty'),
        ("Alt:   ", 'the "Alt:" line is empty'),
        ("Alt: die karte", "the alternative text repeats the caption"),
        ("Alt: Die   *Karte*", "the alternative text repeats the caption"),
    ],
)
def test_an_empty_or_repeating_alt_line_is_a_warning_at_that_line(
    write: Write, alt: str, says: str
) -> None:
    path = write(f"![Die Karte](bilder/karte.png)\n  {alt}\n")
    (warning,) = warnings_of(path)
    assert (warning.line, warning.column, warning.code) == (FIRST + 1, 3, Code.FIGURE_ALT)
    assert warning.severity is Severity.WARNING
    assert warning.message.startswith(f'figure "bilder/karte.png": {says}')


@pytest.mark.parametrize(
    ("alt", "what"),
    [
        ("Alt: Siehe [^n] dort.", "the footnote reference"),
        ("Alt: ein <b>fettes</b> Bild", "HTML"),
        ("Alt: noch ein ![Bild](bilder/foto.jpg)", "the image"),
    ],
)
def test_markup_that_cannot_be_plain_text_is_an_error(write: Write, alt: str, what: str) -> None:
    path = write(f"![Karte](bilder/karte.png)\n{alt}\n\n[^n]: Die Notiz.\n")
    (error,) = errors_of(path)
    assert (error.line, error.column, error.code) == (FIRST + 1, 1, Code.FIGURE_ALT)
    assert error.message == (
        f'figure "bilder/karte.png": the alternative text is plain text; remove {what} from it'
    )


def test_other_text_below_an_image_is_still_refused_and_points_to_alt(write: Write) -> None:
    path = write("![Karte](bilder/karte.png)\nQuelle: Büro\n")
    (error,) = errors_of(path)
    assert error.message.startswith("an image must stand alone as a figure")
    assert '"Alt: what the image shows"' in error.message


def test_a_figure_whose_image_is_refused_gets_no_alt_warning_besides(write: Write) -> None:
    path = write("![Karte](bilder/fehlt.png)\n")
    with pytest.raises(InputError) as caught:
        read_report(path)
    assert [p.code for p in caught.value.problems] == [Code.IMAGE_NOT_FOUND]


def test_figures_inside_sections_are_checked_too(write: Write) -> None:
    path = write("## Teil\n\n![Foto](bilder/foto.jpg)\n")
    (section,) = read_report(path).report.body
    assert isinstance(section, Section)
    assert [w.line for w in warnings_of(path)] == [FIRST + 2]


# --- --strict and --pdfa ------------------------------------------------------------------


MISSING = "Text.\n\n![Karte](bilder/karte.png)\n"


def sharp(path: Path) -> Path:
    """``path``, its map made sharp enough for print (300 dpi across the text block), so
    that the figure's only warning under ``--strict`` is about its alternative text."""
    from PIL import Image

    Image.new("RGB", (2400, 1200), (200, 16, 46)).save(path.parent / "bilder" / "karte.png")
    return path


def test_check_warns_and_passes_without_strict(write: Write) -> None:
    result = check(sharp(write(MISSING)))
    assert result.ok
    assert [(w.line, w.code) for w in result.warnings] == [(FIRST + 2, Code.FIGURE_ALT)]


def test_check_strict_refuses_the_figure_at_its_line(write: Write) -> None:
    path = sharp(write(MISSING))
    result = check(path, strict=True)
    assert not result.ok
    (refused,) = result.problems
    assert (refused.path, refused.line, refused.column) == (path, FIRST + 2, 1)
    assert refused.severity is Severity.ERROR and refused.code is Code.FIGURE_ALT
    assert refused.message.endswith("(refused with --strict)")
    assert result.warnings == ()


def test_build_pdfa_refuses_the_figure_and_writes_nothing(write: Write, tmp_path: Path) -> None:
    path = write(MISSING)
    output = tmp_path / "out" / "bericht.pdf"
    result = build(Job(path, output), pdfa=True, pipeline=Pipeline(archive=lambda pdf, _: pdf))
    assert result.status is Status.FAILED
    assert [(p.line, p.code) for p in result.problems] == [(FIRST + 2, Code.FIGURE_ALT)]
    assert result.problems[0].message.endswith("(refused with --pdfa)")
    assert not output.exists()


def test_build_without_strict_writes_the_pdf_with_a_warning(write: Write, tmp_path: Path) -> None:
    output = tmp_path / "out" / "bericht.pdf"
    result = build(Job(sharp(write(MISSING)), output))
    assert result.status is Status.BUILT and output.exists()
    assert [w.code for w in result.warnings] == [Code.FIGURE_ALT]


@pytest.mark.parametrize("alt", ["Alt: Ein rotes Rechteck.", "Alt: decorative"])
def test_strict_and_pdfa_accept_a_described_or_decorative_figure(
    write: Write, tmp_path: Path, alt: str
) -> None:
    path = sharp(write(f"Text.\n\n![Karte](bilder/karte.png)\n{alt}\n"))
    assert check(path, strict=True).ok
    output = tmp_path / "out" / "bericht.pdf"
    result = build(Job(path, output), pdfa=True, pipeline=Pipeline(archive=lambda pdf, _: pdf))
    assert result.status is Status.BUILT, result.problems


# --- the layout -----------------------------------------------------------------------------


def _floats(path: Path) -> list[Float]:
    report = read_report(path).report
    theme = load_theme()
    styles = make_styles(theme, family_of(theme), report.language, report.nohyphen)
    story = StoryBuilder(report=report, styles=styles, theme=theme).blocks(report.body)
    return [flowable for flowable in story if isinstance(flowable, Float)]


def test_the_image_flowable_carries_the_alt_text_and_decorative(write: Write) -> None:
    path = write(
        "![Karte](bilder/karte.png)\nAlt: Ein rotes Rechteck.\n\n"
        "![Grafik](bilder/grafik.svg)\nAlt: decorative\n\n"
        "![Foto](bilder/foto.jpg)\n"
    )
    images = [float_.parts[0] for float_ in _floats(path)]
    assert [(i.alt_text, i.decorative) for i in images] == [
        ("Ein rotes Rechteck.", False),
        (None, True),
        (None, False),
    ]
    assert "alt_text" not in vars(_floats(path)[0].parts[1])  # the caption is no image


def test_a_shrunk_image_keeps_its_alt_text(write: Write) -> None:
    (figure,) = _floats(write("![Foto](bilder/foto.jpg)\nAlt: Ein blaues Rechteck.\n"))
    smaller = figure.shrunk(400, 120)
    assert smaller is not None
    assert (smaller.parts[0].alt_text, smaller.parts[0].decorative) == (
        "Ein blaues Rechteck.",
        False,
    )


# --- the example reports --------------------------------------------------------------------

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_every_figure_of_the_example_reports_is_described() -> None:
    figures: list[Figure] = []
    for path in sorted(CONTENT.glob("*/*.md")):
        valid = read_report(path)
        assert not [w for w in valid.warnings if w.code is Code.FIGURE_ALT], path
        for block in valid.report.body:
            inner = block.blocks if isinstance(block, Section) else (block,)
            figures += [b for b in inner if isinstance(b, Figure)]
    assert len(figures) >= 3
    for figure in figures:
        assert figure.alt_text and not figure.decorative, figure.file.name
        assert len(figure.alt_text.split()) >= 8, figure.file.name  # a description, not a label


def test_alt_text_needs_no_glyphs_of_the_theme_fonts(write: Write) -> None:
    # Not printed, so a character the fonts lack (CJK here) is no problem there…
    assert check(write("![Karte](bilder/karte.png)\nAlt: Karte mit dem Zeichen 水.\n")).ok
    # …while in the printed caption it is.
    assert not check(write("![Karte 水](bilder/karte.png)\nAlt: Eine Karte.\n")).ok
