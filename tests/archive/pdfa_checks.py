"""Structural PDF/A-2b checks of our own, independent of the code under test.

pikepdf's validator is thorough, but it does not compare Info with XMP for PDF/A-2 (ISO
19005-2 dropped that rule) and a second, simpler opinion guards against both being wrong
the same way. Each function returns what is wrong, as readable strings (empty: fine).
"""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream
from pikepdf.models.metadata import decode_pdf_date

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FORBIDDEN = ("/JS", "/JavaScript", "/Launch", "/EmbeddedFiles", "/EF")


def open_pdf(pdf: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf))


def output_intent(doc: pikepdf.Pdf) -> list[str]:
    intents = doc.Root.get("/OutputIntents")
    if not isinstance(intents, Array) or len(intents) == 0:
        return ["no /OutputIntents"]
    wrong = []
    for intent in intents:
        if intent.get("/S") != Name.GTS_PDFA1:
            wrong.append(f"output intent subtype {intent.get('/S')}")
        profile = intent.get("/DestOutputProfile")
        if not isinstance(profile, Stream):
            wrong.append("no embedded /DestOutputProfile")
            continue
        icc = profile.read_bytes()
        if profile.get("/N") != 3:
            wrong.append(f"/N is {profile.get('/N')}, not 3")
        if icc[36:40] != b"acsp" or int.from_bytes(icc[:4], "big") != len(icc):
            wrong.append("the profile is not a complete ICC profile")
        if icc[16:20] != b"RGB " or icc[12:16] not in (b"mntr", b"prtr"):
            wrong.append(f"profile class/space {icc[12:20]!r}, not an RGB output profile")
        if icc[8] > 4:
            wrong.append(f"ICC version {icc[8]} is newer than PDF/A-2 allows")
    return wrong


def xmp_tree(doc: pikepdf.Pdf) -> ET.Element | None:
    metadata = doc.Root.get("/Metadata")
    if not isinstance(metadata, Stream):
        return None
    return ET.fromstring(metadata.read_bytes())


def xmp_identification(doc: pikepdf.Pdf) -> list[str]:
    metadata = doc.Root.get("/Metadata")
    if not isinstance(metadata, Stream):
        return ["no /Metadata stream"]
    wrong = []
    if "/Filter" in metadata:
        wrong.append("the metadata stream is compressed")
    raw = metadata.read_bytes()
    if not raw.startswith('<?xpacket begin="\ufeff"'.encode()):
        wrong.append("no xpacket header")
    tree = ET.fromstring(raw)
    if _text(tree, "pdfaid:part") != "2":
        wrong.append(f"pdfaid:part is {_text(tree, 'pdfaid:part')!r}")
    if _text(tree, "pdfaid:conformance") != "A":
        wrong.append(f"pdfaid:conformance is {_text(tree, 'pdfaid:conformance')!r}")
    return wrong


def _text(tree: ET.Element, name: str) -> str | None:
    found = tree.find(f".//rdf:Description/{name}", NS)
    return None if found is None else found.text


def _items(tree: ET.Element, name: str) -> list[ET.Element]:
    return tree.findall(f".//rdf:Description/{name}/*/rdf:li", NS)


def xmp_value(tree: ET.Element, info_key: str) -> str | dt.datetime | None:
    """The XMP twin of an Info entry, in the form PDF/A compares it."""
    if info_key in ("/Title", "/Subject"):
        name = "dc:title" if info_key == "/Title" else "dc:description"
        default = [li.text for li in _items(tree, name) if li.get(XML_LANG) == "x-default"]
        return default[0] if len(default) == 1 else None
    if info_key == "/Author":
        creators = [li.text for li in _items(tree, "dc:creator")]
        return creators[0] if len(creators) == 1 else None
    if info_key in ("/CreationDate", "/ModDate"):
        name = "xmp:CreateDate" if info_key == "/CreationDate" else "xmp:ModifyDate"
        value = _text(tree, name)
        return None if value is None else dt.datetime.fromisoformat(value)
    names = {"/Keywords": "pdf:Keywords", "/Creator": "xmp:CreatorTool"}
    return _text(tree, names.get(info_key, "pdf:Producer"))


