"""Layout stage: a validated Report → PDF bytes in the Auslandsbüro layout."""

from lagebericht.layout.document import RenderedPdf, render, render_pdf

__all__ = ["RenderedPdf", "render", "render_pdf"]
