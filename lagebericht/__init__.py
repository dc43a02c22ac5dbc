"""lagebericht: a field office's Markdown situation report → branded, print-ready PDF.

The pipeline, one module group per stage:

    load      source file → RawDocument (front matter + Markdown body, with line numbers)
    validate  RawDocument → Report (frozen pydantic models, errors as located Problems)
    layout    Report → PDF bytes (reportlab Platypus, theme-driven)
    output    PDF bytes → atomic file under output/

Above them: :mod:`lagebericht.batch` (many reports) and :mod:`lagebericht.cli`, the only
package that prints or exits.
"""

__version__ = "0.1.0"
