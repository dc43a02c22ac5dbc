"""Layout stage: a validated Report → PDF bytes in the Auslandsbüro layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lagebericht.lazy import forward

if TYPE_CHECKING:
    from lagebericht.layout.document import RenderedPdf, render, render_pdf

__all__ = ["RenderedPdf", "render", "render_pdf"]

# Imported on first use, so that a light submodule (the glyph check of `lagebericht check`)
# comes without reportlab's Platypus, Jinja2 and the whole layout, slow to import.
__getattr__ = forward(__name__, "lagebericht.layout.document", __all__)
