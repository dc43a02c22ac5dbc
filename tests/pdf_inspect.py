"""Reading built PDFs back in tests: text per page, fonts, words in order."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pdfplumber
from pypdf import PdfReader

BASE14 = re.compile(r"^(Helvetica|Times|Courier|Symbol|ZapfDingbats)", re.IGNORECASE)


@dataclass(frozen=True)
class FontInfo:
    name: str
    embedded: bool


def fonts(pdf: bytes) -> list[FontInfo]:
    """Every font resource on every page (and inside forms), with whether it is embedded."""
    reader = PdfReader(io.BytesIO(pdf))
    seen: dict[str, FontInfo] = {}

    def visit(resources: object) -> None:
        res = resources.get_object() if hasattr(resources, "get_object") else resources
        if not isinstance(res, dict):
            return
        for font in (res.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            name = str(font.get("/BaseFont"))
            seen[f"{name}-{id(font)}"] = FontInfo(name=name, embedded=embedded)
        for xobject in (res.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                visit(xobject["/Resources"])

    for page in reader.pages:
        if "/Resources" in page:
            visit(page["/Resources"])
    return list(seen.values())


def page_texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def chars(pdf: bytes) -> list[list[dict[str, object]]]:
    """pdfplumber's characters per page (text, fontname, size, top, x0…)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [list(page.chars) for page in doc.pages]


def number(found: Mapping[str, object], key: str) -> float:
    """A numeric attribute (x0, top, size…) of a pdfplumber char or word, typed as one."""
    value = found[key]
    assert isinstance(value, int | float), f"{key} is {value!r}, not a number"
    return float(value)
