"""What no conversion to PDF/A can repair: fonts that are not embedded, scripts, attachments.

These are refused rather than removed: dropping a font or an attachment would change what
the document says, and a report never needs any of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

from lagebericht.archive.info import PDFA_LEVEL, ArchiveError

# What PDF/A-2 forbids, or (embedded files) allows only when they are PDF/A themselves,
# which a report never needs: keys, action types (/S) and object types (/Type).
_FORBIDDEN_KEYS: Mapping[str, str] = MappingProxyType(
    {"/JS": "JavaScript", "/JavaScript": "JavaScript", "/EmbeddedFiles": "embedded files"}
)
_FORBIDDEN_VALUES: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("/S", "/JavaScript"): "JavaScript",
        ("/S", "/Launch"): "a launch action",
        ("/Type", "/EmbeddedFile"): "an embedded file",
    }
)


class NotArchivableError(ArchiveError):
    """The PDF has something PDF/A forbids that conversion cannot repair."""


class FontNotEmbeddedError(NotArchivableError):
    """A font the PDF uses is not embedded (e.g. a base-14 font such as Helvetica)."""

    def __init__(self, fonts: tuple[str, ...]) -> None:
        self.fonts = fonts
        super().__init__(
            f"cannot archive as PDF/A-{PDFA_LEVEL}: font(s) not embedded: {', '.join(fonts)}"
            " (PDF/A needs every font embedded; the theme must use its own TTF fonts)"
        )


def refuse_unarchivable(doc: Pdf) -> None:
    """Raise :class:`NotArchivableError` if ``doc`` has what PDF/A forbids, or is not
    tagged (level A needs the logical structure, which only the layout knows)."""
    missing: set[str] = set()
    for obj in _dictionaries(doc):
        found = [_FORBIDDEN_KEYS[key] for key in sorted(_FORBIDDEN_KEYS.keys() & set(obj.keys()))]
        found += [
            what
            for (key, value), what in _FORBIDDEN_VALUES.items()
            if str(obj.get(key, "")) == value
        ]
        if found:
            raise NotArchivableError(
                f"cannot archive as PDF/A-{PDFA_LEVEL}: the PDF contains {found[0]}"
            )
        if obj.get("/Type") == Name.Font and not _embedded(obj):
            missing.add(str(obj.get("/BaseFont", "(unnamed font)")).lstrip("/"))
    if missing:
        raise FontNotEmbeddedError(tuple(sorted(missing)))
    if "/StructTreeRoot" not in doc.Root:
        raise NotArchivableError(
            f"cannot archive as PDF/A-{PDFA_LEVEL}: the PDF is not tagged (no structure tree)"
        )


def _dictionaries(doc: Pdf) -> Iterator[Dictionary | pikepdf.Stream]:
    """Every dictionary and stream reachable from the trailer, direct ones included."""
    seen: set[tuple[int, int]] = set()
    pending: list[object] = [doc.trailer]
    while pending:
        obj = pending.pop()
        if not isinstance(obj, Dictionary | pikepdf.Stream | Array):
            continue  # numbers, names and strings hold nothing further
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, Array):
            pending.extend(obj)
        else:
            yield obj
            pending.extend(value for _, value in obj.items())


def _embedded(font: pikepdf.Object) -> bool:
    subtype = font.get("/Subtype")
    if subtype == Name.Type3:
        return True  # glyphs are content streams inside the font: nothing to embed
    if subtype == Name.Type0:
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, Array) or len(descendants) != 1:
            return False
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    if not isinstance(descriptor, Dictionary):
        return False
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
