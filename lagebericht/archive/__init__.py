"""Headquarters archive: PDF/A-2b post-processing and the manifest of archived reports.

    pdfa      reportlab PDF bytes → PDF/A-2b bytes (:func:`~lagebericht.archive.pdfa.to_pdfa`)
    info      the metadata stamped on the archive copy (:class:`ArchiveInfo`), ArchiveError
    xmp       the XMP packet, written as fixed text
    refusals  what cannot become PDF/A (fonts not embedded, scripts, attachments)
    manifest  ``output/manifest.json``: read, merge, write

Nothing is imported here: pikepdf is loaded only by a build that archives.
"""
