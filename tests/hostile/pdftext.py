"""Built PDFs read back as text, and text compared the way a reader would."""

from __future__ import annotations

import io
import re
import unicodedata

import pikepdf
from pypdf import PdfReader

# The layout turns straight quotes into the language's quotes, `--` into dashes, `-`
# before a number into a minus sign, ties words with no-break spaces and hyphenates; the
# reader sees the same words. Invisible zero-width characters (joiners, U+FEFF) are in
# the PDF, but a text extractor may put them before or after their neighbour, which sits
# at the same position.
_QUOTES = str.maketrans(dict.fromkeys("\"'„“”‚‘’«»‹›", '"'))
_DROPPED = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufeff\-\u2010\u2011\u2013\u2014\u2212]+")


def pdf_text(pdf: bytes) -> str:
    """All pages' text (pypdf's extraction)."""
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def body_text(pdf: bytes) -> str:
    """Every page's text without its running header and footer: the layout draws them
    into a form of the page (``lb-furniture-N``, layout/canvas.py), whose showing is
    taken out of the page before the text is extracted."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            furniture = pikepdf.Name(f"/FormXob.lb-furniture-{number}")
            kept = [
                step
                for step in pikepdf.parse_content_stream(page)
                if not (str(step.operator) == "Do" and step.operands[0] == furniture)
            ]
            page.Contents = doc.make_stream(pikepdf.unparse_content_stream(kept))
        out = io.BytesIO()
        doc.save(out)
    return pdf_text(out.getvalue())


def normalise(text: str) -> str:
    """Whitespace, hyphens and dashes dropped, quotes made straight, Unicode composed."""
    return _DROPPED.sub("", unicodedata.normalize("NFC", text).translate(_QUOTES))


def shows(pdf: bytes, text: str) -> bool:
    """True if ``text`` can be read in ``pdf`` (normalised as above): in pypdf's text of
    the whole pages, or, for a text broken over pages, in the text frames — or in
    pdfminer's text (pdfplumber): pypdf 4.2, the lowest release the tests allow, drops
    the characters before a U+FEFF in some strings ("„!“" + U+FEFF reads "“"), which
    pdfminer and newer pypdf read."""
    wanted = normalise(text)
    return (
        wanted in normalise(pdf_text(pdf))
        or wanted in normalise(body_text(pdf))
        or wanted in normalise(miner_text(pdf))
    )


def miner_text(pdf: bytes) -> str:
    """All pages' text (pdfminer's extraction, through pdfplumber)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)
