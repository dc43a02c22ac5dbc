"""pikepdf's own PDF/A validator (``pikepdf.pdfa``, the ``pikepdf[pdfa]`` extra) on real reports.

It knows only the B flavours (see :mod:`tests.archive.pikepdf_verdict`); veraPDF checks
the A level itself (``tests/archive/test_verapdf.py``).
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pikepdf.pdfa
import pytest

from lagebericht.archive.pdfa import SAVE_OPTIONS, archive_info, to_pdfa
from lagebericht.archive.tagging import render_tagged
from lagebericht.validate import read_report
from tests.archive.conftest import ROOT
from tests.archive.pikepdf_verdict import LEVEL_A, verdict


def test_only_the_level_a_declarations_are_forgiven(archived: bytes) -> None:
    report = pikepdf.pdfa.validate_written(io.BytesIO(archived), "2b")
    assert {bool(LEVEL_A.search(f.message)) for f in report.findings} == {True}


def test_the_archived_seed_report_passes(archived: bytes) -> None:
    report = verdict(archived)
    assert report.passed, report.summary()
    assert report.output_intent == "RGB"


def test_the_plain_build_alone_does_not_pass(seed_pdf: bytes) -> None:
    # The validator is live: without the conversion the same (tagged) document is
    # refused; its XMP declares PDF/UA only.
    report = verdict(seed_pdf)
    assert not report.passed
    assert any("pdfaid:part" in finding.message for finding in report.findings), report.summary()


def test_a_wrong_declaration_is_refused(archived: bytes) -> None:
    with pikepdf.open(io.BytesIO(archived)) as doc:
        raw = doc.Root.Metadata.read_bytes()
        doc.Root.Metadata.write(raw.replace(b"<pdfaid:part>2<", b"<pdfaid:part>1<"))
        out = io.BytesIO()
        doc.save(out, **SAVE_OPTIONS)
    assert not verdict(out.getvalue()).passed


@pytest.mark.parametrize(
    ("source", "variant"),
    [
        ("content/2024-07/astana-sco.ru.md", {}),
        ("content/2024-07/astana-sco.de.md", {}),
        ("tests/goldens/sources/wasser-zentralasien.md", {}),
        # Watermark and distribution marking draw extra text and colours on every page.
        ("content/2024-07/astana-sco.md", {"draft": True, "classification": "Nur intern"}),
    ],
)
def test_other_reports_pass(source: str, variant: dict[str, object]) -> None:
    report = read_report(ROOT / Path(source)).report.model_copy(update=variant)
    archived = to_pdfa(render_tagged(report).pdf, archive_info(report))
    result = verdict(archived)
    assert result.passed, result.summary()


def test_save_options_are_those_the_validator_assumes() -> None:
    # The validator predicts what qpdf writes from these settings; ours must be the same.
    assert dict(SAVE_OPTIONS) == pikepdf.pdfa.resolve_save_kwargs("2b", deterministic_id=True)
