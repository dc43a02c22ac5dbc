"""Floats: figures and short tables that a typesetter moves rather than leave a gap.

A :class:`Float` is never split. It is set where the text references it when it fits
there; otherwise the text after it goes on filling the page and the float goes to the
top of the next column or page (see :mod:`lagebericht.layout.placement`). A *wide* float
(two-column layout) spans both columns and goes to the top of a page, like LaTeX's
``figure*``. The markers :class:`FlushFloats` and :class:`EndColumns` end the body: no
float is left behind, and a two-column body ends in balanced columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from lagebericht.layout.footnotes import references_in
from lagebericht.layout.tagging import draw


class Scaled(Flowable):  # type: ignore[misc]
    """Any flowable drawn at ``factor`` of its size (a figure shrunk to fit a page)."""

    def __init__(self, inner: Flowable, factor: float) -> None:
        super().__init__()
        self.inner = inner
        self.factor = factor
        self.hAlign = getattr(inner, "hAlign", "LEFT")
        # A shrunk figure keeps its text alternative where the PDF tagging reads it.
        self.alt_text: str | None = getattr(inner, "alt_text", None)
        self.decorative: bool = getattr(inner, "decorative", False)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        f = self.factor
        w, h = self.inner.wrap(availWidth / f, availHeight / f)
        self.width, self.height = w * f, h * f
        return self.width, self.height

    def draw(self) -> None:
        self.canv.scale(self.factor, self.factor)
        draw(self.inner, self.canv, 0, 0)


class Float(Flowable):  # type: ignore[misc]
    """A block that is placed whole: here if it fits, else at the top of a later frame.

    ``parts`` are stacked left-aligned (image, caption, credit; or one table). The first
    part is the one that may be shrunk (``scalable``) when the block is taller than a
    whole column.
    """

    # Not a location changer, but reportlab's keepWithNext must never bundle a float
    # with the paragraph before it: that would pin the float to the text again.
    locChanger = 1

    def __init__(
        self,
        parts: Sequence[Flowable],
        *,
        wide: bool = False,
        scalable: bool = False,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.parts = list(parts)
        self.wide = wide
        self.scalable = scalable
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.forced = False  # set when the body ends: place it now, defer no further
        self.ordinal = -1  # its place among the story's floats (set by the document)
        self._placed: list[tuple[Flowable, float, float]] = []  # part, its height, gap above

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._placed = []
        width = height = 0.0
        for index, part in enumerate(self.parts):
            w, h = part.wrap(availWidth, 1e6)
            gap = part.getSpaceBefore() if index else 0.0
            self._placed.append((part, h, gap))
            width, height = max(width, w), height + gap + h
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        y = self.height
        for part, h, gap in self._placed:
            y -= gap + h
            draw(part, self.canv, 0, y)

    def footnote_references(self) -> tuple[int, ...]:
        """Footnotes referenced in the parts (a caption, table cells), in order."""
        found: list[int] = []
        for part in self.parts:
            found.extend(n for n in references_in(part) if n not in found)
        return tuple(found)

    def shrunk(self, width: float, height: float, least: float = 0.0) -> Float | None:
        """This float with its image scaled down to fit ``height`` (to no less than
        ``least`` of its size), or None if it cannot."""
        if not self.scalable:
            return None
        _, total = self.wrap(width, height)
        image, image_height, _ = self._placed[0]
        rest = total - image_height
        if rest >= height or image_height <= 0:
            return None
        factor = (height - rest) / image_height * 0.999
        if factor < least:
            return None
        smaller = Float(
            [Scaled(image, factor), *self.parts[1:]],
            wide=self.wide,
            scalable=False,
            space_before=self.spaceBefore,
            space_after=self.spaceAfter,
        )
        smaller.forced = self.forced
        smaller.ordinal = self.ordinal
        return smaller


class FlushFloats(Flowable):  # type: ignore[misc]
    """Marks the end of the body text: every float still waiting is placed here."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


class EndColumns(Flowable):  # type: ignore[misc]
    """Marks the end of a two-column body: the columns above are balanced, what follows
    (wide floats still waiting, the closing block) is set across the full width."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


def stacked_height(floats: Sequence[Float], width: float) -> float:
    """Height ``floats`` take stacked in a frame ``width`` wide, spaces included."""
    total = 0.0
    for index, item in enumerate(floats):
        _, h = item.wrap(width, 1e6)
        total += h + item.getSpaceAfter() + (item.getSpaceBefore() if index else 0.0)
    return total
