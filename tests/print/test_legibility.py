"""Legible for print: every text colour of every built-in theme at least 4.5:1 against
its background (WCAG 2), figure credits at least 7 pt (issue 15, point 4)."""

from __future__ import annotations

import io
from dataclasses import fields
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from reportlab.lib.styles import ParagraphStyle

from lagebericht.layout import render_pdf
from lagebericht.layout.fonts import family_of
from lagebericht.layout.styles import Styles, make_styles
from lagebericht.model import Figure, Text
from lagebericht.problems import InputError
from lagebericht.theme import THEMES_DIR, Theme, load_theme
from tests.layout.factories import para, report, text

BUILT_IN = sorted(p.name for p in THEMES_DIR.iterdir() if (p / "theme.yaml").exists())


def _luminance(rgb: tuple[float, float, float]) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _rgb(colour: str) -> tuple[float, float, float]:
    return (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255)


def _contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


WHITE = (1.0, 1.0, 1.0)


def test_there_are_built_in_themes() -> None:
    assert "auslandsbuero" in BUILT_IN and "auslandsbuero-zweispaltig" in BUILT_IN


@pytest.mark.parametrize("name", BUILT_IN)
def test_every_text_style_colour_has_contrast(name: str) -> None:
    theme = load_theme(name)
    styles = make_styles(theme, family_of(theme), "de")
    tint = _rgb(theme.colours.tint)
    for field in fields(Styles):
        style: ParagraphStyle = getattr(styles, field.name)
        colour = style.textColor.rgb()
        assert _contrast(colour, WHITE) >= 4.5, (name, field.name)
        if field.name in ("cell", "cell_header"):  # every other row is tinted
            assert _contrast(colour, tint) >= 4.5, (name, field.name)
    # Drawn by the page furniture and inline: running header, footer, marking, links.
    c = theme.colours
    for colour in (c.muted, c.accent, c.brand, c.text):
        assert _contrast(_rgb(colour), WHITE) >= 4.5, (name, colour)
    for colour in (c.brand, c.text):  # links and text in tinted table rows
        assert _contrast(_rgb(colour), tint) >= 4.5, (name, colour)


def _theme(tmp_path: Path, body: str) -> Theme:
    folder = tmp_path / "themes" / "probe"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.yaml").write_text("extends: auslandsbuero\n" + body, encoding="utf-8")
    return load_theme("probe", [tmp_path / "themes", THEMES_DIR])


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('colours:\n  muted: "#9aa7b3"\n', "muted #9aa7b3 has a contrast of 2.46:1"),
        ('colours:\n  tint: "#7f8fa0"\n', "against the table tint #7f8fa0"),
    ],
)
def test_a_theme_with_a_faint_text_colour_is_refused(tmp_path: Path, body: str, words: str) -> None:
    with pytest.raises(InputError) as error:
        _theme(tmp_path, body)
    message = " ".join(p.message for p in error.value.problems)
    assert words in message and "4.5:1" in message


def test_figure_credits_are_at_least_7_pt(tmp_path: Path) -> None:
    theme = _theme(tmp_path, "sizes:\n  small: 6.5\n")  # 0.9 × 6.5 = 5.85 pt before
    picture = tmp_path / "bild.png"
    Image.new("RGB", (1200, 600), "#3a6ea5").save(picture)
    figure = Figure(
        file=picture,
        image_format="png",
        caption=(Text(text="A picture"),),
        credit="Photo: Creditname",
        number=1,
        line=3,
    )
    document = report((para(text("Before.")),)).model_copy(
        update={"body": (para(text("Before.")), figure)}
    )
    pdf = render_pdf(document, theme)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        words = doc.pages[0].extract_words(extra_attrs=["size"])
    (credit,) = [w for w in words if w["text"] == "Creditname"]
    assert credit["size"] >= 7 - 0.01
