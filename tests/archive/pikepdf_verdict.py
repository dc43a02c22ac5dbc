"""pikepdf's PDF/A validator (``pikepdf.pdfa``) asked about our PDF/A-2a files.

It knows only the B flavours and no XMP extension schemas, so it is asked for PDF/A-2b and
told of the two things a PDF/A-2a + PDF/UA-1 file declares beyond that: conformance A and
the PDF/UA identification with its schema description.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pikepdf
import pikepdf.pdfa

# What a PDF/A-2a + PDF/UA-1 file declares that the 2b validator refuses.
LEVEL_A = re.compile(
    r"pdfaid:conformance is 'A'|XMP (namespace|property) "
    r"(pdfaExtension|pdfaSchema|pdfaProperty|pdfuaid)[:=]"
)


@dataclass(frozen=True)
class Verdict:
    findings: list[pikepdf.pdfa.Finding]
    output_intent: str | None

    @property
    def passed(self) -> bool:
        return not self.findings

    def summary(self) -> str:
        return "\n".join(f"{f.rule}: {f.message}" for f in self.findings)


def verdict(pdf: bytes) -> Verdict:
    report = pikepdf.pdfa.validate_written(io.BytesIO(pdf), "2b")
    findings = [f for f in report.findings if not LEVEL_A.search(f.message)]
    return Verdict(findings, report.output_intent)
