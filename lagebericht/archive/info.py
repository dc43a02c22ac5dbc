"""What the archive copy says about itself: the metadata written to both Info and XMP."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import lagebericht
from lagebericht.document_date import document_moment
from lagebericht.problems import LageberichtError

if TYPE_CHECKING:
    import pikepdf  # only its types: the manifest imports this module without archiving

PDFA_LEVEL = "2a"
"""The PDF/A conformance level the archive writes, as recorded in the manifest."""
PDFUA_LEVEL = "1"
"""The PDF/UA part every PDF conforms to (the XMP says so), as recorded in the manifest."""


class ArchiveError(LageberichtError):
    """A PDF cannot be made into an archival PDF/A file (or cannot be read at all)."""


# XML 1.0 forbids most control characters; PDF viewers show them as boxes. Typesetting
# ties (no-break spaces) are not wanted in metadata either, which is read as plain text.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\u00a0\u202f]")


def plain(text: str) -> str:
    """``text`` as metadata: control characters and no-break spaces become spaces."""
    return _UNWANTED.sub(" ", text).strip()


@dataclass(frozen=True)
class ArchiveInfo:
    """What to stamp on the archive copy; a text left ``None`` is kept as the PDF has it.

    The layout stage already writes title, author, subject, keywords and language (with
    typographic quotes and its subject fallback), so the build passes only the date;
    the other fields override.

    ``date`` is the report's date. It becomes the creation and modification date of the
    archive copy at 00:00 UTC (or ``SOURCE_DATE_EPOCH``, see
    :func:`~lagebericht.document_date.document_moment`): the build time would make every
    build differ, and the report date is the only date the input fixes.
    """

    date: dt.date
    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: tuple[str, ...] | None = None
    language: str | None = None
    """BCP-47 tag (catalog /Lang, dc:language)."""
    creator_tool: str | None = None
    """The application that made the document (Info /Creator, xmp:CreatorTool)."""
    producer: str = f"lagebericht {lagebericht.__version__} (reportlab, pikepdf)"
    """The software that wrote the PDF (Info /Producer, pdf:Producer)."""

    def resolve(self, doc: pikepdf.Pdf) -> Metadata:
        """The complete metadata: these fields, the rest from ``doc``'s Info and /Lang."""
        info = doc.docinfo

        def text(key: str) -> str:
            return str(info.get(key, ""))

        keywords = self.keywords
        if keywords is None:
            keywords = tuple(k.strip() for k in text("/Keywords").split(",") if k.strip())
        return Metadata(
            title=plain(self.title if self.title is not None else text("/Title")),
            author=plain(self.author if self.author is not None else text("/Author")),
            subject=plain(self.subject if self.subject is not None else text("/Subject")),
            keywords=tuple(word for word in map(plain, keywords) if word),
            language=plain(
                self.language if self.language is not None else str(doc.Root.get("/Lang", ""))
            ),
            creator_tool=plain(
                self.creator_tool
                if self.creator_tool is not None
                else text("/Creator") or f"lagebericht {lagebericht.__version__}"
            ),
            producer=plain(self.producer),
            timestamp=document_moment(self.date),
        )


@dataclass(frozen=True)
class Metadata:
    """The metadata as written: plain texts; an empty one is left out of Info and XMP."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    creator_tool: str
    producer: str
    timestamp: dt.datetime
    """Creation and modification time."""

    @property
    def keyword_text(self) -> str:
        """Keywords as one string, as reportlab writes them (Info /Keywords, pdf:Keywords)."""
        return ", ".join(self.keywords)


def pdf_date(moment: dt.datetime) -> str:
    """``D:20240705000000+00'00'``: a PDF date string (ISO 32000-1, 7.9.4)."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def xmp_date(moment: dt.datetime) -> str:
    """``2024-07-05T00:00:00+00:00``: the same moment as an XMP date."""
    return moment.isoformat(timespec="seconds")
