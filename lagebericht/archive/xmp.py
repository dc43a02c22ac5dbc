"""The XMP metadata packet of a PDF/A-2b file, written as text so its bytes never vary."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from lagebericht.archive.info import Metadata, xmp_date

# Only properties of the schemas PDF/A-2 predefines (ISO 19005-2, 6.6.2.3.2): anything
# else would need an extension schema description inside the packet.
_TEMPLATE = """\
<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
{properties}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
{padding}
<?xpacket end="w"?>"""

# Room for editors to update the packet in place, as the XMP specification recommends.
_PADDING = "\n".join(" " * 99 for _ in range(20))


def _alt(name: str, value: str, language: str) -> str:
    # x-default is the entry PDF/A compares with Info; the report language is repeated.
    items = [f'<rdf:li xml:lang="x-default">{escape(value)}</rdf:li>']
    if language:
        items.append(f"<rdf:li xml:lang={quoteattr(language)}>{escape(value)}</rdf:li>")
    return _container(name, "Alt", items)


def _container(name: str, kind: str, items: list[str]) -> str:
    inner = "".join(f"\n     {item}" for item in items)
    return f"   <{name}>\n    <rdf:{kind}>{inner}\n    </rdf:{kind}>\n   </{name}>"


def _simple(name: str, value: str) -> str:
    return f"   <{name}>{escape(value)}</{name}>"


def xmp_packet(meta: Metadata) -> bytes:
    """The packet for ``meta``: every Info entry has its XMP twin with the same value."""
    moment = xmp_date(meta.timestamp)
    properties = []
    if meta.title:
        properties.append(_alt("dc:title", meta.title, meta.language))
    if meta.author:
        # PDF/A compares Info /Author with a dc:creator holding exactly one entry.
        properties.append(_container("dc:creator", "Seq", [_li(meta.author)]))
    if meta.subject:
        properties.append(_alt("dc:description", meta.subject, meta.language))
    if meta.keywords:
        properties.append(_container("dc:subject", "Bag", [_li(k) for k in meta.keywords]))
        properties.append(_simple("pdf:Keywords", meta.keyword_text))
    if meta.language:
        properties.append(_container("dc:language", "Bag", [_li(meta.language)]))
    if meta.producer:
        properties.append(_simple("pdf:Producer", meta.producer))
    if meta.creator_tool:
        properties.append(_simple("xmp:CreatorTool", meta.creator_tool))
    properties += [
        _simple("xmp:CreateDate", moment),
        _simple("xmp:ModifyDate", moment),
        _simple("xmp:MetadataDate", moment),
    ]
    text = _TEMPLATE.format(properties="\n".join(properties), padding=_PADDING)
    return text.encode("utf-8")


def _li(value: str) -> str:
    return f"<rdf:li>{escape(value)}</rdf:li>"