def info_xmp_agreement(doc: pikepdf.Pdf) -> list[str]:
    tree = xmp_tree(doc)
    if tree is None:
        return ["no XMP"]
    wrong = []
    for key, value in doc.docinfo.items():
        if key == "/Trapped":
            wrong.append("/Trapped has no XMP twin in the PDF/A-2 schemas")
            continue
        info: str | dt.datetime = str(value)
        if key in ("/CreationDate", "/ModDate"):
            info = decode_pdf_date(str(value))
        if xmp_value(tree, key) != info:
            wrong.append(f"Info {key} {info!r} != XMP {xmp_value(tree, key)!r}")
    return wrong


def encryption(doc: pikepdf.Pdf) -> list[str]:
    return ["encrypted"] if doc.is_encrypted or "/Encrypt" in doc.trailer else []


def trailer_id(doc: pikepdf.Pdf) -> list[str]:
    ids = doc.trailer.get("/ID")
    if not isinstance(ids, Array) or len(ids) != 2:
        return ["no trailer /ID pair"]
    return [] if all(len(bytes(i)) == 16 for i in ids) else ["malformed /ID"]


def walk(doc: pikepdf.Pdf) -> Iterator[Dictionary | Stream]:
    """Every dictionary and stream of the file, direct or indirect, once."""
    seen: set[tuple[int, int]] = set()
    stack: list[object] = [doc.trailer, *doc.objects]
    while stack:
        obj = stack.pop()
        if not isinstance(obj, Dictionary | Stream | Array):
            continue  # pikepdf hands out numbers, names and strings as Python values
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, Dictionary | Stream):
            yield obj
            stack.extend(value for _, value in obj.items())
        elif isinstance(obj, Array):
            stack.extend(obj)


def unembedded_fonts(doc: pikepdf.Pdf) -> list[str]:
    wrong = []
    for obj in walk(doc):
        if obj.get("/Type") != Name.Font or obj.get("/Subtype") in (Name.Type3, Name.Type0):
            continue  # a Type0 font is checked through its descendant (also /Type /Font)
        descriptor = obj.get("/FontDescriptor")
        files = ("/FontFile", "/FontFile2", "/FontFile3")
        if not isinstance(descriptor, Dictionary) or not any(f in descriptor for f in files):
            wrong.append(f"font {obj.get('/BaseFont')} is not embedded")
    return wrong


def forbidden_names(doc: pikepdf.Pdf) -> list[str]:
    wrong = []
    for obj in walk(doc):
        wrong += [f"{key} present" for key in obj if key in FORBIDDEN]
        if obj.get("/S") in (Name.JavaScript, Name.Launch):
            wrong.append(f"{obj.get('/S')} action")
        if obj.get("/Type") == Name.EmbeddedFile:
            wrong.append("embedded file")
    return wrong


def annotation_flags(doc: pikepdf.Pdf) -> list[str]:
    wrong = []
    for number, page in enumerate(doc.pages, start=1):
        for annotation in page.obj.get("/Annots", Array()):
            flags = int(annotation.get("/F", 0))
            if not flags & 4 or flags & (1 | 2 | 32 | 256):
                wrong.append(f"page {number}: annotation flags {flags}")
    return wrong


def language(doc: pikepdf.Pdf) -> list[str]:
    return [] if str(doc.Root.get("/Lang", "")) else ["no /Lang"]


ALL = (
    output_intent,
    xmp_identification,
    info_xmp_agreement,
    encryption,
    trailer_id,
    unembedded_fonts,
    forbidden_names,
    annotation_flags,
    language,
)


def problems(pdf: bytes) -> list[str]:
    with open_pdf(pdf) as doc:
        return [problem for check in ALL for problem in check(doc)]
