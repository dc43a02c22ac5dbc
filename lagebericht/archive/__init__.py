"""Headquarters archive: PDF/A-2b post-processing and the manifest of archived reports."""
