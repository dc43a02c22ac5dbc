"""Layout stage: a validated Report → PDF bytes in the Auslandsbüro layout."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lagebericht.layout.document import RenderedPdf, render, render_pdf

__all__ = ["RenderedPdf", "render", "render_pdf"]


def __getattr__(name: str) -> Any:
    # The stage's entry points are imported on first use, so that a light submodule (the
    # glyph check of `lagebericht check`) comes without reportlab's Platypus, Jinja2 and
    # the whole layout (~0.2 s).
    if name in __all__:
        from lagebericht.layout import document

        return getattr(document, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
