"""Tagged PDF → archival PDF/A-2a: output intent, XMP, annotation flags; same bytes each run.

reportlab already embeds every font (as subsets, with Unicode maps) and writes the
document language, and the write stage has tagged the PDF (:mod:`.tagging`); what PDF/A-2a
still needs is added here with pikepdf (core only: the ``pikepdf[pdfa]`` validator is used
by the tests, not at build time):

- an sRGB output intent, so that device colours have a defined meaning;
- an XMP packet declaring PDF/A-2a and PDF/UA-1, with the same metadata as the Info
  dictionary;
- the Print flag on every annotation (reportlab's links have no flags);
- no empty page transitions (reportlab writes ``/Trans << >>``), no /Trapped;
- a trailer /ID whose first half identifies the document (reportlab's invariant mode
  writes the same /ID into every file).

Anything PDF/A forbids that cannot be repaired without changing the document (a font that
is not embedded, JavaScript, launch actions, embedded files) is refused with
:class:`NotArchivableError` (see :mod:`lagebericht.archive.refusals`).

Byte identity: the dates come from :class:`ArchiveInfo` (not the clock), the XMP packet is
written as fixed text, the trailer /ID is a digest of the input (first half) and qpdf's
deterministic ID, a digest of the output (second half), and the save settings are spelled
out so that no default can change them.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, ObjectStreamMode, Pdf, StreamDecodeLevel, String

from lagebericht.archive.info import PDFA_LEVEL, ArchiveError, ArchiveInfo, Metadata, pdf_date
from lagebericht.archive.refusals import (
    FontNotEmbeddedError,
    NotArchivableError,
    refuse_unarchivable,
)
from lagebericht.archive.xmp import xmp_packet
from lagebericht.model import Report

SAVE_OPTIONS: Mapping[str, Any] = MappingProxyType(
    {
        "deterministic_id": True,
        "static_id": False,
        "encryption": None,
        "compress_streams": True,
        "recompress_flate": False,
        "stream_decode_level": StreamDecodeLevel.generalized,
        "object_stream_mode": ObjectStreamMode.generate,
        "normalize_content": False,
        "linearize": False,
        "qdf": False,
        "preserve_pdfa": True,
        # It would stamp pdf:PDFVersion into our packet when qpdf raises the version.
        "fix_metadata_version": False,
        "min_version": "",
        "force_version": "",
        "progress": None,
    }
)
"""Every :meth:`pikepdf.Pdf.save` setting, fixed (the tests compare them with the checker's)."""

# Annotation flags (ISO 32000-1, 12.5.3): PDF/A wants Print set, the hiding ones clear.
_PRINT = 4
_HIDING = 1 | 2 | 32 | 256  # Invisible, Hidden, NoView, ToggleNoView


def srgb_profile() -> bytes:
    """The sRGB ICC profile (version 2, 3 components) that ships with pikepdf.

    Read as a data file: importing :mod:`pikepdf.pdfa` would need its optional extra.
    """
    profile = resources.files("pikepdf").joinpath("pdfa", "data", "sRGB.icc")
    try:
        return profile.read_bytes()
    except OSError as err:
        raise ArchiveError(
            f"the sRGB ICC profile is missing from pikepdf {pikepdf.__version__}"
            " (pikepdf 10.18 or later ships it)"
        ) from err


def archive_info(report: Report) -> ArchiveInfo:
    """What the build stamps on ``report``'s archive copy: its date and language.

    Title, author, subject and keywords stay as the layout stage wrote them.
    """
    return ArchiveInfo(date=report.date, language=report.language)


def to_pdfa(pdf: bytes, info: ArchiveInfo) -> bytes:
    """``pdf`` (tagged, see :mod:`.tagging`) as a PDF/A-2a file with the metadata of ``info``.

    The same input gives the same bytes, in any process. Raises :class:`ArchiveError`
    for an unreadable PDF and :class:`NotArchivableError` for one that cannot conform.
    """
    try:
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            refuse_unarchivable(doc)
            _set_output_intent(doc)
            set_metadata(doc, info.resolve(doc), PDFA_LEVEL)
            _repair_pages(doc)
            # qpdf keeps the first /ID string and derives the second from the output.
            permanent = String(hashlib.sha256(pdf).digest()[:16])
            doc.trailer.ID = Array([permanent, permanent])
            out = io.BytesIO()
            doc.save(out, **SAVE_OPTIONS)
    except pikepdf.PdfError as err:
        raise ArchiveError(f"not a readable PDF: {err}") from err
    return out.getvalue()


def _set_output_intent(doc: Pdf) -> None:
    profile = pikepdf.Stream(doc, srgb_profile())
    profile[Name.N] = 3
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=String("sRGB IEC61966-2.1"),
        RegistryName=String("http://www.color.org"),
        Info=String("sRGB IEC61966-2.1"),
        DestOutputProfile=profile,
    )
    doc.Root.OutputIntents = Array([doc.make_indirect(intent)])


def set_metadata(doc: Pdf, meta: Metadata, pdfa_level: str | None) -> None:
    """Info and the XMP packet from ``meta``, declaring PDF/UA-1 and PDF/A ``pdfa_level``
    (None: no PDF/A)."""
    moment = pdf_date(meta.timestamp)
    entries = {
        "/Title": meta.title,
        "/Author": meta.author,
        "/Subject": meta.subject,
        "/Keywords": meta.keyword_text,
        "/Creator": meta.creator_tool,
        "/Producer": meta.producer,
        "/CreationDate": moment,
        "/ModDate": moment,
    }
    # Empty entries are left out here and in the XMP packet alike, so the two agree.
    doc.trailer.Info = doc.make_indirect(
        Dictionary({key: String(value) for key, value in entries.items() if value})
    )
    metadata = pikepdf.Stream(doc, xmp_packet(meta, pdfa_level))
    metadata[Name.Type] = Name.Metadata
    metadata[Name.Subtype] = Name.XML
    doc.Root.Metadata = doc.make_indirect(metadata)
    if meta.language:
        doc.Root.Lang = String(meta.language)


def _repair_pages(doc: Pdf) -> None:
    for page in doc.pages:
        transition = page.obj.get("/Trans")
        if isinstance(transition, Dictionary) and not transition.keys():
            del page.obj.Trans
        for annotation in page.obj.get("/Annots", Array()):
            flags = int(annotation.get("/F", 0))
            annotation.F = (flags & ~_HIDING) | _PRINT


__all__ = [
    "PDFA_LEVEL",
    "SAVE_OPTIONS",
    "ArchiveError",
    "ArchiveInfo",
    "FontNotEmbeddedError",
    "NotArchivableError",
    "archive_info",
    "set_metadata",
    "srgb_profile",
    "to_pdfa",
]
