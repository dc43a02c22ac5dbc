"""Info dictionary and XMP packet of the archive copy: the same values, from one source."""

from __future__ import annotations

import datetime as dt

import pytest

from lagebericht.archive.info import ArchiveInfo, pdf_date, plain, xmp_date
from lagebericht.archive.pdfa import to_pdfa
from lagebericht.model import Report
from tests.archive import pdfa_checks
from tests.archive.pdfa_checks import open_pdf, xmp_tree, xmp_value


def info_of(pdf: bytes) -> dict[str, str]:
    with open_pdf(pdf) as doc:
        return {key: str(value) for key, value in doc.docinfo.items()}


def test_layout_metadata_survives(seed_pdf: bytes, archived: bytes) -> None:
    before, after = info_of(seed_pdf), info_of(archived)
    for key in ("/Title", "/Author", "/Subject", "/Keywords", "/Creator"):
        assert after[key] == before[key]
    assert after["/Title"] == "Kazakhstan – Shanghai Cooperation Organisation"


def test_dates_are_the_report_date_at_midnight_utc(archived: bytes) -> None:
    info = info_of(archived)
    assert info["/CreationDate"] == info["/ModDate"] == "D:20240705000000+00'00'"
    with open_pdf(archived) as doc:
        tree = xmp_tree(doc)
        assert tree is not None
        moment = dt.datetime(2024, 7, 5, tzinfo=dt.UTC)
        assert xmp_value(tree, "/CreationDate") == moment
        assert xmp_value(tree, "/ModDate") == moment


def test_every_info_entry_has_an_equal_xmp_twin(archived: bytes) -> None:
    with open_pdf(archived) as doc:
        assert set(doc.docinfo.keys()) == {
            "/Title",
            "/Author",
            "/Subject",
            "/Keywords",
            "/Creator",
            "/Producer",
            "/CreationDate",
            "/ModDate",
        }
        assert pdfa_checks.info_xmp_agreement(doc) == []


def test_xmp_carries_language_and_keywords(archived: bytes) -> None:
    with open_pdf(archived) as doc, doc.open_metadata(set_pikepdf_as_editor=False) as meta:
        assert meta["dc:language"] == {"en"}
        assert "SCO" in meta["dc:subject"]
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "A"
        assert str(doc.Root.Lang) == "en"


def test_overrides_go_to_info_and_xmp_alike(seed_pdf: bytes) -> None:
    info = ArchiveInfo(
        date=dt.date(2025, 1, 31),
        title='Tom & Jerry <"quoted">\u00a0ties\x07',
        author="",
        subject="Über Ölpreise",
        keywords=("a & b", " ", "c"),
        language="de",
        creator_tool="tool 1",
        producer="prod 2",
    )
    archived = to_pdfa(seed_pdf, info)
    with open_pdf(archived) as doc:
        assert pdfa_checks.problems(archived) == []
        entries = {key: str(value) for key, value in doc.docinfo.items()}
        assert entries == {
            "/Title": 'Tom & Jerry <"quoted"> ties',
            "/Subject": "Über Ölpreise",
            "/Keywords": "a & b, c",
            "/Creator": "tool 1",
            "/Producer": "prod 2",
            "/CreationDate": "D:20250131000000+00'00'",
            "/ModDate": "D:20250131000000+00'00'",
        }
        tree = xmp_tree(doc)
        assert tree is not None
        assert tree.find(".//dc:creator", pdfa_checks.NS) is None  # empty author: neither
        assert str(doc.Root.Lang) == "de"


def test_empty_texts_are_left_out_of_both(seed_pdf: bytes) -> None:
    info = ArchiveInfo(
        date=dt.date(2024, 7, 5), title="", subject=" ", keywords=(), creator_tool="", producer=""
    )
    archived = to_pdfa(seed_pdf, info)
    with open_pdf(archived) as doc:
        assert set(doc.docinfo.keys()) == {"/Author", "/CreationDate", "/ModDate"}
        tree = xmp_tree(doc)
        assert tree is not None
        for name in (
            "dc:title",
            "dc:description",
            "pdf:Keywords",
            "xmp:CreatorTool",
            "pdf:Producer",
        ):
            assert tree.find(f".//{name}", pdfa_checks.NS) is None, name
        assert pdfa_checks.info_xmp_agreement(doc) == []


def test_archive_info_of_a_report(seed_report: Report) -> None:
    from lagebericht.archive.pdfa import archive_info

    info = archive_info(seed_report)
    assert (info.date, info.language) == (dt.date(2024, 7, 5), "en")
    assert info.title is None  # kept as the layout wrote it


@pytest.mark.parametrize(
    ("moment", "pdf", "xmp"),
    [
        (
            dt.datetime(2024, 7, 5, tzinfo=dt.UTC),
            "D:20240705000000+00'00'",
            "2024-07-05T00:00:00+00:00",
        ),
        (
            dt.datetime(2024, 7, 5, 9, 30, tzinfo=dt.timezone(-dt.timedelta(hours=5, minutes=30))),
            "D:20240705093000-05'30'",
            "2024-07-05T09:30:00-05:30",
        ),
    ],
)
def test_date_formats(moment: dt.datetime, pdf: str, xmp: str) -> None:
    assert (pdf_date(moment), xmp_date(moment)) == (pdf, xmp)


def test_plain_removes_ties_and_control_characters() -> None:
    assert plain(" a\u00a0b\u202fc\x00d\te ") == "a b c d\te"
