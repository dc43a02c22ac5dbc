"""Loading stage: a report file → :class:`RawDocument` (front matter, body, positions)."""

from lagebericht.load.document import RawDocument, read_document
from lagebericht.load.yaml_tree import KeyPath, Location

__all__ = ["KeyPath", "Location", "RawDocument", "read_document"]
