"""Layout stage: a validated Report → PDF bytes in the Auslandsbüro layout."""

from lagebericht.layout.document import render_pdf

__all__ = ["render_pdf"]
