"""Built PDFs read back as text, and text compared the way a reader would."""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader

# The layout turns straight quotes into the language's quotes, `--` into dashes, ties
# words with no-break spaces and hyphenates; the reader sees the same words. Invisible
# zero-width characters (joiners, U+FEFF) are in the PDF, but a text extractor may put
# them before or after their neighbour, which sits at the same position.
_QUOTES = str.maketrans(dict.fromkeys("\"'„“”‚‘’«»‹›", '"'))
_DROPPED = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufeff\-\u2010\u2011\u2013\u2014]+")


def pdf_text(pdf: bytes) -> str:
    """All pages' text (pypdf's extraction)."""
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


# The footer's page line, per language of the default theme.
_PAGE_LINE = re.compile(r"^(Page \d+ of|Seite \d+ von|Страница \d+ из|\d+ беттің) \d+(-беті)?$")


def body_text(pdf: bytes) -> str:
    """Every page's text without its running header and footer, which the layout draws
    first (up to the page line): a text broken over a page then reads as one."""
    parts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        lines = (page.extract_text() or "").split("\n")
        ends = [n for n, line in enumerate(lines) if _PAGE_LINE.match(line.strip())]
        parts.append("\n".join(lines[ends[0] + 1 :] if ends else lines))
    return "\n".join(parts)


def normalise(text: str) -> str:
    """Whitespace, hyphens and dashes dropped, quotes made straight, Unicode composed."""
    return _DROPPED.sub("", unicodedata.normalize("NFC", text).translate(_QUOTES))


def shows(pdf: bytes, text: str) -> bool:
    """True if ``text`` can be read in ``pdf`` (normalised as above): in pypdf's text of
    the whole pages, or, for a text broken over pages, in the text frames."""
    wanted = normalise(text)
    return wanted in normalise(pdf_text(pdf)) or wanted in normalise(body_text(pdf))
