"""The PDF's last steps: its structure tree (PDF/UA-1), PDF/A-2a, the manifest.

    tagging   laid-out PDF + structure → tagged PDF (:func:`~lagebericht.archive.tagging.tag_pdf`)
    pdfa      tagged PDF bytes → PDF/A-2a bytes (:func:`~lagebericht.archive.pdfa.to_pdfa`)
    info      the metadata stamped on the archive copy (:class:`ArchiveInfo`), ArchiveError
    xmp       the XMP packet, written as fixed text
    refusals  what cannot become PDF/A (fonts not embedded, scripts, attachments)
    manifest  ``output/manifest.json``: read, merge, write

Nothing is imported here: pikepdf is loaded only by a build that writes a PDF.
"""
