"""Figures: the image, its numbered caption and the credit line, one float.

Size: a vector image (SVG) is scaled to the text width. A bitmap is scaled to the text
width only as far as it still has 150 pixels per inch; beyond that it would print
visibly blurred, so a small picture is printed smaller instead (at 150 dpi, aligned with
the text's left edge) — a publications office prefers a smaller sharp picture to a large
soft one; below 300 dpi it is warned about (:mod:`lagebericht.layout.resolution`).
Any image is shrunk further if it would take more than :data:`MAX_HEIGHT_SHARE` of the
text block's height, so that image, caption and a few lines of text share a page. A
figure is a :class:`~lagebericht.layout.floats.Float`: set where it is referenced if it
fits there, else at the top of the next column or page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Image

from lagebericht.layout.floats import Float
from lagebericht.layout.fonts import FontFamily
from lagebericht.layout.resolution import MAX_HEIGHT_SHARE, MIN_DPI, placed_size
from lagebericht.layout.setting.flowable import TextFlowable
from lagebericht.layout.setting.inline import in_language
from lagebericht.layout.styles import Styles
from lagebericht.load.offices import content_root
from lagebericht.model import Figure
from lagebericht.problems import Code, InputError, Problem
from lagebericht.text.markup import escape
from lagebericht.text.typography import smarten


@dataclass(frozen=True)
class FigureBuilder:
    """Builds the figures of one report."""

    styles: Styles
    fonts: FontFamily
    language: str
    label: str  # "Abbildung" / "Figure" / "Рисунок"
    label_language: str | None  # the label's, if not the report's (the theme lacks it)
    brand: str
    source: Path  # the report file: errors name it, its content tree bounds SVG references

    def figure(
        self, figure: Figure, caption: str, width: float, height: float, wide: bool = False
    ) -> Float:
        """``figure`` in a column ``width`` wide on a text block ``height`` high; ``wide``:
        across both columns of a two-column page."""
        image = self._image(figure, width, height * MAX_HEIGHT_SHARE)
        label = in_language(
            escape(smarten(f"{self.label} {figure.number}:", self.language)), self.label_language
        )
        parts: list[Flowable] = [
            image,
            TextFlowable(
                f'<font color="{self.brand}"><b>{label}</b></font> {caption}', self.styles.caption
            ),
        ]
        if figure.credit:
            credit = escape(smarten(figure.credit, self.language))
            parts.append(TextFlowable(credit, self.styles.credit))
        leading = self.styles.body.leading
        return Float(
            parts,
            wide=wide,
            scalable=True,
            space_before=4 + (leading * 0.4 if wide else 0.0),
            space_after=leading if wide else leading * 0.6,
        )

    def natural_width(self, figure: Figure) -> float:
        """The widest the figure is printed: a bitmap at :data:`MIN_DPI`; a vector image
        has no limit."""
        if figure.image_format == "svg":
            return float("inf")
        try:
            with PILImage.open(figure.file) as image:
                return float(image.size[0] * 72 / MIN_DPI)
        except OSError:
            return float("inf")  # reported with its line when the image is read

    def _image(self, figure: Figure, width: float, max_height: float) -> Flowable:
        try:
            if figure.image_format == "svg":
                image = self._svg(figure, width, max_height)
            else:
                image = self._bitmap(figure, width, max_height)
        except (OSError, ValueError) as error:
            # Validated before, so the file changed or vanished since: still located.
            raise InputError(
                [
                    Problem(
                        self.source,
                        figure.line,
                        None,
                        f"image {figure.file.name}: cannot be read any more ({error})",
                        code=Code.IMAGE_NOT_FOUND,
                    )
                ]
            ) from None
        # Read by the PDF tagging: the image's /Alt text, or an artifact if decorative. Set
        # in the instance's dict: a Drawing (SVG) refuses attributes its shape map lacks.
        vars(image).update(alt_text=figure.alt_text, decorative=figure.decorative)
        return image

    def _bitmap(self, figure: Figure, width: float, max_height: float) -> Flowable:
        with PILImage.open(figure.file) as image:
            w, h = placed_size(image.size, width, max_height)
        # From its bytes, not its path: reportlab names an image after what it was given,
        # and a path would make the PDF depend on where the content folder lies.
        source = io.BytesIO(figure.file.read_bytes())
        flowable = Image(source, width=w, height=h, mask="auto")
        flowable.hAlign = "LEFT"
        return flowable

    def _svg(self, figure: Figure, width: float, max_height: float) -> Drawing:
        # svglib only for reports that have an SVG figure: its import is slow.
        from lagebericht.layout.svg import use_theme_fonts
        from lagebericht.load.svg import SvgError, read_svg

        try:
            drawing = read_svg(figure.file, content_root(self.source), self.fonts)
        except SvgError as error:
            raise ValueError(str(error)) from None
        use_theme_fonts(drawing, self.fonts)  # also the drawing's default font
        scale = min(width / drawing.width, max_height / drawing.height)
        drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
        drawing.scale(scale, scale)
        drawing.hAlign = "LEFT"
        return drawing
