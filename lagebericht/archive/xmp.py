"""The XMP metadata packet of a PDF/UA-1 (and PDF/A-2a) file, written as text so its bytes
never vary."""

from __future__ import annotations

from lagebericht.archive.info import PDFUA_LEVEL, Metadata, xmp_date
from lagebericht.text.markup import escape, quoted

# Only properties of the schemas PDF/A-2 predefines (ISO 19005-2, 6.6.2.3.2), and the
# PDF/UA identification, whose schema PDF/A needs described inside the packet.
_TEMPLATE = """\
<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
{extension}  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
{identification}   <dc:format>application/pdf</dc:format>
{properties}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
{padding}
<?xpacket end="w"?>"""

# The pdfuaid schema described for PDF/A (ISO 19005-2, 6.6.2.3.3), as the PDF/UA
# reference suite writes it.
_UA_EXTENSION = """\
  <rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>The part of ISO 14289 followed</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
"""

# Room for editors to update the packet in place, as the XMP specification recommends.
_PADDING = "\n".join(" " * 99 for _ in range(20))


def _alt(name: str, value: str, language: str) -> str:
    # x-default is the entry PDF/A compares with Info; the report language is repeated.
    items = [f'<rdf:li xml:lang="x-default">{escape(value)}</rdf:li>']
    if language:
        items.append(f"<rdf:li xml:lang={quoted(language)}>{escape(value)}</rdf:li>")
    return _container(name, "Alt", items)


def _container(name: str, kind: str, items: list[str]) -> str:
    inner = "".join(f"\n     {item}" for item in items)
    return f"   <{name}>\n    <rdf:{kind}>{inner}\n    </rdf:{kind}>\n   </{name}>"


def _simple(name: str, value: str) -> str:
    return f"   <{name}>{escape(value)}</{name}>"


def xmp_packet(meta: Metadata, pdfa_level: str | None = "2a") -> bytes:
    """The packet for ``meta``: every Info entry has its XMP twin with the same value; it
    declares PDF/UA-1 and, unless ``pdfa_level`` is None, PDF/A (``2a``: part 2,
    conformance A)."""
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
    identification = f"   <pdfuaid:part>{PDFUA_LEVEL}</pdfuaid:part>\n"
    if pdfa_level is not None:
        part, conformance = pdfa_level[:-1], pdfa_level[-1].upper()
        identification = (
            f"   <pdfaid:part>{part}</pdfaid:part>\n"
            f"   <pdfaid:conformance>{conformance}</pdfaid:conformance>\n{identification}"
        )
    text = _TEMPLATE.format(
        extension=_UA_EXTENSION if pdfa_level is not None else "",
        identification=identification,
        properties="\n".join(properties),
        padding=_PADDING,
    )
    return text.encode("utf-8")


def _li(value: str) -> str:
    return f"<rdf:li>{escape(value)}</rdf:li>"
